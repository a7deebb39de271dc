"""Profiles: validation naming the field, name resolution, hashing and round trips."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import cramps
from cramps import Activity, Alcohol, Diet, Profile, Sex, SunExposure, UnknownTermError


def test_every_field_is_optional() -> None:
    empty = Profile()
    assert empty.age is None
    assert empty.sex is None
    assert empty.medications == ()
    assert empty.conditions == ()
    assert not empty.pregnant
    assert not empty.lactating


def test_fields_accept_enum_values_and_members() -> None:
    profile = Profile(
        age=42,
        sex="female",
        diet="Vegan",
        activity=Activity.HEAVY,
        hot_climate=True,
        sun_exposure="little",
        alcohol="moderate",
    )
    assert profile.age == 42.0
    assert isinstance(profile.age, float)
    assert profile.sex is Sex.FEMALE
    assert profile.diet is Diet.VEGAN
    assert profile.activity is Activity.HEAVY
    assert profile.sun_exposure is SunExposure.LITTLE
    assert profile.alcohol is Alcohol.MODERATE


def test_profiles_are_hashable_and_equal_whatever_the_order() -> None:
    one = Profile(age=50, medications=["statins", "proton-pump-inhibitors", "statins"])
    two = Profile(age=50.0, medications=("proton-pump-inhibitors", "statins"))
    assert one == two
    assert hash(one) == hash(two)
    assert one.medications == ("proton-pump-inhibitors", "statins")
    assert len({one, two}) == 1


def test_profiles_are_immutable() -> None:
    profile = Profile(age=30)
    with pytest.raises(AttributeError):
        profile.age = 31  # type: ignore[misc]


def test_profiles_pickle() -> None:
    profile = Profile(age=30, sex="male", medications=["statins"])
    assert pickle.loads(pickle.dumps(profile)) == profile


@pytest.mark.parametrize(
    ("fields", "error", "field"),
    [
        ({"age": -1}, ValueError, "age"),
        ({"age": 130.5}, ValueError, "age"),
        ({"age": float("nan")}, ValueError, "age"),
        ({"age": float("inf")}, ValueError, "age"),
        ({"age": "42"}, TypeError, "age"),
        ({"age": True}, TypeError, "age"),
        ({"sex": "other"}, ValueError, "sex"),
        ({"sex": 1}, TypeError, "sex"),
        ({"sex": ""}, ValueError, "sex"),
        ({"diet": "carnivore"}, ValueError, "diet"),
        ({"activity": "extreme"}, ValueError, "activity"),
        ({"sun_exposure": "none"}, ValueError, "sun_exposure"),
        ({"alcohol": "lots"}, ValueError, "alcohol"),
        ({"pregnant": "yes", "sex": "female"}, TypeError, "pregnant"),
        ({"pregnant": 1, "sex": "female"}, TypeError, "pregnant"),
        ({"lactating": None}, TypeError, "lactating"),
        ({"hot_climate": "no"}, TypeError, "hot_climate"),
        ({"pregnant": True}, ValueError, "pregnant"),
        ({"pregnant": True, "sex": "male"}, ValueError, "pregnant"),
        ({"lactating": True, "sex": "male"}, ValueError, "lactating"),
        ({"medications": "statins"}, TypeError, "medications"),
        ({"medications": ["Statins"]}, ValueError, "medications"),
        ({"medications": [""]}, ValueError, "medications"),
        ({"medications": [3]}, TypeError, "medications"),
        ({"conditions": 5}, TypeError, "conditions"),
        ({"conditions": ["kidney disease"]}, ValueError, "conditions"),
    ],
)
def test_invalid_fields_are_rejected_naming_the_field(
    fields: dict[str, Any], error: type[Exception], field: str
) -> None:
    with pytest.raises(error, match=field):
        Profile(**fields)


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(TypeError, match="weight"):
        Profile(weight=70)  # type: ignore[call-arg]


def test_positional_arguments_are_rejected() -> None:
    with pytest.raises(TypeError):
        Profile(42)  # type: ignore[misc]


# -- names resolved by the knowledge base -------------------------------------------


def test_medication_names_aliases_and_codes_resolve_to_factor_ids() -> None:
    profile = cramps.profile(age=70, sex="male", medications=["omeprazole", "PPI", "C03CA01", "Statins"])
    assert profile.medications == ("loop-diuretics", "proton-pump-inhibitors", "statins")


def test_condition_names_resolve_and_dedupe() -> None:
    profile = cramps.profile(conditions=["CKD", "dialysis", "hypothyroidism", "E11.42"])
    assert profile.conditions == ("diabetes", "kidney-disease", "thyroid-disorders")


def test_factor_records_are_accepted() -> None:
    statins = cramps.factor("statins")
    assert cramps.profile(medications=[statins]).medications == ("statins",)


def test_equal_profiles_built_from_different_names_hash_equal() -> None:
    one = cramps.profile(age=60, sex="female", medications=["furosemide", "omeprazole"])
    two = cramps.profile(age=60, sex="female", medications=["PPIs", "loop diuretic"])
    assert one == two
    assert hash(one) == hash(two)


def test_pregnancy_condition_sets_pregnant() -> None:
    profile = cramps.profile(age=30, sex="female", conditions=["pregnant"])
    assert profile.pregnant
    assert profile.conditions == ()
    assert "pregnancy" in profile.factor_ids


def test_pregnancy_condition_needs_female_sex() -> None:
    with pytest.raises(ValueError, match="pregnant"):
        cramps.profile(age=30, conditions=["pregnancy"])


def test_heavy_alcohol_is_a_factor() -> None:
    assert "heavy-alcohol-use" in cramps.profile(alcohol="heavy").factor_ids
    assert "heavy-alcohol-use" not in cramps.profile(alcohol="moderate").factor_ids


def test_unknown_medication_suggests_medications() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.profile(medications=["omeprazol"])
    assert caught.value.kind == "medication"
    assert caught.value.term == "omeprazol"
    assert caught.value.suggestions
    assert cramps.factor(caught.value.suggestions[0]).id == "proton-pump-inhibitors"


def test_unknown_condition_suggests_conditions() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.profile(conditions=["diabetis"])
    assert caught.value.kind == "condition"
    assert caught.value.suggestions
    assert all(cramps.factor(name).kind.value != "medication" for name in caught.value.suggestions)


def test_a_condition_is_not_a_medication() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.profile(medications=["diabetes"])
    assert caught.value.kind == "medication"


def test_a_medication_is_not_a_condition() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.profile(conditions=["statins"])
    assert caught.value.kind == "condition"


def test_lifestyle_factors_are_not_conditions() -> None:
    with pytest.raises(UnknownTermError):
        cramps.profile(conditions=["exercise"])


@pytest.mark.parametrize("bad", [[""], ["   "], [None], [42]])
def test_bad_medication_names(bad: list[Any]) -> None:
    with pytest.raises((TypeError, ValueError)):
        cramps.profile(medications=bad)


def test_a_single_string_counts_as_one_name() -> None:
    assert cramps.profile(medications="statins").medications == ("statins",)  # type: ignore[arg-type]


def test_kb_profile_rejects_unknown_fields() -> None:
    with pytest.raises(TypeError):
        cramps.default_kb().profile(height=180)


# -- round trip through the converter -------------------------------------------------


def test_profile_round_trips_through_the_converter() -> None:
    profile = cramps.profile(
        age=33.5,
        sex="female",
        lactating=True,
        medications=["omeprazole"],
        conditions=["hypothyroidism"],
        diet="vegetarian",
        activity="heavy",
        hot_climate=True,
        sun_exposure="plenty",
        alcohol="none",
    )
    data = cramps.to_dict(profile)
    assert data["sex"] == "female"
    assert data["medications"] == ["proton-pump-inhibitors"]
    assert cramps.from_dict(Profile, data) == profile


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"age": "old"}, "age"),
        ({"pregnant": "yes"}, "pregnant"),
        ({"sex": "unknown"}, "sex"),
        ({"weight": 3}, "weight"),
        ({"medications": "statins"}, "medications"),
    ],
)
def test_from_dict_rejects_bad_data_naming_the_field(change: dict[str, Any], field: str) -> None:
    data = cramps.to_dict(Profile(age=40, sex="male"))
    data.update(change)
    with pytest.raises(cramps.DataError, match=field):
        cramps.from_dict(Profile, data)
