"""The answer to "what am I lacking?": :class:`Assessment`, with a :class:`NutrientStatus`
per nutrient and the :class:`GapFood` servings that would close a gap.

Made by :func:`cramps.assessor` (:mod:`cramps.assessor`). The wording follows the NASEM
guidance on using the Dietary Reference Intakes to assess an individual: a diary of one
or a few days does not measure usual intake, so an intake below the target is a reason
to look closer, not a finding of deficiency; below an Adequate Intake (AI) nothing can
be said about adequacy; only a clinician, with the person's history and blood tests,
can say what a person lacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs

from cramps import _fields
from cramps.amount import Amount, readable_amount
from cramps.errors import UnknownTermError
from cramps.food_diary import Diary, Intake
from cramps.foods import Food
from cramps.guidance import DISCLAIMER
from cramps.intakes import DailyTarget
from cramps.lab_results import LabResult
from cramps.nutrients import Nutrient
from cramps.profiles import Profile
from cramps.ranking import Ranking
from cramps.red_flags import Triage

__all__ = ["DIARY_CAVEAT", "STATUSES", "Assessment", "GapFood", "NutrientStatus", "intake_status"]

#: What every assessment with a diary says about it (NASEM, assessing individuals).
DIARY_CAVEAT: Final = (
    "A diary of {days} does not measure usual intake, which varies from day to day; an intake"
    " below the target is a reason to look closer, not a sign of deficiency, and an intake at the"
    " target makes inadequacy unlikely only when it holds over many days (NASEM guidance on"
    " assessing individuals with the Dietary Reference Intakes)."
)
#: The statuses of an intake against its target.
STATUSES: Final = ("below target", "meets target", "above the upper limit", "not assessed")


def intake_status(intake: float, supplements: float, target: float, limit: float | None, covers_food: bool) -> str:
    """The status of a daily ``intake`` (of which ``supplements`` came from supplements)
    against its ``target`` and upper ``limit`` (``None``: none set), all in one unit:
    "above the upper limit" when the part the limit counts (``covers_food``: the whole
    intake; else the supplements alone, as for magnesium) exceeds it, else "meets target"
    at or above the target, else "below target"."""
    counted = intake if covers_food else supplements
    if limit is not None and counted > limit:
        return "above the upper limit"
    return "meets target" if intake >= target else "below target"


@attrs.frozen(kw_only=True)
class GapFood:
    """One suggestion for closing a gap: ``servings`` servings (``grams`` in all) of an
    everyday ``food``, which give ``amount`` of the nutrient; ``measure`` is the household
    measure nearest to one serving, if any."""

    food: Food
    servings: float
    grams: float
    amount: Amount
    measure: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready data."""
        return {
            "food": self.food.name,
            "food_id": self.food.id,
            "servings": self.servings,
            "grams": round(self.grams, 1),
            "amount": _amount(self.amount),
            "measure": self.measure,
        }

    def __str__(self) -> str:
        measure = f", {self.measure}" if self.measure else ""
        count = f"{self.servings:g} servings" if self.servings != 1 else "1 serving"
        return f"{self.food.name}: {count} ({self.grams:.0f} g{measure}) gives {readable_amount(self.amount)}"


