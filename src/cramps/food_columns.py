"""The columns of the packaged food table: compact arrays over the files'
bytes, decoded one value at a time, and the foods built from them.

:class:`FoodColumns` is the storage under :class:`~cramps.food_table.FoodTable`; the files
are written by ``tools/build_foods.py`` (their header is
:data:`cramps.catalogue.FOOD_TABLE_FILE`).
"""

from __future__ import annotations

import array
import json
import sys
import zlib
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, overload

from cramps._loader import DataFolder, packaged_data
from cramps.amount import Amount
from cramps.catalogue import FOOD_TABLE_FILE
from cramps.errors import DataError
from cramps.foods import NUTRIENT_UNITS, Food, FoodSource, Portion, Serving

if TYPE_CHECKING:
    from cramps.servings import ServingCategory

__all__ = ["FORMAT", "FoodColumns", "Reader", "read_from", "row_typecode"]

#: The version of the packaged file format this module reads.
FORMAT: Final = 4
_MISSING: Final = 0xFFFFFFFF
Typecode = Literal["B", "H", "I", "d"]
#: ``read(name, size)``: the content of one file of the table (``size`` is its length once
#: decompressed, ``None`` for a plain file).
Reader = Callable[[str, int | None], bytes]


def row_typecode(count: int) -> Literal["H", "I"]:
    """The array typecode of row numbers in a table of ``count`` foods (see the build)."""
    return "H" if count <= 0x10000 else "I"


@overload
def _column(blob: memoryview, spec: list[Any], typecode: Literal["d"], what: str) -> Sequence[float]: ...


@overload
def _column(blob: memoryview, spec: list[Any], typecode: Literal["B", "H", "I"], what: str) -> Sequence[int]: ...


def _column(blob: memoryview, spec: list[Any], typecode: Typecode, what: str) -> Sequence[Any]:
    """A little-endian column of ``blob`` as integers, without copying it where possible."""
    name, start, length = str(spec[0]), int(spec[1]), int(spec[2])
    size = array.array(typecode).itemsize
    chunk = blob[start : start + size * length]
    if len(chunk) != size * length:
        raise DataError("column runs past the end of the file", file=name, field=what)
    if sys.byteorder == "little":
        return chunk.cast(typecode)
    column: array.array[Any] = array.array(typecode)  # pragma: no cover - the data is little-endian
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


def read_packaged(name: str, size: int | None) -> bytes:
    """The content of ``cramps/data/<name>`` (see :func:`read_from`)."""
    return read_from(packaged_data(), name, size)


def read_from(folder: DataFolder, name: str, size: int | None) -> bytes:
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


