"""The packaged USDA SR28 food table: lookups, search, and foods ranked by a nutrient.

The records it returns (:class:`~cramps.foods.Food`, :class:`~cramps.foods.FoodResult`)
and the rules it ranks by (bases, diets, sources and releases) are described in
:mod:`cramps.foods`; the columns it reads are :mod:`cramps.food_columns`, the search
rules :mod:`cramps.food_search`.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final

from cramps._cache import KEEP_ROWS, Answers, Caches
from cramps._fields import check_limit
from cramps._loader import DataFolder, data_folder, packaged_data
from cramps.amount import Amount
from cramps.catalogue import FOOD_TABLE_FILE
from cramps.errors import DataError, UnknownTermError
from cramps.food_columns import FoodColumns, read_from
from cramps.foods import (
    DATASET,
    NUTRIENT_UNITS,
    RELEASE,
    Basis,
    Food,
    FoodResult,
    Portion,
    TypicalSource,
    check_basis,
    check_everyday,
    check_nutrient,
    diet_code,
    per_100kcal,
    per_portion,
    per_serving,
)
from cramps.text import close_matches, fold, require_text

if TYPE_CHECKING:
    from cramps.food_search import FoodSearch, SearchKey
    from cramps.nutrients import Nutrient

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["FoodGroups", "FoodTable", "typical_sources"]

_QUERY_CACHE_SIZE: Final = 256
#: How many amounts of a food on a basis are kept (of some 390,000 there are).
_AMOUNTS_SIZE: Final = 4096
#: How many names no food has are kept with their suggestions.
_MISSES_SIZE: Final = 256


class FoodGroups:
    """The USDA food-group names of a table, found by any spelling (case, spacing and
    accents ignored), as their places in the table's list."""

    __slots__ = ("_by_key", "_exact", "_names")

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = names
        self._by_key = {fold(name): i for i, name in enumerate(names)}
        self._exact = {name: i for i, name in enumerate(names)}

    def index(self, name: str) -> int | None:
        """The place of the group ``name`` means, or ``None``."""
        return self._by_key.get(fold(name))

    def indices(self, names: Iterable[str] | None, what: str) -> frozenset[int] | None:
        """The places of ``names`` (one name or several; ``None`` for no filter); a name of
        no group raises :class:`~cramps.UnknownTermError` with the closest groups."""
        if names is None:
            return None
        if isinstance(names, str):
            names = (names,)
        if not isinstance(names, Iterable):
            raise TypeError(f"{what} must be a list of USDA food group names, not {type(names).__name__}")
        found: set[int] = set()
        for name in names:
            index = self._exact.get(name) if isinstance(name, str) else None
            if index is not None:
                found.add(index)
                continue
            require_text(name, what)
            index = self._by_key.get(fold(name))
            if index is None:
                raise UnknownTermError(name, "food group", self._suggestions(fold(name)))
            found.add(index)
        return frozenset(found)

    def _suggestions(self, key: str) -> tuple[str, ...]:
        from cramps.food_search import stem

        close = close_matches(key, self._by_key)
        words = {stem(word) for word in key.split()}
        for folded in self._by_key:
            if len(close) < 3 and folded not in close and words & {stem(w) for w in folded.split()}:
                close.append(folded)
        return tuple(self._names[self._by_key[c]] for c in close)


