"""The packaged USDA SR28 food table: compact columns over the packaged files, lookups,
search and foods ranked by a nutrient.

The records it returns (:class:`~cramps.foods.Food`, :class:`~cramps.foods.FoodResult`)
and the rules it ranks by (bases, diets, sources and releases) are described in
:mod:`cramps.foods`. The files are written by ``tools/build_foods.py``; their header is
:data:`cramps.catalogue.FOOD_TABLE_FILE`.
"""

from __future__ import annotations

import array
import bisect
import functools
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, overload

from cramps._fields import check_limit
from cramps._loader import DataFolder, data_folder, packaged_data
from cramps._text import close_matches, fold, require_text
from cramps.amount import Amount
from cramps.catalogue import FOOD_TABLE_FILE
from cramps.errors import DataError, UnknownTermError
from cramps.foods import (
    DATASET,
    NUTRIENT_UNITS,
    OIL_GROUP,
    RELEASE,
    Basis,
    Food,
    FoodResult,
    FoodSource,
    Portion,
    TypicalSource,
    check_basis,
    check_nutrient,
    diet_code,
    per_100kcal,
    per_portion,
    word_set,
)

if TYPE_CHECKING:
    from cramps.nutrients import Nutrient

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["FoodTable", "SearchKey", "row_typecode", "search_key", "search_stems", "stem", "typical_sources"]

#: How a description ranks for a search: ``(-whole, -part, not starting with the first
#: stem, name length)``, smaller first (see :func:`search_key`).
SearchKey = tuple[int, int, int, int]

_MISSING: Final = 0xFFFFFFFF
_QUERY_CACHE_SIZE: Final = 256
_FORMAT: Final = 3
_STOP_WORDS: Final = frozenset({"and", "or", "of", "the", "a", "an", "with", "in", "fresh"})
_PROCESSED_GROUPS: Final = frozenset(
    {
        "Baby Foods",
        "Fast Foods",
        "Restaurant Foods",
        "Meals, Entrees, and Side Dishes",
        "Soups, Sauces, and Gravies",
        "Snacks",
        "Sweets",
        "Baked Products",
        "Beverages",
        "American Indian/Alaska Native Foods",
    }
)
_NEGATIONS: Final = frozenset({"non", "no", "not", "without"})
#: Query words too generic to pick one representative food.
_GENERIC_WORDS: Final = word_set(
    """nut seed fish fatty oily grain whole cereal fortified green leafy dark vegetable fruit
    legume bean pulse dairy product food meat poultry seafood shellfish dried enriched"""
)
#: Description words that do not make a food less representative of a query (words
#: with digits, such as "3.25%", do not count either).
_NEUTRAL_WORDS: Final = word_set(
    """and or kernel whole raw plain fluid all mixed species commercial variety mature
    regular mollusk crustacean nut seed fish bean cereal legume vegetable product with
    added vitamin a d e"""
)


