"""The records of a team's ``foods.json`` (see :func:`cramps.load`): their own foods, with
measured amounts per 100 g, turned into :class:`~cramps.foods.Food` records on load."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from cramps import _fields
from cramps.amount import Amount
from cramps.errors import DataError
from cramps.foods import NUTRIENT_UNITS, Food, FoodSource, Portion

__all__ = ["FoodEntry", "FoodEntrySource", "PortionEntry"]


def _nutrients_schema() -> dict[str, Any]:
    amount = {"value": {"type": "number", "minimum": 0}}
    return {
        "type": "object",
        "properties": {
            nutrient: {
                "type": "object",
                "properties": {**amount, "unit": {"const": unit.value}},
                "required": ["value", "unit"],
                "additionalProperties": False,
            }
            for nutrient, unit in NUTRIENT_UNITS.items()
        },
        "additionalProperties": False,
    }


@attrs.frozen(kw_only=True)
class FoodEntrySource:
    """Where a team food's values come from: the ``dataset`` (a lab report, a national
    food table ...), the food's ``id`` there, and optionally the dataset's ``release``."""

    dataset: str = attrs.field(validator=_fields.text)
    id: str = attrs.field(validator=_fields.text)
    release: str | None = attrs.field(default=None, validator=_fields.optional_text)


@attrs.frozen(kw_only=True)
class PortionEntry:
    """A household measure of a team food: ``description`` (e.g. "1 cup") and its weight
    in ``grams`` (more than 0)."""

    description: str = attrs.field(validator=_fields.text)
    grams: float = attrs.field(metadata={"json_schema": {"exclusiveMinimum": 0}})


@attrs.frozen(kw_only=True)
class FoodEntry:
    """A team's own food in ``foods.json``: measured amounts per 100 g edible portion.

    ``nutrients`` maps cramps food-nutrient ids to amounts in the food table's units (a
    missing value is left out, never written as 0); the first of ``portions`` is the one
    ``per="portion"`` uses. ``group`` may be a USDA food group or a new one.
    """

    id: str = attrs.field(metadata={"json_schema": {"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}})
    name: str
    group: str
    source: FoodEntrySource
    nutrients: Mapping[str, Amount] = attrs.field(metadata={"json_schema": _nutrients_schema()})
    portions: tuple[PortionEntry, ...] = attrs.field(default=(), converter=_fields.to_tuple)

    def to_food(self) -> Food:
        """The :class:`Food` record; portions numbered 1, 2 ... in file order."""
        return Food(
            id=self.id,
            name=self.name,
            group=self.group,
            source=FoodSource(dataset=self.source.dataset, release=self.source.release, id=self.source.id),
            nutrients=self.nutrients,
            portions=tuple(_portion(p, seq) for seq, p in enumerate(self.portions, 1)),
        )


def _portion(entry: PortionEntry, seq: int) -> Portion:
    """The :class:`Portion` of ``entry``; a bad field names its place (``portions.0.grams``)."""
    try:
        return Portion(description=entry.description, grams=entry.grams, seq=seq)
    except DataError as error:
        raise DataError(error.reason, field=f"portions.{seq - 1}.{error.field}") from None
