"""Properties of profiles, daily targets and triage, over generated inputs."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import cramps
from cramps import Activity, Alcohol, Diet, Profile, Sex, SunExposure, TriageLevel

KB = cramps.default_kb()
DRI_NUTRIENTS = KB.person_data.targets.nutrients()
MEDICATIONS = sorted(f.id for f in KB.factors if f.kind.value == "medication")
CONDITIONS = sorted(f.id for f in KB.factors if f.kind.value == "medical_condition")
FLAG_IDS = {name: flag.id for flag in KB.red_flags for name in (flag.name, *flag.aliases)}
FLAG_NAMES = sorted(FLAG_IDS)
SYMPTOM_NAMES = sorted(name for symptom in KB.symptoms for name in (symptom.name, *symptom.aliases))

ages = st.floats(min_value=0, max_value=130, allow_nan=False)


@st.composite
def profiles(draw: st.DrawFn, *, complete: bool = False) -> Profile:
    """Valid profiles; ``complete`` ones have what a daily target needs."""
    age = draw(ages if complete else st.none() | ages)
    sex = draw(st.sampled_from(Sex) if complete else st.none() | st.sampled_from(Sex))
    state = "none"
    if sex is Sex.FEMALE and (not complete or (age is not None and 14 <= age < 51)):
        state = draw(st.sampled_from(["none", "pregnant", "lactating"]))
    return Profile(
        age=age,
        sex=sex,
        pregnant=state == "pregnant",
        lactating=state == "lactating",
        medications=draw(st.lists(st.sampled_from(MEDICATIONS), max_size=3)),
        conditions=draw(st.lists(st.sampled_from(CONDITIONS), max_size=3)),
        diet=draw(st.none() | st.sampled_from(Diet)),
        activity=draw(st.none() | st.sampled_from(Activity)),
        hot_climate=draw(st.booleans()),
        sun_exposure=draw(st.none() | st.sampled_from(SunExposure)),
        alcohol=draw(st.none() | st.sampled_from(Alcohol)),
    )


@given(profiles(complete=True))
def test_every_valid_profile_gets_a_target_for_every_nutrient_with_a_dri(profile: Profile) -> None:
    for nutrient in DRI_NUTRIENTS:
        target = cramps.daily_target(nutrient, profile)
        assert target.nutrient == nutrient
        assert target.matches(profile)
        condition = "pregnancy" if profile.pregnant else "lactation" if profile.lactating else "none"
        assert target.life_stage.condition == condition


@given(profiles(complete=True), st.sampled_from(DRI_NUTRIENTS))
def test_exactly_one_group_matches(profile: Profile, nutrient: str) -> None:
    rows = KB.person_data.targets.rows(nutrient)
    assert sum(row.matches(profile) for row in rows) == 1


@given(profiles())
def test_profiles_round_trip_through_the_converter(profile: Profile) -> None:
    data = cramps.to_dict(profile)
    again = cramps.from_dict(Profile, data)
    assert again == profile
    assert hash(again) == hash(profile)


@given(profiles())
def test_kb_profile_is_idempotent_on_ids(profile: Profile) -> None:
    fields = cramps.to_dict(profile)
    assert KB.profile(**fields) == profile


@given(
    st.lists(st.sampled_from(SYMPTOM_NAMES + FLAG_NAMES), min_size=1, max_size=4),
    st.sampled_from(FLAG_NAMES),
    st.none() | profiles(),
)
def test_adding_a_red_flag_never_lowers_the_level(symptoms: list[str], flag: str, profile: Profile | None) -> None:
    before = cramps.triage(symptoms, profile)
    after = cramps.triage([*symptoms, flag], profile)
    assert after.level >= before.level
    assert after.level > TriageLevel.SELF_CARE
    assert {f.id for f in before.flags} <= {f.id for f in after.flags}


@given(st.lists(st.sampled_from(SYMPTOM_NAMES + FLAG_NAMES), min_size=1, max_size=5), st.randoms())
def test_triage_ignores_order(symptoms: list[str], random: Any) -> None:
    shuffled = list(symptoms)
    random.shuffle(shuffled)
    assert cramps.triage(symptoms) == cramps.triage(shuffled)


@given(st.lists(st.sampled_from(SYMPTOM_NAMES + FLAG_NAMES), min_size=1, max_size=4), profiles())
def test_knowing_the_person_never_lowers_the_level(symptoms: list[str], profile: Profile) -> None:
    # A profile can add red flags (a symptom that is urgent for this person) but never
    # take one away: what the person tells about themselves must not make triage calmer.
    anonymous = cramps.triage(symptoms, None)
    personal = cramps.triage(symptoms, profile)
    assert personal.level >= anonymous.level
    assert {f.id for f in anonymous.flags} <= {f.id for f in personal.flags}
    named = {FLAG_IDS[name] for name in symptoms if name in FLAG_IDS}
    assert named <= {f.id for f in personal.flags}
    assert personal.advice
    assert personal.disclaimer == cramps.DISCLAIMER


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("age", st.one_of(st.floats(max_value=-0.001), st.floats(min_value=130.001), st.text(), st.booleans())),
        ("sex", st.text().filter(lambda t: t.strip().lower() not in {"female", "male"}) | st.integers()),
        ("diet", st.text().filter(lambda t: t.strip().lower() not in {d.value for d in Diet})),
        ("alcohol", st.integers() | st.floats()),
        ("pregnant", st.text() | st.integers() | st.none()),
        ("hot_climate", st.text() | st.integers() | st.none()),
        ("medications", st.text(min_size=1).filter(lambda t: not t.isalnum())),
        ("conditions", st.lists(st.text().filter(lambda t: t.lower() != t or not t or " " in t), min_size=1)),
    ],
)
def test_invalid_profiles_are_rejected_naming_the_field(field: str, values: st.SearchStrategy[Any]) -> None:
    @given(values)
    def check(value: Any) -> None:
        assume(not (field == "medications" and isinstance(value, list)))
        fields: dict[str, Any] = {field: value}
        if field == "pregnant":
            fields["sex"] = "female"
        with pytest.raises((TypeError, ValueError)) as caught:
            Profile(**fields)
        assert field in str(caught.value)

    check()
