"""Food rankings are rankings like the others: they carry the disclaimer, and
:func:`cramps.explain` says why a food ranks where it does."""

from __future__ import annotations

import pickle

import pytest

import cramps
from cramps.foods import FoodRanking, FoodResult


@pytest.mark.parametrize("per", ["100g", "portion", "100kcal"])
def test_food_rankings_carry_the_disclaimer(per: str) -> None:
    ranking = cramps.foods_rich_in("magnesium", per=per, limit=3)
    assert isinstance(ranking, FoodRanking)
    assert ranking.disclaimer == cramps.DISCLAIMER
    assert all(isinstance(result, FoodResult) for result in ranking)
    # a kept answer is the same kind of object
    assert cramps.foods_rich_in("magnesium", per=per, limit=3).disclaimer == cramps.DISCLAIMER


def test_a_food_ranking_is_a_tuple_and_pickles() -> None:
    ranking = cramps.foods_rich_in("potassium", limit=2)
    assert ranking == tuple(ranking)
    again = pickle.loads(pickle.dumps(ranking))
    assert again == ranking
    assert again.disclaimer == cramps.DISCLAIMER


def test_a_food_ranking_unstructures_to_a_list_of_results() -> None:
    ranking = cramps.foods_rich_in("magnesium", per="portion", limit=2)
    data = cramps.to_dict(ranking)
    assert data == [cramps.to_dict(result) for result in ranking]
    assert [row["food"]["id"] for row in data] == [result.food.id for result in ranking]
    assert data[0]["portion"]["grams"] == ranking[0].portion.grams  # type: ignore[union-attr]


def test_explain_a_food_per_portion_names_the_portion_and_the_measured_value() -> None:
    result = cramps.foods_rich_in("magnesium", per="portion", limit=1)[0]
    assert result.portion is not None
    text = cramps.explain(result, width=200)
    head, *notes = text.splitlines()
    portion = f"{result.portion.description} ({result.portion.grams:g} g)"
    assert head == f"1. {result.food.name}: {result.amount} of magnesium in {portion}"
    assert f"{result.percent_daily_value:.0f}% of the Daily Value" in notes[0]
    measured = result.food.nutrients["magnesium"]
    source = f"USDA SR28, Release 28, September 2015, NDB {result.food.source.ndb_number}"
    assert f"Measured: {measured} per 100 g ({source})" in text


def test_explain_a_food_per_100_kcal_and_per_100_g() -> None:
    per_kcal = cramps.foods_rich_in("potassium", per="100kcal", limit=1)[0]
    assert "of potassium per 100 kcal" in cramps.explain(per_kcal, width=200)
    per_100g = cramps.foods_rich_in("potassium", per="100g", limit=1)[0]
    assert cramps.explain(per_100g, width=200).splitlines()[0].endswith("of potassium per 100 g")


def test_explain_a_food_per_serving_names_the_serving_and_its_source() -> None:
    banana = next(r for r in cramps.foods_rich_in("potassium", limit=None) if r.food.name == "Bananas, raw")
    text = cramps.explain(banana, width=200)
    assert "of potassium in a serving of 140 g, about 1 large" in text.splitlines()[0]
    assert "FDA's reference amount for its category (fruit)" in text
    assert "21 CFR 101.12" in text


def test_explain_says_when_a_nutrient_has_no_daily_value() -> None:
    results = [r for r in cramps.foods_rich_in("vitamin-k", limit=3) if r.percent_daily_value is None]
    for result in results:
        assert "No Daily Value is set" in cramps.explain(result)


def test_explain_wraps_to_the_width() -> None:
    result = cramps.foods_rich_in("magnesium", per="100kcal", limit=1)[0]
    assert all(len(line) <= 60 for line in cramps.explain(result, width=60).splitlines())


def test_explain_rejects_other_objects_naming_what_it_takes() -> None:
    with pytest.raises(TypeError, match=r"cramps\.Ranked result or a cramps\.foods\.FoodResult, not Food\b"):
        cramps.explain(cramps.food("Bananas, raw"))  # type: ignore[arg-type]
