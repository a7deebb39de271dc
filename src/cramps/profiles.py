"""A person's profile: the facts that change what a reference intake or a red flag means.

Every field is optional. :class:`Profile` itself takes medication and condition *ids*
(factor slugs such as ``"proton-pump-inhibitors"``); :meth:`cramps.KnowledgeBase.profile`
(and :func:`cramps.profile`) accepts names, aliases and codes and resolves them.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from cramps import _fields
from cramps.errors import UnknownTermError
from cramps.factors import Factor, FactorKind
from cramps.text import close_matches, fold, require_text

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase

__all__ = [
    "CONDITION_KINDS",
    "MAX_AGE",
    "MEDICATION_KINDS",
    "PREGNANCY",
    "Activity",
    "Alcohol",
    "Diet",
    "Profile",
    "Sex",
    "SunExposure",
    "build_profile",
    "profile_factors",
    "resolve_factors",
]

MAX_AGE = 130.0


class Sex(enum.Enum):
    """Sex as the Dietary Reference Intakes group people."""

    FEMALE = "female"
    MALE = "male"


class Diet(enum.Enum):
    """The broad pattern of what a person eats."""

    OMNIVORE = "omnivore"
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"


class Activity(enum.Enum):
    """How physically active a person usually is."""

    SEDENTARY = "sedentary"
    MODERATE = "moderate"
    HEAVY = "heavy"


class SunExposure(enum.Enum):
    """How much sun the skin usually gets (it makes vitamin D)."""

    LITTLE = "little"
    MODERATE = "moderate"
    PLENTY = "plenty"


class Alcohol(enum.Enum):
    """Usual alcohol use."""

    NONE = "none"
    MODERATE = "moderate"
    HEAVY = "heavy"


def _age(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"age must be a number of years (or None), not {type(value).__name__}")
    if not math.isfinite(value) or not 0 <= value <= MAX_AGE:
        raise ValueError(f"age must be between 0 and {MAX_AGE:g} years, got {value!r}")
    return float(value)


E = TypeVar("E", bound=enum.Enum)


def _member(cls: type[E], field: str, value: object) -> E | None:
    if value is None or isinstance(value, cls):
        return value
    allowed = ", ".join(repr(member.value) for member in cls)
    if isinstance(value, str):
        key = value.strip().lower()
        for member in cls:
            if member.value == key:
                return member
        raise ValueError(f"{field} must be one of {allowed} (or None), got {value!r}")
    raise TypeError(f"{field} must be one of {allowed} (or None), not {type(value).__name__}")


def _sex(value: object) -> Sex | None:
    return _member(Sex, "sex", value)


def _diet(value: object) -> Diet | None:
    return _member(Diet, "diet", value)


def _activity(value: object) -> Activity | None:
    return _member(Activity, "activity", value)


def _sun(value: object) -> SunExposure | None:
    return _member(SunExposure, "sun_exposure", value)


def _alcohol(value: object) -> Alcohol | None:
    return _member(Alcohol, "alcohol", value)


def _flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be True or False, not {type(value).__name__} {value!r}")


def _ids(field: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{field} must be a list of ids, not a single {type(value).__name__}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{field} must hold ids (text), got {type(item).__name__} {item!r}")
    return tuple(sorted(set(items)))


def _medications(value: object) -> tuple[str, ...]:
    return _ids("medications", value)


def _conditions(value: object) -> tuple[str, ...]:
    return _ids("conditions", value)


@attrs.frozen(kw_only=True)
class Profile:
    """An immutable, hashable description of a person; every field may be left out.

    ``age`` is in years (fractions allowed, 0 to 130); ``pregnant`` and ``lactating``
    need ``sex="female"``; ``medications`` and ``conditions`` hold factor ids, sorted and
    without duplicates so equal profiles compare and hash equal. ``hot_climate`` marks
    activity in heat (heavy sweating). Use :func:`cramps.profile` to build one from names.
    """

    age: float | None = attrs.field(default=None, converter=_age)
    sex: Sex | None = attrs.field(default=None, converter=_sex)
    pregnant: bool = attrs.field(default=False, validator=_flag)
    lactating: bool = attrs.field(default=False, validator=_flag)
    medications: tuple[str, ...] = attrs.field(default=(), converter=_medications, validator=_fields.slugs)
    conditions: tuple[str, ...] = attrs.field(default=(), converter=_conditions, validator=_fields.slugs)
    diet: Diet | None = attrs.field(default=None, converter=_diet)
    activity: Activity | None = attrs.field(default=None, converter=_activity)
    hot_climate: bool = attrs.field(default=False, validator=_flag)
    sun_exposure: SunExposure | None = attrs.field(default=None, converter=_sun)
    alcohol: Alcohol | None = attrs.field(default=None, converter=_alcohol)

    def __attrs_post_init__(self) -> None:
        for field in ("pregnant", "lactating"):
            if getattr(self, field) and self.sex is not Sex.FEMALE:
                given = "not given" if self.sex is None else f"{self.sex.value!r}"
                raise ValueError(f"{field}=True needs sex='female' (sex is {given})")

    @property
    def factor_ids(self) -> frozenset[str]:
        """Ids of the factors this profile carries: its medications and conditions, plus
        ``pregnancy`` when pregnant and ``heavy-alcohol-use`` for heavy drinking."""
        ids = set(self.medications) | set(self.conditions)
        if self.pregnant:
            ids.add("pregnancy")
        if self.alcohol is Alcohol.HEAVY:
            ids.add("heavy-alcohol-use")
        return frozenset(ids)


# -- building a profile from names, and the factors it carries ---------------------------

#: The factor kinds a profile's ``medications`` may name.
MEDICATION_KINDS = frozenset({FactorKind.MEDICATION})
#: The factor kinds a profile's ``conditions`` may name.
CONDITION_KINDS = frozenset({FactorKind.MEDICAL_CONDITION, FactorKind.PHYSIOLOGICAL_STATE})
#: A condition that the profile records as ``pregnant=True`` rather than in ``conditions``.
PREGNANCY = "pregnancy"


def resolve_factors(kb: KnowledgeBase, given: object, field: str, kinds: frozenset[FactorKind]) -> tuple[str, ...]:
    """Factor ids for the names, aliases, codes or Factors in ``given`` (of ``kinds`` only)."""
    if given is None:
        return ()
    if isinstance(given, (str, Factor)):
        given = (given,)
    if not isinstance(given, Iterable):
        raise TypeError(f"{field} must be a list of names, not {type(given).__name__}")
    what = field[:-1] if field.endswith("s") else field
    ids = []
    for item in given:
        term = item.id if isinstance(item, Factor) else require_text(item, f"a name in {field}")
        try:
            factor = kb.factor(term)
        except UnknownTermError:
            raise UnknownTermError(term, what, _suggest(kb, term, kinds)) from None
        if factor.kind not in kinds:
            raise UnknownTermError(term, what, _suggest(kb, term, kinds))
        ids.append(factor.id)
    return tuple(sorted(set(ids)))


def _suggest(kb: KnowledgeBase, term: str, kinds: frozenset[FactorKind]) -> tuple[str, ...]:
    labels: dict[str, str] = {}
    for factor in kb.factors:
        if factor.kind in kinds:
            for label in (factor.id, factor.name, *factor.aliases):
                labels.setdefault(fold(label), factor.name)
    return tuple(dict.fromkeys(labels[key] for key in close_matches(fold(term), labels)))


def build_profile(kb: KnowledgeBase, fields: Mapping[str, Any]) -> Profile:
    """A :class:`Profile` from ``fields``, with medication and condition names resolved."""
    values = dict(fields)
    values["medications"] = resolve_factors(kb, values.get("medications"), "medications", MEDICATION_KINDS)
    conditions = resolve_factors(kb, values.get("conditions"), "conditions", CONDITION_KINDS)
    if PREGNANCY in conditions:
        values["pregnant"] = True
        conditions = tuple(c for c in conditions if c != PREGNANCY)
    values["conditions"] = conditions
    return Profile(**values)


def profile_factors(kb: KnowledgeBase, profile: Profile | None) -> frozenset[str]:
    """The ids of the factors ``profile`` carries and every broader factor they belong to;
    an id ``kb`` does not know raises :class:`~cramps.UnknownTermError` with suggestions."""
    if profile is None:
        return frozenset()
    for field, kinds in (("medications", MEDICATION_KINDS), ("conditions", CONDITION_KINDS)):
        for factor_id in getattr(profile, field):
            try:
                factor = kb.factor(factor_id)
            except UnknownTermError:
                raise UnknownTermError(factor_id, field[:-1], _suggest(kb, factor_id, kinds)) from None
            if factor.id != factor_id:
                raise UnknownTermError(factor_id, field[:-1], (factor.id,))
    found: set[str] = set()
    stack = list(profile.factor_ids)
    while stack:
        factor_id = stack.pop()
        if factor_id in found:
            continue
        found.add(factor_id)
        try:
            stack.extend(kb.factor(factor_id).broader)
        except UnknownTermError:
            continue
    return frozenset(found)
