"""A tiny synthetic knowledge base for testing the machinery apart from the shipped data."""

from __future__ import annotations

from cramps import (
    Amount,
    Citation,
    Claim,
    Code,
    DailyTarget,
    Factor,
    Guidance,
    KnowledgeBase,
    LabTest,
    LifeStage,
    Nutrient,
    RedFlag,
    Remedy,
    Symptom,
)
from cramps.intakes import DailyTargets
from cramps.lab_tests import LabTestIndex
from cramps.person_data import PersonData
from cramps.red_flags import RedFlags, SelfCare


def citations() -> list[Citation]:
    return [
        Citation(
            id="review-2020",
            title="A review",
            venue="Journal A",
            study_type="systematic review",
            finding="none",
            year=2020,
        ),
        Citation(
            id="trial-2024",
            title="A trial",
            venue="Journal B",
            study_type="RCT",
            finding="helped",
            authors="Doe J; Roe R",
        ),
        Citation(
            id="leaflet",
            title="Cramps leaflet",
            venue="Health site",
            study_type="patient information",
            finding="stretch",
        ),
    ]


def symptoms() -> list[Symptom]:
    return [
        Symptom(
            id="muscle-cramps",
            name="Muscle cramps",
            description="Painful contractions.",
            codes=[Code(system="HPO", code="HP:0003394", label="Muscle spasm")],
        ),
        Symptom(
            id="leg-cramps",
            name="Leg cramps",
            description="Cramps in the legs.",
            aliases=["charley horse"],
            broader=["muscle-cramps"],
        ),
        Symptom(
            id="night-cramps",
            name="Night cramps",
            description="Leg cramps at night.",
            aliases=["nocturnal leg cramps"],
            broader=["leg-cramps"],
        ),
        Symptom(id="tingling", name="Tingling", description="Pins and needles.", aliases=["paresthesia"]),
    ]


def nutrients() -> list[Nutrient]:
    return [
        Nutrient(
            id="magnesium",
            name="Magnesium",
            kind="mineral",
            summary="A mineral.",
            role="Relaxes muscle.",
            aliases=["Mg"],
        ),
        Nutrient(
            id="potassium",
            name="Potassium",
            kind="mineral",
            summary="An electrolyte.",
            role="Carries signals.",
            aliases=["K"],
        ),
        Nutrient(
            id="thiamin",
            name="Thiamin",
            kind="vitamin",
            summary="Vitamin B1.",
            role="Nerves.",
            aliases=["thiamine", "vitamin B1", "B1"],
        ),
        Nutrient(id="vitamin-q", name="Vitamin Q", kind="vitamin", summary="Unlinked.", role="None known."),
    ]


def factors() -> list[Factor]:
    return [
        Factor(
            id="diuretics",
            name="Diuretics",
            kind="medication",
            description="Water pills.",
            affects=["potassium", "magnesium"],
        ),
        Factor(
            id="thiazides",
            name="Thiazide diuretics",
            kind="medication",
            description="A diuretic class.",
            broader=["diuretics"],
        ),
        Factor(id="dehydration", name="Dehydration", kind="lifestyle", description="Too little water."),
    ]


def remedies() -> list[Remedy]:
    return [
        Remedy(
            id="stretch", name="Stretch", kind="immediate", instructions="Pull the toes up.", aliases=["stretching"]
        ),
        Remedy(id="massage", name="Massage", kind="immediate", instructions="Rub the muscle."),
        Remedy(id="night-stretching", name="Night stretching", kind="prevention", instructions="Stretch before bed."),
        Remedy(
            id="quinine",
            name="Quinine",
            kind="medical",
            instructions="Clinician only.",
            caution="Serious side effects.",
        ),
    ]


def claim(
    claim_id: str,
    subject: str,
    relation: str,
    targets: list[str],
    direction: str,
    grade: str,
    *,
    context: str | None = None,
    cites: tuple[str, ...] = ("review-2020",),
) -> Claim:
    return Claim(
        id=claim_id,
        subject=subject,
        relation=relation,
        targets=targets,
        statement=f"{subject} {relation} {targets}",
        direction=direction,
        grade=grade,
        grade_detail=f"{grade}: test",
        citations=cites,
        context=context,
    )


