"""Reads data files into records: the packaged ones straight into the record classes, any
other through the strict converter; every problem names the file, record and field."""

from __future__ import annotations

import json
import os
from typing import Any, Protocol, TypeVar

from cramps.catalogue import CatalogueEntry
from cramps.errors import DataError

__all__ = [
    "DataFile",
    "DataFolder",
    "data_folder",
    "packaged_data",
    "read_collection",
    "read_json",
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


def read_records(resource: DataFile, cls: type[Any], key: str | None = None, *, packaged: bool = False) -> list[Any]:
    """Every record of one data file: a JSON list of records or, given ``key``, a JSON
    object holding that list under ``key``. ``packaged`` data is built straight into
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
    make = build if packaged else _strict
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
    return _strict(data, cls, file=file, record=record)


def _strict(data: Any, cls: type[T], *, file: str | None = None, record: str | None = None) -> T:
    from cramps._converter import structure

    return structure(data, cls, file=file, record=record)
