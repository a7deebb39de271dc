"""Synthetic food tables N times the size of the packaged one, for the scale benchmark.

``generate(N, folder)`` writes ``food-table.json``, ``foods.bin``, ``foods-search.bin``,
``foods-order.bin`` and ``food-servings.json`` in the packaged format (see ``tools/build_foods.py``) for a table in
which every SR28 food appears N times in a row: copy ``c`` of the food with NDB number
``01001`` has NDB number ``01001`` followed by ``c`` (zero-padded), the same name, group,
values and portions. Because the copies of a food sit next to each other and rows are in
id order, every precomputed order of the packaged table expands to the order of the big
one (each row ``r`` becomes the rows ``r*N .. r*N + N-1``, ties still by id), so the
columns are written directly, without sorting millions of rows.

Run on its own to write a table: ``python benchmarks/synthetic.py 100 /tmp/x100``.
"""

from __future__ import annotations

import array
import io
import json
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGED = ROOT / "src" / "cramps" / "data"
SECTIONS = {"main": "foods.bin", "search": "foods-search.bin", "order": "foods-order.bin"}
COMPRESSED = frozenset({"foods-search.bin"})
MISSING = 0xFFFFFFFF


@dataclass
class Made:
    """What :func:`generate` wrote."""

    folder: Path
    foods: int
    values: int
    bytes: int


def _le(column: array.array[int]) -> bytes:
    if sys.byteorder != "little":  # pragma: no cover
        column = array.array(column.typecode, column)
        column.byteswap()
    return column.tobytes()


class _Source:
    """The packaged table's columns, read straight from its files."""

    def __init__(self, folder: Path) -> None:
        self.header: dict[str, Any] = json.loads((folder / "food-table.json").read_bytes())
        self.blobs: dict[str, bytes] = {}
        for name, info in self.header["files"].items():
            data = (folder / name).read_bytes()
            self.blobs[name] = zlib.decompress(data) if info["compressed"] else data
        self.count = int(self.header["count"])
        self.rows = str(self.header["row_typecode"])

    def raw(self, spec: list[Any], size: int) -> bytes:
        name, start, length = spec
        return self.blobs[name][start : start + size * length]

    def ints(self, spec: list[Any], typecode: str) -> array.array[int]:
        column = array.array(typecode)
        column.frombytes(self.raw(spec, column.itemsize))
        if sys.byteorder != "little":  # pragma: no cover
            column.byteswap()
        return column

    def column(self, name: str) -> list[Any]:
        spec: list[Any] = self.header["columns"][name]
        return spec


class _Writer:
    """Appends columns to the three files, 4-byte aligned, and records where each sits."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.out = {name: io.BytesIO() for name in SECTIONS.values()}
        self.columns: dict[str, list[Any]] = {}

    def put(self, file: str, data: bytes, length: int, name: str = "") -> list[Any]:
        out = self.out[file]
        offset = out.tell()
        out.write(data)
        out.write(b"\0" * (-out.tell() % 4))
        spec: list[Any] = [file, offset, length]
        if name:
            self.columns[name] = spec
        return spec

    def finish(self, level: int) -> dict[str, dict[str, Any]]:
        files = {}
        for name, out in self.out.items():
            data = out.getvalue()
            self.out[name] = io.BytesIO()
            compressed = name in COMPRESSED
            (self.folder / name).write_bytes(zlib.compress(data, level) if compressed else data)
            files[name] = {"compressed": compressed, "bytes": len(data), "sha256": None}
            del data
        return files


def _repeat_rows(rows: Iterable[int], factor: int, typecode: str) -> bytes:
    """Each row ``r`` of ``rows`` as the rows ``r*factor .. r*factor + factor-1``."""
    out = array.array(typecode)
    for row in rows:
        out.extend(range(row * factor, row * factor + factor))
    return _le(out)


def _repeat_lines(text: bytes, starts: array.array[int], factor: int) -> tuple[bytes, bytes]:
    """Every line of a text column ``factor`` times in a row, and the new line starts."""
    blocks = []
    new_starts = array.array("I")
    base = 0
    for i in range(len(starts) - 1):
        line = text[starts[i] : starts[i + 1]]  # with its separator (the last one: one past the end)
        if i == len(starts) - 2:
            line = text[starts[i] :] + b"\n"
        blocks.append(line * factor)
        new_starts.extend(range(base, base + factor * len(line), len(line)))
        base += factor * len(line)
    new_starts.append(base)
    return b"".join(blocks)[:-1], _le(new_starts)


def _repeat_portion_lines(
    text: bytes, starts: array.array[int], portion_start: array.array[int], factor: int
) -> tuple[bytes, bytes]:
    """The portion descriptions, each food's block of lines ``factor`` times in a row."""
    blocks = []
    new_starts = array.array("I")
    base = 0
    full = text + b"\n"
    for i in range(len(portion_start) - 1):
        first, stop = portion_start[i], portion_start[i + 1]
        if first == stop:
            continue
        block = full[starts[first] : starts[stop]]
        blocks.append(block * factor)
        offsets = array.array("I", bytes(4 * factor * (stop - first)))
        for j, p in enumerate(range(first, stop)):
            begin = base + starts[p] - starts[first]
            offsets[j :: stop - first] = array.array("I", range(begin, begin + factor * len(block), len(block)))
        new_starts.extend(offsets)
        base += factor * len(block)
    new_starts.append(base)
    return b"".join(blocks)[:-1], _le(new_starts)


