"""Invariants of the default (pattern) scorer that a caller relies on, on the packaged data."""

from __future__ import annotations

import math

import attrs
from hypothesis import given
from hypothesis import strategies as st

import cramps
from cramps import Profile, Ranking
from cramps.evidence import Direction, Relation
from cramps.pattern import CAUSE_RELATIONS
from cramps.scoring import Query, get

KB = cramps.default_kb()
SYMPTOMS = sorted(s.id for s in KB.symptoms)
MEDICATIONS = sorted(f.id for f in KB.factors if f.kind.value == "medication")
CONDITIONS = sorted(f.id for f in KB.factors if f.kind.value in ("medical_condition", "physiological_state"))
CONDITIONS.remove("pregnancy")  # a Profile says pregnant=True instead

profiles = st.builds(
    Profile,
    age=st.none() | st.floats(0, 110),
    sex=st.none() | st.just("male"),
    medications=st.lists(st.sampled_from(MEDICATIONS), max_size=3, unique=True).map(tuple),
    conditions=st.lists(st.sampled_from(CONDITIONS), max_size=2, unique=True).map(tuple),
    diet=st.none() | st.sampled_from(["omnivore", "vegetarian", "vegan"]),
    sun_exposure=st.none() | st.sampled_from(["little", "moderate", "plenty"]),
    alcohol=st.none() | st.sampled_from(["none", "moderate", "heavy"]),
    activity=st.none() | st.sampled_from(["sedentary", "moderate", "heavy"]),
)
symptom_sets = st.lists(st.sampled_from(SYMPTOMS), min_size=1, max_size=4, unique=True)


def scores(ranking: Ranking[object]) -> dict[str, float]:
    return {r.record.id: r.score for r in ranking}  # type: ignore[attr-defined]


def explains(nutrient_or_factor: str, symptom: str) -> bool:
    """Whether a supporting cause claim links the candidate to ``symptom`` (or to a
    broader symptom), and no contrary claim bears on it."""
    related = {symptom, *KB.broader_symptoms(symptom)}
    near = related | KB.narrower_symptoms(symptom)
    claims = [c for c in KB.claims_about(nutrient_or_factor) if CAUSE_RELATIONS.get(c.relation)]
    supports = any(c.direction is Direction.SUPPORTS and related & set(c.targets) for c in claims)
    contrary = any(c.direction is Direction.NO_EFFECT and near & set(c.targets) for c in claims)
    return supports and not contrary


@given(symptom_sets, st.sampled_from(SYMPTOMS), profiles)
def test_adding_a_symptom_a_nutrient_explains_never_lowers_it(
    symptoms: list[str], extra: str, profile: Profile
) -> None:
    before = scores(KB.nutrients_for_symptom(symptoms, profile))
    after = scores(KB.nutrients_for_symptom([*symptoms, extra], profile))
    for nutrient, value in before.items():
        if explains(nutrient, extra):
            assert after[nutrient] >= value


@given(symptom_sets, profiles, st.sampled_from(MEDICATIONS))
def test_adding_an_unrelated_medication_never_lowers_a_nutrient(
    symptoms: list[str], profile: Profile, medication: str
) -> None:
    """A medication of no class the person's medicines belong to adds risk, never less;
    one of a narrower class replaces its class's claims, so it is left out here."""
    kin = {medication, *KB.broader_factors(medication), *KB.narrower_factors(medication)}
    if kin & {m for given in profile.medications for m in (given, *KB.broader_factors(given))}:
        return
    before = scores(KB.nutrients_for_symptom(symptoms, profile))
    more = attrs.evolve(profile, medications=(*profile.medications, medication))
    after = scores(KB.nutrients_for_symptom(symptoms, more))
    for nutrient, value in before.items():
        assert after[nutrient] >= value


contradictions = st.sampled_from(
    [
        ({"age": 25.0}, "ageing"),
        ({"sex": "male"}, "pregnancy"),
        ({"age": 72.0}, "pregnancy"),
        ({"diet": "omnivore"}, "vegan-diet"),
        ({"diet": "omnivore"}, "vegetarian-diet"),
        ({"alcohol": "none"}, "heavy-alcohol-use"),
        ({"sun_exposure": "plenty"}, "little-sun-exposure"),
        ({"activity": "sedentary"}, "exercise"),
    ]
)


@given(symptom_sets, contradictions)
def test_a_contradicting_profile_fact_never_raises_a_factor_and_rules_it_out(
    symptoms: list[str], contradiction: tuple[dict[str, object], str]
) -> None:
    fields, factor = contradiction
    before = scores(KB.factors_for_symptom(symptoms))
    after = scores(KB.factors_for_symptom(symptoms, Profile(**fields)))  # type: ignore[arg-type]
    assert after.get(factor, 0.0) <= before.get(factor, 0.0)
    assert factor not in after


@given(symptom_sets, profiles, st.lists(st.sampled_from(SYMPTOMS), max_size=2, unique=True))
def test_reason_weights_add_up_to_the_score(symptoms: list[str], profile: Profile, absent: list[str]) -> None:
    for result in KB.rank(symptoms, profile, absent=absent):
        assert math.isclose(math.fsum(r.weight for r in result.reasons), result.score, abs_tol=1e-9)


@given(symptom_sets, profiles, st.lists(st.sampled_from(SYMPTOMS), max_size=2, unique=True))
def test_lazy_explanations_are_the_eager_ones(symptoms: list[str], profile: Profile, absent: list[str]) -> None:
    """The default ranking makes reasons on first access; scoring each candidate eagerly
    with the same scorer gives the same scores and reasons."""
    ranking = KB.rank(symptoms, profile, absent=absent)
    present = [s for s in symptoms if s not in absent]
    query = Query(
        symptoms=tuple(KB.symptom(s) for s in symptoms),
        profile=profile,
        absent=tuple(KB.symptom(s) for s in absent if s not in present),
    )
    scorer = get("pattern")
    for result in ranking:
        eager = scorer.score(result.record, query, KB)
        assert (eager.value, eager.reasons) == (result.score, result.reasons)
    assert ranking == KB.rank(symptoms, profile, absent=absent, scorer="pattern")


@given(symptom_sets, profiles)
def test_an_absent_finding_never_raises_a_score(symptoms: list[str], profile: Profile) -> None:
    before = scores(KB.nutrients_for_symptom(symptoms, profile))
    for gone in SYMPTOMS[:8]:
        if gone in symptoms:
            continue
        after = scores(KB.nutrients_for_symptom(symptoms, profile, absent=[gone]))
        for nutrient, value in after.items():
            assert value <= before[nutrient]


def test_depletes_claims_of_a_class_do_not_speak_for_a_narrower_class() -> None:
    """The most specific class speaks: a potassium-sparing diuretic does not inherit the
    claim that diuretics in general lower potassium."""
    general = [c for c in KB.claims_about("diuretics") if c.relation is Relation.DEPLETES]
    assert any("potassium" in c.targets for c in general)
    spironolactone = KB.profile(medications=["spironolactone"])
    ranking = KB.nutrients_for_symptom("leg cramps", spironolactone)
    potassium = next(r for r in ranking if r.record.id == "potassium")
    assert not {r.claim for r in potassium.reasons} & {c.id for c in general}
    assert potassium.score == scores(KB.nutrients_for_symptom("leg cramps"))["potassium"]
