"""Red flags: when leg cramps need a clinician, and how urgently.

Each :class:`RedFlag` is one warning sign from the shared red-flag list, described in
our own words and cited. :func:`cramps.triage` matches symptoms (and a profile) against
them and returns a :class:`Triage`: the most urgent level found, the flags that matched
and what to do.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from cramps import _fields
from cramps._index import NameIndex
from cramps.codes import Code, to_codes
from cramps.guidance import DISCLAIMER
from cramps.phrases import Reader, Reading
from cramps.profiles import Profile, profile_factors
from cramps.symptoms import Symptom
from cramps.text import fold, require_text

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase
    from cramps.vocabulary import Vocabulary

__all__ = ["UNRECOGNISED_ADVICE", "RedFlag", "RedFlags", "SelfCare", "Triage", "TriageLevel", "triage"]


class TriageLevel(enum.Enum):
    """How urgently to get help, in four ordered levels: ``SELF_CARE <
    SEE_A_CLINICIAN_SOON < SEE_A_CLINICIAN_TODAY < SEEK_CARE_NOW``.

    *Soon* means within days (a routine appointment), *today* an urgent same-day
    appointment, and *now* an emergency (call the emergency services or go to an emergency
    department). ``str()`` gives the label shown to people (``"see a clinician today"``).
    """

    SELF_CARE = "self-care"
    SEE_A_CLINICIAN_SOON = "see-a-clinician-soon"
    SEE_A_CLINICIAN_TODAY = "see-a-clinician-today"
    SEEK_CARE_NOW = "seek-care-now"

    @property
    def rank(self) -> int:
        """0 for self-care, 1 for see a clinician soon, 2 for today, 3 for seek care now."""
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


_RANKS = {
    TriageLevel.SELF_CARE: 0,
    TriageLevel.SEE_A_CLINICIAN_SOON: 1,
    TriageLevel.SEE_A_CLINICIAN_TODAY: 2,
    TriageLevel.SEEK_CARE_NOW: 3,
}
_LABELS = {
    TriageLevel.SELF_CARE: "self-care",
    TriageLevel.SEE_A_CLINICIAN_SOON: "see a clinician soon",
    TriageLevel.SEE_A_CLINICIAN_TODAY: "see a clinician today",
    TriageLevel.SEEK_CARE_NOW: "seek care now",
}


def _flag_level(instance: object, attribute: attrs.Attribute[TriageLevel], value: TriageLevel) -> None:
    if value is TriageLevel.SELF_CARE:
        raise ValueError(f"{attribute.name} of a red flag must be above self-care")


@attrs.frozen(kw_only=True)
class RedFlag:
    """A warning sign that cramps need a clinician, and how urgently (``level``).

    It matches when a symptom given to :func:`cramps.triage` is one of its names,
    aliases or codes, or when text read by the reader of :mod:`cramps.phrases` names one.
    A flag without ``factors`` or ``contexts`` also matches one of the knowledge base's
    ``symptoms`` (or a narrower symptom). A flag with ``factors`` (medication, condition or
    state ids) or ``contexts`` (phrases that set the scene, such as *drank a lot of water*)
    matches when the profile or the text carries one of the factors (or a narrower one), or
    the text says one of the contexts, together with one of its ``symptoms`` or ``signs``
    (phrases that count only in that setting), or together with anything when it lists
    neither. ``sources`` holds the URLs of sources that are not in the citation list.
    """

    id: str = attrs.field(validator=_fields.slug)
    name: str = attrs.field(validator=_fields.text)
    level: TriageLevel = attrs.field(converter=TriageLevel, validator=_flag_level)
    description: str = attrs.field(validator=_fields.text)
    advice: str = attrs.field(validator=_fields.text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    symptoms: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    factors: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    contexts: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    signs: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    codes: tuple[Code, ...] = attrs.field(default=(), converter=to_codes)
    citations: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)

    def __attrs_post_init__(self) -> None:
        if not self.citations and not self.sources:
            raise ValueError(f"red flag {self.id!r} must cite a source (citations or sources)")
        if self.signs and not (self.factors or self.contexts):
            raise ValueError(f"red flag {self.id!r}: signs count only with factors or contexts; give one of them")


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
    ``symptoms`` are the symptom ids read as present; ``unrecognised`` the phrases (or
    parts of them) that could not be read, which never lower the level: the advice then
    says so.
    """

    level: TriageLevel = attrs.field(converter=TriageLevel)
    flags: tuple[RedFlag, ...] = attrs.field(default=(), converter=_flags)
    advice: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    symptoms: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    citations: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    unrecognised: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)

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
            for sign in (*flag.signs, *flag.contexts):
                signs.setdefault(fold(sign), []).append(flag)
        self._signs = {key: tuple(value) for key, value in signs.items()}
        self.self_care = self_care

    def all(self) -> tuple[RedFlag, ...]:
        """Every red flag, most urgent first, then by id."""
        return self._flags

    def find_flag(self, key: str) -> RedFlag | None:
        """The flag whose name, alias, id or code folds to ``key``, or ``None``."""
        return self._index.find(key)

    def flag_named(self, text: str) -> RedFlag | None:
        """The flag ``text`` names: its name, alias, id, code, or code prefixed with its
        system (``"ICD-10-CM:I80.3"``); ``None`` if none."""
        return self._index.find_term(text)

    def find_signs(self, key: str) -> tuple[RedFlag, ...]:
        """The flags with a sign or context that folds to ``key``."""
        return self._signs.get(key, ())

    def vocabulary(self) -> Iterable[tuple[str, str]]:
        """(folded key, label) of every red-flag name, alias, code and sign."""
        for key, label, _record in self._index.labels():
            yield key, label
        for flag in self._flags:
            for sign in (*flag.signs, *flag.contexts):
                yield fold(sign), sign


