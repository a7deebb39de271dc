"""Dietary Reference Intakes: how much of a nutrient a life-stage group should get a day.

Values are the US/Canadian NASEM Dietary Reference Intakes (RDA or AI), the Tolerable
Upper Intake Level (or, for sodium, the Chronic Disease Risk Reduction intake) and the
FDA label Daily Value, generated from the shared DRI files by ``tools/build_intakes.py``.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from cramps import _fields
from cramps.amount import Amount, to_amount, to_optional_amount
from cramps.errors import DataError, NoReferenceError, ProfileError
from cramps.guidance import DISCLAIMER
from cramps.profiles import Profile, Sex

if TYPE_CHECKING:
    from cramps.nutrients import Nutrient

__all__ = ["DailyTarget", "DailyTargets", "IntakeKind", "LifeStage", "LimitKind", "select_target"]

#: Groups whose bounds are below this age (years) are infant groups, bounded in
#: fractional years as [age_min, age_max); the others in completed years, both inclusive.
INFANT_LIMIT = 1.0
_SEXES = ("any", "female", "male")
_CONDITIONS = ("none", "pregnancy", "lactation")


class IntakeKind(enum.Enum):
    """Recommended Dietary Allowance, or Adequate Intake where no RDA could be set."""

    RDA = "RDA"
    AI = "AI"


class LimitKind(enum.Enum):
    """Tolerable Upper Intake Level, or sodium's Chronic Disease Risk Reduction intake."""

    UL = "UL"
    CDRR = "CDRR"


def _number(instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    years = _fields.number(value)  # None for a non-number, NaN, an infinity or an int beyond float range
    if years is None or years < 0:
        raise ValueError(f"{attribute.name} must be a finite number of years >= 0, got {_fields.shown(value)}")


def _optional_number(instance: object, attribute: attrs.Attribute[float | None], value: object) -> None:
    if value is not None:
        _number(instance, attribute, value)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class LifeStage:
    """A DRI life-stage group, such as females 31-50 y or pregnancy 19-30 y.

    ``sex`` is ``"any"`` (infants and children 1-8 y), ``"female"`` or ``"male"``;
    ``condition`` is ``"none"``, ``"pregnancy"`` or ``"lactation"``. Infant groups are
    bounded in fractional years, ``[age_min, age_max)``; the others in completed years,
    both ends inclusive; ``age_max`` is ``None`` for the open-ended oldest group.
    """

    label: str = attrs.field(validator=_fields.text)
    sex: str = attrs.field(validator=_fields.choice(*_SEXES))
    condition: str = attrs.field(validator=_fields.choice(*_CONDITIONS))
    age_min: float = attrs.field(validator=_number)
    age_max: float | None = attrs.field(validator=_optional_number)

    def __attrs_post_init__(self) -> None:
        if self.age_max is not None and self.age_max < self.age_min:
            raise ValueError(f"age_max ({self.age_max}) is below age_min ({self.age_min}) in {self.label!r}")

    @property
    def infant(self) -> bool:
        """Whether the group is bounded in months (fractional years)."""
        return self.age_max is not None and self.age_max <= INFANT_LIMIT

    def contains_age(self, age: float) -> bool:
        """Whether a person of ``age`` years falls in this group's age range."""
        if self.infant:
            assert self.age_max is not None
            return self.age_min <= age < self.age_max
        if age < INFANT_LIMIT:
            return False
        completed = math.floor(age)
        return self.age_min <= completed and (self.age_max is None or completed <= self.age_max)

    def applies_to_sex(self, sex: Sex | None) -> bool:
        """Whether the group covers ``sex`` (``"any"`` covers everyone)."""
        return self.sex == "any" or (sex is not None and self.sex == sex.value)

    def __str__(self) -> str:
        who = {"any": "children", "female": "females", "male": "males"}[self.sex]
        if self.condition != "none":
            who = self.condition
        elif self.infant:
            who = "infants"
        return f"{who} {self.label}"


def _to_life_stage(value: LifeStage | Mapping[str, Any]) -> LifeStage:
    return LifeStage(**value) if isinstance(value, Mapping) else value


@attrs.frozen(kw_only=True)
class DailyTarget:
    """What one life-stage group should get of one nutrient a day, and the limits.

    ``kind`` says whether ``amount`` is an RDA or an AI. ``upper_limit`` is the Tolerable
    Upper Intake Level (``upper_limit_kind`` UL) or, for sodium, the Chronic Disease Risk
    Reduction intake (CDRR, "reduce intake if above"); ``None`` where none was set, and
    ``upper_limit_applies_to`` says what it covers (magnesium's covers supplements and
    medicines only, not food). ``daily_value`` is the FDA label Daily Value for adults and
    children aged 4 and over (``None`` for younger children). ``verification`` records how
    each value was checked; ``sources`` are the URLs the values were read from.
    """

    nutrient: str = attrs.field(validator=_fields.slug)
    life_stage: LifeStage = attrs.field(converter=_to_life_stage)
    kind: IntakeKind = attrs.field(converter=IntakeKind)
    amount: Amount = attrs.field(converter=to_amount)
    upper_limit: Amount | None = attrs.field(default=None, converter=to_optional_amount)
    upper_limit_kind: LimitKind | None = attrs.field(default=None, converter=attrs.converters.optional(LimitKind))
    upper_limit_applies_to: str | None = attrs.field(default=None, validator=_fields.optional_text)
    upper_limit_note: str | None = attrs.field(default=None, validator=_fields.optional_text)
    daily_value: Amount | None = attrs.field(default=None, converter=to_optional_amount)
    daily_value_population: str | None = attrs.field(default=None, validator=_fields.optional_text)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    verification: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)

    def __attrs_post_init__(self) -> None:
        if self.upper_limit is not None and self.upper_limit_kind is None:
            raise ValueError("upper_limit_kind must be given with an upper_limit")

    @property
    def disclaimer(self) -> str:
        """The medical disclaimer every target is shown with."""
        return DISCLAIMER

    @property
    def upper_limit_covers_food(self) -> bool:
        """Whether the upper limit counts what food gives (``False`` for magnesium, whose
        UL covers supplements and medicines only, as ``upper_limit_applies_to`` says;
        ``True`` when no limit is set or what it covers is not stated)."""
        covers = (self.upper_limit_applies_to or "").lower()
        return not (covers.startswith("supplemental") or ("does not include" in covers and "food" in covers))

    def matches(self, profile: Profile) -> bool:
        """Whether this target's group is the one for ``profile`` (age, sex, pregnancy)."""
        stage = self.life_stage
        if profile.age is None or not stage.contains_age(profile.age):
            return False
        condition = "pregnancy" if profile.pregnant else "lactation" if profile.lactating else "none"
        return stage.condition == condition and stage.applies_to_sex(profile.sex)

    def __str__(self) -> str:
        """The target, and the upper limit with what it covers: "magnesium, females 31-50 y:
        RDA 320 mg a day; UL 350 mg a day, applies to supplemental magnesium ... only", or
        "...; no upper limit (UL) set"."""
        text = f"{self.nutrient}, {self.life_stage}: {self.kind.value} {self.amount} a day"
        if self.upper_limit is None or self.upper_limit_kind is None:
            return f"{text}; no upper limit (UL) set"
        covers = self.upper_limit_applies_to or "what it covers is not stated"
        return f"{text}; {self.upper_limit_kind.value} {self.upper_limit} a day, applies to {covers}"


