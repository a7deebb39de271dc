"""The food questions of a knowledge base: :class:`FoodQueries`, which
:class:`~cramps.KnowledgeBase` inherits. The answers come from :mod:`cramps.food_table`
through the knowledge base's one :class:`~cramps.food_catalogue.FoodCatalogue` (the packaged
table and a team's foods), made on the first food question."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cramps.nutrients import Nutrient

if TYPE_CHECKING:
    from cramps._cache import Caches
    from cramps.food_catalogue import FoodCatalogue
    from cramps.food_table import FoodTable
    from cramps.foods import Food, FoodRanking, TypicalSource

__all__ = ["FoodQueries"]


class FoodQueries:
    """Foods: the packaged table, lookups, search, foods ranked by a nutrient and the
    typical sources of a nutrient (the methods of :class:`~cramps.KnowledgeBase`)."""

    __slots__ = ()

    if TYPE_CHECKING:  # provided by KnowledgeBase
        _caches: Caches

        @property
        def catalogue(self) -> FoodCatalogue: ...

        def nutrient(self, name: str) -> Nutrient: ...

    @property
    def foods(self) -> FoodTable:
        """The packaged USDA SR28 food table, loaded on first use (without
        ``extension_foods``, which the food queries below include)."""
        return self._caches.foods.get()

    def food(self, name_or_id: str) -> Food:
        """The food with this id, NDB number or description; extension foods first."""
        return self.catalogue.food(name_or_id)

    def search_foods(self, text: str, *, limit: int | None = 10) -> tuple[Food, ...]:
        """Foods whose description matches ``text``, best first (``limit=None``: every
        match; see :meth:`~cramps.food_table.FoodTable.search` for the ranking)."""
        return self.catalogue.search(text, limit=limit)

    def foods_rich_in(
        self,
        nutrient: str | Nutrient,
        *,
        limit: int | None = 10,
        per: str = "serving",
        everyday: bool = True,
        groups: Iterable[str] | None = None,
        exclude_groups: Iterable[str] | None = None,
        diet: str | None = None,
    ) -> FoodRanking:
        """Foods ranked by their measured amount of ``nutrient`` (USDA SR28 and any
        extension foods, by the same rules): a tuple of :class:`~cramps.foods.FoodResult`, best
        first, that carries ``.disclaimer`` like every ranking.

        By default, everyday foods ranked by the amount in one serving: ``per`` is
        ``"serving"`` (the FDA reference amount for the food's category, see
        :mod:`cramps.servings`), ``"100g"``, ``"portion"`` (the food's first household
        portion) or ``"100kcal"``. ``everyday=True`` keeps foods eaten as such and one of
        each kind; ``everyday=False`` ranks the whole table (``per="100g",
        everyday=False`` is the plain per-100 g ranking of every food). ``diet`` is
        ``"vegan"``, ``"vegetarian"`` or ``None``. Answers to questions asked by name
        without group filters are kept (up to 128 per knowledge base, each of at most 100
        rows: a whole-table answer is worked out afresh), so a repeated question costs a
        lookup.
        """
        answers = self._caches.food_answers
        plain = (
            groups is None and exclude_groups is None and type(everyday) is bool and _plain(nutrient, per, limit, diet)
        )
        key = (nutrient, per, limit, diet, everyday) if plain else None
        if key is not None:
            kept: FoodRanking | None = answers.get(key)
            if kept is not None:
                return kept
        from cramps.foods import FoodRanking

        record = nutrient if isinstance(nutrient, Nutrient) else self.nutrient(nutrient)
        answer = FoodRanking(
            self.catalogue.rich_in(
                record.id,
                limit=limit,
                per=per,
                everyday=everyday,
                groups=groups,
                exclude_groups=exclude_groups,
                diet=diet,
            )
        )
        answers.keep(key, answer)
        return answer

    def typical_sources(self, nutrient: str | Nutrient) -> tuple[TypicalSource, ...]:
        """The food kinds commonly named as sources of ``nutrient`` (its
        ``typical_sources``), each linked to the USDA SR28 food that best represents it
        where one does with confidence (see :meth:`~cramps.food_table.FoodTable.best_match`),
        with that food's measured amount per 100 g."""
        from cramps.food_table import typical_sources

        record = nutrient if isinstance(nutrient, Nutrient) else self.nutrient(nutrient)
        key = ("typical sources", record.id, record.typical_sources)
        return self._caches.kept(self._caches.food_answers, key, lambda: typical_sources(self.foods, record))


def _plain(nutrient: object, per: object, limit: object, diet: object) -> bool:
    """Whether a food question is asked with exact built-in types (so ``True`` never
    passes for ``limit=1``), and so may be kept by its arguments."""
    return (
        type(nutrient) is str
        and type(per) is str
        and (limit is None or type(limit) is int)
        and (diet is None or type(diet) is str)
    )
