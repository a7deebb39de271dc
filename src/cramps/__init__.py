"""cramps: a typed, sourced knowledge base about leg cramps.

It links cramps to the nutrients, foods and contributing factors behind them, ranks
them by graded, cited evidence, and says what relieves cramps and when to see a
clinician. It informs; it never diagnoses (see :data:`DISCLAIMER`).
"""

from __future__ import annotations

from typing import Any

from cramps.amount import Amount, Unit
from cramps.citation import Citation
from cramps.codes import Code, CodeSystem
from cramps.errors import CrampsError, DataError, UnknownTermError
from cramps.evidence import Claim, Direction, Grade, Relation
from cramps.explain import explain
from cramps.factor import Factor, FactorKind
from cramps.guidance import DISCLAIMER, Guidance
from cramps.knowledge import KnowledgeBase, default_kb
from cramps.nutrient import Nutrient, NutrientKind
from cramps.queries import (
    citation,
    claim,
    factor,
    factors_for_symptom,
    food,
    foods_rich_in,
    nutrient,
    nutrients_for_symptom,
    rank,
    relief_for,
    remedy,
    search,
    search_foods,
    symptom,
)
from cramps.ranking import Ranked, Ranking, Reason, Score
from cramps.remedy import Remedy, RemedyKind
from cramps.search import SearchHit
from cramps.serialize import from_dict, to_dict
from cramps.symptom import Symptom

__all__ = [
    "DATA_VERSION",
    "DISCLAIMER",
    "Amount",
    "Citation",
    "Claim",
    "Code",
    "CodeSystem",
    "CrampsError",
    "DataError",
    "Direction",
    "Factor",
    "FactorKind",
    "Grade",
    "Guidance",
    "KnowledgeBase",
    "Nutrient",
    "NutrientKind",
    "Ranked",
    "Ranking",
    "Reason",
    "Relation",
    "Remedy",
    "RemedyKind",
    "Score",
    "SearchHit",
    "Symptom",
    "UnknownTermError",
    "Unit",
    "__version__",
    "citation",
    "claim",
    "default_kb",
    "explain",
    "factor",
    "factors_for_symptom",
    "food",
    "foods_rich_in",
    "from_dict",
    "nutrient",
    "nutrients_for_symptom",
    "rank",
    "relief_for",
    "remedy",
    "search",
    "search_foods",
    "symptom",
    "to_dict",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("cramps")
    if name == "DATA_VERSION":
        return default_kb().data_version
    raise AttributeError(f"module 'cramps' has no attribute {name!r}")
