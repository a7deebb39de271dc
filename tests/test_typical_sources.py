"""A nutrient's typical sources, linked to the USDA foods that best represent them."""

from __future__ import annotations

import pytest

import cramps
from cramps.foods import NUTRIENT_UNITS, TypicalSource


@pytest.mark.parametrize("nutrient", [n.id for n in cramps.default_kb().nutrients])
def test_every_named_source_is_kept_in_order_and_linked_consistently(nutrient: str) -> None:
    record = cramps.nutrient(nutrient)
    sources = cramps.typical_sources(nutrient)
    assert [source.name for source in sources] == list(record.typical_sources)
    for source in sources:
        assert isinstance(source, TypicalSource)
        assert source.nutrient == record.id
        if source.food is None:
            assert source.amount is None
        else:
            assert source.food == cramps.food(source.food.id)
            assert source.amount == source.food.nutrients.get(record.id)
            if source.amount is not None:
                assert source.amount.unit == NUTRIENT_UNITS[record.id]


def test_plain_foods_are_linked_and_generic_kinds_are_not() -> None:
    linked = {source.name: source for source in cramps.typical_sources("potassium")}
    assert linked["bananas"].food is not None
    assert linked["bananas"].food.id == "usda-09040"
    assert linked["bananas"].amount == cramps.food("Bananas, raw").nutrients["potassium"]
    assert linked["spinach"].food is not None
    assert linked["spinach"].food.name == "Spinach, raw"
    assert linked["legumes"].food is None
    generic = {source.name: source for source in cramps.typical_sources("magnesium")}
    assert generic["nuts"].food is None
    assert generic["leafy greens"].food is None


def test_lookup_by_name_alias_or_record_and_the_answer_is_kept() -> None:
    by_alias = cramps.typical_sources("Mg")
    assert by_alias == cramps.typical_sources(cramps.nutrient("magnesium"))
    assert cramps.typical_sources("magnesium") is cramps.typical_sources("magnesium")
    with pytest.raises(cramps.UnknownTermError) as caught:
        cramps.typical_sources("magnesum")
    assert "Magnesium" in caught.value.suggestions
