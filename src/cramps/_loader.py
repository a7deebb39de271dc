"""Reads knowledge-base JSON files into records, strictly, naming any bad file and record."""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from typing import Any

from cramps._converter import structure
from cramps.citation import Citation
from cramps.errors import DataError
from cramps.evidence import Claim
from cramps.factor import Factor
from cramps.guidance import Guidance
from cramps.knowledge import FILES, KnowledgeBase
from cramps.nutrient import Nutrient
from cramps.remedy import Remedy
from cramps.symptom import Symptom

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
