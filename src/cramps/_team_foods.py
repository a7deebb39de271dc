"""A team's own foods, validated and indexed over the packaged food table, and merged with
it by the table's rules: the part of :class:`~cramps.food_catalogue.FoodCatalogue` that
only a knowledge base with team foods needs (imported only then)."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final

import attrs

from cramps._cache import Lazy
from cramps._fields import check_limit
from cramps.amount import Amount
from cramps.catalogue import file_name
from cramps.errors import DataError, UnknownTermError
from cramps.food_table import FoodTable
from cramps.foods import (
    BASES,
    DIET_CODES,
    NUTRIENT_UNITS,
    Basis,
    Food,
    FoodResult,
    Portion,
    Serving,
    check_basis,
    check_everyday,
    check_nutrient,
    classify_diet,
    diet_code,
    per_100kcal,
    per_portion,
    per_serving,
)
from cramps.text import close_matches, fold, require_text

if TYPE_CHECKING:
    from cramps.food_search import SearchKey

FILE: Final = file_name("foods")


# --- validation -------------------------------------------------------------------------


def _check(food: object) -> Food:
    """``food`` if it is a :class:`Food` record (which checks its own fields)."""
    if not isinstance(food, Food):
        raise TypeError(f"extension foods must be cramps.foods.Food records, not {type(food).__name__}")
    return food


def _amount(food: Food, nutrient: str, basis: Basis, serving: Serving | None) -> tuple[float, Portion | None] | None:
    """The food's amount of ``nutrient`` on ``basis`` as the packaged table computes it,
    or ``None`` when the table would leave the food out."""
    found = food.nutrients.get(nutrient)
    if found is None:
        return None
    if basis == "100g":
        return found.value, None
    if basis == "portion":
        portion = food.portion
        return None if portion is None else (per_portion(found.value, portion.grams), portion)
    if basis == "serving":
        return None if serving is None else (per_serving(found.value, serving.grams), None)
    energy = food.nutrients.get("energy")
    if energy is None or energy.value == 0:
        return None
    return per_100kcal(found.value, energy.value), None


_Row = tuple[float, str, Food, Portion | None]


class TeamFoods:
    """Extension foods, validated and indexed: by id and folded name, by group, by diet,
    and sorted by every nutrient on every basis (largest first, ties by id)."""

    __slots__ = (
        "_by_id",
        "_by_key",
        "_diet",
        "_everyday",
        "_groups",
        "_kinds",
        "_orders",
        "_tables",
        "foods",
        "hidden",
        "servings",
    )

    def __init__(self, foods: Iterable[Food], tables: Lazy[FoodTable]) -> None:
        """``foods`` (a team's own, see :func:`cramps.load`) validated and indexed over the
        packaged table that ``tables`` loads (loaded now, to check the foods against it)."""
        from cramps.servings import everyday_reason, kind_of

        self._tables = tables
        table = tables.get()
        self.foods = tuple(_check(food) for food in foods)
        #: Each food's serving: its own, else the one the rules of cramps.servings give it.
        self.servings = {food.id: food.serving or _serving(food, table) for food in self.foods}
        self._by_id: dict[str, Food] = {}
        self._by_key: dict[str, Food] = {}
        self._groups: dict[str, str] = {}
        for food in self.foods:
            if food.id in self._by_id:
                raise DataError("duplicate id in foods", file=FILE, record=food.id, field="id")
            self._by_id[food.id] = food
            key = fold(food.name)
            other = self._by_key.get(key)
            if other is not None:
                raise DataError(
                    f"name {food.name!r} would name both {other.id!r} and {food.id!r}",
                    file=FILE,
                    record=food.id,
                    field="name",
                )
            self._by_key[key] = food
            group = self._groups.setdefault(fold(food.group), food.group)
            if group != food.group:
                raise DataError(
                    f"group {food.group!r} is spelled {group!r} elsewhere in the file; use one spelling",
                    file=FILE,
                    record=food.id,
                    field="group",
                )
        for food in self.foods:
            self._by_key.setdefault(fold(food.id), food)
        #: Ids of the packaged foods these foods replace (``usda-...`` ids).
        self.hidden = frozenset(food.id for food in self.foods if food.id.startswith("usda-"))
        self._diet = {food.id: DIET_CODES[classify_diet(food.name, food.group)] for food in self.foods}
        self._everyday = {food.id: everyday_reason(food.name, food.group) for food in self.foods}
        self._kinds = {food.id: kind_of(food.name, food.group) for food in self.foods}
        self._orders: dict[tuple[str, Basis], list[_Row]] = {}
        for nutrient in NUTRIENT_UNITS:
            for basis in BASES:
                rows: list[_Row] = []
                for food in self.foods:
                    found = _amount(food, nutrient, basis, self.servings[food.id])
                    if found is not None:
                        rows.append((found[0], food.id, food, found[1]))
                rows.sort(key=lambda row: (-row[0], row[1]))
                self._orders[nutrient, basis] = rows
        self._check_against(table)

    def _check_against(self, table: FoodTable) -> None:
        """Raise :class:`DataError` where these foods clash with the packaged ``table``: the
        name of a packaged food they do not replace, or a packaged group spelled differently.
        (Whether a packaged id may be replaced is :meth:`KnowledgeBase.extended`'s business.)"""
        for food in self.foods:
            packaged = table.by_name(food.name)
            if packaged is not None and packaged.id not in self._by_id:
                raise DataError(
                    f"name {food.name!r} already names packaged food {packaged.id!r}; rename it, or give it"
                    f" the id {packaged.id!r} and pass replace=True to replace that food",
                    file=FILE,
                    record=food.id,
                    field="name",
                )
            spelled = table.group_named(food.group)
            if spelled is not None and spelled != food.group:
                raise DataError(
                    f"group {food.group!r} is the packaged group {spelled!r} spelled differently; use that spelling",
                    file=FILE,
                    record=food.id,
                    field="group",
                )

    # --- lookups

    def food(self, name_or_id: str) -> Food:
        """A team's food by id or name, else the packaged food (or its replacement)."""
        require_text(name_or_id, "name_or_id")
        table = self._tables.get()
        mine = self._by_key.get(fold(name_or_id))
        if mine is not None:
            return mine
        try:
            found = table.food(name_or_id)
        except UnknownTermError as error:
            ours = [self._by_key[key].name for key in close_matches(fold(name_or_id), self._by_key)]
            suggestions = dict.fromkeys([*ours, *error.suggestions])
            raise UnknownTermError(error.term, error.kind, tuple(suggestions)[:3]) from None
        return self._by_id.get(found.id, found)

    def search(self, text: str, *, limit: int | None = 10) -> tuple[Food, ...]:
        """:meth:`~cramps.food_table.FoodTable.search` over both, by the same ranking (ties by id);
        ``limit=None`` returns every match."""
        from cramps.food_search import search_key, search_stems

        require_text(text, "text")
        table = self._tables.get()
        check_limit(limit)
        query = search_stems(text)
        scored: list[tuple[SearchKey, str, Food | Callable[[], Food]]] = []
        scored.extend(table.ranked_search(text, None if limit is None else limit + len(self.hidden)))
        for food in self.foods:
            found = search_key(query, food.name, food.group, everyday=self._everyday[food.id] is None)
            if found is not None:
                scored.append((found, food.id, food))
        scored.sort(key=lambda item: (item[0], item[1]))
        results: list[Food] = []
        for _, food_id, what in scored:
            if isinstance(what, Food):
                results.append(what)
            elif food_id not in self.hidden:
                results.append(what())
            if len(results) == limit:
                break
        return tuple(results)

    # --- ranking

    def _group_names(self, table: FoodTable, names: Iterable[str] | None, what: str) -> set[str] | None:
        """The canonical group names ``names`` mean, among packaged and extension groups."""
        if names is None:
            return None
        if isinstance(names, str):
            names = (names,)
        known = {fold(group): group for group in table.groups()}
        known.update(self._groups)
        found: set[str] = set()
        for name in names:
            require_text(name, what)
            group = known.get(fold(name))
            if group is None:
                raise UnknownTermError(name, "food group", tuple(known[k] for k in close_matches(fold(name), known)))
            found.add(group)
        return found

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
        """:meth:`~cramps.food_table.FoodTable.rich_in` over both, by the same rules: the packaged foods that
        pass the filters merged with the team's, by amount then id (one of each kind for
        ``everyday``)."""
        table = self._tables.get()
        nutrient = check_nutrient(nutrient_id)
        basis = check_basis(per)
        check_limit(limit)
        check_everyday(everyday)
        if limit == 0:
            return ()
        wanted_diet = diet_code(diet)
        included = self._group_names(table, groups, "groups")
        excluded = self._group_names(table, exclude_groups, "exclude_groups") or set()
        packaged_groups = set(table.groups())
        waived = {reason for group, reason in table.columns.waived_by_group.items() if group in (included or ())}
        streams: list[Iterator[_Entry]] = []
        if included is None or included & packaged_groups:
            rows = table.rows_in_order(
                nutrient,
                basis,
                None if included is None else table.group_indices(sorted(included & packaged_groups), "groups"),
                table.group_indices(sorted(excluded & packaged_groups), "exclude_groups") or frozenset(),
                wanted_diet,
                everyday,
            )
            streams.append(self._packaged(table, rows, nutrient, basis))
        daily = table.daily_value(nutrient)
        mine: list[_Entry] = []
        for value, food_id, food, portion in self._orders[nutrient, basis]:
            if (included is not None and food.group not in included) or food.group in excluded:
                continue
            if self._diet[food_id] < wanted_diet:
                continue
            reason = self._everyday[food_id]
            if everyday and reason is not None and reason not in waived:
                continue
            result = FoodResult(
                rank=0,
                food=food,
                nutrient=nutrient,
                amount=Amount(value=value, unit=NUTRIENT_UNITS[nutrient]),
                basis=basis,
                portion=portion,
                percent_daily_value=None if daily is None else value / daily * 100,
                serving=self.servings[food_id],
            )
            mine.append((-value, food_id, self._kinds[food_id], result, False))
        streams.append(iter(mine))
        results: list[FoodResult] = []
        seen: set[str] = set()
        for _, food_id, kind, result, packaged in heapq.merge(*streams, key=lambda entry: (entry[0], entry[1])):
            if packaged and food_id in self.hidden:  # a packaged food a team food replaces
                continue
            if everyday:
                if kind in seen:
                    continue
                seen.add(kind)
            rank = len(results) + 1
            if result.rank != rank:
                result = attrs.evolve(result, rank=rank)
            results.append(result)
            if len(results) == limit:
                break
        return tuple(results)

    def _packaged(self, table: FoodTable, rows: Iterator[int], nutrient: str, basis: Basis) -> Iterator[_Entry]:
        """The packaged ``rows`` as merge entries, their results made as the merge takes them."""
        for row in rows:
            result = table.result(1, row, nutrient, basis)
            yield (-result.amount.value, result.food.id, table.kind_name(row), result, True)


#: A merge entry: (-amount, food id, kind, result, whether the food is a packaged one).
_Entry = tuple[float, str, str, FoodResult, bool]


def _serving(food: Food, table: FoodTable) -> Serving | None:
    """The serving the rules of :mod:`cramps.servings` give ``food``."""
    from cramps.servings import category_of, measures, serving_in

    portions = measures((portion.description, portion.grams) for portion in food.portions)
    category, _ = category_of(food.name, food.group, portions)
    return None if category is None else serving_in(category, portions, table.columns.categories)


def merged_foods(
    current: Iterable[Food], added: Iterable[object], table: FoodTable, *, replace: bool
) -> tuple[Food, ...]:
    """``current`` extension foods with ``added`` ones; an added id that repeats, or that is
    already a food here or in the packaged ``table``, raises :class:`~cramps.DataError`
    unless ``replace`` (then the added food takes that food's place)."""
    foods = {food.id: food for food in current}
    new: set[str] = set()
    for food in added:
        if not isinstance(food, Food):
            raise TypeError(f"foods must be cramps.foods.Food records, not {type(food).__name__}")
        food_id = food.id
        if food_id in new:
            raise DataError("duplicate id in foods", file=FILE, record=food_id, field="id")
        new.add(food_id)
        if not replace:
            taken = "a food of the base knowledge base" if food_id in foods else None
            if taken is None and table.by_id(food_id) is not None:
                taken = "a packaged food"
            if taken is not None:
                message = f"id of {taken}; pass replace=True to replace it"
                raise DataError(message, file=FILE, record=food_id, field="id")
        foods[food_id] = food
    return tuple(foods.values())
