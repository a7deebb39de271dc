"""The records of a team's ``foods.json`` (see :func:`cramps.load`): their own foods, with
measured amounts per 100 g, turned into :class:`~cramps.foods.Food` records on load."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final, TypeGuard

import attrs

from cramps import _fields
from cramps.amount import Amount, Unit
from cramps.errors import DataError
from cramps.foods import NUTRIENT_UNITS, Food, FoodSource, Portion

__all__ = ["FoodEntry", "FoodEntrySource", "PortionEntry", "food_from_json"]


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


_UNITS: Final = {unit.value: unit for unit in Unit}
_SOURCE_KEYS: Final = (frozenset({"dataset", "id"}), frozenset({"dataset", "id", "release"}))
_ENTRY_KEYS: Final = frozenset({"id", "name", "group", "source", "nutrients", "portions"})


def food_from_json(item: object, shared: dict[str, str] | None = None) -> Food | None:
    """The :class:`Food` of one parsed ``foods.json`` record of the plain, expected shape,
    built straight (about ten times faster than the strict converter), or ``None`` when
    anything is unusual, so that the caller hands ``item`` to the strict converter, which
    then raises its :class:`~cramps.DataError` naming the field.

    The contract: when it returns a food, that food equals
    ``structure(item, FoodEntry).to_food()``; it never raises. "Plain" means: a ``dict``
    with exactly the keys of :class:`FoodEntry` (``portions`` optional), ``str`` texts, a
    ``source`` ``dict`` of ``dataset``, ``id`` and optionally ``release`` (``str``),
    ``nutrients`` a ``dict`` of ``{"value": int or float (not bool), "unit": str}``
    ``dict`` records and ``portions`` a ``list`` of ``{"description": str, "grams": int
    or float}`` ``dict`` records; the records' own checks (:class:`Food`,
    :class:`~cramps.amount.Amount`, :class:`~cramps.foods.Portion`) still run, and any
    value they refuse also gives ``None``. ``shared`` (a dict kept across the records of a
    file) makes texts that repeat (groups, datasets, nutrient ids, portion descriptions) one
    object each, which saves memory for a large file."""
    try:
        return _plain_food(item, {} if shared is None else shared)
    except Exception:  # anything at all: the strict converter decides and explains
        return None


def _number(value: object) -> TypeGuard[float]:
    """Whether ``value`` is a float, or an int that a float holds exactly (not a bool)."""
    if type(value) is float:
        return True
    return type(value) is int and -(2**53) <= value <= 2**53


def _plain_food(item: object, shared: dict[str, str]) -> Food | None:
    if type(item) is not dict or not item.keys() <= _ENTRY_KEYS or len(item) < 5:
        return None
    food_id, name, group = item.get("id"), item.get("name"), item.get("group")
    source, nutrients = item.get("source"), item.get("nutrients")
    if type(food_id) is not str or type(name) is not str or type(group) is not str:
        return None
    if type(source) is not dict or source.keys() not in _SOURCE_KEYS or type(nutrients) is not dict:
        return None
    dataset, source_id, release = source["dataset"], source["id"], source.get("release")
    if type(dataset) is not str or type(source_id) is not str or (release is not None and type(release) is not str):
        return None
    if "release" in source and release is None:
        return None
    one = shared.setdefault
    group, dataset = one(group, group), one(dataset, dataset)
    release = None if release is None else one(release, release)
    amounts: dict[str, Amount] = {}
    for nutrient, amount in nutrients.items():
        if type(amount) is not dict or len(amount) != 2:
            return None
        value, unit = amount.get("value"), _UNITS.get(amount.get("unit"))  # type: ignore[arg-type]
        if unit is None or not _number(value) or not math.isfinite(value) or value < 0:
            return None
        amounts[one(nutrient, nutrient)] = Amount(value=value, unit=unit)
    portions: list[Portion] = []
    for seq, portion in enumerate(item.get("portions", ()), 1):
        if type(portion) is not dict or len(portion) != 2:
            return None
        description, grams = portion.get("description"), portion.get("grams")
        if type(description) is not str or not _number(grams):
            return None
        portions.append(Portion(description=one(description, description), grams=float(grams), seq=seq))
    if "portions" in item and type(item["portions"]) is not list:
        return None
    return Food(
        id=food_id,
        name=name,
        group=group,
        source=FoodSource(dataset=dataset, release=release, id=source_id),
        nutrients=amounts,
        portions=tuple(portions),
    )
