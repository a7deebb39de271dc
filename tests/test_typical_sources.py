"""Typical sources that are sources: each typical source of a nutrient gives at least 10% of
the Daily Value per serving for a typical member of its kind; a minor source gives less and
says so (issue 15)."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path
from typing import Any

import pytest

import cramps
from cramps.food_table import FoodTable
from cramps.loading import default_kb

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SPEC: dict[str, Any] = tomllib.loads((Path(__file__).parent / "typical_sources.toml").read_text(encoding="utf-8"))
GOOD_SOURCE = 10.0  # % of the Daily Value per serving (21 CFR 101.54(c))


@pytest.fixture(scope="module")
def table() -> FoodTable:
    return FoodTable.load()


def median_percent(table: FoodTable, nutrient: str, members: list[str]) -> float:
    daily = table.daily_value(nutrient)
    assert daily is not None
    percents = []
    for name in members:
        food = table.food(name)
        assert food.serving is not None, name
        assert table.everyday_reason(food) is None, name
        amount = food.nutrients.get(nutrient)
        if amount is not None:
            percents.append(amount.value * food.serving.grams / 100 / daily * 100)
    assert percents
    return statistics.median(percents)


@pytest.mark.parametrize("nutrient", sorted(SPEC))
def test_every_typical_source_is_a_good_source_per_serving(table: FoodTable, nutrient: str) -> None:
    record = cramps.nutrient(nutrient)
    typical = SPEC[nutrient]["typical"]
    assert sorted(record.typical_sources) == sorted(typical)  # each listed kind is audited
    for name, members in typical.items():
        assert median_percent(table, nutrient, members) >= GOOD_SOURCE, name


@pytest.mark.parametrize("nutrient", sorted(SPEC))
def test_every_minor_source_is_marked_with_its_share(table: FoodTable, nutrient: str) -> None:
    record = cramps.nutrient(nutrient)
    minor = SPEC[nutrient].get("minor", {})
    assert [text.split(":", 1)[0] for text in record.minor_sources] == list(minor)
    for text in record.minor_sources:
        assert "% of the Daily Value" in text  # the reason says how much
    for name, members in minor.items():
        assert median_percent(table, nutrient, members) < GOOD_SOURCE, name


def test_the_audit_covers_every_nutrient_with_a_daily_value() -> None:
    kb = default_kb()
    for nutrient in kb.nutrients:
        if nutrient.typical_sources and kb.foods.daily_value(nutrient.id) is not None:
            assert nutrient.id in SPEC
    # vitamin K2 has no Daily Value, so the 10% rule cannot apply to its sources
    assert kb.foods.daily_value("vitamin-k2") is None


def test_thiamin_no_longer_names_eggs_or_dairy_as_sources() -> None:
    thiamin = cramps.nutrient("thiamin")
    assert "eggs" not in thiamin.typical_sources
    assert "dairy products" not in thiamin.typical_sources
    assert any(text.startswith("eggs:") for text in thiamin.minor_sources)
