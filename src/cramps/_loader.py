"""Reads knowledge-base JSON files into records, strictly, naming any bad file and record."""

from __future__ import annotations

import enum
import json
import os
import sys
import threading
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from cramps.catalogue import CatalogueEntry
from cramps.errors import DataError

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        pass
    else:
        pass

__all__ = [
    "DataFile",
    "DataFolder",
    "data_folder",
    "packaged_data",
    "read_collection",
    "read_json",
    "read_records",
    "structure",
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


def read_records(resource: DataFile, cls: type[Any], key: str | None = None) -> list[Any]:
    """Every record of one data file, structured into ``cls``: the file is a JSON list of
    records or, given ``key``, a JSON object holding that list under ``key``."""
    raw = read_json(resource)
    if key is not None:
        if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
            raise DataError(f"expected a JSON object with a list {key!r}", file=resource.name)
        raw = raw[key]
    elif not isinstance(raw, list):
        raise DataError(f"expected a JSON list of records, got a JSON {type(raw).__name__}", file=resource.name)
    records = []
    for position, item in enumerate(raw):
        if not isinstance(item, dict):
            raise DataError(
                f"expected a JSON object, got {type(item).__name__}", file=resource.name, record=f"#{position}"
            )
        label = item.get("id") if key is not None else None
        record = label if isinstance(label, str) else f"#{position}" if key is not None else None
        records.append(structure(item, cls, file=resource.name, record=record))
    return records


def read_collection(folder: DataFolder, entry: CatalogueEntry) -> list[Any]:
    """Every record of the catalogue ``entry``'s file in ``folder``."""
    return read_records(folder / entry.name, entry.record_type(), entry.key)


# -- structuring: a fast path for valid data, the strict cattrs converter for the rest --------
#
# Importing cattrs and generating its structure functions costs more than reading the whole
# knowledge base, so records are first built by a small structurer that accepts strictly less
# than the converter: plain JSON values of exactly the annotated types, no unknown and no
# missing fields (the record classes' own converters and validators run as always). Anything
# it does not take, and any class with a field type it does not know, goes to
# :func:`cramps._converter.structure`, which decides and names the file, record and field of
# any problem. So the converter stays the one authority on what is valid and on every error
# message; the fast path only spares it the data it would accept unchanged.

T = TypeVar("T")
_Plan = Callable[[Any], Any]
_plans: dict[type[Any], _Plan | None] = {}
_plans_lock = threading.RLock()


class _Reject(Exception):
    """The fast path does not take this value; the strict converter decides."""


def structure(data: Any, cls: type[T], *, file: str | None = None, record: str | None = None) -> T:
    """``data`` structured into ``cls`` exactly as :func:`cramps._converter.structure`
    does it (the same record, the same :class:`DataError` for bad data), without
    importing cattrs for data that is valid."""
    plan = _plan(cls)
    if plan is not None:
        try:
            built: T = plan(data)
        except Exception:  # anything at all: let the strict converter decide and explain
            pass
        else:
            return built
    from cramps._converter import structure as strict

    return strict(data, cls, file=file, record=record)


def _plan(cls: type[Any]) -> _Plan | None:
    """The fast structurer of the attrs class ``cls``, or ``None`` when one of its field
    types is not one it knows; built once per class."""
    try:
        return _plans[cls]
    except KeyError:
        pass
    with _plans_lock:
        if cls not in _plans:
            _plans[cls] = None  # while it is built, a recursive reference goes to the converter
            _plans[cls] = _class_plan(cls)
        return _plans[cls]


def _class_plan(cls: type[Any]) -> _Plan | None:
    if not (isinstance(cls, type) and attrs.has(cls)):
        return None
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # unresolvable annotations: the converter's business
        return None
    fields = [field for field in attrs.fields(cls) if field.init]
    plans: dict[str, _Plan] = {}
    for field in fields:
        if field.alias != field.name or field.name not in hints:
            return None
        plan = _value_plan(hints[field.name])
        if plan is None:
            return None
        plans[field.name] = plan
    known = frozenset(plans)
    required = frozenset(field.name for field in fields if field.default is attrs.NOTHING)

    def build(data: Any) -> Any:
        if type(data) is not dict:
            raise _Reject
        keys = data.keys()
        if not (keys <= known and required <= keys):
            raise _Reject
        return cls(**{name: plans[name](value) for name, value in data.items()})

    return build


def _value_plan(tp: Any) -> _Plan | None:
    if tp is str:
        return _text
    if tp is bool:
        return _flag
    if tp is int:
        return _whole
    if tp is float:
        return _number
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        if "_value_" in getattr(tp, "__annotations__", {}):
            return None  # a typed enum: the converter structures its value first
        return tp
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _value_plan(args[0])
        return None if item is None else lambda value: _items(value, item)
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = _value_plan(args[0] if args[1] is type(None) else args[1])
        return None if inner is None else lambda value: None if value is None else inner(value)
    if isinstance(tp, type) and attrs.has(tp):
        return lambda value: _nested(tp, value)
    return None


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Reject
    return value


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise _Reject
    return value


def _whole(value: Any) -> int:
    if type(value) is not int:
        raise _Reject
    return value


def _number(value: Any) -> float:
    if type(value) is not float and type(value) is not int:
        raise _Reject
    return float(value)


def _items(value: Any, item: _Plan) -> tuple[Any, ...]:
    if type(value) is not list:
        raise _Reject
    return tuple(item(v) for v in value)


def _nested(cls: type[Any], value: Any) -> Any:
    plan = _plan(cls)
    if plan is None:
        raise _Reject
    return plan(value)
