"""The assessment: triage first, statuses against targets, reasons that add up, gap foods."""

from __future__ import annotations

import json
import math

import pytest

import cramps
from cramps import ProfileError
from cramps.foods import classify_diet

OLDER_WOMAN = cramps.profile(age=70, sex="female")
DAY = ["1 medium banana", "1 cup milk", "2 slices whole wheat bread", "3 oz chicken breast", "1 cup cooked rice",
       "1 cup cooked broccoli", "1 apple", "1 cup coffee"]  # fmt: skip


@pytest.fixture(scope="module")
def assessment() -> cramps.Assessment:
    return cramps.assess(
        OLDER_WOMAN,
        symptoms=["leg cramps"],
        diary=DAY,
        labs=[("19123-9", 1.5, "mg/dL"), cramps.lab_result("62292-8", 18, "ng/mL")],
    )


def test_statuses_hold_intake_target_and_percent(assessment: cramps.Assessment) -> None:
    status = assessment.status("magnesium")
    assert status.intake is not None
    assert status.target is not None
    assert status.target.amount.value == 320
    assert status.percent_of_target == pytest.approx(100 * status.intake.value / 320)
    assert status.status == "below target"
    assert status.gap is not None
    assert status.gap.value == pytest.approx(320 - status.intake.value)
    assert status.lab is not None
    assert status.lab.status == "low"
    assert assessment.status("Vitamin K (K1, phylloquinone)").status == "meets target"


def test_reasons_add_up_to_the_score(assessment: cramps.Assessment) -> None:
    for item in assessment.nutrients:
        assert math.fsum(reason.weight for reason in item.reasons) == pytest.approx(item.score, abs=1e-9)
        assert 0 <= item.score <= 1


def test_diary_and_lab_are_reasons_of_their_own(assessment: cramps.Assessment) -> None:
    by_id = {item.record.id: item for item in assessment.nutrients}
    claims = {reason.claim: reason for reason in by_id["magnesium"].reasons}
    assert "diary-intake-below-target" in claims
    assert "lab-value-below-range" in claims
    assert claims["lab-value-below-range"].citations == ("medlineplus-magnesium-test",)
    assert claims["diary-intake-below-target"].citations
    assert assessment.nutrients[0].record.id in {"magnesium", "vitamin-d"}
    # sodium below its AI is never a reason to rank it up
    assert all(reason.claim != "diary-intake-below-target" for reason in by_id["sodium"].reasons)


def test_the_diary_caveat_follows_nasem(assessment: cramps.Assessment) -> None:
    assert any("does not measure usual intake" in caveat for caveat in assessment.caveats)
    assert "1 day" in assessment.caveats[0]
    assert assessment.disclaimer == cramps.DISCLAIMER


def test_to_dict_is_json(assessment: cramps.Assessment) -> None:
    data = json.loads(json.dumps(assessment.to_dict()))
    assert data["disclaimer"] == cramps.DISCLAIMER
    assert data["triage"]["level"] == "self-care"
    assert {status["nutrient"] for status in data["statuses"]} >= {"magnesium", "vitamin-d", "calcium"}
    assert data["diary"]["entries"][0]["food_id"] == "usda-09040"


def test_red_flags_win() -> None:
    result = cramps.assess(OLDER_WOMAN, symptoms=["my calf is hot and swollen"], diary=DAY)
    assert result.triage is not None
    assert result.triage.level >= cramps.TriageLevel.SEE_A_CLINICIAN_TODAY
    assert result.to_dict()["triage"]["flags"]


def test_gap_foods_close_the_gap_within_limits(assessment: cramps.Assessment) -> None:
    for status in assessment.statuses:
        if status.status != "below target" or status.nutrient.id == "sodium":
            assert status.nutrient.id != "sodium" or not status.foods_to_close_gap
            continue
        assert status.foods_to_close_gap, status.nutrient.id
        assert len(status.foods_to_close_gap) <= 4
        given = math.fsum(food.amount.value for food in status.foods_to_close_gap)
        assert status.gap is not None
        assert given >= status.gap.value or len(status.foods_to_close_gap) == 4
        for food in status.foods_to_close_gap:
            assert food.food.serving is not None
            assert food.grams == food.food.serving.grams


def test_gap_foods_never_push_a_nutrient_over_its_upper_limit() -> None:
    # calcium near its UL (2,000 mg at 70) and vitamin D near its UL (100 µg) from supplements
    result = cramps.assess(OLDER_WOMAN, diary=["calcium carbonate 1700 mg", "vitamin D 3600 IU", "1 cup cooked rice"])
    for status in result.statuses:
        added: dict[str, float] = {}
        for food in status.foods_to_close_gap:
            for name in ("calcium", "vitamin-d", "sodium"):
                value = food.food.nutrients.get(name)
                if value is not None:
                    added[name] = added.get(name, 0.0) + value.value * food.grams / 100
        for name, limit in (("calcium", 2000.0), ("vitamin-d", 100.0), ("sodium", 2300.0)):
            total = result.status(name).intake
            assert total is not None
            assert total.value + added.get(name, 0.0) <= limit + 1e-9, (status.nutrient.id, name)


@pytest.mark.parametrize("diet", ["vegan", "vegetarian"])
def test_gap_foods_respect_the_diet(diet: str) -> None:
    person = cramps.profile(age=40, sex="male", diet=diet)
    result = cramps.assess(person, diary=["1 cup cooked rice"])
    allowed = {"vegan": {"vegan"}, "vegetarian": {"vegan", "vegetarian"}}[diet]
    suggested = [food for status in result.statuses for food in status.foods_to_close_gap]
    assert suggested
    for food in suggested:
        assert classify_diet(food.food.name, food.food.group) in allowed, food.food.name


def test_supplements_count_toward_the_magnesium_limit() -> None:
    result = cramps.assess(OLDER_WOMAN, diary=["magnesium citrate 400 mg", "1 medium banana"])
    status = result.status("magnesium")
    assert status.status == "above the upper limit"
    assert any("supplements" in note for note in status.notes)
    # food alone never passes magnesium's UL, which covers supplements only
    food_only = cramps.assess(OLDER_WOMAN, diary=[("12014", 400)])  # 400 g of pumpkin seeds
    assert food_only.status("magnesium").status == "meets target"


def test_missing_values_are_reported(assessment: cramps.Assessment) -> None:
    status = assessment.status("vitamin-d")
    assert status.intake is not None
    if status.intake.missing_grams:
        assert any("no Vitamin D value" in note or "SR28 gives no" in note for note in status.notes)


def test_without_a_diary_nothing_is_assessed_but_the_evidence() -> None:
    result = cramps.assess(cramps.profile(), symptoms="leg cramps")
    assert result.triage is not None
    assert result.nutrients
    assert all(status.status == "not assessed" for status in result.statuses)


def test_a_diary_needs_the_age() -> None:
    with pytest.raises(ProfileError):
        cramps.assess(cramps.profile(sex="female"), diary=DAY)


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        cramps.assess("70 year old")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cramps.assess(OLDER_WOMAN, labs=["19123-9=1.5mg/dL"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        cramps.assess(OLDER_WOMAN, symptoms=[3])  # type: ignore[list-item]