def stem(word: str) -> str:
    """A crude singular form, applied to query and description words alike."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def search_stems(text: str) -> list[str]:
    """The distinct stems of a search text, in order (the first one matters to ranking)."""
    return list(dict.fromkeys(stem(word) for word in fold(text).split()))


def search_key(query: list[str], name: str) -> SearchKey | None:
    """How :meth:`FoodTable.search` ranks a description for the ``query`` stems, read
    from the description itself: ``(-whole, -part, not starting with the first stem,
    name length)``, smaller first; ``None`` when it does not match (no stem is a whole
    word of it, and none of three or more letters starts a longer word of it)."""
    words = frozenset(stem(word) for word in fold(name).split())
    whole = sum(1 for term in query if term in words)
    part = sum(1 for term in query if term not in words and any(w.startswith(term) for w in words))
    if not whole and not any(w != term and w.startswith(term) for term in query if len(term) >= 3 for w in words):
        return None
    first = fold(name).split(" ", 1)[0]
    return (-whole, -part, int(not query or stem(first) != query[0]), len(name))


Typecode = Literal["B", "H", "I"]
#: A search tier with more rows than this ranks them by the table-wide tie-breaks.
_DECODE_AT_MOST: Final = 256


def row_typecode(count: int) -> Literal["H", "I"]:
    """The array typecode of row numbers in a table of ``count`` foods (see the build)."""
    return "H" if count <= 0x10000 else "I"


def _column(blob: memoryview, spec: list[Any], typecode: Typecode, what: str) -> Sequence[int]:
    """A little-endian column of ``blob`` as integers, without copying it where possible."""
    name, start, length = str(spec[0]), int(spec[1]), int(spec[2])
    size = array.array(typecode).itemsize
    chunk = blob[start : start + size * length]
    if len(chunk) != size * length:
        raise DataError("column runs past the end of the file", file=name, field=what)
    if sys.byteorder == "little":
        return chunk.cast(typecode)
    column: array.array[int] = array.array(typecode)  # pragma: no cover - the data is little-endian
    column.frombytes(chunk)  # pragma: no cover
    column.byteswap()  # pragma: no cover
    return column  # pragma: no cover


class _Lines(Sequence[str]):
    """The ``\\n``-separated UTF-8 lines of a text column, each decoded when it is read:
    ``starts[i]`` is the byte offset where line ``i`` starts (``starts[-1]`` is one past
    the end of the text)."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: memoryview, starts: Sequence[int], what: str) -> None:
        if not starts or starts[-1] != len(text) + 1:
            raise DataError("line offsets do not match the text", field=what)
        self._text = text
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        return str(self._text[self._starts[index] : self._starts[index + 1] - 1], "utf-8")

    def all(self) -> list[str]:
        """Every line, decoded at once."""
        return str(self._text, "utf-8").split("\n") if len(self) else []


def _read_packaged(name: str, size: int | None) -> bytes:
    """The content of ``cramps/data/<name>`` (see :func:`_read_from`)."""
    return _read_from(packaged_data(), name, size)


def _read_from(folder: DataFolder, name: str, size: int | None) -> bytes:
    """The content of ``folder/name``: ``size`` is the length of a zlib file once
    decompressed (the output is allocated once, not grown), ``None`` for a plain file."""
    try:
        data = (folder / name).read_bytes()
        if size is None:
            return data
        data = zlib.decompress(data, bufsize=max(size, 1))
    except (OSError, zlib.error) as error:
        raise DataError(f"cannot read the food table: {error}", file=name) from error
    if len(data) != size:
        raise DataError(f"decompressed to {len(data)} bytes, the header says {size}", file=name)
    return data


