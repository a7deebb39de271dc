"""Reads data files into records: the packaged ones straight into the record classes, any
other through the strict converter; every problem names the file, record and field."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterator
from typing import Any, Final, Protocol, TypeVar

from cramps.catalogue import CatalogueEntry
from cramps.errors import DataError

__all__ = [
    "MAX_FILE_BYTES",
    "DataFile",
    "DataFolder",
    "data_folder",
    "packaged_data",
    "read_collection",
    "read_json",
    "parse_team_text",
    "structure_record",
    "team_items",
    "team_text",
    "read_records",
    "records_from",
    "build",
]


class DataFile(Protocol):
    """What the loader reads: a file with a name (any Traversable is one)."""

    @property
    def name(self) -> str: ...

    def read_bytes(self) -> bytes: ...


class DataFolder(Protocol):
    """A folder of data files (any Traversable is one)."""

    def __truediv__(self, child: str, /) -> DataFile: ...


class _File:
    """A file of the package's data folder on disk, read without pathlib."""

    __slots__ = ("name", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self.name = os.path.basename(path)

    def read_bytes(self) -> bytes:
        with open(self.path, "rb") as handle:
            return handle.read()


class _Folder:
    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __truediv__(self, child: str, /) -> _File:
        return _File(os.path.join(self.path, child))


def data_folder(path: str) -> DataFolder:
    """The folder at ``path`` on disk, read with :func:`open`."""
    return _Folder(path)


def packaged_data() -> DataFolder:
    """The folder of packaged data files inside the installed package.

    When the package is a folder on disk (the usual case) its files are read directly,
    which spares importing :mod:`importlib.resources` and :mod:`pathlib` (about a tenth of
    the cost of a first question); a zipped package is read through
    :func:`importlib.resources.files`.
    """
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
    if os.path.isdir(folder):
        return data_folder(folder)
    from importlib.resources import files

    return files("cramps") / "data"


def read_json(resource: DataFile) -> Any:
    """Parse one JSON resource; syntax errors name the file, line and column."""
    try:
        return json.loads(resource.read_bytes())
    except json.JSONDecodeError as exc:
        raise DataError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", file=resource.name
        ) from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text: {exc.reason}", file=resource.name) from exc


#: The largest data file :func:`cramps.load` reads unless told otherwise (``max_bytes``):
#: 128 MiB, room for about half a million foods. A guard against a wrong file, such as a
#: database dump, that would take minutes and gigabytes to read.
MAX_FILE_BYTES: Final = 128 * 1024 * 1024
#: The most digits a whole number in a data file may have (any float holds 308).
MAX_DIGITS: Final = 300
_UTF8_BOM: Final = b"\xef\xbb\xbf"
_OTHER_BOMS: Final = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)
_ENCODING_RULE: Final = "save it as UTF-8 (with or without a byte-order mark)"


