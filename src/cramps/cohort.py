"""Many people at once: one row of nutrient statuses per person, for a cohort.

:class:`CohortAssessor` gives, for a profile and a structured diary (``(food, grams)``
pairs: an SR28 NDB number or food id, and grams), the same intakes, percents of target
and statuses as :func:`cramps.assess`, as one flat row (a ``dict`` of plain values)
without the ranking, the reasons or the foods to close a gap. It keeps the foods and the
targets it has looked up (at most one entry per food of the catalogue, and one per
life-stage group), so a cohort costs little more than its additions.

Assessing people is embarrassingly parallel: the :doc:`lacking` page shows a recipe
that spreads a cohort over a Dask cluster (the optional extra ``cramps[dask]``), each
partition building its own assessor.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from cramps._fields import number, shown
from cramps.assessment import intake_status
from cramps.errors import NoReferenceError, UnknownTermError
from cramps.foods import NUTRIENT_UNITS
from cramps.intakes import DailyTarget
from cramps.profiles import Profile

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase

__all__ = ["NUTRIENTS", "PROFILE_FIELDS", "CohortAssessor", "row_columns", "rows_for"]

#: The profile fields a person record of :func:`rows_for` may hold.
PROFILE_FIELDS: Final = ("age", "sex", "pregnant", "lactating", "medications", "conditions", "diet")

#: The nutrients of a row: those with a Dietary Reference Intake and a food-table value.
NUTRIENTS: Final = ("magnesium", "potassium", "calcium", "sodium", "vitamin-d", "thiamin", "vitamin-b12", "vitamin-k")


def row_columns() -> tuple[str, ...]:
    """The columns of :meth:`CohortAssessor.row`, in order: ``person``, ``days``, then for
    each nutrient ``<id>_intake``, ``<id>_missing_grams``, ``<id>_percent`` and
    ``<id>_status``."""
    columns = ["person", "days"]
    for name in NUTRIENTS:
        columns += [f"{name}_intake", f"{name}_missing_grams", f"{name}_percent", f"{name}_status"]
    return tuple(columns)


def rows_for(people: Iterable[Mapping[str, Any]], kb: KnowledgeBase | None = None) -> list[dict[str, Any]]:
    """One row per person record, for a partition of a cohort (``dask.bag`` hands each
    partition to this function; see the :doc:`lacking` page).

    A person record is a mapping with ``person`` (an id), the profile fields of
    :data:`PROFILE_FIELDS`, ``diary``: ``[food, grams]`` pairs, and optionally ``days``
    and ``supplements`` (``[nutrient id, amount]`` pairs). ``kb`` defaults to
    :func:`cramps.default_kb`, loaded once per process."""
    from cramps.loading import default_kb

    assessor = CohortAssessor(kb or default_kb())
    rows = []
    for record in people:
        fields = {name: record[name] for name in PROFILE_FIELDS if record.get(name) is not None}
        profile = assessor.profile(fields)
        rows.append(
            assessor.row(
                str(record["person"]),
                profile,
                [(str(food), grams) for food, grams in record["diary"]],
                days=record.get("days", 1.0),
                supplements=[(str(name), amount) for name, amount in record.get("supplements", ())],
            )
        )
    return rows


class CohortAssessor:
    """Rows of statuses for many people, from one knowledge base (see the module)."""

    __slots__ = ("_foods", "_kb", "_targets")

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._foods: dict[str, tuple[float | None, ...]] = {}
        self._targets: dict[tuple[object, ...], tuple[tuple[float, float | None, bool] | None, ...]] = {}

    def row(
        self,
        person: str,
        profile: Profile,
        diary: Iterable[tuple[str, float]],
        days: float = 1.0,
        supplements: Iterable[tuple[str, float]] = (),
    ) -> dict[str, Any]:
        """One person's row: intakes (daily means, in mg or µg), the grams a day without
        a value, the percent of target and the status, per nutrient of :data:`NUTRIENTS`.

        ``diary`` holds ``(food, grams)`` pairs over ``days`` days, ``supplements``
        ``(nutrient id, amount)`` pairs in the food table's unit (mg or µg) over the same
        days. A bad pair raises ``ValueError`` (grams) or
        :class:`~cramps.UnknownTermError` (an unknown food or nutrient)."""
        length = number(days)
        if length is None or not 0 < length <= 366:
            raise ValueError(f"days must be a number above 0 and at most 366, got {shown(days)}")
        totals = [0.0] * len(NUTRIENTS)
        missing = [0.0] * len(NUTRIENTS)
        from_supplements = [0.0] * len(NUTRIENTS)
        for food_id, grams in diary:
            weight = number(grams)
            if weight is None or weight <= 0:
                raise ValueError(f"grams of {food_id!r} must be a finite number above 0, got {shown(grams)}")
            values = self._values(food_id)
            for position, value in enumerate(values):
                if value is None:
                    missing[position] += weight
                else:
                    totals[position] += value * weight
        for nutrient, amount in supplements:
            if nutrient not in NUTRIENTS:
                raise UnknownTermError(str(nutrient), "nutrient", (), hint=f"a row covers {', '.join(NUTRIENTS)}")
            given = number(amount)
            if given is None or given < 0:
                raise ValueError(
                    f"the supplement amount of {nutrient} must be a finite number >= 0, got {shown(amount)}"
                )
            position = NUTRIENTS.index(nutrient)
            from_supplements[position] += given
            totals[position] += given * 100.0  # totals are per 100 g of food until divided
        targets = self._targets_for(profile)
        row: dict[str, Any] = {"person": person, "days": length}
        for position, name in enumerate(NUTRIENTS):
            intake = totals[position] / 100.0 / length
            row[f"{name}_intake"] = intake
            row[f"{name}_missing_grams"] = missing[position] / length
            target = targets[position]
            if target is None:
                row[f"{name}_percent"] = None
                row[f"{name}_status"] = "not assessed"
                continue
            amount, limit, covers_food = target
            row[f"{name}_percent"] = 100.0 * intake / amount if amount > 0 else None
            taken = from_supplements[position] / length
            row[f"{name}_status"] = intake_status(intake, taken, amount, limit, covers_food)
        return row

    def profile(self, fields: Mapping[str, Any]) -> Profile:
        """A profile from plain fields (as :func:`cramps.profile` takes them)."""
        return self._kb.profile(**fields)

    def _values(self, food_id: str) -> tuple[float | None, ...]:
        found = self._foods.get(food_id)
        if found is None:
            food = self._kb.catalogue.food(food_id)
            found = self._foods[food_id] = tuple(
                None if (amount := food.nutrients.get(name)) is None else amount.value for name in NUTRIENTS
            )
        return found

    def _targets_for(self, profile: Profile) -> tuple[tuple[float, float | None, bool] | None, ...]:
        if not isinstance(profile, Profile):
            raise TypeError(f"profile must be a cramps.Profile, not {type(profile).__name__}")
        key = (None if profile.age is None else math.floor(profile.age) if profile.age >= 1 else profile.age,
               profile.sex, profile.pregnant, profile.lactating)  # fmt: skip
        found = self._targets.get(key)
        if found is None:
            made: list[tuple[float, float | None, bool] | None] = []
            for name in NUTRIENTS:
                try:
                    target: DailyTarget = self._kb.daily_target(name, profile)
                except NoReferenceError:
                    made.append(None)
                    continue
                unit = NUTRIENT_UNITS[name]
                limit = None if target.upper_limit is None else target.upper_limit.to(unit).value
                made.append((target.amount.to(unit).value, limit, target.upper_limit_covers_food))
            found = self._targets[key] = tuple(made)
        return found
