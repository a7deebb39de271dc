"""Ranked results: each record with its score, its rank and the reasons behind it."""

from __future__ import annotations

from typing import Generic, TypeVar

import attrs

from cramps import _fields
from cramps.guidance import DISCLAIMER

__all__ = ["Ranked", "Ranking", "Reason", "Score"]

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
