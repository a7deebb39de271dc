"""Knowledge bases from data files: the packaged one (:func:`default_kb`) and a team's own
records added to it (:func:`load`)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cramps._fields import whole_number
from cramps._loader import (
    MAX_FILE_BYTES,
    packaged_data,
    parse_team_text,
    read_collection,
    read_json,
    records_from,
    structure_record,
    team_items,
    team_text,
)
from cramps.catalogue import CATALOGUE, KNOWLEDGE, MANIFEST_FILE, entry
from cramps.errors import DataError
from cramps.knowledge import KnowledgeBase

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["default_kb", "load", "load_packaged"]


def _foods(items: Iterable[tuple[int, Any]], file: str) -> list[Any]:
    """The :class:`~cramps.foods.Food` records of the parsed ``foods.json`` ``items``, each
    made as it is parsed: a plain record straight (:func:`~cramps.food_entries.food_from_json`),
    any other through the strict converter, which names what is wrong."""
    from cramps.food_entries import FoodEntry, food_from_json

    foods = []
    shared: dict[str, str] = {}
    for position, item in items:
        food = food_from_json(item, shared)
        if food is None:
            if not isinstance(item, dict):
                kind = type(item).__name__
                raise DataError(f"expected a JSON object, got {kind}", file=file, record=f"#{position}")
            food = _food(structure_record(item, FoodEntry, file=file), file)
        foods.append(food)
    return foods


def _food(entry: Any, file: str) -> Any:
    """The :class:`~cramps.foods.Food` of a ``foods.json`` entry; the food's own check
    of a field becomes a :class:`DataError` naming the file and the record too."""
    try:
        return entry.to_food()
    except DataError as error:
        raise DataError(error.reason, file=file, record=entry.id, field=error.field) from None


def _check_unique(records: list[Any], file: str) -> None:
    """Raise :class:`DataError` for an id that two records of one file share."""
    first: dict[str, int] = {}
    for position, record in enumerate(records):
        record_id = getattr(record, "id", None)
        if not isinstance(record_id, str):
            continue
        before = first.setdefault(record_id, position)
        if before != position:
            message = f"duplicate id {record_id!r} in this file (records #{before} and #{position})"
            message += "; give each record its own id"
            raise DataError(message, file=file, record=record_id, field="id")


def load_packaged() -> KnowledgeBase:
    """The knowledge base shipped in the package (a new one at each call; most code wants
    :func:`default_kb`)."""
    folder = packaged_data()
    manifest = read_json(folder / MANIFEST_FILE)
    collections: dict[str, Any] = {name: read_collection(folder, entry(name)) for name in KNOWLEDGE}
    return KnowledgeBase(**collections, data_version=manifest["data_version"])


_default: KnowledgeBase | None = None
_default_lock = threading.Lock()


def default_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded on first use (once, thread-safely)."""
    global _default
    kb = _default
    if kb is None:
        with _default_lock:
            if _default is None:
                _default = load_packaged()
            kb = _default
    return kb


def load(
    source: str | os.PathLike[str] | Traversable,
    *,
    base: KnowledgeBase | None = None,
    replace: bool = False,
    max_bytes: int | None = MAX_FILE_BYTES,
) -> KnowledgeBase:
    """A new knowledge base: ``base`` (the packaged one by default) plus your own records.

    ``source`` is a folder holding any of ``nutrients.json``, ``symptoms.json``,
    ``factors.json``, ``remedies.json``, ``claims.json``, ``citations.json``,
    ``guidance.json`` and ``foods.json`` (a JSON list of records each, in the schema of
    :func:`cramps.schema`), or one such file. Records may refer to the base's records;
    foods join the packaged USDA foods in the food queries. Any problem raises
    :class:`~cramps.DataError` naming the file, record and field, and adds nothing:
    ``base`` is never changed.

    Files are read strictly: UTF-8 text, with or without a byte-order mark (UTF-16 and
    UTF-32 are refused); a key given twice in one object, an id given twice in one file,
    ``NaN``, ``Infinity`` or any number too large for a float, and a file larger than
    ``max_bytes`` (128 MiB by default, room for about half a million foods; ``None`` for
    no limit) are errors. Foods must be plausible: at most 100 g of anything per 100 g,
    energy 0 or from 0.1 to 902 kcal per 100 g, portions from 0.01 to 10,000 g (see
    :func:`cramps.foods.implausible`).
    """
    if base is None:
        base = default_kb()
    elif not isinstance(base, KnowledgeBase):
        raise TypeError(f"base must be a KnowledgeBase, not {type(base).__name__}")
    if max_bytes is not None:
        kind, least = "a whole number of bytes or None", "at least 1 (or None for no limit)"
        max_bytes = whole_number(max_bytes, "max_bytes", kind=kind, least=least)
    from pathlib import Path

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

    if isinstance(source, (str, os.PathLike)):
        source = Path(source)
    elif not isinstance(source, Traversable):
        raise TypeError(f"source must be a path or a Traversable, not {type(source).__name__}")
    try:
        is_file = source.is_file()
        is_dir = not is_file and source.is_dir()
    except OSError as error:  # a name too long for the file system ...
        raise DataError(f"no such file or folder ({error.strerror or error})", file=str(source)) from error
    if not is_dir and not is_file:
        raise DataError("no such file or folder", file=str(source))
    names = {item.name: item for item in CATALOGUE if item.team}
    resources = (
        [source] if is_file else sorted((r for r in source.iterdir() if r.name.endswith(".json")), key=lambda r: r.name)
    )
    collections: dict[str, list[Any]] = {}
    for resource in resources:
        found = names.get(resource.name)
        if found is None:
            expected = ", ".join(sorted(names))
            raise DataError(f"not a knowledge-base file name; expected one of {expected}", file=resource.name)
        text = team_text(resource, max_bytes=max_bytes)
        if found.collection == "foods":
            records = _foods(team_items(text, resource.name), resource.name)
        else:
            records = records_from(
                parse_team_text(text, resource.name), found.record_type(), file=resource.name, key=found.key
            )
        del text
        _check_unique(records, resource.name)
        collections[found.collection] = records
    if not collections:
        raise DataError("no knowledge-base JSON files found", file=str(source))
    return base.extended(collections, replace=replace, data_version=f"{base.data_version}+{source.name}")
