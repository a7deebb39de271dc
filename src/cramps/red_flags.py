"""Red flags: when leg cramps need a clinician, and how urgently.

Each :class:`RedFlag` is one warning sign from the shared red-flag list, described in
our own words and cited. :func:`cramps.triage` matches symptoms (and a profile) against
them and returns a :class:`Triage`: the most urgent level found, the flags that matched
and what to do.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from cramps import _fields
from cramps.codes import Code
from cramps.guidance import DISCLAIMER

__all__ = ["RedFlag", "SelfCare", "Triage", "TriageLevel"]


class TriageLevel(enum.Enum):
    """How urgently to get help, ordered: ``SELF_CARE < SEE_A_CLINICIAN_SOON < SEEK_CARE_NOW``."""

    SELF_CARE = "self-care"
    SEE_A_CLINICIAN_SOON = "see-a-clinician-soon"
    SEEK_CARE_NOW = "seek-care-now"

    @property
    def rank(self) -> int:
        """0 for self-care, 1 for see a clinician soon, 2 for seek care now."""
        return _RANKS[self]

    def _rank_of(self, other: object) -> int:
        if not isinstance(other, TriageLevel):
            raise TypeError(f"cannot compare TriageLevel with {type(other).__name__}")
        return other.rank

    def __lt__(self, other: object) -> bool:
        return self.rank < self._rank_of(other)

    def __le__(self, other: object) -> bool:
        return self.rank <= self._rank_of(other)

    def __gt__(self, other: object) -> bool:
        return self.rank > self._rank_of(other)

    def __ge__(self, other: object) -> bool:
        return self.rank >= self._rank_of(other)

    def __str__(self) -> str:
        return _LABELS[self]


_RANKS = {TriageLevel.SELF_CARE: 0, TriageLevel.SEE_A_CLINICIAN_SOON: 1, TriageLevel.SEEK_CARE_NOW: 2}
_LABELS = {
    TriageLevel.SELF_CARE: "self-care",
    TriageLevel.SEE_A_CLINICIAN_SOON: "see a clinician soon",
    TriageLevel.SEEK_CARE_NOW: "seek care now",
}


def _flag_level(instance: object, attribute: attrs.Attribute[TriageLevel], value: TriageLevel) -> None:
    if value is TriageLevel.SELF_CARE:
        raise ValueError(f"{attribute.name} of a red flag must be above self-care")


@attrs.frozen(kw_only=True)
class RedFlag:
    """A warning sign that cramps need a clinician.

    It matches when a symptom given to :func:`cramps.triage` is one of its names,
    aliases or codes. A flag without ``factors`` also matches one of the knowledge
    base's ``symptoms`` (or a narrower symptom). A flag with ``factors`` (medication,
    condition or state ids) matches when the profile carries one of them (or a narrower
    factor) together with one of its ``symptoms`` or ``signs`` (phrases that count only
    with that factor), or together with any symptom when it lists neither. ``sources``
    holds the URLs of sources that are not in the citation list.
    """

    id: str = attrs.field(validator=_fields.slug)
    name: str = attrs.field(validator=_fields.text)
    level: TriageLevel = attrs.field(converter=TriageLevel, validator=_flag_level)
    description: str = attrs.field(validator=_fields.text)
    advice: str = attrs.field(validator=_fields.text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    symptoms: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    factors: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    signs: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    codes: tuple[Code, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    citations: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)

    def __attrs_post_init__(self) -> None:
        if not self.citations and not self.sources:
            raise ValueError(f"red flag {self.id!r} must cite a source (citations or sources)")
        if self.signs and not self.factors:
            raise ValueError(f"red flag {self.id!r}: signs count only with factors; give factors too")


@attrs.frozen(kw_only=True)
class SelfCare:
    """The advice for cramps that show no red flag: usually harmless, eased by self-care."""

    advice: tuple[str, ...] = attrs.field(converter=_fields.to_tuple, validator=[_fields.texts, _fields.non_empty])
    citations: tuple[str, ...] = attrs.field(converter=_fields.to_tuple, validator=[_fields.slugs, _fields.non_empty])


def _flags(value: Any) -> tuple[RedFlag, ...]:
    return tuple(sorted(_fields.to_tuple(value), key=lambda flag: (-flag.level.rank, flag.id)))


@attrs.frozen(kw_only=True)
class Triage:
    """The result of :func:`cramps.triage`.

    ``level`` is the most urgent level among the matched ``flags`` (most urgent first),
    or self-care when none matched; ``advice`` says what to do, most urgent first;
    ``symptoms`` are the terms as resolved (red-flag or symptom ids).
    """

    level: TriageLevel = attrs.field(converter=TriageLevel)
    flags: tuple[RedFlag, ...] = attrs.field(default=(), converter=_flags)
    advice: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    symptoms: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    citations: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)

    def __attrs_post_init__(self) -> None:
        expected = max((flag.level for flag in self.flags), default=TriageLevel.SELF_CARE)
        if self.level is not expected:
            raise ValueError(
                f"level must be the most urgent level of the flags ({expected.value}), got {self.level.value}"
            )

    @property
    def disclaimer(self) -> str:
        """The medical disclaimer every triage is shown with."""
        return DISCLAIMER

    def __str__(self) -> str:
        lines = [f"Level: {self.level}"]
        lines.extend(f"- {flag.name}" for flag in self.flags)
        lines.extend(self.advice)
        return "\n".join(lines)
