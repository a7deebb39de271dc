"""Ranking invariants over generated profiles, symptom sets, claims and scorers."""

from __future__ import annotations

import threading

from hypothesis import given
from hypothesis import strategies as st
from tiny import claim, tiny_kb

from cramps import Claim, KnowledgeBase, Ranking
from cramps.profiles import Profile
from cramps.ranking import Score
from cramps.scoring import AnyOf, EvidenceScorer, Product, ProfileScorer, Query, WeightedMean

TINY = tiny_kb()
SYMPTOMS = [s.id for s in TINY.symptoms]
MEDICATIONS = ["diuretics", "thiazides"]
CANDIDATES = [*(n.id for n in TINY.nutrients), *(f.id for f in TINY.factors)]

profiles = st.builds(
    Profile,
    age=st.none() | st.floats(0, 130),
    medications=st.lists(st.sampled_from(MEDICATIONS), unique=True).map(tuple),
    diet=st.none() | st.sampled_from(["omnivore", "vegetarian", "vegan"]),
    sun_exposure=st.none() | st.sampled_from(["little", "moderate", "plenty"]),
)
symptom_sets = st.lists(st.sampled_from(SYMPTOMS), min_size=1, max_size=4)
base_scorers = st.sampled_from([EvidenceScorer(), ProfileScorer()])
scorers = st.recursive(
    base_scorers,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).flatmap(
            lambda parts: st.lists(st.floats(0.01, 10), min_size=len(parts), max_size=len(parts)).map(
                lambda weights: WeightedMean(scorers=parts, weights=weights)
            )
        ),
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: Product(scorers=parts)),
        st.lists(inner, min_size=1, max_size=3).map(lambda parts: AnyOf(scorers=parts)),
    ),
    max_leaves=4,
)


def scores(ranking: Ranking[object]) -> dict[str, float]:
    return {r.record.id: r.score for r in ranking}  # type: ignore[attr-defined]


def check(ranking: Ranking[object]) -> None:
    assert all(0.0 <= r.score <= 1.0 for r in ranking)
    assert [r.rank for r in ranking] == list(range(1, len(ranking) + 1))
    keys = [(-r.score, r.record.id) for r in ranking]  # type: ignore[attr-defined]
    assert keys == sorted(keys)


@given(symptom_sets, profiles, scorers, st.randoms(use_true_random=False), st.integers(1, 6))
def test_rankings_are_deterministic_sorted_and_prefix_stable(
    symptoms: list[str], profile: Profile, scorer: object, rng: object, limit: int
) -> None:
    full = TINY.rank(symptoms, profile, scorer=scorer)  # type: ignore[arg-type]
    check(full)
    shuffled = list(symptoms)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert TINY.rank(shuffled, profile, scorer=scorer) == full  # type: ignore[arg-type]
    assert TINY.rank(symptoms, profile, scorer=scorer, limit=limit) == full[:limit]  # type: ignore[arg-type]


@given(symptom_sets, profiles, st.sampled_from(MEDICATIONS))
def test_adding_a_risk_factor_never_lowers_a_classic_score(
    symptoms: list[str], profile: Profile, medication: str
) -> None:
    """The classic scorer lets a broader class's claim speak for every member; the
    default scorer's own property is in test_pattern_properties.py."""
    before = scores(TINY.rank(symptoms, profile, scorer="classic"))
    more = Profile(
        age=profile.age,
        diet=profile.diet,
        sun_exposure=profile.sun_exposure,
        medications=(*profile.medications, medication),
    )
    after = scores(TINY.rank(symptoms, more, scorer="classic"))
    for candidate, value in before.items():
        assert after[candidate] >= value


claim_kinds = st.tuples(
    st.sampled_from(CANDIDATES[:4]),
    st.sampled_from(["causes", "associated", "treats"]),
    st.lists(st.sampled_from(SYMPTOMS), min_size=1, max_size=2, unique=True),
    st.sampled_from(["A", "A-low", "B", "C", "R", "D", "E"]),
    st.none() | st.just("older adults"),
)


def with_claim(
    subject: str, relation: str, targets: list[str], direction: str, grade: str, context: str | None
) -> tuple[KnowledgeBase, Claim]:
    extra = claim("generated-claim", subject, relation, targets, direction, grade, context=context)
    return TINY.extended({"claims": [extra]}), extra


@given(symptom_sets, profiles, claim_kinds)
def test_a_supporting_claim_never_lowers_and_a_no_effect_claim_never_raises(
    symptoms: list[str], profile: Profile, kind: tuple[str, str, list[str], str, str | None]
) -> None:
    subject, relation, targets, grade, context = kind
    before = scores(TINY.rank(symptoms, profile))
    supported, _ = with_claim(subject, relation, targets, "supports", grade, context)
    refuted, _ = with_claim(subject, relation, targets, "no_effect", grade, context)
    assert scores(supported.rank(symptoms, profile)).get(subject, 0.0) >= before.get(subject, 0.0)
    assert scores(refuted.rank(symptoms, profile)).get(subject, 0.0) <= before.get(subject, 0.0)


@given(symptom_sets, profiles, base_scorers, st.floats(0.01, 100))
def test_weighted_mean_identities(symptoms: list[str], profile: Profile, scorer: object, scale: float) -> None:
    alone = TINY.rank(symptoms, profile, scorer=scorer)  # type: ignore[arg-type]
    assert TINY.rank(symptoms, profile, scorer=WeightedMean(scorers=[scorer], weights=[scale])) == alone  # type: ignore[list-item]
    pair = [EvidenceScorer(), ProfileScorer()]
    weights = [0.6, 0.4]
    scaled = [w * scale for w in weights]
    assert TINY.rank(symptoms, profile, scorer=WeightedMean(scorers=pair, weights=weights)) == TINY.rank(
        symptoms, profile, scorer=WeightedMean(scorers=pair, weights=scaled)
    )


class Constant:
    def score(self, candidate: object, query: Query, kb: KnowledgeBase) -> Score:
        return Score(value=0.42)


@given(symptom_sets, profiles)
def test_a_constant_scorer_leaves_the_order_to_the_ids(symptoms: list[str], profile: Profile) -> None:
    ranking = TINY.rank(symptoms, profile, scorer=Constant())
    assert [r.record.id for r in ranking] == sorted(CANDIDATES)


@given(symptom_sets, profiles)
def test_scoring_is_pure(symptoms: list[str], profile: Profile) -> None:
    here = TINY.rank(symptoms, profile)
    there: list[object] = []
    thread = threading.Thread(target=lambda: there.append(TINY.rank(symptoms, profile)))
    thread.start()
    thread.join()
    assert there == [here]
    assert tiny_kb() == TINY