class _Refused(Exception):
    """A value the strict reader refuses while parsing: ``reason``, and the ``record`` (the
    id of the object it sits in, when it has one) and ``field`` it is in."""

    def __init__(self, reason: str, record: str | None = None, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason, self.record, self.field = reason, record, field


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                label = found.get("id")
                record = label if isinstance(label, str) else None
                raise _Refused(f"duplicate key {key!r} in one JSON object; give each key once", record, key)
            seen.add(key)
    return found


def _integer(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise _Refused(f"a whole number of {len(text):,} digits is too large (at most {MAX_DIGITS} digits)")
    return int(text)


def team_text(resource: DataFile, *, max_bytes: int | None = MAX_FILE_BYTES) -> str:
    """The text of a JSON file a user gives, read strictly: at most ``max_bytes`` bytes
    (``None``: no limit); UTF-8 text with or without a byte-order mark (UTF-16, UTF-32 and
    bad bytes are refused). :func:`parse_team_text` and :func:`team_items` parse it: no
    duplicate keys in an object; no whole number of more than :data:`MAX_DIGITS` digits;
    nesting no deeper than Python's parser allows. Every problem is a :class:`DataError`
    naming the file (and the record and field where known). ``NaN``, ``Infinity`` and a
    number too large for a float (read as infinity) are left to the records, whose checks
    refuse them naming the record and the field."""
    name = resource.name
    stat = getattr(resource, "stat", None)
    if max_bytes is not None and callable(stat):
        _check_size(int(stat().st_size), max_bytes, name)
    raw = resource.read_bytes()
    if max_bytes is not None:
        _check_size(len(raw), max_bytes, name)
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    else:
        for mark, encoding in _OTHER_BOMS:
            if raw.startswith(mark):
                raise DataError(
                    f"{encoding} text (it starts with a {encoding} byte-order mark); {_ENCODING_RULE}", file=name
                )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise DataError(
            f"a NUL byte on line {line}: UTF-16 or UTF-32 text, or not text at all; {_ENCODING_RULE}", file=name
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"not UTF-8 text: {exc.reason} on line {line}; {_ENCODING_RULE}", file=name) from None


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_int=_integer)
_SPACE = re.compile(r"[ \t\n\r]*")


def _skip(text: str, at: int) -> int:
    """The place of the first character at or after ``at`` that is not JSON white space."""
    found = _SPACE.match(text, at)
    return at if found is None else found.end()


def parse_team_text(text: str, name: str) -> Any:
    """The parsed content of ``text``, the text of the file ``name``, by the rules of
    :func:`team_text`."""
    with _json_errors(name):
        return _DECODER.decode(text)


def team_items(text: str, name: str) -> Iterator[tuple[int, Any]]:
    """Each record of the JSON list ``text`` (a file a user gives, by the rules of
    :func:`team_text`) with its position, parsed one at a time, so that a caller that
    turns each into a record never holds the whole parsed file."""
    at = _skip(text, 0)
    if not text.startswith("[", at):
        found = parse_team_text(text, name)  # an error in the JSON, or another kind of value
        raise DataError(f"expected a JSON list of records, got a JSON {type(found).__name__}", file=name)
    at = _skip(text, at + 1)
    position = 0
    with _json_errors(name):
        if text.startswith("]", at):
            at = _skip(text, at + 1)
        else:
            while True:
                item, at = _DECODER.raw_decode(text, at)
                yield position, item
                position += 1
                at = _skip(text, at)
                if text.startswith(",", at):
                    at = _skip(text, at + 1)
                    continue
                if text.startswith("]", at):
                    at = _skip(text, at + 1)
                    break
                raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
        if at != len(text):
            raise json.JSONDecodeError("Extra data", text, at)


@contextlib.contextmanager
def _json_errors(name: str) -> Iterator[None]:
    """Turn what the JSON parser raises into a :class:`DataError` naming the file ``name``."""
    try:
        yield
    except json.JSONDecodeError as exc:
        raise DataError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", file=name) from None
    except _Refused as exc:
        raise DataError(exc.reason, file=name, record=exc.record, field=exc.field) from None
    except RecursionError:
        raise DataError("JSON nested too deeply for Python's reader (about 1,000 levels)", file=name) from None


def _check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise DataError(
            f"{size:,} bytes is more than the limit of {max_bytes:,} bytes for one file;"
            " pass a larger max_bytes to cramps.load() if the file is meant to be this big",
            file=name,
        )


def read_records(resource: DataFile, cls: type[Any], key: str | None = None, *, packaged: bool = False) -> list[Any]:
    """Every record of one packaged data file: a JSON list of records or, given ``key``, a
    JSON object holding that list under ``key``. ``packaged`` data is built straight into
    ``cls`` (see :func:`build`); anything else goes through the strict converter."""
    return records_from(read_json(resource), cls, file=resource.name, key=key, packaged=packaged)


def records_from(raw: Any, cls: type[Any], *, file: str, key: str | None = None, packaged: bool = False) -> list[Any]:
    """The records of the parsed content ``raw`` of the data file ``file`` (see
    :func:`read_records`)."""
    if key is not None:
        if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
            raise DataError(f"expected a JSON object with a list {key!r}", file=file)
        raw = raw[key]
    elif not isinstance(raw, list):
        raise DataError(f"expected a JSON list of records, got a JSON {type(raw).__name__}", file=file)
    make = build if packaged else structure_record
    records = []
    for position, item in enumerate(raw):
        if not isinstance(item, dict):
            raise DataError(f"expected a JSON object, got {type(item).__name__}", file=file, record=f"#{position}")
        label = item.get("id") if key is not None else None
        record = label if isinstance(label, str) else f"#{position}" if key is not None else None
        records.append(make(item, cls, file=file, record=record))
    return records


def read_collection(folder: DataFolder, entry: CatalogueEntry) -> list[Any]:
    """Every record of the catalogue ``entry``'s file in the packaged-data ``folder``."""
    return read_records(folder / entry.name, entry.record_type(), entry.key, packaged=True)


# -- building records ---------------------------------------------------------------------
#
# The packaged data is written by our own tools from these record classes, through the
# same unstructuring as cramps.to_dict, so it loads straight into the classes: each record
# class takes its fields as a data file gives them (its converters build nested records
# such as codes and amounts), and its validators check them. Importing cattrs costs more
# than reading the whole knowledge base, so the strict converter is imported only to
# explain a packaged record the class refuses (naming the file, record and field), and for
# every file a user gives (cramps.load, cramps.from_dict).

T = TypeVar("T")


def build(data: Any, cls: type[T], *, file: str | None = None, record: str | None = None) -> T:
    """The packaged record ``data`` as a ``cls``: built straight by the class from the
    fields of a JSON object; a record the class refuses goes to the strict converter,
    which raises the :class:`DataError` that names what is wrong."""
    if type(data) is dict:
        try:
            return cls(**data)
        except Exception:  # anything at all: the strict converter decides and explains
            pass
    return structure_record(data, cls, file=file, record=record)


def structure_record(data: Any, cls: type[T], *, file: str | None = None, record: str | None = None) -> T:
    """``data`` (parsed JSON) as a ``cls``, through the strict converter: any problem is a
    :class:`DataError` naming ``file``, the record and the field."""
    from cramps._converter import structure

    return structure(data, cls, file=file, record=record)
