"""Red flags: when leg cramps need a clinician, and how urgently.

Each :class:`RedFlag` is one warning sign from the shared red-flag list, described in
our own words and cited. :func:`cramps.triage` matches symptoms (and a profile) against
them and returns a :class:`Triage`: the most urgent level found, the flags that matched
and what to do.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from cramps import _fields
from cramps._index import NameIndex
from cramps.codes import Code, to_codes
from cramps.errors import UnknownTermError
from cramps.guidance import DISCLAIMER
from cramps.profiles import Profile, profile_factors
from cramps.symptoms import Symptom
from cramps.text import close_matches, fold, require_text

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase

__all__ = ["RedFlag", "RedFlags", "SelfCare", "Triage", "TriageLevel", "triage"]


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
    codes: tuple[Code, ...] = attrs.field(default=(), converter=to_codes)
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


class RedFlags:
    """Every red flag, indexed by name, alias, code and sign, with the self-care advice
    for cramps that show none.

    ``file`` names the data file the flags came from, for the :class:`~cramps.DataError`
    raised when two flags share an id or a name.
    """

    __slots__ = ("_flags", "_index", "_signs", "self_care")

    def __init__(self, flags: Iterable[RedFlag], self_care: SelfCare, *, file: str | None = None) -> None:
        self._flags = tuple(sorted(flags, key=lambda flag: (-flag.level.rank, flag.id)))
        self._index: NameIndex[RedFlag] = NameIndex("red flag", self._flags, file=file)
        signs: dict[str, list[RedFlag]] = {}
        for flag in self._flags:
            for sign in flag.signs:
                signs.setdefault(fold(sign), []).append(flag)
        self._signs = {key: tuple(value) for key, value in signs.items()}
        self.self_care = self_care

    def all(self) -> tuple[RedFlag, ...]:
        """Every red flag, most urgent first, then by id."""
        return self._flags

    def find_flag(self, key: str) -> RedFlag | None:
        """The flag whose name, alias, id or code folds to ``key``, or ``None``."""
        return self._index.find(key)

    def find_signs(self, key: str) -> tuple[RedFlag, ...]:
        """The flags with a sign that folds to ``key``."""
        return self._signs.get(key, ())

    def vocabulary(self) -> Iterable[tuple[str, str]]:
        """(folded key, label) of every red-flag name, alias, code and sign."""
        for key, label, _record in self._index.labels():
            yield key, label
        for flag in self._flags:
            for sign in flag.signs:
                yield fold(sign), sign


def _terms(given: object) -> tuple[object, ...]:
    if isinstance(given, (str, Symptom, RedFlag)):
        return (given,)
    if not isinstance(given, Iterable):
        raise TypeError(f"symptoms must be a name or several names, not {type(given).__name__}")
    items = tuple(given)
    if not items:
        raise ValueError("symptoms must name at least one symptom")
    return items


def triage(kb: KnowledgeBase, flags: RedFlags, symptoms: object, profile: Profile | None) -> Triage:
    """Match ``symptoms`` (names of red flags, their signs or symptoms of ``kb``) and a
    profile against ``flags``: the most urgent level matched, the flags and the advice."""
    if profile is not None and not isinstance(profile, Profile):
        raise TypeError(f"profile must be a cramps.Profile or None, not {type(profile).__name__}")
    direct: set[str] = set()
    signs: set[str] = set()
    symptom_ids: set[str] = set()
    for item in _terms(symptoms):
        if isinstance(item, (RedFlag, Symptom)):
            item = item.id
        text = require_text(item, "symptom")
        key = fold(text)
        found = False
        flag = flags.find_flag(key)
        if flag is not None:
            direct.add(flag.id)
            found = True
        if flags.find_signs(key):
            signs.add(key)
            found = True
        try:
            symptom = kb.symptom(text)
        except UnknownTermError:
            pass
        else:
            symptom_ids.add(symptom.id)
            symptom_ids.update(kb.broader_symptoms(symptom.id))
            found = True
        if not found:
            raise UnknownTermError(text, "symptom", _suggest_symptom(kb, flags, key))
    factors = profile_factors(kb, profile)
    matched = [flag for flag in flags.all() if flag.id in direct or _triggered(flag, symptom_ids, signs, factors)]
    if not matched:
        care = flags.self_care
        return Triage(level=TriageLevel.SELF_CARE, advice=care.advice, citations=care.citations)
    level = max(flag.level for flag in matched)
    advice = tuple(dict.fromkeys(flag.advice for flag in matched))
    citations = tuple(dict.fromkeys(c for flag in matched for c in flag.citations))
    return Triage(level=level, flags=tuple(matched), advice=advice, citations=citations)


def _triggered(flag: RedFlag, symptom_ids: set[str], signs: set[str], factors: frozenset[str]) -> bool:
    by_symptom = bool(symptom_ids.intersection(flag.symptoms))
    if not flag.factors:
        return by_symptom
    if factors.isdisjoint(flag.factors):
        return False
    if not flag.symptoms and not flag.signs:
        return True
    return by_symptom or any(fold(sign) in signs for sign in flag.signs)


def _suggest_symptom(kb: KnowledgeBase, flags: RedFlags, key: str) -> tuple[str, ...]:
    labels: dict[str, str] = dict(flags.vocabulary())
    for symptom in kb.symptoms:
        for label in (symptom.name, *symptom.aliases):
            labels.setdefault(fold(label), label)
    return tuple(dict.fromkeys(labels[match] for match in close_matches(key, labels)))