#: The advice line added when part of what was given could not be read.
UNRECOGNISED_ADVICE = (
    "Some of what you wrote was not understood ({phrases}); the level above does not take it into account."
    " If you are worried about it, describe it to a clinician."
)


def _terms(given: object, what: str, *, empty_ok: bool = False) -> tuple[object, ...]:
    if isinstance(given, (str, Symptom, RedFlag)):
        return (given,)
    if not isinstance(given, Iterable):
        raise TypeError(f"{what} must be a name or several names, not {type(given).__name__}")
    items = tuple(given)
    if not items and not empty_ok:
        raise ValueError(f"{what} must name at least one symptom")
    return items


@attrs.define
class _Findings:
    """What the terms given to triage say: present (or absent) symptoms, flags, signs, factors."""

    symptoms: set[str] = attrs.field(factory=set)
    flags: set[str] = attrs.field(factory=set)
    signs: set[str] = attrs.field(factory=set)
    factors: set[str] = attrs.field(factory=set)
    unrecognised: list[str] = attrs.field(factory=list)

    def add_reading(self, reading: Reading, *, absent: bool = False) -> None:
        if absent:  # whatever an absent term names is absent, negated or not
            self.symptoms.update(reading.symptoms, reading.absent_symptoms)
            self.flags.update(reading.flags, reading.absent_flags)
            self.factors.update(reading.factors, reading.absent_factors)
            return
        self.symptoms.update(reading.symptoms)
        self.flags.update(reading.flags)
        self.signs.update(reading.signs)
        self.factors.update(reading.factors)
        self.unrecognised.extend(reading.unrecognised)


