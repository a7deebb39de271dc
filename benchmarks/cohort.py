"""A cohort: one ranking per person for many distinct people, as a nutrition app or a
study would ask, with the default (pattern) scorer beside the classic one in one run.

Each profile is distinct (its age is a random real number) and drawn from a seeded
generator: age 18-95, either sex, a diet, sun, alcohol and activity answer or none, up
to three of the packaged medications and up to two conditions, all picked uniformly.
Profiles are built before the clock starts, and the garbage collector is paused while
timing (as :mod:`timeit` does); the time is that of
``nutrients_for_symptom(symptoms, profile)`` for each. The default scorer is timed after
a warm-up over 20,000 other distinct profiles from the same generator, as in the middle
of a long cohort run: a ranking depends only on the facts that matter to it (the risk
factors that speak), which people share, so most answers are then kept ones. The cost of
a question whose facts were never seen is timed apart (``new_facts``: every answer kept
for a person is forgotten before each call; how the question was read stays). The
classic scorer keeps nothing per profile.
"""

from __future__ import annotations

import contextlib
import gc
import random
import time
from collections.abc import Iterator

import cramps
from cramps.knowledge import KnowledgeBase
from cramps.pattern import DEFAULT, Model
from cramps.profiles import Profile

SYMPTOM_SETS: tuple[tuple[str, ...], ...] = (("leg cramps",), ("leg cramps", "tingling", "fatigue"))


def profiles(kb: KnowledgeBase, count: int, seed: int) -> list[Profile]:
    """``count`` distinct random profiles (see the module's description)."""
    rng = random.Random(seed)
    medications = sorted(f.id for f in kb.factors if f.kind.value == "medication")
    conditions = sorted(f.id for f in kb.factors if f.kind.value == "medical_condition")
    made = []
    for _ in range(count):
        sex = rng.choice(["female", "male"])
        made.append(
            Profile(
                age=rng.uniform(18.0, 95.0),
                sex=sex,
                medications=rng.sample(medications, rng.randint(0, 3)),
                conditions=rng.sample(conditions, rng.randint(0, 2)),
                diet=rng.choice([None, "omnivore", "vegetarian", "vegan"]),
                sun_exposure=rng.choice([None, "little", "moderate", "plenty"]),
                alcohol=rng.choice([None, "none", "moderate", "heavy"]),
                activity=rng.choice([None, "sedentary", "moderate", "heavy"]),
            )
        )
    return made


def _per_profile(kb: KnowledgeBase, symptoms: tuple[str, ...], people: list[Profile], scorer: str) -> float:
    asked = list(symptoms)
    with _no_gc():
        start = time.perf_counter()
        for person in people:
            kb.nutrients_for_symptom(asked, person, scorer=scorer)
        return (time.perf_counter() - start) / len(people)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """The garbage collector paused while timing, as :mod:`timeit` does, so that a
    collection of the tens of thousands of profiles built beforehand does not land on
    whichever call happens to trigger it."""
    was = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _new_facts(kb: KnowledgeBase, symptoms: tuple[str, ...], people: list[Profile]) -> float:
    model = Model.of(kb, DEFAULT)
    asked = list(symptoms)
    with _no_gc():
        start = time.perf_counter()
        for person in people:
            model.clear(people_only=True)
            kb.nutrients_for_symptom(asked, person)
        return (time.perf_counter() - start) / len(people)


def run(count: int = 50_000, warm_count: int = 20_000, classic_count: int = 2_000) -> list[dict[str, object]]:
    """Seconds per profile for each symptom set: default scorer (warm, and for facts never
    seen) and classic scorer, in this one run."""
    kb = cramps.default_kb()
    warm, people = profiles(kb, warm_count, seed=1), profiles(kb, count, seed=2)
    rows: list[dict[str, object]] = []
    for symptoms in SYMPTOM_SETS:
        _per_profile(kb, symptoms, warm, "default")
        default = _per_profile(kb, symptoms, people, "default")
        new_facts = _new_facts(kb, symptoms, people[:classic_count])
        _per_profile(kb, symptoms, warm[:200], "classic")
        classic = _per_profile(kb, symptoms, people[:classic_count], "classic")
        rows.append(
            {
                "symptoms": list(symptoms),
                "profiles": count,
                "warm_profiles": warm_count,
                "default": default,
                "new_facts": new_facts,
                "classic_profiles": classic_count,
                "classic": classic,
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
