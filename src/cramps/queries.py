"""Module-level queries: each calls the method of the same name on :func:`default_kb`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from cramps import scoring
from cramps.citations import Citation
from cramps.evidence import Claim
from cramps.factors import Factor
from cramps.fuzzy import SearchHit
from cramps.knowledge import KINDS
from cramps.loading import default_kb
from cramps.nutrients import Nutrient
from cramps.ranking import Ranking
from cramps.remedies import Remedy
from cramps.symptoms import Symptom

if TYPE_CHECKING:
    from cramps.foods import Food, FoodResult, TypicalSource
    from cramps.intakes import DailyTarget
    from cramps.lab_tests import LabTests
    from cramps.profiles import Profile
    from cramps.questions import Question
    from cramps.red_flags import Triage

__all__ = [
    "citation",
    "claim",
    "daily_target",
    "factor",
    "factors_for_symptom",
    "food",
    "foods_rich_in",
    "lab_tests_for",
    "nutrient",
    "nutrients_for_symptom",
    "profile",
    "rank",
    "relief_for",
    "remedy",
    "search",
    "search_foods",
    "suggest",
    "symptom",
    "triage",
    "typical_sources",
]

SymptomArg = str | Symptom | Iterable[str | Symptom]


def nutrient(name: str) -> Nutrient:
    """The nutrient named ``name``: id, name, alias or code, e.g. ``"Mg"`` or ``"vitamin b1"``."""
    return default_kb().nutrient(name)


def symptom(name: str) -> Symptom:
    """The symptom named ``name``, e.g. ``"charley horse"`` or ``"HP:0003394"``."""
    return default_kb().symptom(name)


def factor(name: str) -> Factor:
    """The contributing factor named ``name``, e.g. ``"statins"``."""
    return default_kb().factor(name)


def remedy(name: str) -> Remedy:
    """The remedy named ``name``, e.g. ``"stretching"``."""
    return default_kb().remedy(name)


def citation(citation_id: str) -> Citation:
    """The citation with this id."""
    return default_kb().citation(citation_id)


def claim(claim_id: str) -> Claim:
    """The claim with this id."""
    return default_kb().claim(claim_id)


def search(text: str, *, limit: int | None = 10) -> tuple[SearchHit, ...]:
    """Nutrients, symptoms, factors and remedies matching ``text``, best first."""
    return default_kb().search(text, limit=limit)


def rank(
    symptoms: SymptomArg,
    profile: Profile | None = None,
    *,
    scorer: scoring.Scorer | str | None = None,
    kinds: Iterable[str] = KINDS,
    limit: int | None = None,
) -> Ranking[Nutrient | Factor]:
    """Nutrients and factors ranked for one or several symptoms and a profile, best first."""
    return default_kb().rank(symptoms, profile, scorer=scorer, kinds=kinds, limit=limit)


def nutrients_for_symptom(
    symptom: SymptomArg,
    profile: Profile | None = None,
    *,
    limit: int | None = None,
    scorer: scoring.Scorer | str | None = None,
) -> Ranking[Nutrient]:
    """Nutrients linked to a symptom, best evidenced first, each with its reasons."""
    return default_kb().nutrients_for_symptom(symptom, profile, limit=limit, scorer=scorer)


def factors_for_symptom(
    symptom: SymptomArg,
    profile: Profile | None = None,
    *,
    limit: int | None = None,
    scorer: scoring.Scorer | str | None = None,
) -> Ranking[Factor]:
    """Contributing factors linked to a symptom, best evidenced first."""
    return default_kb().factors_for_symptom(symptom, profile, limit=limit, scorer=scorer)


def relief_for(symptom: str | Symptom, *, limit: int | None = None) -> Ranking[Remedy]:
    """Remedies: immediate relief first, then prevention, then clinician options."""
    return default_kb().relief_for(symptom, limit=limit)


def food(name_or_id: str) -> Food:
    """The USDA SR28 food with this id, NDB number or description."""
    return default_kb().food(name_or_id)


def search_foods(text: str, *, limit: int = 10) -> tuple[Food, ...]:
    """USDA SR28 foods whose description matches ``text``, best first."""
    return default_kb().search_foods(text, limit=limit)


def foods_rich_in(
    nutrient: str | Nutrient,
    *,
    limit: int | None = 10,
    per: str = "100g",
    groups: Iterable[str] | None = None,
    exclude_groups: Iterable[str] | None = None,
    diet: str | None = None,
) -> tuple[FoodResult, ...]:
    """Foods ranked by their measured amount of a nutrient (see KnowledgeBase.foods_rich_in)."""
    return default_kb().foods_rich_in(
        nutrient, limit=limit, per=per, groups=groups, exclude_groups=exclude_groups, diet=diet
    )


def typical_sources(nutrient: str | Nutrient) -> tuple[TypicalSource, ...]:
    """A nutrient's typical sources linked to USDA foods (see KnowledgeBase.typical_sources)."""
    return default_kb().typical_sources(nutrient)


def profile(
    *,
    age: float | None = None,
    sex: str | None = None,
    pregnant: bool = False,
    lactating: bool = False,
    medications: Iterable[str | Factor] = (),
    conditions: Iterable[str | Factor] = (),
    diet: str | None = None,
    activity: str | None = None,
    hot_climate: bool = False,
    sun_exposure: str | None = None,
    alcohol: str | None = None,
) -> Profile:
    """A Profile with medications and conditions given by name, alias or code, e.g.
    ``cramps.profile(age=67, sex="female", medications=["omeprazole"])``."""
    return default_kb().profile(
        age=age,
        sex=sex,
        pregnant=pregnant,
        lactating=lactating,
        medications=medications,
        conditions=conditions,
        diet=diet,
        activity=activity,
        hot_climate=hot_climate,
        sun_exposure=sun_exposure,
        alcohol=alcohol,
    )


def daily_target(nutrient: str | Nutrient, profile: Profile) -> DailyTarget:
    """The RDA or AI, upper limit and Daily Value of a nutrient for a profile's life stage."""
    return default_kb().daily_target(nutrient, profile)


def lab_tests_for(subject: str | Nutrient | Factor) -> LabTests:
    """The blood tests (with LOINC codes) that measure a nutrient or look for a condition."""
    return default_kb().lab_tests_for(subject)


def triage(symptoms: str | Iterable[str], profile: Profile | None = None) -> Triage:
    """How urgently to get help: the level, the red flags matched and the advice."""
    return default_kb().triage(symptoms, profile)


def suggest(symptoms: SymptomArg, profile: Profile | None = None, *, limit: int | None = 5) -> tuple[Question, ...]:
    """The next questions that would best tell the leading candidates apart."""
    return default_kb().suggest(symptoms, profile, limit=limit)
