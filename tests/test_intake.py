"""Daily targets: the right life-stage group at every boundary, against the DRI CSVs in data/dri."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

import cramps
from cramps import DailyTarget, IntakeKind, LimitKind, NoReferenceError, Profile, ProfileError, Unit

DRI = Path(__file__).resolve().parents[1] / "data" / "dri"
NAMES = {
    "magnesium": "magnesium",
    "potassium": "potassium",
    "calcium": "calcium",
    "sodium": "sodium",
    "vitamin D": "vitamin-d",
    "thiamin": "thiamin",
    "vitamin B12": "vitamin-b12",
    "vitamin K": "vitamin-k",
}
NUTRIENTS = sorted(NAMES.values())


def _rows(name: str) -> list[dict[str, str]]:
    with (DRI / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _csv_row(nutrient: str, label: str, sex: str, condition: str) -> dict[str, str]:
    (row,) = [
        r
        for r in _rows("intakes.csv")
        if NAMES[r["nutrient"]] == nutrient
        and r["life_stage"] == label
        and r["sex"] == sex
        and r["condition"] == condition
    ]
    return row


def _unit(text: str) -> Unit:
    return {"mg": Unit.MG, "mcg": Unit.UG}[text]


# Each boundary: (age, expected life-stage label, the row's sex for a child) on either side.
BOUNDARIES = [
    (0.0, "0-6 mo"),
    (0.49, "0-6 mo"),
    (0.5, "7-12 mo"),
    (0.99, "7-12 mo"),
    (1.0, "1-3 y"),
    (3.99, "1-3 y"),
    (4.0, "4-8 y"),
    (8.0, "4-8 y"),
    (8.99, "4-8 y"),
    (9.0, "9-13 y"),
    (13.0, "9-13 y"),
    (13.9, "9-13 y"),
    (14.0, "14-18 y"),
    (18.0, "14-18 y"),
    (18.5, "14-18 y"),
    (19.0, "19-30 y"),
    (30.0, "19-30 y"),
    (30.99, "19-30 y"),
    (31.0, "31-50 y"),
    (50.0, "31-50 y"),
    (50.7, "31-50 y"),
    (51.0, "51-70 y"),
    (70.0, "51-70 y"),
    (70.5, "51-70 y"),
    (71.0, ">70 y"),
    (100.0, ">70 y"),
    (130.0, ">70 y"),
]


@pytest.mark.parametrize("nutrient", NUTRIENTS)
@pytest.mark.parametrize("sex", ["female", "male"])
@pytest.mark.parametrize(("age", "label"), BOUNDARIES)
def test_life_stage_boundaries(nutrient: str, sex: str, age: float, label: str) -> None:
    target = cramps.daily_target(nutrient, Profile(age=age, sex=sex))
    assert target.nutrient == nutrient
    assert target.life_stage.label == label
    assert target.life_stage.condition == "none"
    assert target.life_stage.sex == ("any" if age < 9 else sex)


@pytest.mark.parametrize("nutrient", NUTRIENTS)
@pytest.mark.parametrize("sex", ["female", "male"])
@pytest.mark.parametrize(("age", "label"), BOUNDARIES)
def test_life_stage_values_match_the_csv(nutrient: str, sex: str, age: float, label: str) -> None:
    target = cramps.daily_target(nutrient, Profile(age=age, sex=sex))
    row = _csv_row(nutrient, label, "any" if age < 9 else sex, "none")
    assert target.kind is IntakeKind(row["kind"])
    assert target.amount.value == float(row["amount"])
    assert target.amount.unit is _unit(row["unit"])
    assert row["source_url"] in target.sources


PREGNANCY_AGES = [
    (14.0, "14-18 y"),
    (18.9, "14-18 y"),
    (19.0, "19-30 y"),
    (30.0, "19-30 y"),
    (31.0, "31-50 y"),
    (50.9, "31-50 y"),
]


@pytest.mark.parametrize("nutrient", NUTRIENTS)
@pytest.mark.parametrize("condition", ["pregnancy", "lactation"])
@pytest.mark.parametrize(("age", "label"), PREGNANCY_AGES)
def test_pregnancy_and_lactation_by_age(nutrient: str, condition: str, age: float, label: str) -> None:
    flag = "pregnant" if condition == "pregnancy" else "lactating"
    target = cramps.daily_target(nutrient, Profile(age=age, sex="female", **{flag: True}))
    assert target.life_stage.condition == condition
    assert target.life_stage.label == label
    row = _csv_row(nutrient, label, "female", condition)
    assert target.amount.value == float(row["amount"])
    assert target.kind is IntakeKind(row["kind"])


@pytest.mark.parametrize("age", [8.0, 12.0, 13.99, 51.0, 60.0])
@pytest.mark.parametrize("flag", ["pregnant", "lactating"])
def test_pregnancy_outside_14_to_50_is_a_clear_error(age: float, flag: str) -> None:
    with pytest.raises(ProfileError, match="14-18 y, 19-30 y, 31-50 y") as caught:
        cramps.daily_target("magnesium", Profile(age=age, sex="female", **{flag: True}))
    assert caught.value.field == "age"


def test_pregnant_and_lactating_together_is_a_clear_error() -> None:
    with pytest.raises(ProfileError, match="pregnant") as caught:
        cramps.daily_target("calcium", Profile(age=30, sex="female", pregnant=True, lactating=True))
    assert caught.value.field == "lactating"


def test_a_missing_age_says_so() -> None:
    with pytest.raises(ProfileError, match="age is needed to pick a life-stage group") as caught:
        cramps.daily_target("magnesium", Profile(sex="female"))
    assert caught.value.field == "age"
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("age", [9, 13, 14, 40, 71])
def test_a_missing_sex_from_age_9_says_so(age: float) -> None:
    with pytest.raises(ProfileError, match="sex is needed") as caught:
        cramps.daily_target("magnesium", Profile(age=age))
    assert caught.value.field == "sex"


@pytest.mark.parametrize("age", [0, 0.7, 2, 8.9])
def test_children_under_9_need_no_sex(age: float) -> None:
    assert cramps.daily_target("potassium", Profile(age=age)).life_stage.sex == "any"


def test_vitamin_k2_has_no_dri() -> None:
    with pytest.raises(NoReferenceError, match="no DRI exists") as caught:
        cramps.daily_target("vitamin K2", Profile(age=40, sex="male"))
    assert caught.value.record == "vitamin-k2"
    assert "vitamin-k" in caught.value.covered
    assert "vitamin-k2" not in caught.value.covered
    assert isinstance(caught.value, LookupError)


def test_vitamin_k_dri_applies_to_vitamin_k() -> None:
    target = cramps.daily_target("phylloquinone", Profile(age=40, sex="male"))
    assert target.nutrient == "vitamin-k"
    assert target.kind is IntakeKind.AI
    assert target.amount.value == 120.0
    assert target.amount.unit is Unit.UG
    assert target.upper_limit is None


def test_magnesium_ul_covers_supplements_only() -> None:
    target = cramps.daily_target("Mg", Profile(age=45, sex="female"))
    assert target.kind is IntakeKind.RDA
    assert target.amount.value == 320.0
    assert target.upper_limit is not None
    assert target.upper_limit.value == 350.0
    assert target.upper_limit_kind is LimitKind.UL
    assert target.upper_limit_applies_to is not None
    assert "supplement" in target.upper_limit_applies_to
    assert "food" in target.upper_limit_applies_to
    assert target.daily_value is not None
    assert target.daily_value.value == 420.0


def test_infant_magnesium_has_no_ul_and_no_daily_value() -> None:
    target = cramps.daily_target("magnesium", Profile(age=0.2))
    assert target.kind is IntakeKind.AI
    assert target.upper_limit is None
    assert target.upper_limit_kind is None
    assert target.upper_limit_note is not None
    assert "ND" in target.upper_limit_note
    assert target.daily_value is None
    assert any("under 4" in note for note in target.notes)


def test_sodium_has_a_cdrr_not_a_ul() -> None:
    target = cramps.daily_target("salt", Profile(age=40, sex="male"))
    assert target.kind is IntakeKind.AI
    assert target.amount.value == 1500.0
    assert target.upper_limit is not None
    assert target.upper_limit.value == 2300.0
    assert target.upper_limit_kind is LimitKind.CDRR
    assert any("UL" in note for note in target.notes)


def test_secondary_only_values_say_so() -> None:
    target = cramps.daily_target("sodium", Profile(age=5))
    assert any("secondary-only" in line for line in target.verification)


def test_potassium_has_no_upper_limit() -> None:
    target = cramps.daily_target("potassium", Profile(age=40, sex="male"))
    assert target.upper_limit is None
    assert target.amount.value == 3400.0


def test_vitamin_d_over_70() -> None:
    target = cramps.daily_target("vitamin D", Profile(age=75, sex="female"))
    assert target.kind is IntakeKind.RDA
    assert target.amount.value == 20.0
    assert target.upper_limit is not None
    assert target.upper_limit.value == 100.0
    assert target.daily_value is not None
    assert target.daily_value.value == 20.0


def test_pregnancy_daily_value_is_marked_as_the_general_one() -> None:
    target = cramps.daily_target("calcium", Profile(age=25, sex="female", pregnant=True))
    assert target.daily_value is not None
    assert any("pregnancy" in note for note in target.notes)


def test_upper_limits_and_daily_values_match_the_csv() -> None:
    limits = _rows("upper_limits.csv")
    values = {NAMES[row["nutrient"]]: row for row in _rows("daily_values.csv")}
    targets = cramps.default_kb().person_data.targets
    for target in targets.rows("magnesium") + targets.rows("calcium"):
        stage = target.life_stage
        (row,) = [
            r
            for r in limits
            if NAMES[r["nutrient"]] == target.nutrient
            and (r["life_stage"], r["sex"], r["condition"]) == (stage.label, stage.sex, stage.condition)
        ]
        if row["amount"]:
            assert target.upper_limit is not None
            assert target.upper_limit.value == float(row["amount"])
            assert target.upper_limit_applies_to == row["applies_to"]
        else:
            assert target.upper_limit is None
        if stage.age_min >= 4:
            assert target.daily_value is not None
            assert target.daily_value.value == float(values[target.nutrient]["amount"])


def test_every_nutrient_with_a_dri() -> None:
    assert cramps.default_kb().person_data.targets.nutrients() == tuple(NUTRIENTS)
    for nutrient in NUTRIENTS:
        assert len(cramps.default_kb().person_data.targets.rows(nutrient)) == 22


def test_targets_carry_the_disclaimer_and_sources() -> None:
    target = cramps.daily_target("thiamin", Profile(age=30, sex="male"))
    assert target.disclaimer == cramps.DISCLAIMER
    assert target.sources
    assert target.verification
    assert str(target).startswith("thiamin, males 19-30 y: RDA 1.2 mg")


def test_nutrient_records_are_accepted() -> None:
    record = cramps.nutrient("calcium")
    assert cramps.daily_target(record, Profile(age=30, sex="male")).nutrient == "calcium"


@pytest.mark.parametrize(
    ("nutrient", "profile", "error"),
    [
        ("magnesium", None, TypeError),
        ("magnesium", {"age": 40}, TypeError),
        ("", Profile(age=40, sex="male"), ValueError),
        (None, Profile(age=40, sex="male"), TypeError),
        ("magnesum", Profile(age=40, sex="male"), cramps.UnknownTermError),
    ],
)
def test_bad_arguments(nutrient: Any, profile: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        cramps.daily_target(nutrient, profile)


def test_targets_round_trip_through_the_converter() -> None:
    target = cramps.daily_target("sodium", Profile(age=16, sex="female", lactating=True))
    assert cramps.from_dict(DailyTarget, cramps.to_dict(target)) == target


def test_life_stage_rejects_bad_ranges() -> None:
    with pytest.raises(ValueError, match="age_max"):
        cramps.LifeStage(label="x", sex="any", condition="none", age_min=5, age_max=4)
    with pytest.raises(ValueError, match="sex"):
        cramps.LifeStage(label="x", sex="other", condition="none", age_min=5, age_max=8)