class FoodTable:
    """The packaged USDA SR28 food table. Create it with :meth:`FoodTable.load`.

    Columns stay as compact arrays over the file's bytes (text is decoded one line at a
    time); :class:`~cramps.foods.Food` records are built on first use and cached. The order
    of foods by each nutrient on each basis is precomputed by the build
    (``foods-order.bin``, read on the first ranking), so ``rich_in(..., limit=k)`` walks k
    entries plus any filtered out, whatever the number of foods. The folded names and the
    word index (stems and the rows holding them) are built by the build too and read on
    the first lookup or search (``foods-search.bin``); the first lookup by name or NDB
    number builds a dict of them.
    """

    __slots__ = ("_amounts", "_columns", "_groups", "_mask_cache", "_misses", "_query_cache", "_search")

    def __init__(self, columns: FoodColumns) -> None:
        """A table over ``columns``; use :meth:`load`."""
        self._columns = columns
        self._search: FoodSearch | None = None  # made on the first search
        self._groups = FoodGroups(columns.groups)
        self._mask_cache: dict[tuple[frozenset[int] | None, frozenset[int], int, bool], bytes] = {}
        self._query_cache: dict[tuple[object, ...], tuple[FoodResult, ...]] = {}
        self._misses = Answers(_MISSES_SIZE)
        self._amounts: dict[tuple[str, str, int], tuple[Amount, Portion | None, float | None]] = {}

    @classmethod
    def load(cls, source: str | os.PathLike[str] | Traversable | None = None) -> FoodTable:
        """Read the food table: the packaged one (``cramps/data/food-table.json`` and
        ``foods*.bin``; zip-safe) or, given ``source`` (a folder path or a
        :class:`~importlib.resources.abc.Traversable`), the same files in that folder, as
        ``tools/build_foods.py`` writes them."""
        folder: DataFolder
        if source is None:
            folder = packaged_data()
        elif isinstance(source, (str, os.PathLike)):
            folder = data_folder(os.fspath(source))
        elif hasattr(source, "joinpath") and hasattr(source, "read_bytes"):
            folder = source
        else:
            raise TypeError(f"source must be a folder path, a Traversable or None, not {type(source).__name__}")
        try:
            header = json.loads(read_from(folder, FOOD_TABLE_FILE, None))
        except ValueError as error:
            raise DataError(f"cannot read the food table: {error}", file=FOOD_TABLE_FILE) from error
        if source is None:
            return cls(FoodColumns(header))
        return cls(FoodColumns(header, functools.partial(read_from, folder)))

    def _searcher(self) -> FoodSearch:
        """The search over the word index (its module imported on the first search)."""
        if self._search is None:
            from cramps.food_search import FoodSearch

            self._search = FoodSearch(self._columns)
        return self._search

    @property
    def columns(self) -> FoodColumns:
        """The raw columns (for the build's checks and the benchmarks' baselines)."""
        return self._columns

    def clear_cache(self) -> None:
        """Forget the rankings, amounts and unknown names kept so far (the columns, foods
        and filter masks stay)."""
        self._query_cache.clear()
        self._amounts.clear()
        self._misses.clear()

    def __len__(self) -> int:
        return self._columns.count

    def __iter__(self) -> Iterator[Food]:
        """Every food, in id order."""
        return (self._columns.food(i) for i in range(self._columns.count))

    def __repr__(self) -> str:
        return f"<FoodTable: {len(self):,} foods, {DATASET} {RELEASE}>"

    @property
    def caveat(self) -> str:
        """Which release the values come from and how later releases differ."""
        return self._columns.caveat

    def groups(self) -> tuple[str, ...]:
        """The USDA food-group names, sorted."""
        return self._columns.groups

    # --- finding foods

    def food(self, name_or_id: str) -> Food:
        """The food with this id (``usda-01001``), NDB number (``01001``) or USDA long
        description; case, spacing and accents are ignored.

        Raises :class:`~cramps.errors.UnknownTermError` (kind ``"food"``) with the
        closest names as suggestions.
        """
        require_text(name_or_id, "name_or_id")
        key = fold(name_or_id)
        index = self._columns.row(key)
        if index is None:
            raise UnknownTermError(name_or_id, "food", self._suggestions(key, name_or_id))
        return self._columns.food(index)

    def _suggestions(self, key: str, text: str) -> tuple[str, ...]:
        """The names closest to the folded ``key`` of ``text``, a name no food has: kept for
        the last ``_MISSES_SIZE`` such names, as comparing with every name takes a few ms."""
        return Caches.kept(self._misses, key, lambda: self._closest(key, text))

    def _closest(self, key: str, text: str) -> tuple[str, ...]:
        suggestions = []
        for match in close_matches(key, self._columns.folded.all()):
            row = self._columns.row_of_name(match)
            if row is not None:
                suggestions.append(self._columns.names[row])
        for food in self.search(text, limit=3):
            if len(suggestions) < 3 and food.name not in suggestions:
                suggestions.append(food.name)
        return tuple(suggestions)

    def by_id(self, food_id: str) -> Food | None:
        """The food with exactly this id (``usda-01001``), or ``None``."""
        row = self._columns.row_of_id(food_id)
        return None if row is None else self._columns.food(row)

    def by_name(self, name: str) -> Food | None:
        """The food with this USDA long description (case, spacing and accents ignored;
        the lowest id where two share one), or ``None``."""
        row = self._columns.row_of_name(fold(name))
        return None if row is None else self._columns.food(row)

    def group_named(self, name: str) -> str | None:
        """The USDA food group ``name`` means, spelled as USDA spells it (case, spacing
        and accents ignored), or ``None``."""
        index = self._groups.index(name)
        return None if index is None else self._columns.groups[index]

    def group_indices(self, names: Iterable[str] | None, what: str) -> frozenset[int] | None:
        """The places of the groups ``names`` mean (``None`` for no filter), by any spelling."""
        return self._groups.indices(names, what)

    def daily_value(self, nutrient_id: str) -> float | None:
        """The FDA Daily Value of ``nutrient_id``, in its food-table unit, or ``None``."""
        return self._columns.daily_values.get(nutrient_id)

    def search(self, text: str, *, limit: int | None = 10) -> tuple[Food, ...]:
        """Foods whose description matches ``text``, best first (``limit=None``: all).

        Ranked by the number of query words found as whole words (plural or singular),
        then partly (as a word prefix), then plain foods before those of processed or
        mixed groups (and oils, unless the query says "oil": "almonds" finds "Nuts,
        almonds" before "Oil, almond"), then everyday foods before the others (see
        :mod:`cramps.servings`), then whether the description starts with the first
        query word, then shorter descriptions, then id.
        """
        require_text(text, "text")
        limit = check_limit(limit)
        return tuple(self._columns.food(position) for _, position in self._searcher().scored(text, limit))

    def ranked_search(self, text: str, limit: int | None) -> list[tuple[SearchKey, str, Callable[[], Food]]]:
        """The matches of :meth:`search` for ``text``, best first, at most ``limit``: each as
        its ``SearchKey``, the food's id and a function that builds the food, so that
        other foods can be merged in by the same rule without building every match."""
        columns = self._columns
        return [
            (key, f"usda-{columns.ndb(row)}", functools.partial(columns.food, row))
            for key, row in self._searcher().scored(text, limit)
        ]

    def best_match(self, text: str) -> Food | None:
        """A representative food for a food word such as "spinach", "bananas" or
        "pumpkin seeds"; ``None`` when no food names every word of ``text`` or when the
        words are only generic ones ("nuts", "fatty fish", "whole grains").

        A word after "non", "no", "not" or "without" in a description does not count
        ("soy" is not in "Milk, imitation, non-soy"), and two query words may match one
        compound word ("soy milk" -> "Soymilk"). Among the foods that name every word,
        the best is the one outside processed or mixed groups, with the words in its
        first two comma-separated parts, with the fewest other words in its first part,
        without a brand name, raw or plain, then with the fewest parts, the shortest
        description and the lowest id.
        """
        row = self._searcher().best_row(text)
        return None if row is None else self._columns.food(row)

    # --- ranking

    def _mask(self, groups: frozenset[int] | None, excluded: frozenset[int], diet: int, everyday: bool) -> bytes:
        """One byte per food, 1 where it passes the filters (built with ``bytes.translate``)."""
        key = (groups, excluded, diet, everyday)
        mask = self._mask_cache.get(key)
        if mask is None:
            columns = self._columns
            keep_group = bytes(int((groups is None or g in groups) and g not in excluded) for g in range(256))
            keep_diet = bytes(int(d >= diet) for d in range(256))
            by_group = bytes(columns.group).translate(keep_group)
            by_diet = bytes(columns.diet).translate(keep_diet)
            both = int.from_bytes(by_group, "little") & int.from_bytes(by_diet, "little")
            if everyday:
                both &= int.from_bytes(bytes(columns.everyday).translate(self._everyday_codes(groups)), "little")
            mask = both.to_bytes(columns.count, "little")
            if len(self._mask_cache) >= 64:
                self._mask_cache.clear()
            self._mask_cache[key] = mask
        return mask

    def _everyday_codes(self, groups: frozenset[int] | None) -> bytes:
        """The ``bytes.translate`` table keeping everyday foods: reason code 0, and the
        reasons waived because their group is among ``groups`` (baby foods, dishes ...)."""
        if groups is None:
            return bytes(int(i == 0) for i in range(256))  # code 0: an everyday food
        asked = {self._columns.groups[g] for g in groups}
        waived = {reason for group, reason in self._columns.waived_by_group.items() if group in asked}
        reasons = self._columns.everyday_reasons
        return bytes(int(i < len(reasons) and (reasons[i] is None or reasons[i] in waived)) for i in range(256))

    def _row_of(self, food: Food) -> int:
        row = self._columns.row_of_id(food.id)
        if row is None:
            raise UnknownTermError(food.id, "food", ())
        return row

    def everyday_reason(self, food: Food) -> str | None:
        """Why a packaged food is left out of everyday answers, or ``None`` if it is an
        everyday food (see :mod:`cramps.servings`)."""
        return self._columns.everyday_reasons[self._columns.everyday[self._row_of(food)]]

    def serving_reason(self, food: Food) -> str:
        """Why a packaged food has its serving category, or why it has none."""
        return self._columns.serving_reasons[self._columns.serving_reason[self._row_of(food)]]

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
        """The foods richest in ``nutrient_id``, largest amount first (ties by id).

        ``per`` is ``"serving"`` (the food's FDA reference amount, see
        :mod:`cramps.servings`), ``"100g"``, ``"portion"`` (the food's first USDA
        portion) or ``"100kcal"``. ``everyday`` keeps only foods eaten as such, one of
        each kind (:mod:`cramps.servings`); ``everyday=False`` ranks the whole table.
        ``groups`` keeps only these USDA food groups, ``exclude_groups`` drops some (a
        single group name may be passed as a str); ``diet`` is ``"vegan"``,
        ``"vegetarian"`` or ``"omnivore"`` (no filter). Foods without a value for the
        nutrient, or without a serving for ``per="serving"``, are never included.
        ``limit=None`` returns every food. Results are immutable, so repeated questions
        are answered from a small cache.
        """
        nutrient = check_nutrient(nutrient_id)
        basis = check_basis(per)
        limit = check_limit(limit)
        check_everyday(everyday)
        wanted_diet = diet_code(diet)
        included = self._groups.indices(groups, "groups")
        excluded = self._groups.indices(exclude_groups, "exclude_groups") or frozenset()
        key = (nutrient, basis, limit, included, excluded, wanted_diet, everyday)
        cached = self._query_cache.get(key)
        if cached is not None:
            return cached
        picked = self.ranked_rows(nutrient, basis, limit, included, excluded, wanted_diet, everyday)
        results = tuple(self.result(rank, position, nutrient, basis) for rank, position in enumerate(picked, 1))
        if len(results) <= KEEP_ROWS:  # a whole-table answer is never kept: its size is unbounded
            if len(self._query_cache) >= _QUERY_CACHE_SIZE:
                self._query_cache.clear()  # simple and thread-safe; results are cheap to rebuild
            self._query_cache[key] = results
        return results

    def rows_in_order(
        self,
        nutrient: str,
        basis: Basis,
        included: frozenset[int] | None,
        excluded: frozenset[int],
        diet: int,
        everyday: bool,
    ) -> Iterator[int]:
        """The rows that pass the filters (checked arguments; see :meth:`rich_in`), best
        first, every food of each kind."""
        order = self._columns.order(nutrient, basis)
        if included is None and not excluded and diet == 0 and not everyday:
            return iter(order)
        mask = self._mask(included, excluded, diet, everyday)
        return (position for position in order if mask[position])

    def kind_name(self, row: int) -> str:
        """The kind of the food in ``row`` (see :func:`cramps.servings.kind_of`)."""
        kinds, names = self._columns.kinds()
        return names[kinds[row]]

    def ranked_rows(
        self,
        nutrient: str,
        basis: Basis,
        limit: int | None,
        included: frozenset[int] | None,
        excluded: frozenset[int],
        diet: int,
        everyday: bool,
    ) -> list[int]:
        """The rows of the answer, best first (checked arguments; see :meth:`rich_in`):
        with ``everyday``, the first row of each kind."""
        rows = self.rows_in_order(nutrient, basis, included, excluded, diet, everyday)
        if not everyday:
            return list(rows if limit is None else itertools.islice(rows, limit))
        kinds = self._columns.kinds()[0]
        seen: set[int] = set()
        picked: list[int] = []
        for position in rows:
            kind = kinds[position]
            if kind not in seen:
                seen.add(kind)
                picked.append(position)
                if len(picked) == limit:
                    break
        return picked

    def result(self, rank: int, position: int, nutrient: str, basis: Basis) -> FoodResult:
        """The :class:`~cramps.foods.FoodResult` of the food in row ``position`` at ``rank``."""
        food = self._columns.food(position)
        key = (nutrient, basis, position)
        parts = self._amounts.get(key)
        if parts is None:
            per_100g = self._columns.value(nutrient, position)
            portion = None
            if basis == "100g":
                value = per_100g
            elif basis == "portion":
                portion = food.portions[0]
                value = per_portion(per_100g, portion.grams)
            elif basis == "serving":
                value = per_serving(per_100g, self._columns.serving_grams[position])
            else:
                value = per_100kcal(per_100g, self._columns.value("energy", position))
            daily = self._columns.daily_values.get(nutrient)
            amount = Amount(value=value, unit=NUTRIENT_UNITS[nutrient])
            parts = (amount, portion, None if daily is None else value / daily * 100)
            if len(self._amounts) >= _AMOUNTS_SIZE:
                self._amounts.clear()
            self._amounts[key] = parts
        return FoodResult(
            rank=rank,
            food=food,
            nutrient=nutrient,
            amount=parts[0],
            basis=basis,
            portion=parts[1],
            percent_daily_value=parts[2],
            serving=food.serving,
        )


def typical_sources(table: FoodTable, nutrient: Nutrient) -> tuple[TypicalSource, ...]:
    """``nutrient``'s typical sources, each linked to the food of ``table`` that best
    represents it (:meth:`FoodTable.best_match`), with that food's amount per 100 g."""
    linked = []
    for name in nutrient.typical_sources:
        food = table.best_match(name)
        amount = None if food is None else food.nutrients.get(nutrient.id)
        linked.append(TypicalSource(nutrient=nutrient.id, name=name, food=food, amount=amount))
    return tuple(linked)
