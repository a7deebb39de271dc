"""A soak run: many threads ask mixed questions with random valid and invalid arguments,
while the resident memory is sampled; run in a subprocess by tests/test_soak.py, and on its
own as ``python tests/soak.py [QUERIES] [THREADS]``, which prints a JSON summary.

Each question is drawn from a pool of names, phrases, limits, bases, diets and profiles,
valid and not, as a service built on cramps would be asked: most questions repeat, some are
new, some are wrong. An error cramps documents (a CrampsError, TypeError or ValueError) is an
answer; any other exception is counted by type and reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import cramps
from cramps import CrampsError

NUTRIENTS = ("magnesium", "Potassium", "calcium", "sodium", "vitamin D", "thiamin", "B12", "vitamin-k", "vitamin K2")
WRONG_NUTRIENTS = ("magnesum", "zinc", "", "water", "x" * 300, "ICD-10-CM:K74.60")
SYMPTOMS = (
    "leg cramps",
    "night cramps",
    "tingling",
    "muscle weakness",
    "fatigue",
    "HP:0003394",
    "my calf is hot and swollen",
    "cramps at night after running",
    "numb feet and tired all the time",
)
WRONG_SYMPTOMS = ("zzz", "", "   ", "magnesium", "ICD-10-CM:K74.60", "HP:9999999")
FOODS = ("banana", "spinach", "almonds", "milk", "salmon", "oats", "yogurt", "avocado", "black beans", "potato")
WRONG_FOODS = ("xyzzy", "", "01001", "usda-01001", "usda-99999", "banana split with extra sauce")
PERS = ("serving", "100g", "portion", "100kcal")
#: Most questions want a few rows; one in twenty asks for every row (limit=None).
LIMITS: tuple[Any, ...] = (1, 3, 3, 5, 5, 5, 10, 10, 10, 10, 10, 10, 10, 10, 20, 20, 25, 50, 100, None)
WRONG_LIMITS: tuple[Any, ...] = (0, -1, 2.5, "10", True, 10**400)
DIETS = (None, "vegan", "vegetarian", "omnivore")
GROUPS = (None, "Vegetables and Vegetable Products", ("Dairy and Egg Products", "Fruits and Fruit Juices"))
LOINC = (("19123-9", 2.0, "mg/dL"), ("2823-3", 4.1, "mmol/L"), ("LOINC:2132-9", 350, "pg/mL"), ("1-1", 1, "mg"))


def _profiles(rng: random.Random) -> list[Any]:
    made: list[Any] = [None]
    for _ in range(12):
        # a wrong combination (pregnant without sex='female') is no profile
        with contextlib.suppress(CrampsError, ValueError):
            made.append(
                cramps.profile(
                    age=rng.choice([None, 8, 25, 40, 67, 80, 99.5]),
                    sex=rng.choice([None, "female", "male"]),
                    diet=rng.choice([None, "vegan", "vegetarian", "omnivore"]),
                    medications=rng.sample(["omeprazole", "furosemide", "ATC:C03CA01", "metformin"], rng.randrange(3)),
                    conditions=rng.sample(["pregnancy", "ICD-10-CM:K74.60", "diabetes"], rng.randrange(2)),
                )
            )
    return made


def _pick(rng: random.Random, good: tuple[Any, ...], bad: tuple[Any, ...], wrong: float = 0.1) -> Any:
    return rng.choice(bad) if rng.random() < wrong else rng.choice(good)


def question(rng: random.Random, profiles: list[Any]) -> Callable[[], object]:
    """One random question, as a call to make."""
    kind = rng.randrange(14)
    limit = _pick(rng, LIMITS, WRONG_LIMITS, 0.05)
    nutrient = _pick(rng, NUTRIENTS, WRONG_NUTRIENTS)
    symptoms = [_pick(rng, SYMPTOMS, WRONG_SYMPTOMS) for _ in range(rng.randrange(1, 3))]
    who = rng.choice(profiles)
    if kind < 3:
        per, diet, everyday = rng.choice(PERS), rng.choice(DIETS), rng.random() < 0.8
        groups = rng.choice(GROUPS) if rng.random() < 0.2 else None
        return lambda: cramps.foods_rich_in(nutrient, limit=limit, per=per, everyday=everyday, diet=diet, groups=groups)
    if kind == 3:
        text = " ".join(rng.sample(FOODS, rng.randrange(1, 3))) if rng.random() < 0.9 else rng.choice(WRONG_FOODS)
        return lambda: cramps.search_foods(text, limit=limit)
    if kind == 4:
        name = _pick(rng, FOODS, WRONG_FOODS, 0.5)
        return lambda: cramps.food(name)
    if kind == 5:
        return lambda: cramps.nutrients_for_symptom(symptoms, who, limit=limit)
    if kind == 6:
        return lambda: cramps.triage(symptoms, who)
    if kind == 7:
        return lambda: cramps.suggest(symptoms, who, limit=limit)
    if kind == 8:
        text = rng.choice([*symptoms, nutrient, rng.choice(FOODS)])
        return lambda: cramps.search(text, limit=limit)
    if kind == 9:
        return lambda: cramps.relief_for(symptoms[0], who, limit=limit)
    if kind == 10:
        return lambda: cramps.factors_for_symptom(symptoms, who, limit=limit)
    if kind == 11:
        return lambda: cramps.daily_target(nutrient, who or cramps.profile(age=40))
    if kind == 12:
        loinc, value, unit = rng.choice(LOINC)
        return lambda: cramps.lab_result(loinc, value * rng.choice([0.5, 1, 2]), unit)
    return lambda: cramps.lab_tests_for(nutrient)


def rss_mib() -> float:
    """The resident memory of this process, in MiB (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def soak(queries: int, threads: int, seed: int = 17) -> dict[str, Any]:
    """Ask ``queries`` questions from ``threads`` threads; the summary: how many were
    asked and answered, the unexpected exceptions by type, the memory sampled about
    every 0.2 s (MiB) and the time taken."""
    profiles = _profiles(random.Random(seed))
    asked = Counter[str]()
    unexpected = Counter[str]()
    lock = threading.Lock()
    each = -(-queries // threads)

    def work(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        done, odd = 0, Counter[str]()
        for _ in range(each):
            call = question(rng, profiles)
            try:
                call()
            except (CrampsError, TypeError, ValueError):
                pass
            except Exception as error:  # what the soak is for: any other error is reported
                odd[f"{type(error).__name__}: {str(error)[:120]}"] += 1
            done += 1
        with lock:
            asked["questions"] += done
            unexpected.update(odd)

    start = time.perf_counter()
    cramps.default_kb()
    samples = [round(rss_mib(), 1)]
    workers = [threading.Thread(target=work, args=(number,)) for number in range(threads)]
    for worker in workers:
        worker.start()
    while any(worker.is_alive() for worker in workers):
        time.sleep(0.2)
        samples.append(round(rss_mib(), 1))
    for worker in workers:
        worker.join()
    samples.append(round(rss_mib(), 1))
    return {
        "questions": asked["questions"],
        "threads": threads,
        "unexpected": dict(unexpected),
        "rss_mib": samples,
        "seconds": round(time.perf_counter() - start, 1),
    }


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    width = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    print(json.dumps(soak(count, width)))
