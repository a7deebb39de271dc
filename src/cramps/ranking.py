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


#: Reasons given as they are, or as a function that makes them on first access.
LazyReasons = tuple[Reason, ...] | Callable[[], Iterable[Reason]]


def _reasons_or_maker(value: Any) -> LazyReasons:
    if callable(value) and not isinstance(value, tuple):
        maker: Callable[[], Iterable[Reason]] = value
        return maker
    made: tuple[Reason, ...] = _fields.to_tuple(value)
    return made


def _made(value: LazyReasons) -> tuple[Reason, ...]:
    return value if isinstance(value, tuple) else tuple(value())


@attrs.frozen(kw_only=True, repr=False)
class Ranked(Generic[R]):
    """A record in a ranking: its 1-based ``rank``, its ``score`` and the reasons.

    ``reasons`` may be given as a function that makes them: it is called once, on the
    first access of :attr:`reasons` (rankings by the default scorer build their
    explanations so, which keeps a ranking cheap). Equality, hashing, printing and
    pickling see the reasons themselves, so a lazy result equals an eager one.
    """

    record: R
    score: float = attrs.field(validator=_unit_interval)
    rank: int
    _reasons: LazyReasons = attrs.field(default=(), alias="reasons", converter=_reasons_or_maker, eq=_made)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons behind the score (made on first access when given lazily)."""
        value = self._reasons
        if not isinstance(value, tuple):
            value = tuple(value())
            object.__setattr__(self, "_reasons", value)
        return value

    @classmethod
    def trusted(cls, record: R, score: float, rank: int, reasons: LazyReasons) -> Ranked[R]:
        """A result made without validation, for rankings that computed valid values."""
        made = object.__new__(cls)
        object.__setattr__(made, "record", record)
        object.__setattr__(made, "score", score)
        object.__setattr__(made, "rank", rank)
        object.__setattr__(made, "_reasons", reasons)
        return made

    def __repr__(self) -> str:
        return f"Ranked(record={self.record!r}, score={self.score!r}, rank={self.rank!r}, reasons={self.reasons!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_ranked, (self.record, self.score, self.rank, self.reasons))


def _ranked(record: Any, score: float, rank: int, reasons: tuple[Reason, ...]) -> Ranked[Any]:
    return Ranked(record=record, score=score, rank=rank, reasons=reasons)


class Ranking(tuple[Ranked[R], ...]):
    """A tuple of :class:`Ranked` results, best first, that carries the disclaimer.

    ``unrecognised`` lists the texts of the question in which nothing could be read
    (the ranking answers from the rest; show them to the person)."""

    unrecognised: tuple[str, ...] = ()

    def with_unrecognised(self, texts: Iterable[str]) -> Ranking[R]:
        """A copy of this ranking that lists ``texts`` as ``unrecognised``."""
        copy: Ranking[R] = Ranking(self)
        copy.unrecognised = tuple(texts)
        return copy

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
