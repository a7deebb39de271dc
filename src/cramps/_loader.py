"""Reads knowledge-base JSON files into records, strictly, naming any bad file and record."""

from __future__ import annotations

import json
import os
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

from cramps.citations import Citation
from cramps.errors import DataError
from cramps.evidence import Claim
from cramps.factors import Factor
from cramps.guidance import Guidance
from cramps.knowledge import FILES, KnowledgeBase
from cramps.nutrients import Nutrient
from cramps.remedies import Remedy
from cramps.symptoms import Symptom

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


def packaged_data() -> Traversable:
    """The folder of packaged data files inside the installed package."""
    return files("cramps") / "data"


def read_json(resource: Traversable) -> Any:
    """Parse one JSON resource; syntax errors name the file, line and column."""
    try:
        return json.loads(resource.read_bytes())
    except json.JSONDecodeError as exc:
        raise DataError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", file=resource.name
        ) from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text: {exc.reason}", file=resource.name) from exc


def read_records(resource: Traversable, cls: type[Any]) -> list[Any]:
    """Every record of one data file, structured into ``cls``."""
    raw = read_json(resource)
    if not isinstance(raw, list):
        raise DataError(f"expected a JSON list of records, got a JSON {type(raw).__name__}", file=resource.name)
    from cramps._converter import structure

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
    ``factors.json``, ``remedies.json``, ``claims.json``, ``citations.json`` and
    ``guidance.json`` (a JSON list of records each, in the schema of
    :func:`cramps.schema`), or one such file. Records may refer to the base's records.
    Any problem raises :class:`~cramps.DataError` naming the file, record and field, and
    adds nothing: ``base`` is never changed.
    """
    if base is None:
        from cramps.knowledge import default_kb

        base = default_kb()
    elif not isinstance(base, KnowledgeBase):
        raise TypeError(f"base must be a KnowledgeBase, not {type(base).__name__}")
    if isinstance(source, (str, os.PathLike)):
        source = Path(source)
    elif not isinstance(source, Traversable):
        raise TypeError(f"source must be a path or a Traversable, not {type(source).__name__}")
    if not source.is_dir() and not source.is_file():
        raise DataError("no such file or folder", file=str(source))
    names = {file_name: collection for collection, file_name in FILES.items()}
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
        collections[collection] = read_records(resource, RECORD_TYPES[collection])
    if not collections:
        raise DataError("no knowledge-base JSON files found", file=str(source))
    return base.extended(collections, replace=replace, data_version=f"{base.data_version}+{source.name}")