class FoodColumns:
    """The columns of a food table, read from its files through ``read``.

    Foods are rows ``0 .. count - 1`` in id order. The main file is read now; the folded
    names and the word index (``foods-search.bin``) on the first lookup by name or search,
    and each order of foods by a nutrient (``foods-order.bin``) on the first ranking.
    """

    __slots__ = (
        "_blobs",
        "_files",
        "_folded_names",
        "_food_cache",
        "_kinds",
        "_measures",
        "_name_rows",
        "_ndb_rows",
        "_ndb_text",
        "_ndb_width",
        "_orders",
        "_postings",
        "_read",
        "_revised",
        "_servings",
        "_servings_file",
        "_stems",
        "_vocabulary",
        "category_ids",
        "caveat",
        "count",
        "daily_values",
        "diet",
        "everyday",
        "group",
        "groups",
        "header",
        "names",
        "portion_desc",
        "portion_grams",
        "portion_seq",
        "portion_start",
        "rows",
        "scales",
        "serving_category",
        "serving_grams",
        "serving_reason",
        "values",
    )

    def __init__(self, header: Mapping[str, Any], read: Reader = read_packaged) -> None:
        if header.get("format") != FORMAT:
            raise DataError(f"unsupported format {header.get('format')!r}", file=FOOD_TABLE_FILE, field="format")
        self.header = header
        self._read = read
        self._files: dict[str, int | None] = {
            name: int(info["bytes"]) if info["compressed"] else None for name, info in header["files"].items()
        }
        self._blobs: dict[str, memoryview] = {}
        main = self.blob("foods.bin")
        columns = header["columns"]
        count = self.count = int(header["count"])
        width = self._ndb_width = int(header["ndb_width"])
        #: The array typecode of row numbers.
        self.rows = row_typecode(count)
        if header["row_typecode"] != self.rows:
            raise DataError(f"row typecode {header['row_typecode']!r} does not fit {count} foods", file=FOOD_TABLE_FILE)
        ndb = columns["ndb"]
        self._ndb_text = str(main[ndb[1] : ndb[1] + width * count], "ascii")
        self.names = self.lines(columns, "names")
        self.portion_desc = self.lines(columns, "portion_desc")
        self.group = _column(main, columns["group"], "B", "group")
        self.diet = _column(main, columns["diet"], "B", "diet")
        self.portion_start = _column(main, columns["portion_start"], "I", "portion_start")
        self.portion_grams = _column(main, columns["portion_grams"], "I", "portion_grams")
        self.portion_seq = _column(main, columns["portion_seq"], "H", "portion_seq")
        self.serving_grams = _column(main, columns["serving_grams"], "d", "serving_grams")
        self.serving_category = _column(main, columns["serving_category"], "B", "serving_category")
        self.serving_reason = _column(main, columns["serving_reason"], "B", "serving_reason")
        self.everyday = _column(main, columns["everyday"], "B", "everyday")
        info = header["servings"]
        #: The serving category ids, in the order of their codes.
        self.category_ids: tuple[str, ...] = tuple(str(c) for c in info["category_ids"])
        self._servings_file = str(info["file"])
        self._servings: dict[str, Any] | None = None
        self._kinds: tuple[Sequence[int], _Lines] | None = None
        self._measures: _Lines | None = None
        self.values: dict[str, Sequence[int]] = {}
        self.scales: dict[str, int] = {}
        self._orders: dict[tuple[str, str], Sequence[int]] = {}
        for nutrient, info in header["nutrients"].items():
            if nutrient not in NUTRIENT_UNITS:
                raise DataError(f"unknown nutrient {nutrient!r}", file=FOOD_TABLE_FILE, field="nutrients")
            self.scales[nutrient] = int(info["scale"])
            self.values[nutrient] = _column(main, info["values"], "I", nutrient)
        self.groups: tuple[str, ...] = tuple(str(g) for g in header["groups"])
        self._revised = frozenset(int(entry["row"]) for entry in header["revised"].values())
        self.daily_values: dict[str, float] = {k: float(v["amount"]) for k, v in header["daily_values"].items()}
        self.caveat = str(header["caveat"])
        lengths = {len(self.names), len(self.group), len(self.diet), len(self.portion_start) - 1, len(self.everyday)}
        lengths.update((len(self.serving_grams), len(self.serving_category), len(self.serving_reason)))
        lengths.update(len(column) for column in self.values.values())
        if lengths != {count} or len(self._ndb_text) != width * count:
            raise DataError("columns differ in length", file=FOOD_TABLE_FILE, field="columns")
        self._food_cache: dict[int, Food] = {}
        self._folded_names: _Lines | None = None
        self._name_rows: dict[str, int] | None = None
        self._ndb_rows: dict[str, int] | None = None
        self._vocabulary: list[str] | None = None
        self._stems: dict[str, int] = {}
        self._postings: tuple[Sequence[int], Sequence[int]] = ((), ())

    def blob(self, name: str) -> memoryview:
        """The content of the file ``name``, read once and checked against the header's size."""
        blob = self._blobs.get(name)
        if blob is None:
            data = self._read(name, self._files[name])
            size = int(self.header["files"][name]["bytes"])
            if len(data) != size:
                raise DataError(f"cannot read the food table: {len(data)} bytes, the header says {size}", file=name)
            blob = self._blobs[name] = memoryview(data)
        return blob

    def lines(self, columns: Mapping[str, Any], name: str) -> _Lines:
        """The text column ``name`` described in ``columns``."""
        spec = columns[name]
        blob = self.blob(str(spec[0]))
        start, length = int(spec[1]), int(spec[2])
        return _Lines(blob[start : start + length], _column(blob, columns[f"{name}_starts"], "I", name), name)

    @property
    def folded(self) -> _Lines:
        """Every food's folded description (read on first use)."""
        if self._folded_names is None:
            folded = self.lines(self.header["columns"], "folded")
            if len(folded) != self.count:
                raise DataError("folded names differ in length", file="foods-search.bin")
            self._folded_names = folded
        return self._folded_names

    def order(self, nutrient: str, basis: str) -> Sequence[int]:
        """The rows holding ``nutrient``, by amount on ``basis``, largest first (ties by id)."""
        order = self._orders.get((nutrient, basis))
        if order is None:
            spec = self.header["nutrients"][nutrient]["order"][basis]
            order = _column(self.blob(spec[0]), spec, self.rows, f"{nutrient} order per {basis}")
            self._orders[nutrient, basis] = order
        return order

    def ndb(self, index: int) -> str:
        """The NDB number of row ``index``."""
        width = self._ndb_width
        return self._ndb_text[width * index : width * index + width]

    def food(self, index: int) -> Food:
        """The :class:`~cramps.foods.Food` of row ``index``, built on first use, then kept:
        at most one per row (about 2 KiB each, 18 MiB for the whole table)."""
        cached = self._food_cache.get(index)
        if cached is not None:
            return cached
        nutrients: dict[str, Amount] = {}
        for nutrient, column in self.values.items():
            raw = column[index]
            if raw != _MISSING:
                nutrients[nutrient] = Amount(value=raw / self.scales[nutrient], unit=NUTRIENT_UNITS[nutrient])
        start, stop = self.portion_start[index], self.portion_start[index + 1]
        portions = tuple(
            Portion(description=self.portion_desc[p], grams=self.portion_grams[p] / 100, seq=self.portion_seq[p])
            for p in range(start, stop)
        )
        ndb = self.ndb(index)
        serving = None
        code = self.serving_category[index]
        if code != 0xFF:
            serving = Serving(
                grams=self.serving_grams[index], category=self.category_ids[code], measure=self.serving_measure(index)
            )
        food = Food(
            id=f"usda-{ndb}",
            name=self.names[index],
            group=self.groups[self.group[index]],
            source=FoodSource(ndb_number=ndb),
            nutrients=MappingProxyType(nutrients),
            portions=portions,
            revised_in_later_release=index in self._revised,
            serving=serving,
        )
        self._food_cache[index] = food
        return food

    def _servings_info(self) -> dict[str, Any]:
        """The serving categories and the reasons by code, read and converted once."""
        info = self._servings
        if info is None:
            from cramps.servings import ServingCategory

            try:
                raw = json.loads(bytes(self.blob(self._servings_file)))
            except ValueError as error:
                raise DataError(f"cannot read the serving categories: {error}", file=self._servings_file) from error
            info = self._servings = {
                "categories": MappingProxyType(
                    {
                        name: ServingCategory(
                            id=name,
                            name=str(c["name"]),
                            amount=float(c["amount"]),
                            unit=c["unit"],
                            verified=str(c["verified"]),
                        )
                        for name, c in raw["categories"].items()
                    }
                ),
                "reasons": tuple(str(r) for r in raw["reasons"]),
                "everyday_reasons": (None, *(str(r) for r in raw["everyday_reasons"])),
                "waived_by_group": MappingProxyType({str(k): str(v) for k, v in raw["waived_by_group"].items()}),
            }
        return info

    @property
    def categories(self) -> Mapping[str, ServingCategory]:
        """The serving categories, by id, in the order of their codes (read on first use)."""
        categories: Mapping[str, ServingCategory] = self._servings_info()["categories"]
        return categories

    @property
    def serving_reasons(self) -> tuple[str, ...]:
        """Why a food has the serving it has (or none), by code."""
        reasons: tuple[str, ...] = self._servings_info()["reasons"]
        return reasons

    @property
    def everyday_reasons(self) -> tuple[str | None, ...]:
        """Why a food is not an everyday food, by code (code 0, everyday, has no reason)."""
        reasons: tuple[str | None, ...] = self._servings_info()["everyday_reasons"]
        return reasons

    @property
    def waived_by_group(self) -> Mapping[str, str]:
        """The everyday reasons that do not apply when their group is asked for, by group."""
        waived: Mapping[str, str] = self._servings_info()["waived_by_group"]
        return waived

    def kinds(self) -> tuple[Sequence[int], _Lines]:
        """Each row's kind number and the kinds' names (read on first use; see
        :func:`cramps.servings.kind_of`)."""
        if self._kinds is None:
            columns = self.header["columns"]
            kind = _column(self.blob(str(columns["kind"][0])), columns["kind"], "H", "kind")
            self._kinds = (kind, self.lines(columns, "kinds"))
        return self._kinds

    def serving_measure(self, index: int) -> str | None:
        """The household measure nearest to row ``index``'s serving, or ``None``."""
        if self._measures is None:
            self._measures = self.lines(self.header["columns"], "serving_measure")
        return self._measures[index] or None

    def value(self, nutrient: str, index: int) -> float:
        """Row ``index``'s amount of ``nutrient`` per 100 g (the row must have one)."""
        return self.values[nutrient][index] / self.scales[nutrient]

    def row_of_ndb(self, ndb: str) -> int | None:
        """The row of this NDB number (a dict built on the first lookup by number)."""
        rows = self._ndb_rows
        if rows is None:
            text, width = self._ndb_text, self._ndb_width
            rows = self._ndb_rows = dict(
                zip((text[i : i + width] for i in range(0, len(text), width)), range(self.count), strict=True)
            )
        return rows.get(ndb)

    def row_of_id(self, food_id: str) -> int | None:
        """The row of the food with exactly this id (``usda-01001``), if there is one."""
        digits = food_id[5:] if food_id.startswith("usda-") else ""
        if len(digits) != self._ndb_width or not digits.isdigit():
            return None
        return self.row_of_ndb(digits)

    def row_of_name(self, key: str) -> int | None:
        """The lowest row whose folded name is ``key`` (a dict built on the first lookup by name)."""
        rows = self._name_rows
        if rows is None:
            folded = self.folded.all()
            # filled from the last row to the first, so the lowest row wins a shared name
            rows = self._name_rows = dict(zip(reversed(folded), range(len(folded) - 1, -1, -1), strict=True))
        return rows.get(key)

    def row(self, key: str) -> int | None:
        """The row a folded ``key`` names: an NDB number (with or without ``usda``), else a description."""
        width = self._ndb_width
        digits = key[5:] if key.startswith("usda ") else key
        if digits.isdigit() and len(digits) <= width:
            row = self.row_of_ndb(digits.zfill(width))
            if row is not None:
                return row
        return self.row_of_name(key)

    def vocabulary(self) -> list[str]:
        """The sorted stems of the word index (read on first use)."""
        if self._vocabulary is None:
            columns = self.header["columns"]
            spec = columns["vocabulary"]
            blob = self.blob(str(spec[0]))
            text = str(blob[int(spec[1]) : int(spec[1]) + int(spec[2])], "utf-8")
            vocabulary = text.split("\n") if text else []
            starts = _column(blob, columns["postings_start"], "I", "postings_start")
            postings = _column(blob, columns["postings"], self.rows, "postings")
            if len(starts) != len(vocabulary) + 1 or starts[-1] != len(postings):
                raise DataError("the word index does not match its postings", file=str(spec[0]), field="postings")
            self._stems = {term: i for i, term in enumerate(vocabulary)}
            self._postings = (starts, postings)
            self._vocabulary = vocabulary
        return self._vocabulary

    def rows_with(self, term: str) -> Sequence[int]:
        """The rows whose folded name holds the stem ``term``, ascending."""
        self.vocabulary()
        i = self._stems.get(term)
        if i is None:
            return ()
        starts, postings = self._postings
        return postings[starts[i] : starts[i + 1]]
