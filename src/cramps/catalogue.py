"""The data catalogue: every data file of a knowledge base, its collection and its record class.

This table is the one place that says which file holds which records. The loader reads
through it, :func:`cramps.schema` describes it, :func:`cramps.load` accepts the files it
marks as ``team`` files, and the build scripts in ``tools/`` write the files it names.

Record classes are named by module and class name and imported only when a file is read,
so that looking up a file name costs no import.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "CATALOGUE",
    "DIARY_FOODS_FILE",
    "FOOD_SERVINGS_FILE",
    "FOOD_TABLE_FILE",
    "KNOWLEDGE",
    "MANIFEST_FILE",
    "PERSON",
    "TEAM",
    "CatalogueEntry",
    "entry",
    "file_name",
]


class CatalogueEntry:
    """One data file: a JSON list of records of one class (``key`` is ``None``), or a JSON
    object holding that list under ``key``. (A plain class: the catalogue is read on the
    first question, and a named tuple or attrs class would cost more to create.)"""

    __slots__ = ("collection", "key", "module", "name", "record", "team")

    def __init__(
        self, collection: str, name: str, module: str, record: str, *, key: str | None = None, team: bool = False
    ) -> None:
        #: The collection name, as in :meth:`cramps.KnowledgeBase.extended` (``"claims"``).
        self.collection = collection
        #: The file name, in the packaged data folder and in a team's folder.
        self.name = name
        #: The module of the record class (a module of the records layer).
        self.module = module
        #: The record class name in that module.
        self.record = record
        #: The key of the JSON object that holds the list, or ``None`` for a bare list.
        self.key = key
        #: Whether :func:`cramps.load` accepts the file from a team's folder.
        self.team = team

    def __repr__(self) -> str:
        return (
            f"CatalogueEntry(collection={self.collection!r}, name={self.name!r}, module={self.module!r},"
            f" record={self.record!r}, key={self.key!r}, team={self.team!r})"
        )

    def record_type(self) -> type[Any]:
        """The record class of the file's entries (its module imported on first use)."""
        cls: type[Any] = getattr(importlib.import_module(self.module), self.record)
        return cls


#: Every JSON data file of records, in the order the knowledge base lists its collections.
CATALOGUE: tuple[CatalogueEntry, ...] = (
    CatalogueEntry("citations", "citations.json", "cramps.citations", "Citation", team=True),
    CatalogueEntry("claims", "claims.json", "cramps.evidence", "Claim", team=True),
    CatalogueEntry("nutrients", "nutrients.json", "cramps.nutrients", "Nutrient", team=True),
    CatalogueEntry("symptoms", "symptoms.json", "cramps.symptoms", "Symptom", team=True),
    CatalogueEntry("factors", "factors.json", "cramps.factors", "Factor", team=True),
    CatalogueEntry("remedies", "remedies.json", "cramps.remedies", "Remedy", team=True),
    CatalogueEntry("guidance", "guidance.json", "cramps.guidance", "Guidance", team=True),
    CatalogueEntry("foods", "foods.json", "cramps.food_entries", "FoodEntry", team=True),
    CatalogueEntry("intakes", "intakes.json", "cramps.intakes", "DailyTarget", key="targets"),
    CatalogueEntry("lab_tests", "lab_tests.json", "cramps.lab_tests", "LabTest", key="tests"),
    CatalogueEntry("red_flags", "red_flags.json", "cramps.red_flags", "RedFlag", key="red_flags"),
)
_BY_COLLECTION = {item.collection: item for item in CATALOGUE}

#: The collections a :class:`~cramps.KnowledgeBase` holds as records (its first fields).
KNOWLEDGE: tuple[str, ...] = ("citations", "claims", "nutrients", "symptoms", "factors", "remedies", "guidance")
#: The collections of the person data: reference intakes, lab tests and red flags.
PERSON: tuple[str, ...] = ("intakes", "lab_tests", "red_flags")
#: The collections a team's folder may hold (see :func:`cramps.load`).
TEAM: tuple[str, ...] = tuple(item.collection for item in CATALOGUE if item.team)
#: The packaged file naming the data release and the sources it was built from.
MANIFEST_FILE = "manifest.json"
#: The header of the packaged binary food table (written by ``tools/build_foods.py``).
FOOD_TABLE_FILE = "food-table.json"
#: The food table's serving categories and the reasons behind each food's serving and
#: everyday code, read on first use (written by ``tools/build_foods.py``).
FOOD_SERVINGS_FILE = "food-servings.json"
#: The plain names a food diary uses and the SR28 food each means, read on the first
#: diary (written by ``tools/build_foods.py`` from ``tools/curated/diary_foods.csv``).
DIARY_FOODS_FILE = "diary-foods.json"


def entry(collection: str) -> CatalogueEntry:
    """The catalogue entry of ``collection``; ``ValueError`` naming the known ones if none."""
    found = _BY_COLLECTION.get(collection)
    if found is None:
        raise ValueError(f"unknown collection {collection!r}; expected one of {sorted(_BY_COLLECTION)}")
    return found


def file_name(collection: str) -> str:
    """The file name of ``collection`` (``"claims"`` -> ``"claims.json"``)."""
    return entry(collection).name
