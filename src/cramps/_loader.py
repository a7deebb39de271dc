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

from cramps.citations import Citation
from cramps.errors import DataError
from cramps.evidence import Claim
from cramps.factors import Factor
from cramps.guidance import Guidance
from cramps.knowledge import FILES, KnowledgeBase
from cramps.nutrients import Nutrient
from cramps.remedies import Remedy
from cramps.symptoms import Symptom

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

RECORD_TYPES: dict[str, type[Any]] = {
    "citations": Citation,
    "claims": Claim,
    "nutrients": Nutrient,
    "symptoms": Symptom,
    "factors": Factor,
    "remedies": Remedy,
    "guidance": Guidance,
}
#: The extension file of a team's own foods (records: :class:`cramps._food_overlay.FoodEntry`).
FOODS_FILE = "foods.json"


def record_types() -> dict[str, type[Any]]:
    """Every collection an extension folder may hold, with the record class of its file:
    :data:`RECORD_TYPES` and ``foods`` (``FoodEntry`` records, which :func:`load` turns
    into :class:`~cramps.foods.Food`)."""
    from cramps._food_overlay import FoodEntry

    return {**RECORD_TYPES, "foods": FoodEntry}


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


def read_records(resource: DataFile, cls: type[Any]) -> list[Any]:
    """Every record of one data file, structured into ``cls``."""
    raw = read_json(resource)
    if not isinstance(raw, list):
        raise DataError(f"expected a JSON list of records, got a JSON {type(raw).__name__}", file=resource.name)
    records = []
    for position, item in enumerate(raw):
        if not isinstance(item, dict):
            raise DataError(
                f"expected a JSON object, got {type(item).__name__}", file=resource.name, record=f"#{position}"
            )
        records.append(structure(item, cls, file=resource.name))
    return records


def load_packaged() -> KnowledgeBase:
    """The knowledge base shipped in the package."""
    folder = packaged_data()
    manifest = read_json(folder / "manifest.json")
    collections = {name: read_records(folder / FILES[name], cls) for name, cls in RECORD_TYPES.items()}
    return KnowledgeBase(**collections, data_version=manifest["data_version"])


def load(
    source: str | os.PathLike[str] | Traversable,
    *,
    base: KnowledgeBase | None = None,
    replace: bool = False,
) -> KnowledgeBase:
    """A new knowledge base: ``base`` (the packaged one by default) plus your own records.

    ``source`` is a folder holding any of ``nutrients.json``, ``symptoms.json``,
    ``factors.json``, ``remedies.json``, ``claims.json``, ``citations.json``,
    ``guidance.json`` and ``foods.json`` (a JSON list of records each, in the schema of
    :func:`cramps.schema`), or one such file. Records may refer to the base's records;
    foods join the packaged USDA foods in the food queries. Any problem raises
    :class:`~cramps.DataError` naming the file, record and field, and adds nothing:
    ``base`` is never changed.
    """
    if base is None:
        from cramps.knowledge import default_kb

        base = default_kb()
    elif not isinstance(base, KnowledgeBase):
        raise TypeError(f"base must be a KnowledgeBase, not {type(base).__name__}")
    from pathlib import Path

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

    if isinstance(source, (str, os.PathLike)):
        source = Path(source)
    elif not isinstance(source, Traversable):
        raise TypeError(f"source must be a path or a Traversable, not {type(source).__name__}")
    if not source.is_dir() and not source.is_file():
        raise DataError("no such file or folder", file=str(source))
    types = record_types()
    names = {file_name: collection for collection, file_name in FILES.items()}
    names[FOODS_FILE] = "foods"
    resources = (
        [source]
        if source.is_file()
        else sorted((r for r in source.iterdir() if r.name.endswith(".json")), key=lambda r: r.name)
    )
    collections: dict[str, list[Any]] = {}
    for resource in resources:
        collection = names.get(resource.name)
        if collection is None:
            expected = ", ".join(sorted(names))
            raise DataError(f"not a knowledge-base file name; expected one of {expected}", file=resource.name)
        records = read_records(resource, types[collection])
        collections[collection] = [entry.to_food() for entry in records] if collection == "foods" else records
    if not collections:
        raise DataError("no knowledge-base JSON files found", file=str(source))
    return base.extended(collections, replace=replace, data_version=f"{base.data_version}+{source.name}")


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
