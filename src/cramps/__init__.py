"""cramps: a typed, sourced knowledge base about leg cramps.

It links cramps to the nutrients, foods and contributing factors behind them, ranks
them by graded, cited evidence, and says what relieves cramps and when to see a
clinician. It informs; it never diagnoses (see :data:`DISCLAIMER`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cramps._loader import load
    from cramps.amount import Amount, Unit
    from cramps.citations import Citation
    from cramps.codes import Code, CodeSystem
    from cramps.errors import CrampsError, DataError, UnknownTermError
    from cramps.evidence import Claim, Direction, Grade, Relation
    from cramps.explanation import explain
    from cramps.factors import Factor, FactorKind
    from cramps.guidance import DISCLAIMER, Guidance
    from cramps.knowledge import KnowledgeBase, default_kb
    from cramps.nutrients import Nutrient, NutrientKind
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
    from cramps.remedies import Remedy, RemedyKind
    from cramps.data_schema import schema
    from cramps.fuzzy import SearchHit
    from cramps.serialize import from_dict, to_dict
    from cramps.symptoms import Symptom

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
    "load",
    "nutrient",
    "nutrients_for_symptom",
    "rank",
    "relief_for",
    "remedy",
    "schema",
    "search",
    "search_foods",
    "symptom",
    "to_dict",
]


_EXPORTS: dict[str, str] = {
    "Amount": "cramps.amount",
    "Citation": "cramps.citations",
    "Claim": "cramps.evidence",
    "Code": "cramps.codes",
    "CodeSystem": "cramps.codes",
    "CrampsError": "cramps.errors",
    "DISCLAIMER": "cramps.guidance",
    "DataError": "cramps.errors",
    "Direction": "cramps.evidence",
    "Factor": "cramps.factors",
    "FactorKind": "cramps.factors",
    "Grade": "cramps.evidence",
    "Guidance": "cramps.guidance",
    "KnowledgeBase": "cramps.knowledge",
    "Nutrient": "cramps.nutrients",
    "NutrientKind": "cramps.nutrients",
    "Ranked": "cramps.ranking",
    "Ranking": "cramps.ranking",
    "Reason": "cramps.ranking",
    "Relation": "cramps.evidence",
    "Remedy": "cramps.remedies",
    "RemedyKind": "cramps.remedies",
    "Score": "cramps.ranking",
    "SearchHit": "cramps.fuzzy",
    "Symptom": "cramps.symptoms",
    "Unit": "cramps.amount",
    "UnknownTermError": "cramps.errors",
    "citation": "cramps.queries",
    "claim": "cramps.queries",
    "default_kb": "cramps.knowledge",
    "explain": "cramps.explanation",
    "factor": "cramps.queries",
    "factors_for_symptom": "cramps.queries",
    "food": "cramps.queries",
    "foods_rich_in": "cramps.queries",
    "from_dict": "cramps.serialize",
    "load": "cramps._loader",
    "nutrient": "cramps.queries",
    "nutrients_for_symptom": "cramps.queries",
    "rank": "cramps.queries",
    "relief_for": "cramps.queries",
    "remedy": "cramps.queries",
    "schema": "cramps.data_schema",
    "search": "cramps.queries",
    "search_foods": "cramps.queries",
    "symptom": "cramps.queries",
    "to_dict": "cramps.serialize",
}
_SUBMODULES = frozenset({"scoring"})


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(import_module(module), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return import_module(f"cramps.{name}")
    if name == "__version__":
        from importlib.metadata import version

        return version("cramps")
    if name == "DATA_VERSION":
        from cramps.knowledge import default_kb

        return default_kb().data_version
    raise AttributeError(f"module 'cramps' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
