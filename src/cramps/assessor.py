"""How :func:`cramps.assessor` answers "what am I lacking?".

1. **Triage first.** With symptoms, :meth:`~cramps.KnowledgeBase.triage` runs before
   anything else and its level is the first thing an assessment shows: red flags win over
   every nutrient.
2. **Statuses.** For each nutrient with a Dietary Reference Intake, the diary's daily mean
   intake (:meth:`~cramps.Diary.intake`) is set against the person's target
   (:meth:`~cramps.KnowledgeBase.daily_target`): "below target" under it, "meets target"
   at or over it, "above the upper limit" when the part of the intake the upper limit
   covers exceeds it (supplements alone for magnesium; sodium's limit is the CDRR). A
   lab result is read against its typical adult range
   (:class:`~cramps.lab_results.LabResult`).
3. **The ranking.** The nutrients linked to the symptoms, with the evidence and the
   profile's own reasons (:meth:`~cramps.KnowledgeBase.nutrients_for_symptom`), gain two
   reasons of their own, each with its source: an intake below target (weight
   ``0.3 x (1 - intake / target)`` against an RDA, half that against an AI, since NASEM
   says intake below an AI says nothing of adequacy) and a lab value below the typical
   range (weight 0.4). Sodium gets no intake reason: a low sodium intake is not how
   low blood sodium comes about in the people cramps is for. The weights add up to the
   score; where the sum would pass 1 every weight is scaled down in proportion, so the
   reasons still add up to the score.
4. **Foods to close a gap.** For a nutrient below target (sodium excepted: cramps never
   suggests more salt), everyday foods ranked by the amount in one serving
   (:meth:`~cramps.KnowledgeBase.foods_rich_in` with the person's diet: the same foods
   as its default answer) are taken richest first, one serving of each, until the gap
   is closed: the fewest servings that close it. At most ``MAX_GAP_FOODS`` (4) foods; a
   food is passed over when its serving would push any nutrient whose upper limit covers
   food (calcium, vitamin D, sodium's CDRR) above that limit, counting the diary and the
   foods already chosen.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from cramps._fields import shown
from cramps.amount import Amount, readable
from cramps.assessment import DIARY_CAVEAT, Assessment, GapFood, NutrientStatus, intake_status
from cramps.errors import NoReferenceError
from cramps.food_diary import DIARY_NUTRIENTS, Diary, Intake
from cramps.foods import NUTRIENT_UNITS, FoodResult
from cramps.intakes import DailyTarget, IntakeKind
from cramps.lab_results import LabResult
from cramps.nutrients import Nutrient
from cramps.profiles import Profile
from cramps.ranking import Ranked, Ranking, Reason

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase

__all__ = ["INTAKE_WEIGHT", "LAB_WEIGHT", "MAX_GAP_FOODS", "assess"]

#: The largest weight an intake below an RDA adds (at an intake of zero).
INTAKE_WEIGHT: Final = 0.3
#: The weight a lab value below the typical adult range adds.
LAB_WEIGHT: Final = 0.4
#: At most this many foods (one serving each) are suggested to close a gap.
MAX_GAP_FOODS: Final = 4
_NO_GAP_FOODS: Final = frozenset({"sodium"})


def assess(
    kb: KnowledgeBase,
    profile: Profile,
    symptoms: tuple[str, ...],
    diary: Diary | None,
    labs: tuple[LabResult, ...],
) -> Assessment:
    """The assessment (see the module); arguments already checked by the caller."""
    triage = kb.triage(symptoms, profile) if symptoms else None
    base: Ranking[Nutrient] = kb.nutrients_for_symptom(symptoms, profile) if symptoms else Ranking()
    lab_by_nutrient: dict[str, LabResult] = {}
    for lab in labs:
        if lab.nutrient is not None:
            earlier: LabResult | None = lab_by_nutrient.get(lab.nutrient)
            # a low value of several tests of one nutrient is the one that counts
            if earlier is None or (lab.status == "low" and earlier.status != "low"):
                lab_by_nutrient[lab.nutrient] = lab
    targets = kb.person_data.targets
    intakes: dict[str, Intake] = {}
    if diary is not None:
        intakes = {name: diary.intake(name) for name in DIARY_NUTRIENTS}
    statuses: list[NutrientStatus] = []
    extra: dict[str, list[Reason]] = {}
    person_targets: dict[str, DailyTarget] = {}
    with_targets = set(targets.nutrients())
    for nutrient in kb.nutrients:
        if nutrient.id in with_targets and (diary is not None or nutrient.id in lab_by_nutrient):
            with contextlib.suppress(NoReferenceError):
                person_targets[nutrient.id] = kb.daily_target(nutrient, profile)
    for nutrient in kb.nutrients:
        target = person_targets.get(nutrient.id)
        intake = intakes.get(nutrient.id)
        found_lab = lab_by_nutrient.get(nutrient.id)
        reasons: list[Reason] = []
        status, percent, gap, notes = _status(nutrient, intake, target)
        if (
            status == "below target"
            and target is not None
            and intake is not None
            and percent is not None
            and nutrient.id not in _NO_GAP_FOODS
        ):
            reasons.append(_intake_reason(nutrient, intake, target, percent))
        if found_lab is not None:
            notes.append(found_lab.note)
            if found_lab.status == "low":
                reasons.append(_lab_reason(nutrient, found_lab))
        foods: tuple[GapFood, ...] = ()
        if gap is not None and nutrient.id not in _NO_GAP_FOODS:
            foods = _gap_foods(kb, profile, nutrient, gap, intakes, person_targets)
            if not foods:
                notes.append("No everyday food could be suggested within the upper limits and the diet given.")
        elif gap is not None:
            notes.append("cramps does not suggest foods to raise sodium: most diets hold more than enough.")
        if reasons:
            extra[nutrient.id] = reasons
        if intake is None and found_lab is None and nutrient.id not in {item.record.id for item in base}:
            continue
        statuses.append(
            NutrientStatus(
                nutrient=nutrient,
                status=status,
                intake=intake,
                target=target,
                percent_of_target=percent,
                lab=found_lab,
                gap=gap,
                foods_to_close_gap=foods,
                notes=notes,
            )
        )
    ranking = _merged(kb, base, extra)
    order = {item.record.id: item.rank for item in ranking}
    statuses.sort(key=lambda item: (order.get(item.nutrient.id, len(order) + 1), item.nutrient.id))
    caveats = []
    if diary is not None:
        days = f"{diary.days:g} day" + ("" if diary.days == 1 else "s")
        caveats.append(DIARY_CAVEAT.format(days=days))
        if diary.skipped:
            skipped = len(diary.skipped)
            caveats.append(f"{skipped} diary row(s) could not be read and were left out (see diary.skipped).")
    if lab_by_nutrient:
        caveats.append(
            "Lab values are read against typical adult ranges from cited sources; the reporting laboratory's own"
            " range applies, and a normal blood level does not always mean normal body stores."
        )
    if base.unrecognised:
        caveats.append("Not understood, so not used: " + "; ".join(repr(text) for text in base.unrecognised))
    return Assessment(
        profile=profile,
        triage=triage,
        nutrients=ranking,
        statuses=statuses,
        symptoms=symptoms,
        diary=diary,
        labs=labs,
        caveats=caveats,
    )


def _status(
    nutrient: Nutrient, intake: Intake | None, target: DailyTarget | None
) -> tuple[str, float | None, Amount | None, list[str]]:
    """The status, the percent of target, the gap and the notes of one nutrient."""
    notes: list[str] = []
    if intake is None or target is None:
        if intake is not None:
            notes.append(f"There is no Dietary Reference Intake for {nutrient.name}, so the intake is not assessed.")
        return "not assessed", None, None, notes
    amount = target.amount.to(intake.unit).value
    percent = 100.0 * intake.value / amount if amount > 0 else None
    if intake.missing_grams > 0:
        notes.append(
            f"SR28 gives no {nutrient.name} value for {intake.missing_grams:.0f} g a day of the food in the diary;"
            " the intake counts only what is known, so it may be higher."
        )
    limit = target.upper_limit
    covers_food = target.upper_limit_covers_food
    limit_value = None if limit is None else limit.to(intake.unit).value
    status = intake_status(intake.value, intake.supplements.value, amount, limit_value, covers_food)
    if status == "above the upper limit":
        counted = intake.value if covers_food else intake.supplements.value
        kind = target.upper_limit_kind.value if target.upper_limit_kind is not None else "upper limit"
        notes.append(
            f"The {'intake' if covers_food else 'supplements'} counted ({readable(counted)} {intake.unit} a day)"
            f" is above the {kind} of {limit} a day, which applies to"
            f" {target.upper_limit_applies_to or 'total intake'}."
        )
        return status, percent, None, notes
    if status == "meets target":
        if target.kind is IntakeKind.AI:
            notes.append("At or above the Adequate Intake: intake is likely adequate, if it is usual.")
        return "meets target", percent, None, notes
    if target.kind is IntakeKind.AI:
        notes.append(
            "Below the Adequate Intake (AI): NASEM notes that adequacy cannot be judged below an AI; more of it"
            " from food may still be worthwhile."
        )
    gap = Amount(value=amount - intake.value, unit=intake.unit)
    return "below target", percent, gap, notes


def _intake_reason(nutrient: Nutrient, intake: Intake, target: DailyTarget, percent: float) -> Reason:
    scale = INTAKE_WEIGHT if target.kind is IntakeKind.RDA else INTAKE_WEIGHT / 2
    weight = scale * max(0.0, 1.0 - percent / 100.0)
    kind = "RDA" if target.kind is IntakeKind.RDA else "Adequate Intake"
    return Reason(
        claim="diary-intake-below-target",
        citations=target.sources or ("NASEM Dietary Reference Intakes",),
        weight=weight,
        text=(
            f"Your diary: {readable(intake.value)} {intake.unit} of {nutrient.name} a day, {percent:.0f}% of your"
            f" {kind} of {target.amount} ({target.life_stage}). A few days of diary do not measure usual intake."
        ),
    )


def _lab_reason(nutrient: Nutrient, lab: LabResult) -> Reason:
    found = lab.test.reference_range
    assert found is not None
    band = lab.band
    label = f" ({band.label})" if band is not None else ""
    return Reason(
        claim="lab-value-below-range",
        citations=found.citations,
        weight=LAB_WEIGHT,
        text=(
            f"Your blood test: {lab.test.name} {lab.value:g} {lab.unit} is below the typical adult range of"
            f" {found}{label}; the range of the laboratory that ran the test applies."
        ),
    )


def _merged(kb: KnowledgeBase, base: Ranking[Nutrient], extra: dict[str, list[Reason]]) -> Ranking[Nutrient]:
    """The base ranking with the extra reasons added, scores summed (scaled to at most 1)."""
    rows: dict[str, tuple[Nutrient, list[Reason]]] = {
        item.record.id: (item.record, list(item.reasons)) for item in base
    }
    for nutrient_id, reasons in extra.items():
        if nutrient_id not in rows:
            rows[nutrient_id] = (kb.nutrient(nutrient_id), [])
        rows[nutrient_id][1].extend(reasons)
    scored = []
    for nutrient, reasons in rows.values():
        total = math.fsum(reason.weight for reason in reasons)
        if total > 1.0:
            reasons = [_scaled(reason, 1.0 / total) for reason in reasons]
            total = math.fsum(reason.weight for reason in reasons)
        scored.append((min(max(total, 0.0), 1.0), nutrient, tuple(reasons)))
    scored.sort(key=lambda item: (-item[0], item[1].id))
    made: Ranking[Nutrient] = Ranking(
        Ranked(record=nutrient, score=score, rank=position, reasons=reasons)
        for position, (score, nutrient, reasons) in enumerate(scored, start=1)
    )
    return made.with_unrecognised(base.unrecognised) if base.unrecognised else made


def _scaled(reason: Reason, factor: float) -> Reason:
    return Reason(claim=reason.claim, citations=reason.citations, weight=reason.weight * factor, text=reason.text)


def _gap_foods(
    kb: KnowledgeBase,
    profile: Profile,
    nutrient: Nutrient,
    gap: Amount,
    intakes: dict[str, Intake],
    targets: dict[str, DailyTarget],
) -> tuple[GapFood, ...]:
    """Everyday servings that close ``gap`` (see the module for the method)."""
    diet = None if profile.diet is None or profile.diet.value == "omnivore" else profile.diet.value
    candidates = [
        row
        for row in kb.foods_rich_in(nutrient.id, per="serving", everyday=True, diet=diet, limit=60)
        if row.serving is not None and row.amount.value > 0
    ]
    limits = {
        name: target.upper_limit.to(NUTRIENT_UNITS[name]).value
        for name, target in targets.items()
        if target.upper_limit is not None and target.upper_limit_covers_food and name in intakes
    }
    added: dict[str, float] = {}
    remaining = gap.value
    picked: list[GapFood] = []
    used: set[str] = set()
    while remaining > 0 and len(picked) < MAX_GAP_FOODS:
        found = next((r for r in candidates if r.food.id not in used and _within(r, limits, intakes, added)), None)
        if found is None:
            break
        row = found
        used.add(row.food.id)
        assert row.serving is not None
        for name in limits:
            value = row.food.nutrients.get(name)
            if value is not None:
                added[name] = added.get(name, 0.0) + value.value * row.serving.grams / 100.0
        remaining -= row.amount.value
        serving = row.serving
        picked.append(
            GapFood(food=row.food, servings=1.0, grams=serving.grams, amount=row.amount, measure=serving.measure)
        )
    return tuple(picked)


def _within(row: FoodResult, limits: dict[str, float], intakes: dict[str, Intake], added: dict[str, float]) -> bool:
    """Whether one serving of ``row``'s food keeps every limited nutrient within its limit."""
    assert row.serving is not None
    for name, limit in limits.items():
        value = row.food.nutrients.get(name)
        if value is None:
            continue
        total = intakes[name].value + added.get(name, 0.0) + value.value * row.serving.grams / 100.0
        if total > limit:
            return False
    return True


def checked_labs(kb: KnowledgeBase, labs: Iterable[object]) -> tuple[LabResult, ...]:
    """``labs`` as :class:`LabResult` records: records as they are, ``(loinc, value,
    unit)`` tuples read by :meth:`~cramps.KnowledgeBase.lab_result`."""
    if isinstance(labs, (str, bytes, LabResult)) or not isinstance(labs, Iterable):
        raise TypeError(f"labs must be a list of lab results or (loinc, value, unit) tuples, not {type(labs).__name__}")
    found = []
    for lab in labs:
        if isinstance(lab, LabResult):
            found.append(lab)
        elif isinstance(lab, tuple) and len(lab) == 3:
            found.append(kb.lab_result(*lab))
        else:
            raise TypeError(f"a lab must be a LabResult or a (loinc, value, unit) tuple, not {shown(lab)}")
    return tuple(found)
