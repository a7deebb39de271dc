"""One food catalogue: the packaged food table and a team's own foods behind one object.

Every food question of a knowledge base (:meth:`~cramps.KnowledgeBase.food`,
:meth:`~cramps.KnowledgeBase.search_foods`, :meth:`~cramps.KnowledgeBase.foods_rich_in`)
goes to its :class:`FoodCatalogue`. The packaged :class:`~cramps.food_table.FoodTable`
stays as it is (its precomputed orders and caches untouched). With team foods the
catalogue validates them once and, on the first question that needs it, gives each its
serving by the rules of :mod:`cramps.servings`, sorts them by a nutrient on a basis or
indexes their names for search; at query time it merges them with the packaged foods by
the table's rules; without them it answers from
the table alone, and loads the table only on the first question.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cramps.errors import NoReferenceError, UnknownTermError
from cramps.foods import NUTRIENT_UNITS, check_nutrient

if TYPE_CHECKING:
    from cramps._cache import Lazy
    from cramps._team_foods import TeamFoods
    from cramps.food_table import FoodTable
    from cramps.foods import Food, FoodResult

__all__ = ["FoodCatalogue"]


class FoodCatalogue:
    """The foods a knowledge base answers from: the packaged table that ``tables`` loads
    and a team's ``foods`` (none by default), by the same rules. Made by
    :attr:`cramps.KnowledgeBase.catalogue`; a bad team food raises
    :class:`~cramps.DataError` when the catalogue is made."""

    __slots__ = ("_tables", "_team", "foods")

    def __init__(self, foods: Iterable[Food], tables: Lazy[FoodTable]) -> None:
        self._tables = tables
        #: The team's own foods (``extension_foods``), in the order given.
        self.foods: tuple[Food, ...] = tuple(foods)
        self._team: TeamFoods | None = None
        if self.foods:  # only then: the merging code is imported for team foods alone
            from cramps._team_foods import TeamFoods

            self._team = TeamFoods(self.foods, tables)
            self.foods = self._team.foods

    def __reduce__(self) -> tuple[type[FoodCatalogue], tuple[tuple[Food, ...], Lazy[FoodTable]]]:
        return (FoodCatalogue, (self.foods, self._tables))

    @property
    def table(self) -> FoodTable:
        """The packaged food table (loaded on first use)."""
        return self._tables.get()

    def _answers(self) -> FoodTable | TeamFoods:
        return self._tables.get() if self._team is None else self._team

    def food(self, name_or_id: str) -> Food:
        """The food with this id, NDB number or description; a team's food (or its
        replacement of a packaged one) first. See :meth:`~cramps.food_table.FoodTable.food`."""
        return self._answers().food(name_or_id)

    def search(self, text: str, *, limit: int | None = 10) -> tuple[Food, ...]:
        """Foods whose description matches ``text``, best first, the team's and the
        packaged ones by one ranking (:meth:`~cramps.food_table.FoodTable.search`)."""
        return self._answers().search(text, limit=limit)

    def rich_in(
        self,
        nutrient_id: str,
        *,
        limit: int | None = 10,
        per: str = "serving",
        everyday: bool = True,
        groups: Iterable[str] | None = None,
        exclude_groups: Iterable[str] | None = None,
        diet: str | None = None,
    ) -> tuple[FoodResult, ...]:
        """The foods richest in ``nutrient_id``, the team's and the packaged ones by the
        same rules (:meth:`~cramps.food_table.FoodTable.rich_in`). A nutrient outside the
        packaged table ranks the team foods that give amounts of it; one that no food gives
        raises :class:`~cramps.errors.NoReferenceError` (``covered``: the nutrients that can
        be ranked)."""
        if self._team is None and not (isinstance(nutrient_id, str) and nutrient_id in NUTRIENT_UNITS):
            try:
                check_nutrient(nutrient_id)
            except UnknownTermError:
                raise NoReferenceError(nutrient_id, "food amounts", covered=tuple(NUTRIENT_UNITS)) from None
        return self._answers().rich_in(
            nutrient_id,
            limit=limit,
            per=per,
            everyday=everyday,
            groups=groups,
            exclude_groups=exclude_groups,
            diet=diet,
        )
