"""A team's own foods, validated and indexed over the packaged food table, and merged with
it by the table's rules: the part of :class:`~cramps.food_catalogue.FoodCatalogue` that
only a knowledge base with team foods needs (imported only then)."""

from __future__ import annotations

import heapq
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from cramps._cache import Lazy
from cramps._fields import check_limit
from cramps.amount import Amount, Unit
from cramps.catalogue import file_name
from cramps.errors import DataError, NoReferenceError, UnknownTermError
from cramps.food_table import FoodTable
from cramps.foods import (
    DIET_CODES,
    NUTRIENT_UNITS,
    Basis,
    Food,
    FoodResult,
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
    from cramps.servings import ServingRules

FILE: Final = file_name("foods")


# --- validation -------------------------------------------------------------------------


def _check(food: object) -> Food:
    """``food`` if it is a :class:`Food` record (which checks its own fields)."""
    if not isinstance(food, Food):
        raise TypeError(f"extension foods must be cramps.foods.Food records, not {type(food).__name__}")
    return food


#: Not computed yet (a food's everyday reason, kind or serving is computed on first need).
_PENDING: Final = "\x00pending"
_PENDING_SERVING: Final = Serving(grams=-1.0, category="\x00pending")
_UNKNOWN_DIET: Final = 255


def _value(food: Food, nutrient: str, basis: Basis, serving: Serving | None) -> float | None:
    """The food's amount of ``nutrient`` on ``basis`` as the packaged table computes it,
    or ``None`` when the table would leave the food out."""
    found = food.nutrients.get(nutrient)
    if found is None:
        return None
    if basis == "100g":
        return found.value
    if basis == "portion":
        portion = food.portion
        return None if portion is None else per_portion(found.value, portion.grams)
    if basis == "serving":
        return None if serving is None else per_serving(found.value, serving.grams)
    energy = food.nutrients.get("energy")
    if energy is None or energy.value == 0:
        return None
    return per_100kcal(found.value, energy.value)


class _SearchIndex:
    """The team foods' search stems: for each stem the positions of the foods whose
    name has it as a whole word, the stems sorted (for prefixes), and each food's first stem."""

    __slots__ = ("heads", "postings", "vocabulary")

    def __init__(self, folded_names: Iterable[str]) -> None:
        from cramps.food_search import stem

        stems: dict[str, str] = {}
        lists: dict[str, list[int]] = {}
        heads: list[str] = []
        for position, folded in enumerate(folded_names):
            words = folded.split()
            found = set()
            for word in words:
                stemmed = stems.get(word)
                if stemmed is None:
                    stemmed = stems[word] = stem(word)
                found.add(stemmed)
            for stemmed in found:
                rows = lists.get(stemmed)
                if rows is None:
                    lists[stemmed] = [position]
                else:
                    rows.append(position)
            heads.append(stems[words[0]] if words else "")
        self.postings: dict[str, array[int]] = {term: array("l", rows) for term, rows in lists.items()}
        self.vocabulary = sorted(self.postings)
        self.heads = heads

    def counts(self, query: list[str]) -> tuple[dict[int, int], dict[int, int], set[int]]:
        """For ``query`` stems: per position the stems found as whole words and those found
        only as the start of a longer word, and the matching positions
        (:func:`cramps.food_search.match_counts`)."""
        from cramps.food_search import match_counts

        empty: tuple[int, ...] = ()
        return match_counts(query, self.vocabulary, lambda term: self.postings.get(term, empty))


class TeamFoods:
    """Extension foods, validated and indexed by id, folded name and group when made;
    what only some questions need is made on the first such question (thread-safely) and
    kept: each food's everyday reason, kind, diet and serving, the order of the foods by a
    nutrient on a basis (largest first, ties by id), and the search index."""

    __slots__ = (
        "_by_id",
        "_by_key",
        "_diet",
        "_everyday",
        "_groups",
        "_kinds",
        "_lock",
        "_orders",
        "_rules",
        "_search",
        "_servings",
        "_servings_done",
        "_suggest",
        "_tables",
        "foods",
        "hidden",
        "units",
    )

    def __init__(self, foods: Iterable[Food], tables: Lazy[FoodTable]) -> None:
        """``foods`` (a team's own, see :func:`cramps.load`) validated and indexed over the
        packaged table that ``tables`` loads (loaded now, to check the foods against it)."""
        self._tables = tables
        table = tables.get()
        self.foods = tuple(_check(food) for food in foods)
        by_id: dict[str, Food] = {}
        by_key: dict[str, Food] = {}
        groups: dict[str, str] = {}
        folded_groups: dict[str, str] = {}
        units: dict[str, Unit] = {}
        for food in self.foods:
            food_id = food.id
            if food_id in by_id:
                raise DataError("duplicate id in foods", file=FILE, record=food_id, field="id")
            by_id[food_id] = food
            key = fold(food.name)
            other = by_key.get(key)
            if other is not None:
                raise DataError(
                    f"name {food.name!r} would name both {other.id!r} and {food_id!r}",
                    file=FILE,
                    record=food_id,
                    field="name",
                )
            by_key[key] = food
            spelling = food.group
            folded = folded_groups.get(spelling)
            if folded is None:
                folded = folded_groups[spelling] = fold(spelling)
            group = groups.setdefault(folded, spelling)
            if group != spelling:
                raise DataError(
                    f"group {spelling!r} is spelled {group!r} elsewhere in the file; use one spelling",
                    file=FILE,
                    record=food_id,
                    field="group",
                )
            for nutrient, amount in food.nutrients.items():
                if nutrient not in NUTRIENT_UNITS:
                    unit = units.setdefault(nutrient, amount.unit)
                    if unit is not amount.unit:
                        raise DataError(
                            f"{nutrient} is given in {amount.unit.value} here and in {unit.value} in other"
                            " foods; give a nutrient in one unit",
                            file=FILE,
                            record=food_id,
                            field=f"nutrients.{nutrient}.unit",
                        )
        self._by_id = by_id
        #: The folded names, in the order of the foods (ids are found through ``_by_id``).
        self._by_key = by_key
        self._groups = groups
        #: The units of the nutrients outside the packaged table that the foods give.
        self.units: Mapping[str, Unit] = MappingProxyType(units)
        #: Ids of the packaged foods these foods replace (``usda-...`` ids).
        self.hidden = frozenset(food_id for food_id in by_id if food_id.startswith("usda-"))
        self._check_against(table)
        count = len(self.foods)
        self._lock = threading.RLock()
        self._everyday: list[str | None] = [_PENDING] * count
        self._kinds: list[str] = [_PENDING] * count
        self._diet = bytearray([_UNKNOWN_DIET]) * count
        self._servings: list[Serving | None] = [_PENDING_SERVING] * count
        self._servings_done = False
        self._rules: ServingRules | None = None
        self._orders: dict[tuple[str, Basis], tuple[array[int], array[float]]] = {}
        self._search: _SearchIndex | None = None
        self._suggest: dict[str, Food] | None = None

    def _check_against(self, table: FoodTable) -> None:
        """Raise :class:`DataError` where these foods clash with the packaged ``table``: the
        name of a packaged food they do not replace, or a packaged group spelled differently.
        (Whether a packaged id may be replaced is :meth:`KnowledgeBase.extended`'s business.)"""
        row_of_name = table.columns.row_of_name
        spelled_as: dict[str, str | None] = {}
        for food, key in zip(self.foods, self._by_key, strict=True):
            packaged = table.by_name(food.name) if row_of_name(key) is not None else None
            if packaged is not None and packaged.id not in self._by_id:
                raise DataError(
                    f"name {food.name!r} already names packaged food {packaged.id!r}; rename it, or give it"
                    f" the id {packaged.id!r} and pass replace=True to replace that food",
                    file=FILE,
                    record=food.id,
                    field="name",
                )
            group = food.group
            if group not in spelled_as:
                spelled_as[group] = table.group_named(group)
            spelled = spelled_as[group]
            if spelled is not None and spelled != group:
                raise DataError(
                    f"group {group!r} is the packaged group {spelled!r} spelled differently; use that spelling",
                    file=FILE,
                    record=food.id,
                    field="group",
                )

    # --- what each food needs, made on first use (a race computes the same value twice)

    def _reason(self, position: int) -> str | None:
        """Why the food at ``position`` is not an everyday food, or ``None``."""
        reason = self._everyday[position]
        if reason is _PENDING:
            from cramps.servings import everyday_reason

            food = self.foods[position]
            reason = self._everyday[position] = everyday_reason(food.name, food.group)
        return reason

    def _kind(self, position: int) -> str:
        kind = self._kinds[position]
        if kind is _PENDING:
            from cramps.servings import kind_of

            food = self.foods[position]
            kind = self._kinds[position] = kind_of(food.name, food.group)
        return kind

    def _diet_of(self, position: int) -> int:
        """The food's place in :data:`DIET_CODES` by :func:`classify_diet`."""
        code = self._diet[position]
        if code == _UNKNOWN_DIET:
            food = self.foods[position]
            code = DIET_CODES[classify_diet(food.name, food.group)]
            self._diet[position] = code
        return code

    def _serving(self, position: int) -> Serving | None:
        """The food's serving: its own, else the one the rules of cramps.servings give it."""
        serving = self._servings[position]
        if serving is _PENDING_SERVING:
            food = self.foods[position]
            serving = self._servings[position] = food.serving or self._serving_rules().serving(
                food.name, food.group, tuple((p.description, p.grams) for p in food.portions)
            )
        return serving

    def _serving_rules(self) -> ServingRules:
        """The serving rules of the packaged table's categories, made on first use."""
        rules = self._rules
        if rules is None:
            from cramps.servings import ServingRules

            rules = self._rules = ServingRules(self._tables.get().columns.categories)
        return rules

    def _all_servings(self) -> list[Serving | None]:
        """Every food's serving, made at once (by :class:`cramps.servings.ServingRules`)."""
        if not self._servings_done:
            with self._lock:
                if not self._servings_done:
                    rules = self._serving_rules()
                    servings = self._servings
                    for position, food in enumerate(self.foods):
                        if servings[position] is _PENDING_SERVING:
                            servings[position] = food.serving or rules.serving(
                                food.name, food.group, tuple((p.description, p.grams) for p in food.portions)
                            )
                    self._servings_done = True
        return self._servings

    def _order(self, nutrient: str, basis: Basis) -> tuple[array[int], array[float]]:
        """The positions of the foods that have ``nutrient`` on ``basis``, largest amount
        first (ties by id), and their amounts; made on the first question that needs it."""
        found = self._orders.get((nutrient, basis))
        if found is None:
            with self._lock:
                found = self._orders.get((nutrient, basis))
                if found is None:
                    servings = self._all_servings() if basis == "serving" else None
                    rows: list[tuple[float, str, int]] = []
                    for position, food in enumerate(self.foods):
                        value = _value(food, nutrient, basis, None if servings is None else servings[position])
                        if value is not None:
                            rows.append((-value, food.id, position))
                    rows.sort()
                    found = (array("l", [row[2] for row in rows]), array("d", [-row[0] for row in rows]))
                    self._orders[nutrient, basis] = found
        return found

    def _index(self) -> _SearchIndex:
        index = self._search
        if index is None:
            with self._lock:
                if self._search is None:
                    self._search = _SearchIndex(self._by_key)
                index = self._search
        return index

    # --- lookups

    def food(self, name_or_id: str) -> Food:
        """A team's food by id or name, else the packaged food (or its replacement)."""
        require_text(name_or_id, "name_or_id")
        table = self._tables.get()
        key = fold(name_or_id)
        mine = self._by_key.get(key)
        if mine is None:  # an id is a slug: it folds to its words
            mine = self._by_id.get(key.replace(" ", "-"))
        if mine is not None:
            return mine
        try:
            found = table.food(name_or_id)
        except UnknownTermError as error:
            keys = self._suggestion_keys()
            ours = [keys[k].name for k in close_matches(key, keys)]
            suggestions = dict.fromkeys([*ours, *error.suggestions])
            raise UnknownTermError(error.term, error.kind, tuple(suggestions)[:3]) from None
        return self._by_id.get(found.id, found)

    def _suggestion_keys(self) -> dict[str, Food]:
        """The folded names, then the folded ids that are not names: what a miss is
        compared with for suggestions."""
        keys = self._suggest
        if keys is None:
            keys = dict(self._by_key)
            for food in self.foods:
                keys.setdefault(fold(food.id), food)
            self._suggest = keys
        return keys

    def search(self, text: str, *, limit: int | None = 10) -> tuple[Food, ...]:
        """:meth:`~cramps.food_table.FoodTable.search` over both, by the same ranking (ties by id);
        ``limit=None`` returns every match."""
        from cramps.food_search import search_stems

        require_text(text, "text")
        table = self._tables.get()
        limit = check_limit(limit)
        query = search_stems(text)
        scored: list[tuple[SearchKey, str, Food | Callable[[], Food]]] = []
        scored.extend(table.ranked_search(text, None if limit is None else limit + len(self.hidden)))
        scored.extend(self._ranked(query, limit))
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

    def _ranked(self, query: list[str], limit: int | None) -> list[tuple[SearchKey, str, Food]]:
        """The team foods matching ``query``, best first, at most ``limit``, each with its
        :func:`~cramps.food_search.search_key`. Only the stems' postings are read; a food's
        everyday reason is found only for foods in the tiers that reach the ``limit``."""
        from cramps.food_search import processed

        index = self._index()
        whole, part, candidates = index.counts(query)
        kinds: dict[str, int] = {}
        tiers: dict[tuple[int, int, int], list[tuple[int, int, str, int]]] = {}
        first = query[0] if query else None
        heads = index.heads
        foods = self.foods
        for position in candidates:
            food = foods[position]
            group = food.group
            kind = kinds.get(group)
            if kind is None:
                kind = kinds[group] = processed(group, query)
            tier = (-whole.get(position, 0), -part.get(position, 0), kind)
            entry = (int(first is None or heads[position] != first), len(food.name), food.id, position)
            rows = tiers.get(tier)
            if rows is None:
                tiers[tier] = [entry]
            else:
                rows.append(entry)
        ranked: list[tuple[SearchKey, str, Food]] = []
        for tier in sorted(tiers):
            rows = tiers[tier]
            heapq.heapify(rows)
            everyday: list[tuple[SearchKey, str, Food]] = []
            other: list[tuple[SearchKey, str, Food]] = []
            while rows and (limit is None or len(ranked) + len(everyday) < limit):
                starts, length, food_id, position = heapq.heappop(rows)
                plain = self._reason(position) is None
                key = (tier[0], tier[1], tier[2], int(not plain), starts, length)
                (everyday if plain else other).append((key, food_id, foods[position]))
            ranked.extend(everyday)
            if not rows:  # the whole tier was read: its other foods come after its everyday ones
                ranked.extend(other)
            if limit is not None and len(ranked) >= limit:
                return ranked[:limit]
        return ranked

    # --- ranking

    def _group_names(self, table: FoodTable, names: Iterable[str] | None, what: str) -> set[str] | None:
        """The canonical group names ``names`` mean, among packaged and extension groups."""
        if names is None:
            return None
        if isinstance(names, str):
            names = (names,)
        if not isinstance(names, Iterable):
            raise TypeError(f"{what} must be a list of USDA food group names, not {type(names).__name__}")
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

    def nutrient(self, nutrient_id: str) -> tuple[str, Unit, bool]:
        """The nutrient ``nutrient_id`` names, its unit, and whether the packaged table has
        it: a food-table nutrient (see :func:`~cramps.foods.check_nutrient`), else one the
        team's foods give; :class:`~cramps.errors.NoReferenceError` if no food has amounts of it."""
        if isinstance(nutrient_id, str) and nutrient_id in NUTRIENT_UNITS:
            return nutrient_id, NUTRIENT_UNITS[nutrient_id], True
        try:
            found = check_nutrient(nutrient_id)
        except UnknownTermError:
            key = nutrient_id if nutrient_id in self.units else fold(nutrient_id).replace(" ", "-")
            unit = self.units.get(key)
            if unit is None:
                raise NoReferenceError(nutrient_id, "food amounts", covered=self.covered()) from None
            return key, unit, False
        return found, NUTRIENT_UNITS[found], True

    def covered(self) -> tuple[str, ...]:
        """The nutrients foods can be ranked by: the packaged table's, then the team's own."""
        return (*NUTRIENT_UNITS, *sorted(self.units))

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
        ``everyday``). A nutrient outside the packaged table ranks the team foods that give it."""
        table = self._tables.get()
        nutrient, unit, packaged = self.nutrient(nutrient_id)
        basis = check_basis(per)
        limit = check_limit(limit)
        check_everyday(everyday)
        wanted_diet = diet_code(diet)
        included = self._group_names(table, groups, "groups")
        excluded = self._group_names(table, exclude_groups, "exclude_groups") or set()
        packaged_groups = set(table.groups())
        waived = {reason for group, reason in table.columns.waived_by_group.items() if group in (included or ())}
        streams: list[Iterator[_Entry]] = []
        if packaged and (included is None or included & packaged_groups):
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
        streams.append(
            self._mine(nutrient, unit, basis, daily, included, excluded, wanted_diet, everyday, frozenset(waived))
        )
        results: list[FoodResult] = []
        seen: set[str] = set()
        for _, food_id, kind, result, from_table in heapq.merge(*streams, key=lambda entry: (entry[0], entry[1])):
            if from_table and food_id in self.hidden:  # a packaged food a team food replaces
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

    def _mine(
        self,
        nutrient: str,
        unit: Unit,
        basis: Basis,
        daily: float | None,
        included: set[str] | None,
        excluded: set[str],
        wanted_diet: int,
        everyday: bool,
        waived: frozenset[str],
    ) -> Iterator[_Entry]:
        """The team foods that pass the filters, in order, as merge entries (made as the
        merge takes them, so a question reads only as far down the order as it needs)."""
        positions, amounts = self._order(nutrient, basis)
        foods = self.foods
        for at, position in enumerate(positions):
            food = foods[position]
            group = food.group
            if (included is not None and group not in included) or group in excluded:
                continue
            if wanted_diet and self._diet_of(position) < wanted_diet:
                continue
            if everyday:
                reason = self._reason(position)
                if reason is not None and reason not in waived:
                    continue
            value = amounts[at]
            result = FoodResult(
                rank=0,
                food=food,
                nutrient=nutrient,
                amount=Amount(value=value, unit=unit),
                basis=basis,
                portion=food.portion if basis == "portion" else None,
                percent_daily_value=None if daily is None else value / daily * 100,
                serving=self._serving(position),
            )
            yield (-value, food.id, self._kind(position) if everyday else "", result, False)

    def _packaged(self, table: FoodTable, rows: Iterator[int], nutrient: str, basis: Basis) -> Iterator[_Entry]:
        """The packaged ``rows`` as merge entries, their results made as the merge takes them."""
        for row in rows:
            result = table.result(1, row, nutrient, basis)
            yield (-result.amount.value, result.food.id, table.kind_name(row), result, True)


#: A merge entry: (-amount, food id, kind, result, whether the food is a packaged one).
_Entry = tuple[float, str, str, FoodResult, bool]


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