def generate(factor: int, folder: Path, *, source: Path = PACKAGED, level: int = 1) -> Made:
    """Write a table ``factor`` times the packaged one into ``folder``; what it wrote."""
    if factor < 1:
        raise ValueError("factor must be at least 1")
    src = _Source(source)
    folder.mkdir(parents=True, exist_ok=True)
    n, header = src.count, src.header
    total = n * factor
    rows = "H" if total <= 0x10000 else "I"
    width = int(header["ndb_width"])
    digits = len(str(factor - 1)) if factor > 1 else 0
    suffixes = [str(c).zfill(digits).encode("ascii") if digits else b"" for c in range(factor)]
    out = _Writer(folder)
    main, search, order = SECTIONS["main"], SECTIONS["search"], SECTIONS["order"]

    ndb = src.raw(src.column("ndb"), width)
    out.put(main, b"".join(ndb[width * i : width * i + width] + s for i in range(n) for s in suffixes), total, "ndb")
    for file, name in ((main, "names"), (main, "portion_desc"), (search, "folded")):
        spec = src.column(name)
        text = src.raw(spec, 1)
        starts = src.ints(src.column(f"{name}_starts"), "I")
        if name == "portion_desc":
            lines, new_starts = _repeat_portion_lines(text, starts, src.ints(src.column("portion_start"), "I"), factor)
        else:
            lines, new_starts = _repeat_lines(text, starts, factor)
        out.put(file, lines, len(lines), name)
        out.put(file, new_starts, len(new_starts) // 4, f"{name}_starts")
    for file, name, size in (
        (main, "group", 1),
        (main, "diet", 1),
        (main, "serving_category", 1),
        (main, "serving_reason", 1),
        (main, "everyday", 1),
        (main, "serving_grams", 8),
        (order, "kind", 2),
    ):
        column = src.raw(src.column(name), size)
        out.put(file, b"".join(column[size * i : size * i + size] * factor for i in range(n)), total, name)
    for file, name in ((order, "serving_measure"),):
        lines, new_starts = _repeat_lines(
            src.raw(src.column(name), 1), src.ints(src.column(f"{name}_starts"), "I"), factor
        )
        out.put(file, lines, len(lines), name)
        out.put(file, new_starts, len(new_starts) // 4, f"{name}_starts")
    kinds = src.raw(src.column("kinds"), 1)  # the kinds' names: copies of a food share its kind
    out.put(order, kinds, len(kinds), "kinds")
    kinds_starts = src.raw(src.column("kinds_starts"), 4)
    out.put(order, kinds_starts, len(kinds_starts) // 4, "kinds_starts")
    portion_start = src.ints(src.column("portion_start"), "I")
    starts_out = array.array("I")
    for i in range(n):
        first, count = portion_start[i], portion_start[i + 1] - portion_start[i]
        if count:
            starts_out.extend(range(factor * first, factor * (first + count), count))
        else:
            starts_out.extend([factor * first] * factor)
    starts_out.append(factor * portion_start[n])
    out.put(main, _le(starts_out), len(starts_out), "portion_start")
    for name, size in (("portion_grams", 4), ("portion_seq", 2)):
        column = src.raw(src.column(name), size)
        blocks = [column[size * portion_start[i] : size * portion_start[i + 1]] * factor for i in range(n)]
        data = b"".join(blocks)
        out.put(main, data, len(data) // size, name)

    nutrients: dict[str, Any] = {}
    values = 0
    for nutrient, info in header["nutrients"].items():
        column = src.raw(info["values"], 4)
        values += factor * sum(1 for v in src.ints(info["values"], "I") if v != MISSING)
        spec = out.put(main, b"".join(column[4 * i : 4 * i + 4] * factor for i in range(n)), total)
        orders = {
            basis: out.put(order, _repeat_rows(src.ints(o, src.rows), factor, rows), factor * int(o[2]))
            for basis, o in info["order"].items()
        }
        nutrients[nutrient] = {**info, "values": spec, "order": orders}

    vocabulary = src.raw(src.column("vocabulary"), 1)
    out.put(search, vocabulary, len(vocabulary), "vocabulary")
    postings_start = src.ints(src.column("postings_start"), "I")
    out.put(search, _le(array.array("I", (factor * s for s in postings_start))), len(postings_start), "postings_start")
    postings = src.ints(src.column("postings"), src.rows)
    out.put(search, _repeat_rows(postings, factor, rows), factor * len(postings), "postings")

    servings = (source / "food-servings.json").read_bytes()
    (folder / "food-servings.json").write_bytes(servings)
    files = out.finish(level)
    files["food-servings.json"] = {
        "compressed": False,
        "bytes": len(servings),
        "sha256": header["files"]["food-servings.json"]["sha256"],
    }
    revised = {
        ndb_number + "0" * digits: {**entry, "row": int(entry["row"]) * factor}
        for ndb_number, entry in header["revised"].items()
    }
    new_header = {
        **header,
        "count": total,
        "portion_count": factor * int(header["portion_count"]),
        "ndb_width": width + digits,
        "row_typecode": rows,
        "nutrients": nutrients,
        "revised": revised,
        "columns": out.columns,
        "files": files,
        "synthetic": f"the packaged table, each food {factor} times (benchmarks/synthetic.py)",
    }
    (folder / "food-table.json").write_text(json.dumps(new_header, indent=1), encoding="utf-8")
    size = sum((folder / name).stat().st_size for name in (*SECTIONS.values(), "food-table.json", "food-servings.json"))
    return Made(folder=folder, foods=total, values=values, bytes=size)


def main(argv: list[str]) -> int:
    factor, folder = int(argv[0]), Path(argv[1])
    made = generate(factor, folder)
    print(f"wrote {made.foods:,} foods ({made.values:,} food-nutrient values, {made.bytes:,} bytes) to {made.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
