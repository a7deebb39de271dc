"""The shipped knowledge base: its census, and the facts users rely on."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import cramps
from cramps import Direction, Grade, KnowledgeBase, Relation


@pytest.fixture(scope="module")
def shipped() -> KnowledgeBase:
    return cramps.default_kb()


def test_census(shipped: KnowledgeBase) -> None:
    """Pinned on purpose; after a data update recompute with
    ``python -c "import cramps; kb = cramps.default_kb(); print({n: len(getattr(kb, n)) for n in
    ('nutrients', 'symptoms', 'factors', 'remedies', 'claims', 'citations', 'guidance')}, kb.data_version)"``
    and record the update in CHANGELOG.md."""
    counts = {
        n: len(getattr(shipped, n))
        for n in ("nutrients", "symptoms", "factors", "remedies", "claims", "citations", "guidance")
    }
    assert counts == {
        "nutrients": 9,
        "symptoms": 23,
        "factors": 38,
        "remedies": 15,
        "claims": 125,
        "citations": 82,
        "guidance": 9,
    }
    assert shipped.data_version == "2026.12.05"


@pytest.mark.parametrize(
    ("lookup", "name", "expected"),
    [
        ("nutrient", "Mg", "magnesium"),
        ("nutrient", "thiamine", "thiamin"),
        ("nutrient", "vitamin b1", "thiamin"),
        ("nutrient", "Vitamin B-12", "vitamin-b12"),
        ("nutrient", "cobalamin", "vitamin-b12"),
        ("nutrient", "menaquinone", "vitamin-k2"),
        ("symptom", "charley horse", "leg-cramps"),
        ("symptom", "nocturnal leg cramps", "nocturnal-leg-cramps"),
        ("symptom", "HP:0003394", "muscle-cramps"),
        ("symptom", "pins and needles", "tingling"),
        ("factor", "water pills", "diuretics"),
        ("factor", "statin", "statins"),
        ("remedy", "P01BC01", "quinine"),
        ("remedy", "c08db01", "calcium-channel-blockers"),
    ],
)
def test_everyday_names_resolve(shipped: KnowledgeBase, lookup: str, name: str, expected: str) -> None:
    assert getattr(shipped, lookup)(name).id == expected


def test_leg_cramps_are_led_by_magnesium_and_potassium(shipped: KnowledgeBase) -> None:
    top = [r.record.id for r in shipped.nutrients_for_symptom("leg cramps", limit=3)]
    assert {"magnesium", "potassium"} <= set(top)


def test_every_reason_names_a_known_citation(shipped: KnowledgeBase) -> None:
    for result in shipped.rank(["leg cramps", "tingling", "fatigue", "muscle weakness"]):
        assert result.reasons
        for reason in result.reasons:
            assert reason.citations
            for citation_id in reason.citations:
                shipped.citation(citation_id)


def test_every_nutrient_is_described_with_sources_or_says_why_not(shipped: KnowledgeBase) -> None:
    for nutrient in shipped.nutrients:
        assert nutrient.role
        assert nutrient.summary
        assert nutrient.typical_sources or any("source" in note for note in nutrient.notes), nutrient.id


def test_weak_advice_is_marked_weak(shipped: KnowledgeBase) -> None:
    """Magnesium supplements for idiopathic cramps in older adults: a review found no effect."""
    null = [
        c
        for c in shipped.claims_about("magnesium")
        if c.relation is Relation.TREATS and c.direction is Direction.NO_EFFECT
    ]
    assert null
    assert null[0].grade is Grade.A
    assert "older adults" in (null[0].context or "")


def test_vitamin_k2_evidence_is_emerging(shipped: KnowledgeBase) -> None:
    grades = {c.grade for c in shipped.claims_about("vitamin-k2")}
    assert grades
    assert grades <= {Grade.B, Grade.C, Grade.D, Grade.E}


def test_prevalence_and_blood_test_advice(shipped: KnowledgeBase) -> None:
    prevalence = [c for c in shipped.claims if c.relation is Relation.PREVALENCE]
    assert any("60" in c.statement for c in prevalence)
    assert any("blood test" in g.text.lower() for g in shipped.guidance)


def test_b12_and_thiamin_reach_nerve_symptoms(shipped: KnowledgeBase) -> None:
    ids = [r.record.id for r in shipped.nutrients_for_symptom("tingling")]
    assert {"vitamin-b12", "thiamin"} <= set(ids)


def test_relief_starts_with_immediate_actions(shipped: KnowledgeBase) -> None:
    ranking = shipped.relief_for("leg cramps")
    assert ranking[0].record.kind is cramps.RemedyKind.IMMEDIATE
    ids = [r.record.id for r in ranking]
    assert {"stretch-the-muscle", "massage", "heat"} <= set(ids)
    quinine = ranking[ids.index("quinine")]
    assert quinine.record.kind is cramps.RemedyKind.MEDICAL
    assert quinine.record.caution


def test_the_default_knowledge_base_is_loaded_once(shipped: KnowledgeBase) -> None:
    assert cramps.default_kb() is shipped


def test_every_packaged_code_is_verified_in_the_identifiers_file(shipped: KnowledgeBase) -> None:
    identifiers = Path(__file__).resolve().parents[1] / "data" / "evidence" / "identifiers.csv"
    with identifiers.open(encoding="utf-8", newline="") as handle:
        verified = {(row[0], row[1]) for row in csv.reader(handle) if len(row) > 1}
    records = [*shipped.nutrients, *shipped.symptoms, *shipped.factors, *shipped.remedies]
    codes = {(code.system.value, code.code) for record in records for code in getattr(record, "codes", ())}
    assert ("ATC", "P01BC01") in codes
    assert codes <= verified
