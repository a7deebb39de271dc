"""Module-level queries: each is the :class:`~cramps.KnowledgeBase` method of the same name,
called on :func:`~cramps.default_kb`.

Every query is declared once, as its method; :func:`query` derives the function from it,
with the method's signature (less ``self``), docstring and types, so mypy and the API
reference see exactly what the method takes and gives.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from cramps.knowledge import KnowledgeBase
from cramps.loading import default_kb

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

P = ParamSpec("P")
R = TypeVar("R")


def query(method: Callable[Concatenate[KnowledgeBase, P], R]) -> Callable[P, R]:
    """The function that calls ``method`` on :func:`~cramps.default_kb` (loaded on the
    first call), with the method's name, docstring and signature less ``self``."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return method(default_kb(), *args, **kwargs)

    functools.update_wrapper(call, method)
    del call.__wrapped__  # type: ignore[attr-defined]  # inspect would show the method's self
    signature = inspect.signature(method)
    call.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])  # type: ignore[attr-defined]
    call.__module__ = __name__
    call.__qualname__ = method.__name__
    return call


nutrient = query(KnowledgeBase.nutrient)
symptom = query(KnowledgeBase.symptom)
factor = query(KnowledgeBase.factor)
remedy = query(KnowledgeBase.remedy)
citation = query(KnowledgeBase.citation)
claim = query(KnowledgeBase.claim)
search = query(KnowledgeBase.search)
rank = query(KnowledgeBase.rank)
nutrients_for_symptom = query(KnowledgeBase.nutrients_for_symptom)
factors_for_symptom = query(KnowledgeBase.factors_for_symptom)
suggest = query(KnowledgeBase.suggest)
relief_for = query(KnowledgeBase.relief_for)
food = query(KnowledgeBase.food)
search_foods = query(KnowledgeBase.search_foods)
foods_rich_in = query(KnowledgeBase.foods_rich_in)
typical_sources = query(KnowledgeBase.typical_sources)
profile = query(KnowledgeBase.profile)
daily_target = query(KnowledgeBase.daily_target)
lab_tests_for = query(KnowledgeBase.lab_tests_for)
triage = query(KnowledgeBase.triage)