def claims() -> list[Claim]:
    return [
        claim("mg-low-causes", "magnesium", "causes", ["muscle-cramps"], "supports", "R"),
        claim("mg-supplement-null", "magnesium", "treats", ["night-cramps"], "no_effect", "A", context="older adults"),
        claim("k-low-causes", "potassium", "causes", ["leg-cramps"], "supports", "C", cites=("leaflet",)),
        claim("b1-tingling", "thiamin", "causes", ["tingling"], "mechanism_only", "E"),
        claim("diuretics-deplete", "diuretics", "depletes", ["potassium", "magnesium"], "supports", "D"),
        claim("diuretics-cramps", "diuretics", "associated", ["night-cramps"], "supports", "C", cites=("trial-2024",)),
        claim("dehydration-cramps", "dehydration", "causes", ["muscle-cramps"], "mixed", "D"),
        claim("stretch-acute", "stretch", "treats", ["muscle-cramps"], "supports", "D", cites=("leaflet",)),
        claim("massage-acute", "massage", "treats", ["muscle-cramps"], "supports", "D", cites=("leaflet",)),
        claim("night-stretching-works", "night-stretching", "treats", ["night-cramps"], "mixed", "A-low"),
        claim("quinine-works", "quinine", "treats", ["muscle-cramps"], "supports", "A"),
        claim("quinine-harms", "quinine", "harms", ["muscle-cramps"], "supports", "R"),
    ]


def guidance() -> list[Guidance]:
    return [
        Guidance(
            id="blood-test", title="Blood tests", text="Only a blood test confirms a deficiency.", citations=["leaflet"]
        )
    ]


def _magnesium(label: str, sex: str, condition: str, ages: tuple[float, float | None], mg: float) -> DailyTarget:
    stage = LifeStage(label=label, sex=sex, condition=condition, age_min=ages[0], age_max=ages[1])
    return DailyTarget(nutrient="magnesium", life_stage=stage, kind="RDA", amount=Amount(value=mg, unit="mg"))


def targets() -> list[DailyTarget]:
    """Magnesium only (potassium has no reference intake here): children of either sex
    1-3 y, women and men 19-30 and 31 y on, and pregnancy 19-30 y."""
    return [
        _magnesium("1-3 y", "any", "none", (1.0, 3.0), 80.0),
        _magnesium("19-30 y", "female", "none", (19.0, 30.0), 310.0),
        _magnesium("31+ y", "female", "none", (31.0, None), 320.0),
        _magnesium("19-30 y", "male", "none", (19.0, 30.0), 400.0),
        _magnesium("31+ y", "male", "none", (31.0, None), 420.0),
        _magnesium("19-30 y", "female", "pregnancy", (19.0, 30.0), 350.0),
    ]


def lab_tests() -> list[LabTest]:
    loinc = Code(system="LOINC", code="19123-9", label="Magnesium [Mass/volume] in Serum or Plasma")
    water = Code(system="LOINC", code="2951-2", label="Sodium [Moles/volume] in Serum or Plasma")
    return [
        LabTest(id="serum-mg", name="Serum Mg", code=loinc, measures="Mg", verified_in="test", nutrient="magnesium"),
        LabTest(id="serum-na", name="Serum Na", code=water, measures="Na", verified_in="test", factors=["diuretics"]),
    ]


def red_flags() -> list[RedFlag]:
    return [
        RedFlag(
            id="swollen-calf",
            name="One swollen calf",
            level="seek-care-now",
            description="A swollen, painful calf.",
            advice="Get help now.",
            aliases=["calf swelling"],
            citations=["leaflet"],
        ),
        RedFlag(
            id="numb-feet",
            name="Numb or tingling feet",
            level="see-a-clinician-soon",
            description="Tingling that stays.",
            advice="See a clinician soon.",
            symptoms=["tingling"],
            citations=["leaflet"],
        ),
        RedFlag(
            id="diuretic-weakness",
            name="Weakness on a diuretic",
            level="see-a-clinician-soon",
            description="Weakness in someone on water pills.",
            advice="See a clinician soon.",
            factors=["diuretics"],
            signs=["weakness"],
            citations=["leaflet"],
        ),
        RedFlag(
            id="diuretic-cramps",
            name="Cramps on a diuretic",
            level="see-a-clinician-soon",
            description="Cramps in someone on water pills.",
            advice="Ask whether the diuretic is to blame.",
            factors=["diuretics"],
            symptoms=["muscle-cramps"],
            citations=["trial-2024"],
        ),
    ]


def person_data() -> PersonData:
    care = SelfCare(advice=["Stretch the calf.", "Drink water."], citations=["leaflet"])
    return PersonData(
        targets=DailyTargets(targets(), file="intakes.json"),
        tests=LabTestIndex(lab_tests(), file="lab_tests.json"),
        flags=RedFlags(red_flags(), care, file="red_flags.json"),
    )


def tiny_kb() -> KnowledgeBase:
    """The tiny knowledge base, with its own reference intakes, lab tests and red flags."""
    return KnowledgeBase(
        nutrients=nutrients(),
        symptoms=symptoms(),
        factors=factors(),
        remedies=remedies(),
        claims=claims(),
        citations=citations(),
        guidance=guidance(),
        data_version="test",
        person_data=person_data(),
    )