class FoodTable:
    """The packaged USDA SR28 food table. Create it with :meth:`FoodTable.load`.

    Columns stay as compact arrays over the file's bytes (text is decoded one line at a
    time); :class:`~cramps.foods.Food` records are built on first use and cached. The order of foods
    by each nutrient on each basis is precomputed by the build (``foods-order.bin``,
    read on the first ranking), so ``rich_in(..., limit=k)`` walks k entries plus any
    filtered out, whatever the number of foods. The folded names and the word index
    (stems and the rows holding them) are built by the build too and read on the first
    lookup or search (``foods-search.bin``); the first lookup by name or NDB number
    builds a dict of them.
    """

    __slots__ = (
        "_amounts",
        "_blobs",
        "_caveat",
        "_count",
        "_daily_values",
        "_diet",
        "_files",
        "_folded_names",
        "_food_cache",
        "_group",
        "_group_by_key",
        "_group_exact",
        "_groups",
        "_header",
        "_mask_cache",
        "_name_rows",
        "_names",
        "_ndb_rows",
        "_ndb_text",
        "_ndb_width",
        "_orders",
        "_portion_desc",
        "_portion_grams",
        "_portion_seq",
        "_portion_start",
        "_postings",
        "_query_cache",
        "_read",
        "_revised",
        "_rows",
        "_scales",
        "_stems",
        "_ties",
        "_values",
        "_vocabulary",
    )

    def __init__(self, header: Mapping[str, Any], read: Callable[[str, int | None], bytes] = _read_packaged) -> None:
        """Build from the parsed ``food-table.json`` header; ``read(name, compressed)`` returns
        the content of one of its files. Use :meth:`load`."""
        if header.get("format") != _FORMAT:
            raise DataError(f"unsupported format {header.get('format')!r}", file=FOOD_TABLE_FILE, field="format")
        self._header = header
        self._read = read
        self._files: dict[str, int | None] = {
            name: int(info["bytes"]) if info["compressed"] else None for name, info in header["files"].items()
        }
        self._blobs: dict[str, memoryview] = {}
        main = self._blob("foods.bin")
        columns = header["columns"]
        count = self._count = int(header["count"])
        width = self._ndb_width = int(header["ndb_width"])
        self._rows = row_typecode(count)
        if header["row_typecode"] != self._rows:
            raise DataError(f"row typecode {header['row_typecode']!r} does not fit {count} foods", file=FOOD_TABLE_FILE)
        ndb = columns["ndb"]
        self._ndb_text = str(main[ndb[1] : ndb[1] + width * count], "ascii")
        self._names = self._lines(columns, "names")
        self._portion_desc = self._lines(columns, "portion_desc")
        self._group = _column(main, columns["group"], "B", "group")
        self._diet = _column(main, columns["diet"], "B", "diet")
        self._portion_start = _column(main, columns["portion_start"], "I", "portion_start")
        self._portion_grams = _column(main, columns["portion_grams"], "I", "portion_grams")
        self._portion_seq = _column(main, columns["portion_seq"], "H", "portion_seq")
        self._values: dict[str, Sequence[int]] = {}
        self._scales: dict[str, int] = {}
        self._orders: dict[tuple[str, str], Sequence[int]] = {}
        for nutrient, info in header["nutrients"].items():
            if nutrient not in NUTRIENT_UNITS:
                raise DataError(f"unknown nutrient {nutrient!r}", file=FOOD_TABLE_FILE, field="nutrients")
            self._scales[nutrient] = int(info["scale"])
            self._values[nutrient] = _column(main, info["values"], "I", nutrient)
        self._groups: tuple[str, ...] = tuple(str(g) for g in header["groups"])
        self._group_by_key = {fold(g): i for i, g in enumerate(self._groups)}
        self._group_exact = {g: i for i, g in enumerate(self._groups)}
        self._revised = frozenset(int(entry["row"]) for entry in header["revised"].values())
        self._daily_values: dict[str, float] = {k: float(v["amount"]) for k, v in header["daily_values"].items()}
        self._caveat = str(header["caveat"])
        lengths = {len(self._names), len(self._group), len(self._diet), len(self._portion_start) - 1}
        lengths.update(len(column) for column in self._values.values())
        if lengths != {count} or len(self._ndb_text) != width * count:
            raise DataError("columns differ in length", file=FOOD_TABLE_FILE, field="columns")
        self._food_cache: dict[int, Food] = {}
        self._folded_names: _Lines | None = None
        self._name_rows: dict[str, int] | None = None
        self._ndb_rows: dict[str, int] | None = None
        self._vocabulary: list[str] | None = None
        self._ties: tuple[list[str], list[int]] | None = None
        self._stems: dict[str, int] = {}
        self._postings: tuple[Sequence[int], Sequence[int]] = ((), ())
        self._mask_cache: dict[tuple[frozenset[int] | None, frozenset[int], int], bytes] = {}
        self._query_cache: dict[tuple[object, ...], tuple[FoodResult, ...]] = {}
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
            header = json.loads(_read_from(folder, FOOD_TABLE_FILE, None))
        except ValueError as error:
            raise DataError(f"cannot read the food table: {error}", file=FOOD_TABLE_FILE) from error
        if source is None:
            return cls(header)
        return cls(header, functools.partial(_read_from, folder))

    def _blob(self, name: str) -> memoryview:
        blob = self._blobs.get(name)
        if blob is None:
            blob = self._blobs[name] = memoryview(self._read(name, self._files[name]))
        return blob

    def _lines(self, columns: Mapping[str, Any], name: str) -> _Lines:
        spec = columns[name]
        blob = self._blob(str(spec[0]))
        start, length = int(spec[1]), int(spec[2])
        return _Lines(blob[start : start + length], _column(blob, columns[f"{name}_starts"], "I", name), name)

    @property
    def _folded(self) -> _Lines:
        if self._folded_names is None:
            folded = self._lines(self._header["columns"], "folded")
            if len(folded) != self._count:
                raise DataError("folded names differ in length", file="foods-search.bin")
            self._folded_names = folded
        return self._folded_names

    def _order(self, nutrient: str, basis: str) -> Sequence[int]:
        order = self._orders.get((nutrient, basis))
        if order is None:
            spec = self._header["nutrients"][nutrient]["order"][basis]
            order = _column(self._blob(spec[0]), spec, self._rows, f"{nutrient} order per {basis}")
            self._orders[nutrient, basis] = order
        return order

    def _ndb(self, index: int) -> str:
        width = self._ndb_width
        return self._ndb_text[width * index : width * index + width]

    # --- basic access

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Food]:
        """Every food, in id order."""
        return (self._food(i) for i in range(self._count))

    def __repr__(self) -> str:
        return f"<FoodTable: {len(self):,} foods, {DATASET} {RELEASE}>"

    @property
    def caveat(self) -> str:
        """Which release the values come from and how later releases differ."""
        return self._caveat

    def groups(self) -> tuple[str, ...]:
        """The USDA food-group names, sorted."""
        return self._groups

    def _food(self, index: int) -> Food:
        cached = self._food_cache.get(index)
        if cached is not None:
            return cached
        nutrients: dict[str, Amount] = {}
        for nutrient, column in self._values.items():
            raw = column[index]
            if raw != _MISSING:
                nutrients[nutrient] = Amount(value=raw / self._scales[nutrient], unit=NUTRIENT_UNITS[nutrient])
        start, stop = self._portion_start[index], self._portion_start[index + 1]
        portions = tuple(
            Portion(description=self._portion_desc[p], grams=self._portion_grams[p] / 100, seq=self._portion_seq[p])
            for p in range(start, stop)
        )
        ndb = self._ndb(index)
        food = Food(
            id=f"usda-{ndb}",
            name=self._names[index],
            group=self._groups[self._group[index]],
            source=FoodSource(ndb_number=ndb),
            nutrients=MappingProxyType(nutrients),
            portions=portions,
            revised_in_later_release=index in self._revised,
        )
        self._food_cache[index] = food
        return food

    # --- finding foods

    def _row_of_ndb(self, ndb: str) -> int | None:
        """The row of this NDB number (a dict built on the first lookup by number)."""
        rows = self._ndb_rows
        if rows is None:
            text, width = self._ndb_text, self._ndb_width
            rows = self._ndb_rows = dict(
                zip((text[i : i + width] for i in range(0, len(text), width)), range(self._count), strict=True)
            )
        return rows.get(ndb)

    def _row_of_id(self, food_id: str) -> int | None:
        """The row of the food with exactly this id (``usda-01001``), if there is one."""
        digits = food_id[5:] if food_id.startswith("usda-") else ""
        if len(digits) != self._ndb_width or not digits.isdigit():
            return None
        return self._row_of_ndb(digits)

    def _row_of_name(self, key: str) -> int | None:
        """The lowest row whose folded name is ``key`` (a dict built on the first lookup by name)."""
        rows = self._name_rows
        if rows is None:
            folded = self._folded.all()
            # filled from the last row to the first, so the lowest row wins a shared name
            rows = self._name_rows = dict(zip(reversed(folded), range(len(folded) - 1, -1, -1), strict=True))
        return rows.get(key)

    def _row(self, key: str) -> int | None:
        width = self._ndb_width
        digits = key[5:] if key.startswith("usda ") else key
        if digits.isdigit() and len(digits) <= width:
            row = self._row_of_ndb(digits.zfill(width))
            if row is not None:
                return row
        return self._row_of_name(key)

    def food(self, name_or_id: str) -> Food:
        """The food with this id (``usda-01001``), NDB number (``01001``) or USDA long
        description; case, spacing and accents are ignored.

        Raises :class:`~cramps.errors.UnknownTermError` (kind ``"food"``) with the
        closest names as suggestions.
        """
        require_text(name_or_id, "name_or_id")
        index = self._row(fold(name_or_id))
        if index is None:
            key = fold(name_or_id)
            suggestions = []
            for match in close_matches(key, self._folded.all()):
                row = self._row_of_name(match)
                if row is not None:
                    suggestions.append(self._names[row])
            for food in self.search(name_or_id, limit=3):
                if len(suggestions) < 3 and food.name not in suggestions:
                    suggestions.append(food.name)
            raise UnknownTermError(name_or_id, "food", tuple(suggestions))
        return self._food(index)

    def by_id(self, food_id: str) -> Food | None:
        """The food with exactly this id (``usda-01001``), or ``None``."""
        row = self._row_of_id(food_id)
        return None if row is None else self._food(row)

    def by_name(self, name: str) -> Food | None:
        """The food with this USDA long description (case, spacing and accents ignored;
        the lowest id where two share one), or ``None``."""
        row = self._row_of_name(fold(name))
        return None if row is None else self._food(row)

    def group_named(self, name: str) -> str | None:
        """The USDA food group ``name`` means, spelled as USDA spells it (case, spacing
        and accents ignored), or ``None``."""
        index = self._group_by_key.get(fold(name))
        return None if index is None else self._groups[index]

    def daily_value(self, nutrient_id: str) -> float | None:
        """The FDA Daily Value of ``nutrient_id``, in its food-table unit, or ``None``."""
        return self._daily_values.get(nutrient_id)

    def _word_index(self) -> list[str]:
        if self._vocabulary is None:
            columns = self._header["columns"]
            spec = columns["vocabulary"]
            blob = self._blob(str(spec[0]))
            text = str(blob[int(spec[1]) : int(spec[1]) + int(spec[2])], "utf-8")
            vocabulary = text.split("\n") if text else []
            starts = _column(blob, columns["postings_start"], "I", "postings_start")
            postings = _column(blob, columns["postings"], self._rows, "postings")
            if len(starts) != len(vocabulary) + 1 or starts[-1] != len(postings):
                raise DataError("the word index does not match its postings", file=str(spec[0]), field="postings")
            self._stems = {term: i for i, term in enumerate(vocabulary)}
            self._postings = (starts, postings)
            self._vocabulary = vocabulary
        return self._vocabulary

    def _rows_with(self, term: str) -> Sequence[int]:
        """The rows whose folded name holds ``term``, ascending."""
        self._word_index()
        i = self._stems.get(term)
        if i is None:
            return ()
        starts, postings = self._postings
        return postings[starts[i] : starts[i + 1]]

    def _scored(self, text: str, limit: int | None) -> list[tuple[SearchKey, int]]:
        """The rows matching ``text``, best first (see :meth:`search`), at most ``limit``,
        each with its ranking key ``(-whole, -part, not starting with the first word,
        name length)`` (the row breaks ties).

        Whole-word and prefix matches are counted over the word index's postings, so
        no description is read to find them; only the rows in the best (whole, part)
        tiers that can reach the top ``limit`` are decoded for the remaining tie-breaks.
        """
        vocabulary = self._word_index()
        query = search_stems(text)
        whole: dict[int, int] = {}
        part: dict[int, int] = {}
        candidates: set[int] = set()
        for term in query:
            exact = self._rows_with(term)
            for row in exact:
                whole[row] = whole.get(row, 0) + 1
            prefixed: set[int] = set()
            at = bisect.bisect_right(vocabulary, term)  # the stems that start with it, after itself
            while at < len(vocabulary) and vocabulary[at].startswith(term):
                prefixed.update(self._rows_with(vocabulary[at]))
                at += 1
            prefixed.difference_update(exact)
            for row in prefixed:
                part[row] = part.get(row, 0) + 1
            if len(term) >= 3:  # a prefix of a shorter word finds nothing by itself
                candidates.update(prefixed)
        candidates.update(whole)
        tiers: dict[tuple[int, int], list[int]] = {}
        for row in candidates:
            tiers.setdefault((whole.get(row, 0), part.get(row, 0)), []).append(row)
        first = query[0] if query else None
        ranked: list[int] = []
        for tier in sorted(tiers, reverse=True):
            rows = tiers[tier]
            if len(rows) > _DECODE_AT_MOST:
                heads, place = self._search_ties()
                rows.sort(key=place.__getitem__)
                rows = [row for row in rows if heads[row] == first] + [row for row in rows if heads[row] != first]
            else:
                rows.sort(key=lambda row: (self._head(row) != first, len(self._names[row]), row))
            ranked.extend(rows)
            if limit is not None and len(ranked) >= limit:
                break
        return [
            ((-whole.get(row, 0), -part.get(row, 0), int(self._head(row) != first), len(self._names[row])), row)
            for row in (ranked if limit is None else ranked[:limit])
        ]

    def ranked_search(self, text: str, limit: int | None) -> list[tuple[SearchKey, str, Callable[[], Food]]]:
        """The matches of :meth:`search` for ``text``, best first, at most ``limit``: each as
        its ``SearchKey``, the food's id and a function that builds the food, so that
        other foods can be merged in by the same rule without building every match."""
        ranked: list[tuple[SearchKey, str, Callable[[], Food]]] = []
        for key, row in self._scored(text, limit):
            ranked.append((key, f"usda-{self._ndb(row)}", functools.partial(self._food, row)))
        return ranked

    def _head(self, row: int) -> str:
        return stem(self._folded[row].split(" ", 1)[0])

    def _search_ties(self) -> tuple[list[str], list[int]]:
        """Every row's first stem and its place by (name length, row): the tie-breaks of
        :meth:`search`, built on the first search whose tier is too large to decode."""
        ties = self._ties
        if ties is None:
            heads = [stem(folded.split(" ", 1)[0]) for folded in self._folded.all()]
            names = self._names.all()
            place = [0] * self._count
            for at, row in enumerate(sorted(range(self._count), key=lambda row: (len(names[row]), row))):
                place[row] = at
            ties = self._ties = (heads, place)
        return ties

    def search(self, text: str, *, limit: int = 10) -> tuple[Food, ...]:
        """Foods whose description matches ``text``, best first.

        Ranked by the number of query words found as whole words (plural or singular),
        then partly (as a word prefix), then whether the description starts with the
        first query word, then shorter descriptions, then id.
        """
        require_text(text, "text")
        check_limit(limit)
        return tuple(self._food(position) for _, position in self._scored(text, limit))

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
        require_text(text, "text")
        stems = [stem(word) for word in fold(text).split() if word not in _STOP_WORDS]
        if not stems or all(term in _GENERIC_WORDS for term in stems):
            return None
        variants = [stems]
        for i in range(len(stems) - 1):
            variants.append([*stems[:i], stem(stems[i] + stems[i + 1]), *stems[i + 2 :]])
        best: tuple[tuple[int, ...], int] | None = None
        for query in variants:
            candidates: set[int] | None = None
            for term in query:
                found = set(self._rows_with(term))
                candidates = found if candidates is None else candidates & found
            for position in candidates or ():
                key = self._match_key(position, query)
                if key is not None and (best is None or (key, position) < best):
                    best = (key, position)
        return None if best is None else self._food(best[1])

    def _match_key(self, position: int, query: list[str]) -> tuple[int, ...] | None:
        name = self._names[position]
        segments = [[stem(w) for w in fold(segment).split()] for segment in name.split(",")]
        words: set[str] = set()
        for segment in segments:
            for i, word in enumerate(segment):
                if i == 0 or segment[i - 1] not in _NEGATIONS:
                    words.add(word)
        if any(term not in words for term in query):
            return None
        group = self._groups[self._group[position]]
        processed = group in _PROCESSED_GROUPS or (group == OIL_GROUP and "oil" not in query)
        head = {word for segment in segments[:2] for word in segment}
        missing_in_head = sum(1 for term in query if term not in head)

        def extra(words: Iterable[str]) -> int:
            return sum(
                1
                for word in words
                if word not in query and word not in _NEUTRAL_WORDS and not any(c.isdigit() for c in word)
            )

        brand = any(len(w) > 2 and w.isupper() and w.isalpha() for w in name.replace(",", " ").split())
        return (
            missing_in_head,
            extra(segments[0]),
            int(processed),
            extra(segments[1]) if len(segments) > 1 else 0,
            int(brand),
            0 if "raw" in words else 1,
            sum(extra(segment) for segment in segments[2:]),
            len(segments),
            len(name),
        )

    # --- ranking

    def _mask(self, groups: frozenset[int] | None, excluded: frozenset[int], diet: int) -> bytes:
        """One byte per food, 1 where it passes the filters (built with ``bytes.translate``)."""
        key = (groups, excluded, diet)
        mask = self._mask_cache.get(key)
        if mask is None:
            keep_group = bytes(int((groups is None or g in groups) and g not in excluded) for g in range(256))
            keep_diet = bytes(int(d >= diet) for d in range(256))
            by_group = bytes(self._group).translate(keep_group)
            by_diet = bytes(self._diet).translate(keep_diet)
            both = int.from_bytes(by_group, "little") & int.from_bytes(by_diet, "little")
            mask = both.to_bytes(self._count, "little")
            if len(self._mask_cache) >= 64:
                self._mask_cache.clear()
            self._mask_cache[key] = mask
        return mask

    def _group_indices(self, names: Iterable[str] | None, what: str) -> frozenset[int] | None:
        if names is None:
            return None
        if isinstance(names, str):
            names = (names,)
        found: set[int] = set()
        for name in names:
            index = self._group_exact.get(name) if isinstance(name, str) else None
            if index is not None:
                found.add(index)
                continue
            require_text(name, what)
            index = self._group_by_key.get(fold(name))
            if index is None:
                raise UnknownTermError(name, "food group", self._group_suggestions(fold(name)))
            found.add(index)
        return frozenset(found)

    def _group_suggestions(self, key: str) -> tuple[str, ...]:
        close = close_matches(key, self._group_by_key)
        words = {stem(word) for word in key.split()}
        for folded in self._group_by_key:
            if len(close) < 3 and folded not in close and words & {stem(w) for w in folded.split()}:
                close.append(folded)
        return tuple(self._groups[self._group_by_key[c]] for c in close)

    def rich_in(
        self,
        nutrient_id: str,
        *,
        limit: int | None = 10,
        per: str = "100g",
        groups: Iterable[str] | None = None,
        exclude_groups: Iterable[str] | None = None,
        diet: str | None = None,
    ) -> tuple[FoodResult, ...]:
        """The foods richest in ``nutrient_id``, largest amount first (ties by id).

        ``per`` is ``"100g"``, ``"portion"`` (the food's first USDA portion) or
        ``"100kcal"``. ``groups`` keeps only these USDA food groups, ``exclude_groups``
        drops some (a single group name may be passed as a str); ``diet`` is
        ``"vegan"``, ``"vegetarian"`` or ``"omnivore"`` (no filter). Foods without a
        value for the nutrient are never included. ``limit=None`` returns every food.
        Results are immutable, so repeated questions are answered from a small cache.
        """
        nutrient = check_nutrient(nutrient_id)
        basis = check_basis(per)
        check_limit(limit)
        wanted_diet = diet_code(diet)
        included = self._group_indices(groups, "groups")
        excluded = self._group_indices(exclude_groups, "exclude_groups") or frozenset()
        key = (nutrient, basis, limit, included, excluded, wanted_diet)
        cached = self._query_cache.get(key)
        if cached is not None:
            return cached
        order = self._order(nutrient, basis)
        wanted = len(order) if limit is None else limit
        filtered = included is not None or bool(excluded) or wanted_diet > 0
        mask = self._mask(included, excluded, wanted_diet) if filtered else None
        picked: list[int] = []
        if mask is None:
            picked = list(order[:wanted])
        else:
            for position in order:
                if mask[position]:
                    picked.append(position)
                    if len(picked) == wanted:
                        break
        results = tuple(self._result(rank, position, nutrient, basis) for rank, position in enumerate(picked, 1))
        if len(self._query_cache) >= _QUERY_CACHE_SIZE:
            self._query_cache.clear()  # simple and thread-safe; results are cheap to rebuild
        self._query_cache[key] = results
        return results

    def _result(self, rank: int, position: int, nutrient: str, basis: Basis) -> FoodResult:
        food = self._food(position)
        key = (nutrient, basis, position)
        parts = self._amounts.get(key)
        if parts is None:
            per_100g = self._values[nutrient][position] / self._scales[nutrient]
            portion = None
            if basis == "100g":
                value = per_100g
            elif basis == "portion":
                portion = food.portions[0]
                value = per_portion(per_100g, portion.grams)
            else:
                value = per_100kcal(per_100g, self._values["energy"][position] / self._scales["energy"])
            daily = self._daily_values.get(nutrient)
            amount = Amount(value=value, unit=NUTRIENT_UNITS[nutrient])
            parts = (amount, portion, None if daily is None else value / daily * 100)
            self._amounts[key] = parts
        return FoodResult(
            rank=rank,
            food=food,
            nutrient=nutrient,
            amount=parts[0],
            basis=basis,
            portion=parts[1],
            percent_daily_value=parts[2],
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
