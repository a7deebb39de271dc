"""A person's profile: the facts that change what a reference intake or a red flag means.

Every field is optional. :class:`Profile` itself takes medication and condition *ids*
(factor slugs such as ``"proton-pump-inhibitors"``); :meth:`cramps.KnowledgeBase.profile`
(and :func:`cramps.profile`) accepts names, aliases and codes and resolves them.
"""

from __future__ import annotations

import enum
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
    "NO_MEDICATIONS",
    "OLDER_AGE",
    "PREGNANCY_AGES",
    "YOUNGER_AGE",
    "ProfileFacts",
    "build_profile",
    "check_profile_ids",
    "implied_factors",
    "profile_facts",
    "profile_factors",
    "resolve_factors",
    "signature",
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
    age = _fields.finite_float(value)  # None for NaN, an infinity or an int beyond float range
    if age is None or not 0 <= age <= MAX_AGE:
        raise ValueError(f"age must be between 0 and {MAX_AGE:g} years, got {_fields.shown(value)}")
    return age


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
        raise ValueError(f"{field} must be one of {allowed} (or None), got {_fields.shown(value)}")
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
        raise TypeError(f"{attribute.name} must be True or False, not {type(value).__name__} {_fields.shown(value)}")


def _ids(field: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{field} must be a list of ids, not a single {type(value).__name__}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{field} must hold ids (text), got {type(item).__name__} {_fields.shown(item)}")
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
        """Ids of the factors this profile carries, before any knowledge base resolves
        them: its medications and conditions, and what its other fields imply
        (``pregnancy``, ``heavy-alcohol-use``, ``ageing`` from 65, ``vegan-diet`` ...;
        see ``cramps.profiles.ProfileFacts``). ``cramps.profiles.profile_facts``
        adds broader factors and what the profile rules out."""
        return frozenset((*self.medications, *self.conditions, *implied_factors(self)))


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


#: Age (years) from which ``ageing`` counts as present, and below which it is ruled out.
OLDER_AGE = 65.0
YOUNGER_AGE = 50.0
#: Ages outside which pregnancy is ruled out (the DRIs' pregnancy groups span 14-50 years).
PREGNANCY_AGES = (14.0, 50.0)
#: The word a ``not on any medicines`` answer names: every medication factor is then ruled out.
NO_MEDICATIONS = "medications"


@attrs.frozen(kw_only=True)
class ProfileFacts:
    """What a profile says about the knowledge base's factors, both ways.

    ``present``: factors the person has (their medications and conditions, pregnancy,
    heavy drinking, and what age, diet, sun and activity imply), with every broader
    factor of each. ``ruled_out``: factors a stated fact contradicts (age 25 rules out
    older age; a man or a woman of 72 cannot be pregnant; an omnivore is not vegan; no
    heavy drinking), with every narrower factor of each. A fact the profile leaves out
    is neither: a missing fact is not evidence against.
    """

    present: frozenset[str] = frozenset()
    ruled_out: frozenset[str] = frozenset()


def implied_factors(profile: Profile) -> list[str]:
    """The factor ids a profile's fields other than its medications and conditions make
    present: ``ageing`` from 65, ``pregnancy``, ``vegan-diet`` and ``vegetarian-diet``,
    ``little-sun-exposure``, ``exercise`` and ``heavy-sweating``, ``heavy-alcohol-use``."""
    present: list[str] = []
    age, diet, activity = profile.age, profile.diet, profile.activity
    if age is not None and age >= OLDER_AGE:
        present.append("ageing")
    if profile.pregnant:
        present.append(PREGNANCY)
    if diet is Diet.VEGAN:
        present += ("vegetarian-diet", "vegan-diet")
    elif diet is Diet.VEGETARIAN:
        present.append("vegetarian-diet")
    if profile.sun_exposure is SunExposure.LITTLE:
        present.append("little-sun-exposure")
    if activity is Activity.HEAVY:
        present.append("exercise")
        if profile.hot_climate:
            present.append("heavy-sweating")
    if profile.alcohol is Alcohol.HEAVY:
        present.append("heavy-alcohol-use")
    return present


def _derived_out(profile: Profile) -> set[str]:
    """The factors age, sex, diet, sun, activity and alcohol rule out."""
    out: set[str] = set()
    age, diet, activity = profile.age, profile.diet, profile.activity
    sun, alcohol = profile.sun_exposure, profile.alcohol
    if age is not None and age < YOUNGER_AGE:
        out.add("ageing")
    if not profile.pregnant and (
        profile.sex is Sex.MALE or (age is not None and not PREGNANCY_AGES[0] <= age <= PREGNANCY_AGES[1])
    ):
        out.add(PREGNANCY)
    if diet is Diet.OMNIVORE:
        out.update(("vegan-diet", "vegetarian-diet"))
    elif diet is Diet.VEGETARIAN:
        out.add("vegan-diet")
    if sun is not None and sun is not SunExposure.LITTLE:
        out.add("little-sun-exposure")
    if activity is Activity.SEDENTARY:
        out.update(("exercise", "heavy-sweating"))
    if alcohol is not None and alcohol is not Alcohol.HEAVY:
        out.add("heavy-alcohol-use")
    return out


def signature(profile: Profile | None) -> object:
    """A hashable summary of ``profile`` that determines its ``profile_facts``: equal
    signatures give equal facts (ages are reduced to the bands the facts use)."""
    if profile is None:
        return None
    age = profile.age
    low, high = PREGNANCY_AGES
    ages = None if age is None else (age >= OLDER_AGE, age < YOUNGER_AGE, low <= age <= high)
    return (
        ages,
        profile.sex,
        profile.pregnant,
        profile.diet,
        profile.activity,
        profile.hot_climate,
        profile.sun_exposure,
        profile.alcohol,
        profile.medications,
        profile.conditions,
    )


def check_profile_ids(kb: KnowledgeBase, profile: Profile) -> None:
    """Raise :class:`~cramps.UnknownTermError` for a medication or condition id ``kb``
    does not know (or one of the wrong kind), naming it, suggesting the ids that are
    close, and pointing to :func:`cramps.profile`, which resolves names."""
    for field, kinds in (("medications", MEDICATION_KINDS), ("conditions", CONDITION_KINDS)):
        for factor_id in getattr(profile, field):
            try:
                factor: Factor | None = kb.factor(factor_id)
            except UnknownTermError:
                factor = None
            if factor is not None and factor.id == factor_id and factor.kind in kinds:
                continue
            if factor is not None and factor.kind in kinds:
                close: tuple[str, ...] = (factor.id,)
            else:
                names = set(_suggest(kb, factor_id, kinds))
                close = tuple(f.id for f in kb.factors if f.name in names)
            raise UnknownTermError(
                factor_id,
                field[:-1],
                close,
                hint="a Profile takes factor ids; cramps.profile() resolves names, aliases and codes",
            )


def profile_facts(
    kb: KnowledgeBase,
    profile: Profile | None,
    *,
    named: Iterable[str] = (),
    absent: Iterable[str] = (),
) -> ProfileFacts:
    """The factors ``profile`` makes present and those it rules out (see ``ProfileFacts``).

    ``named`` adds factor ids found present elsewhere (named in a symptom's text) and
    ``absent`` factor ids the person says they do not have; ``"medications"`` in
    ``absent`` rules out every medication the profile does not list. A factor both
    present and ruled out counts as present. Factors the knowledge base lacks are left
    out; an unknown medication or condition id raises
    :class:`~cramps.UnknownTermError` (see ``check_profile_ids``).
    """
    present: set[str] = set(named)
    ruled_out: set[str] = set()
    if profile is not None:
        check_profile_ids(kb, profile)
        present.update(profile.medications, profile.conditions)
        present.update(implied_factors(profile))
        ruled_out |= _derived_out(profile)
    kinds = {factor.id: factor.kind for factor in kb.factors}
    for factor_id in absent:
        if factor_id == NO_MEDICATIONS:
            ruled_out.update(f for f, kind in kinds.items() if kind in MEDICATION_KINDS)
        else:
            ruled_out.add(factor_id)
    closure: set[str] = set()
    for factor_id in present & kinds.keys():
        closure.add(factor_id)
        closure.update(kb.broader_factors(factor_id))
    out: set[str] = set()
    for factor_id in ruled_out & kinds.keys():  # and every narrower one (no diuretics: no thiazides)
        out.add(factor_id)
        out.update(kb.narrower_factors(factor_id))
    return ProfileFacts(present=frozenset(closure & kinds.keys()), ruled_out=frozenset(out - closure))


def profile_factors(kb: KnowledgeBase, profile: Profile | None) -> frozenset[str]:
    """The ids of the factors ``profile`` carries (``ProfileFacts.present``): its
    medications and conditions, pregnancy, heavy drinking and what age, diet, sun and
    activity imply, with every broader factor they belong to. An id ``kb`` does not
    know raises :class:`~cramps.UnknownTermError` with suggestions."""
    return profile_facts(kb, profile).present
