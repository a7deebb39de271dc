"""cramps: a typed, sourced knowledge base about leg cramps.

It links cramps to the nutrients, foods and contributing factors behind them, ranks
them by graded, cited evidence, and says what relieves cramps and when to see a
clinician. It informs; it never diagnoses (see :data:`DISCLAIMER`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cramps.amount import Amount, Unit
    from cramps.citations import Citation
    from cramps.codes import Code, CodeSystem
    from cramps.data_schema import schema
    from cramps.errors import CrampsError, DataError, NoReferenceError, ProfileError, UnknownTermError
    from cramps.evidence import Claim, Direction, Grade, Relation
    from cramps.explanation import explain
    from cramps.factors import Factor, FactorKind
    from cramps.fuzzy import SearchHit
    from cramps.guidance import DISCLAIMER, Guidance
    from cramps.intakes import DailyTarget, IntakeKind, LifeStage, LimitKind
    from cramps.knowledge import KnowledgeBase
    from cramps.lab_tests import LabTest, LabTests
    from cramps.loading import default_kb, load
    from cramps.nutrients import Nutrient, NutrientKind
    from cramps.profiles import Activity, Alcohol, Diet, Profile, Sex, SunExposure
    from cramps.queries import (
        citation,
        claim,
        daily_target,
        factor,
        factors_for_symptom,
        food,
        foods_rich_in,
        lab_tests_for,
        nutrient,
        nutrients_for_symptom,
        profile,
        rank,
        relief_for,
        remedy,
        search,
        search_foods,
        suggest,
        symptom,
        triage,
        typical_sources,
    )
    from cramps.questions import Question
    from cramps.ranking import Ranked, Ranking, Reason, Score
    from cramps.red_flags import RedFlag, Triage, TriageLevel
    from cramps.remedies import Remedy, RemedyKind
    from cramps.serialize import from_dict, to_dict
    from cramps.symptoms import Symptom

__all__ = [
    "DATA_VERSION",
    "DISCLAIMER",
    "Activity",
    "Alcohol",
    "Amount",
    "Citation",
    "Claim",
    "Code",
    "CodeSystem",
    "CrampsError",
    "DailyTarget",
    "DataError",
    "Diet",
    "Direction",
    "Factor",
    "FactorKind",
    "Grade",
    "Guidance",
    "IntakeKind",
    "KnowledgeBase",
    "LabTest",
    "LabTests",
    "LifeStage",
    "LimitKind",
    "NoReferenceError",
    "Nutrient",
    "NutrientKind",
    "Profile",
    "ProfileError",
    "Question",
    "Ranked",
    "Ranking",
    "Reason",
    "RedFlag",
    "Relation",
    "Remedy",
    "RemedyKind",
    "Score",
    "SearchHit",
    "Sex",
    "SunExposure",
    "Symptom",
    "Triage",
    "TriageLevel",
    "UnknownTermError",
    "Unit",
    "__version__",
    "citation",
    "claim",
    "daily_target",
    "default_kb",
    "explain",
    "factor",
    "factors_for_symptom",
    "food",
    "foods_rich_in",
    "from_dict",
    "lab_tests_for",
    "load",
    "nutrient",
    "nutrients_for_symptom",
    "profile",
    "rank",
    "relief_for",
    "remedy",
    "schema",
    "search",
    "search_foods",
    "suggest",
    "symptom",
    "to_dict",
    "triage",
    "typical_sources",
]


_EXPORTS: dict[str, str] = {
    "Activity": "cramps.profiles",
    "Alcohol": "cramps.profiles",
    "Amount": "cramps.amount",
    "Citation": "cramps.citations",
    "Claim": "cramps.evidence",
    "Code": "cramps.codes",
    "CodeSystem": "cramps.codes",
    "CrampsError": "cramps.errors",
    "DISCLAIMER": "cramps.guidance",
    "DailyTarget": "cramps.intakes",
    "DataError": "cramps.errors",
    "Diet": "cramps.profiles",
    "Direction": "cramps.evidence",
    "Factor": "cramps.factors",
    "FactorKind": "cramps.factors",
    "Grade": "cramps.evidence",
    "Guidance": "cramps.guidance",
    "IntakeKind": "cramps.intakes",
    "LabTest": "cramps.lab_tests",
    "LabTests": "cramps.lab_tests",
    "LifeStage": "cramps.intakes",
    "LimitKind": "cramps.intakes",
    "NoReferenceError": "cramps.errors",
    "KnowledgeBase": "cramps.knowledge",
    "Nutrient": "cramps.nutrients",
    "NutrientKind": "cramps.nutrients",
    "Profile": "cramps.profiles",
    "ProfileError": "cramps.errors",
    "Question": "cramps.questions",
    "Ranked": "cramps.ranking",
    "Ranking": "cramps.ranking",
    "Reason": "cramps.ranking",
    "RedFlag": "cramps.red_flags",
    "Relation": "cramps.evidence",
    "Remedy": "cramps.remedies",
    "RemedyKind": "cramps.remedies",
    "Score": "cramps.ranking",
    "SearchHit": "cramps.fuzzy",
    "Sex": "cramps.profiles",
    "SunExposure": "cramps.profiles",
    "Symptom": "cramps.symptoms",
    "Triage": "cramps.red_flags",
    "TriageLevel": "cramps.red_flags",
    "Unit": "cramps.amount",
    "UnknownTermError": "cramps.errors",
    "citation": "cramps.queries",
    "claim": "cramps.queries",
    "daily_target": "cramps.queries",
    "default_kb": "cramps.loading",
    "explain": "cramps.explanation",
    "factor": "cramps.queries",
    "factors_for_symptom": "cramps.queries",
    "food": "cramps.queries",
    "foods_rich_in": "cramps.queries",
    "from_dict": "cramps.serialize",
    "lab_tests_for": "cramps.queries",
    "load": "cramps.loading",
    "nutrient": "cramps.queries",
    "nutrients_for_symptom": "cramps.queries",
    "profile": "cramps.queries",
    "rank": "cramps.queries",
    "relief_for": "cramps.queries",
    "remedy": "cramps.queries",
    "schema": "cramps.data_schema",
    "search": "cramps.queries",
    "search_foods": "cramps.queries",
    "suggest": "cramps.queries",
    "symptom": "cramps.queries",
    "to_dict": "cramps.serialize",
    "triage": "cramps.queries",
    "typical_sources": "cramps.queries",
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
        from cramps.loading import default_kb

        return default_kb().data_version
    raise AttributeError(f"module 'cramps' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
