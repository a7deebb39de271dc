"""Ranked results: each record with its score, its rank and the reasons behind it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from cramps import _fields
from cramps.guidance import DISCLAIMER

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase
    from cramps.scoring import Query, Scorer

__all__ = ["Ranked", "Ranking", "Reason", "Score", "rank_records", "scored"]

R = TypeVar("R")


def _unit_interval(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be a number in [0, 1], got {value!r}")


@attrs.frozen(kw_only=True)
class Reason:
    """One piece of evidence behind a score: the claim, its citations, and how much it
    moved the score (``weight`` is negative when the evidence pulls the score down)."""

    claim: str = attrs.field(validator=_fields.text)
    citations: tuple[str, ...] = attrs.field(converter=_fields.to_tuple, validator=_fields.texts)
    weight: float
    text: str = attrs.field(validator=_fields.text)


@attrs.frozen(kw_only=True)
class Score:
    """What a scorer says of one candidate: a value in [0, 1] and its reasons."""

    value: float = attrs.field(validator=_unit_interval)
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_fields.to_tuple)


@attrs.frozen(kw_only=True)
class Ranked(Generic[R]):
    """A record in a ranking: its 1-based ``rank``, its ``score`` and the reasons."""

    record: R
    score: float = attrs.field(validator=_unit_interval)
    rank: int
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_fields.to_tuple)


class Ranking(tuple[Ranked[R], ...]):
    """A tuple of :class:`Ranked` results, best first, that carries the disclaimer."""

    __slots__ = ()

    @property
    def disclaimer(self) -> str:
        """The medical disclaimer every ranking is shown with."""
        return DISCLAIMER


def scored(candidates: Iterable[R], query: Query, kb: KnowledgeBase, scorer: Scorer) -> list[tuple[Score, R]]:
    """Each candidate with its score, keeping those with a score above 0 or any reason;
    a scorer that does not return a :class:`Score` raises ``TypeError``."""
    results = []
    for candidate in candidates:
        score = scorer.score(candidate, query, kb)  # type: ignore[arg-type]
        if not isinstance(score, Score):
            raise TypeError(f"{type(scorer).__name__}.score() must return a cramps.Score, got {type(score).__name__}")
        if score.value > 0.0 or score.reasons:
            results.append((score, candidate))
    return results


def rank_records(
    results: list[tuple[Score, R]], limit: int | None, order: Callable[[tuple[Score, R]], Any] | None = None
) -> Ranking[R]:
    """A :class:`Ranking` of scored records: sorted by ``order`` (by default the highest
    score first, ties by id), numbered from 1, at most ``limit``."""
    results.sort(key=order or (lambda item: (-item[0].value, item[1].id)))  # type: ignore[attr-defined]
    return Ranking(
        Ranked(record=record, score=score.value, rank=position, reasons=score.reasons)
        for position, (score, record) in enumerate(results[:limit], start=1)
    )