@attrs.frozen(kw_only=True)
class NutrientStatus:
    """Where one nutrient stands for a person.

    ``intake`` is the diary's daily mean (``None`` without a diary), ``target`` the
    person's Dietary Reference Intake (``None`` where there is none), ``percent_of_target``
    the intake as a percentage of it, and ``status`` one of ``STATUSES``: "below
    target", "meets target", "above the upper limit" (the part of the intake the limit
    covers: supplements alone for magnesium) or "not assessed" (no diary or no target).
    ``lab`` is the person's blood test result for it, if given; ``gap`` what is missing to
    the target; ``foods_to_close_gap`` everyday servings that would close it (see
    :func:`cramps.assessor`); ``notes`` what the reader must know.
    """

    nutrient: Nutrient
    status: str = attrs.field(validator=_fields.choice(*STATUSES))
    intake: Intake | None = None
    target: DailyTarget | None = None
    percent_of_target: float | None = None
    lab: LabResult | None = None
    gap: Amount | None = None
    foods_to_close_gap: tuple[GapFood, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready data."""
        target = self.target
        return {
            "nutrient": self.nutrient.id,
            "name": self.nutrient.name,
            "status": self.status,
            "intake": None if self.intake is None else _intake(self.intake),
            "target": None
            if target is None
            else {
                "kind": target.kind.value,
                "amount": _amount(target.amount),
                "life_stage": str(target.life_stage),
                "upper_limit": None if target.upper_limit is None else _amount(target.upper_limit),
                "upper_limit_kind": None if target.upper_limit_kind is None else target.upper_limit_kind.value,
                "upper_limit_applies_to": target.upper_limit_applies_to,
            },
            "percent_of_target": None if self.percent_of_target is None else round(self.percent_of_target, 1),
            "lab": None if self.lab is None else _lab(self.lab),
            "gap": None if self.gap is None else _amount(self.gap),
            "foods_to_close_gap": [food.to_dict() for food in self.foods_to_close_gap],
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        parts = [f"{self.nutrient.name}: {self.status}"]
        if self.intake is not None and self.target is not None and self.percent_of_target is not None:
            percent = f"{self.percent_of_target:.0f}% of the {self.target.kind.value}"
            parts.append(f"{readable_amount(self.intake.amount)} of {self.target.amount} a day ({percent})")
        if self.lab is not None:
            parts.append(f"lab: {self.lab.value:g} {self.lab.unit} ({self.lab.status or 'no typical range'})")
        return "; ".join(parts)


@attrs.frozen(kw_only=True)
class Assessment:
    """The answer of :func:`cramps.assessor`: ``triage`` first (red flags win over
    everything; ``None`` when no symptoms were given), then ``nutrients``, a ranking whose
    reasons are the evidence from the symptoms and profile and, as reasons of their own,
    an intake below target and a low lab value; ``statuses``, one
    :class:`NutrientStatus` per nutrient; the ``diary`` and ``labs`` it read; and
    ``caveats``. It carries the disclaimer and converts to JSON-ready data with
    :meth:`to_dict`."""

    profile: Profile
    triage: Triage | None
    nutrients: Ranking[Nutrient]
    statuses: tuple[NutrientStatus, ...] = attrs.field(converter=_fields.to_tuple)
    symptoms: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    diary: Diary | None = None
    labs: tuple[LabResult, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    caveats: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple)

    def status(self, nutrient: str | Nutrient) -> NutrientStatus:
        """The status of ``nutrient`` (its id, name or record)."""
        key = nutrient.id if isinstance(nutrient, Nutrient) else nutrient
        if not isinstance(key, str):
            raise TypeError(f"nutrient must be a str or a Nutrient, not {type(nutrient).__name__}")
        folded = key.strip().lower().replace(" ", "-")
        for status in self.statuses:
            if folded in (status.nutrient.id, status.nutrient.name.lower().replace(" ", "-")):
                return status
        raise UnknownTermError(key, "nutrient", tuple(status.nutrient.id for status in self.statuses[:3]))

    @property
    def disclaimer(self) -> str:
        """The medical disclaimer every assessment carries."""
        return DISCLAIMER

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready data: every field, foods by name and id, amounts with units."""
        triage = self.triage
        return {
            "disclaimer": self.disclaimer,
            "profile": _profile(self.profile),
            "symptoms": list(self.symptoms),
            "triage": None
            if triage is None
            else {
                "level": triage.level.value,
                "label": str(triage.level),
                "flags": [flag.id for flag in triage.flags],
                "advice": list(triage.advice),
            },
            "nutrients": [
                {
                    "rank": item.rank,
                    "nutrient": item.record.id,
                    "score": round(item.score, 4),
                    "reasons": [
                        {
                            "claim": reason.claim,
                            "weight": round(reason.weight, 4),
                            "text": reason.text,
                            "citations": list(reason.citations),
                        }
                        for reason in item.reasons
                    ],
                }
                for item in self.nutrients
            ],
            "statuses": [status.to_dict() for status in self.statuses],
            "diary": None if self.diary is None else _diary(self.diary),
            "labs": [_lab(lab) for lab in self.labs],
            "caveats": list(self.caveats),
        }


def _amount(amount: Amount) -> dict[str, Any]:
    return {"value": round(amount.value, 4), "unit": amount.unit.value}


def _intake(intake: Intake) -> dict[str, Any]:
    return {
        **_amount(intake),
        "food": _amount(intake.food),
        "supplements": _amount(intake.supplements),
        "missing_grams": round(intake.missing_grams, 1),
        "days": intake.days,
    }


def _lab(lab: LabResult) -> dict[str, Any]:
    found = lab.test.reference_range
    band = lab.band
    return {
        "test": lab.test.id,
        "loinc": lab.test.loinc,
        "value": lab.value,
        "unit": lab.unit,
        "status": lab.status,
        "band": None if band is None else band.label,
        "reference_range": None if found is None else str(found),
        "citations": [] if found is None else list(found.citations),
        "note": lab.note,
    }


def _diary(diary: Diary) -> dict[str, Any]:
    return {
        "days": diary.days,
        "entries": [
            {
                "text": entry.text,
                "food": entry.food.name,
                "food_id": entry.food.id,
                "grams": round(entry.grams, 2),
                "measure": entry.measure,
                "day": entry.day,
            }
            for entry in diary.entries
        ],
        "supplements": [
            {"text": item.text, "nutrient": item.nutrient, "amount": _amount(item.amount), "day": item.day}
            for item in diary.supplements
        ],
        "skipped": [{"line": row.line, "text": row.text, "error": row.error} for row in diary.skipped],
    }


def _profile(profile: Profile) -> Mapping[str, Any]:
    return {
        "age": profile.age,
        "sex": None if profile.sex is None else profile.sex.value,
        "pregnant": profile.pregnant,
        "lactating": profile.lactating,
        "medications": list(profile.medications),
        "conditions": list(profile.conditions),
        "diet": None if profile.diet is None else profile.diet.value,
    }