class DailyTargets:
    """Every nutrient's DRI rows, and the choice of the row for a person.

    ``file`` names the data file the rows came from, for the :class:`~cramps.DataError`
    raised when the rows do not give one group for a profile.
    """

    __slots__ = ("_file", "_rows")

    def __init__(self, targets: Iterable[DailyTarget], *, file: str | None = None) -> None:
        rows: dict[str, list[DailyTarget]] = {}
        for target in targets:
            rows.setdefault(target.nutrient, []).append(target)
        self._rows = {nutrient: tuple(found) for nutrient, found in sorted(rows.items())}
        self._file = file

    def nutrients(self) -> tuple[str, ...]:
        """Ids of the nutrients that have a DRI, sorted."""
        return tuple(self._rows)

    def rows(self, nutrient_id: str) -> tuple[DailyTarget, ...]:
        """Every life-stage row of one nutrient (empty if it has no DRI)."""
        return self._rows.get(nutrient_id, ())

    def for_profile(self, nutrient: Nutrient, profile: Profile) -> DailyTarget:
        """The row of ``nutrient`` for ``profile``'s life-stage group (see :func:`select_target`);
        :class:`~cramps.NoReferenceError` for a nutrient without a DRI."""
        rows = self._rows.get(nutrient.id)
        if not rows:
            raise NoReferenceError(nutrient.id, "DRI", self.nutrients())
        return select_target(rows, profile, nutrient.name, file=self._file)


def select_target(rows: Iterable[DailyTarget], profile: Profile, name: str, *, file: str | None = None) -> DailyTarget:
    """The one row of ``rows`` (one nutrient, called ``name``) that :meth:`DailyTarget.matches`
    ``profile``, or a :class:`~cramps.ProfileError` saying what the profile lacks (the age;
    the sex from age 9) or that the DRIs have no group for it."""
    if not isinstance(profile, Profile):
        raise TypeError(f"profile must be a cramps.Profile, not {type(profile).__name__}")
    age = profile.age
    if age is None:
        raise ProfileError("age is needed to pick a life-stage group (give the age in years, e.g. age=42)", field="age")
    if profile.pregnant and profile.lactating:
        raise ProfileError(
            "the DRIs give separate groups for pregnancy and for lactation; set only one of pregnant and lactating",
            field="lactating",
        )
    rows = tuple(rows)
    chosen = [row for row in rows if row.matches(profile)]
    if len(chosen) == 1:
        return chosen[0]
    condition = "pregnancy" if profile.pregnant else "lactation" if profile.lactating else "none"
    by_age = [row for row in rows if row.life_stage.condition == condition and row.life_stage.contains_age(age)]
    if not by_age:
        stages = sorted({row.life_stage.label for row in rows if row.life_stage.condition == condition})
        who = {"pregnancy": "pregnant", "lactation": "lactating", "none": ""}[condition]
        if condition != "none":
            raise ProfileError(
                f"the DRIs give {who} groups only for ages {', '.join(stages)}; there is no {name} value"
                f" for a {who} person aged {age:g} (ask a clinician or dietitian)",
                field="age",
            )
        raise ProfileError(f"no {name} life-stage group covers age {age:g}", field="age")
    if profile.sex is None and all(row.life_stage.sex != "any" for row in by_age):
        first_sexed = min((row.life_stage.age_min for row in rows if row.life_stage.sex != "any"), default=math.nan)
        raise ProfileError(
            f"sex is needed to pick a life-stage group from age {first_sexed:g} on (give sex='female' or sex='male')",
            field="sex",
        )
    labels = ", ".join(str(row.life_stage) for row in chosen) or "none"
    raise DataError(f"expected one {name} life-stage group for this profile, found {labels}", file=file)