def _gather(
    kb: KnowledgeBase,
    names: Vocabulary,
    flags: RedFlags,
    reader: Callable[[], Reader],
    terms: Iterable[object],
    *,
    absent: bool,
) -> _Findings:
    """Read each term: a record by its id; a text by its exact name, alias, code (bare or
    prefixed with its system, as ``"HP:0003394"`` or ``"ICD-10-CM:R25.2"``) or sign,
    else by the reader of :mod:`cramps.phrases` (which never raises; ``reader`` makes it,
    so a question of exact names never builds it)."""
    found = _Findings()
    for item in terms:
        if isinstance(item, RedFlag):
            found.flags.add(item.id)
            continue
        if isinstance(item, Symptom):
            found.symptoms.add(kb.symptom(item.id).id)
            continue
        text = require_text(item, "absent finding" if absent else "symptom")
        key = fold(text)
        exact = False
        flag = flags.flag_named(text)
        if flag is not None:
            found.flags.add(flag.id)
            exact = True
        if flags.find_signs(key):
            found.signs.add(key)
            exact = True
        for index, into in ((names.symptoms, found.symptoms), (names.factors, found.factors)):
            record = index.find_term(text)  # no error to build: most text is not a name
            if record is not None:
                into.add(record.id)
                exact = True
        if not exact:
            found.add_reading(reader().read(text), absent=absent)
    return found


def triage(
    kb: KnowledgeBase,
    flags: RedFlags,
    reader: Callable[[], Reader],
    symptoms: object,
    profile: Profile | None,
    absent: object = (),
    *,
    names: Vocabulary,
) -> Triage:
    """Match ``symptoms`` (names, ids, codes, records or free text) and a profile against
    ``flags``: the most urgent level matched, the flags and the advice.

    A flag is raised by what is present: a flag named (or read) directly; a flag whose
    ``symptoms`` include a symptom given or a narrower one; a flag with ``factors`` when the
    profile, or the text, names one of them (or a narrower one) together with one of its
    symptoms or signs (or with anything, when it lists neither). ``absent`` findings (and
    negated ones in the text, such as *no calf swelling*) never cancel a present finding,
    so triage is monotone: adding a term never lowers the level. Text never raises an
    unknown-term error: what cannot be read is reported in ``Triage.unrecognised``.
    """
    if profile is not None and not isinstance(profile, Profile):
        raise TypeError(f"profile must be a cramps.Profile or None, not {type(profile).__name__}")
    given = _gather(kb, names, flags, reader, _terms(symptoms, "symptoms"), absent=False)
    _gather(kb, names, flags, reader, _terms(absent, "absent", empty_ok=True), absent=True)  # checked; never subtracts
    symptom_ids = set(given.symptoms)
    for symptom_id in given.symptoms:
        symptom_ids.update(kb.broader_symptoms(symptom_id))
    factors = set(profile_factors(kb, profile))
    for factor_id in given.factors:
        factors.add(factor_id)
        factors.update(kb.broader_factors(factor_id))
    matched = [
        flag
        for flag in flags.all()
        if flag.id in given.flags or _triggered(flag, symptom_ids, given.signs, frozenset(factors))
    ]
    unrecognised = tuple(dict.fromkeys(given.unrecognised))
    extra = (UNRECOGNISED_ADVICE.format(phrases="; ".join(repr(p) for p in unrecognised)),) if unrecognised else ()
    read = sorted(given.symptoms)
    if not matched:
        care = flags.self_care
        return Triage(
            level=TriageLevel.SELF_CARE,
            advice=care.advice + extra,
            symptoms=read,
            citations=care.citations,
            unrecognised=unrecognised,
        )
    level = max(flag.level for flag in matched)
    advice = tuple(dict.fromkeys(flag.advice for flag in matched)) + extra
    citations = tuple(dict.fromkeys(c for flag in matched for c in flag.citations))
    return Triage(
        level=level, flags=tuple(matched), advice=advice, symptoms=read, citations=citations, unrecognised=unrecognised
    )


def _triggered(flag: RedFlag, symptom_ids: set[str], signs: set[str], factors: frozenset[str]) -> bool:
    by_symptom = bool(symptom_ids.intersection(flag.symptoms))
    if not flag.factors and not flag.contexts:
        return by_symptom
    if factors.isdisjoint(flag.factors) and not any(fold(context) in signs for context in flag.contexts):
        return False
    if not flag.symptoms and not flag.signs:
        return True
    return by_symptom or any(fold(sign) in signs for sign in flag.signs)
