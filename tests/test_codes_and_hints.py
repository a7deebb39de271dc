"""System-prefixed codes ("ICD-10-CM:K74.60") are accepted wherever codes are, and
unknown-term messages point to the function that would help."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import cramps
from cramps import CodeSystem, KnowledgeBase, UnknownTermError
from cramps.codes import Code, prefixed, split_code
from cramps.errors import where_to_look
from cramps.factors import FactorKind

SOURCES = Path(__file__).resolve().parents[1] / "src" / "cramps"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return cramps.default_kb()


def _coded(kb: KnowledgeBase, collection: str) -> list[tuple[Any, Code]]:
    return [(record, code) for record in getattr(kb, collection) for code in record.codes]


def _forms(code: Code) -> list[str]:
    """The prefixed spellings of ``code`` that must name what the bare code names."""
    return [
        f"{code.system.value}:{code.code}",
        f"{code.system.value.lower()}: {code.code.lower()}",
        prefixed(code),
    ]


LOOKUPS = {
    "nutrients": cramps.nutrient,
    "symptoms": cramps.symptom,
    "factors": cramps.factor,
    "remedies": cramps.remedy,
}


# -- the helper ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("ICD-10-CM:K74.60", (CodeSystem.ICD10CM, "K74.60")),
        ("icd-10-cm: k74.60", (CodeSystem.ICD10CM, "k74.60")),
        ("ICD10CM : K74.60", (CodeSystem.ICD10CM, "K74.60")),
        ("ATC:C03CA01", (CodeSystem.ATC, "C03CA01")),
        ("LOINC:19123-9", (CodeSystem.LOINC, "19123-9")),
        ("usda-sr:304", (CodeSystem.USDA_SR, "304")),
        ("FDC: 1090", (CodeSystem.FDC, "1090")),
        ("HP:0003394", (CodeSystem.HPO, "HP:0003394")),
        ("HPO:HP:0003394", (CodeSystem.HPO, "HP:0003394")),
        ("hpo: hp: 0003394", (CodeSystem.HPO, "HP:0003394")),
        ("HPO:0003394", (CodeSystem.HPO, "HP:0003394")),
        ("CHEBI:18420", (CodeSystem.CHEBI, "CHEBI:18420")),
        ("ChEBI:CHEBI:18420", (CodeSystem.CHEBI, "CHEBI:18420")),
        ("K74.60", (None, "K74.60")),
        ("magnesium", (None, "magnesium")),
        ("note: calf pain", (None, "note: calf pain")),
        ("ATC:", (None, "ATC:")),
        (":K74.60", (None, ":K74.60")),
    ],
)
def test_split_code(term: str, expected: tuple[CodeSystem | None, str]) -> None:
    assert split_code(term) == expected


def test_prefixed_codes_read_back(kb: KnowledgeBase) -> None:
    for collection in LOOKUPS:
        for _record, code in _coded(kb, collection):
            system, rest = split_code(prefixed(code))
            assert (system, rest) == (code.system, code.code)


# -- every code of every record, prefixed -------------------------------------------------


@pytest.mark.parametrize("collection", sorted(LOOKUPS))
def test_every_prefixed_code_names_its_record(kb: KnowledgeBase, collection: str) -> None:
    lookup = LOOKUPS[collection]
    coded = _coded(kb, collection)
    assert coded or collection == "remedies"
    for record, code in coded:
        assert lookup(code.code) == record
        for form in _forms(code):
            assert lookup(form) == record, form


@pytest.mark.parametrize("collection", sorted(LOOKUPS))
def test_search_finds_a_record_by_its_prefixed_code(kb: KnowledgeBase, collection: str) -> None:
    for record, code in _coded(kb, collection):
        for form in _forms(code):
            best = [hit for hit in cramps.search(form, limit=None) if hit.score == 1.0]
            assert record in [hit.record for hit in best], form
            assert all(split_code(hit.matched)[0] is code.system for hit in best)


def test_search_by_a_prefixed_code_matches_that_system_only() -> None:
    assert cramps.search("ATC:K74.60") == ()
    hits = cramps.search("atc: c03ca")
    assert hits[0].record.id == "loop-diuretics"
    assert all(hit.matched.startswith("ATC:") for hit in hits)


def test_every_prefixed_factor_code_goes_into_a_profile(kb: KnowledgeBase) -> None:
    for factor, code in _coded(kb, "factors"):
        field = "medications" if factor.kind is FactorKind.MEDICATION else "conditions"
        if factor.kind is FactorKind.LIFESTYLE:
            continue
        for form in _forms(code):
            given: dict[str, Any] = {field: [form]}
            made = kb.profile(sex="female", **given)
            if factor.id == "pregnancy":
                assert made.pregnant
            else:
                assert getattr(made, field) == (factor.id,), form


def test_every_prefixed_symptom_code_is_triaged_and_ranked(kb: KnowledgeBase) -> None:
    for symptom, code in _coded(kb, "symptoms"):
        bare = kb.triage([code.code])
        ranked = kb.nutrients_for_symptom(code.code)
        for form in _forms(code):
            assert kb.triage([form]) == bare, form
            assert symptom.id in kb.triage(form).symptoms
            assert kb.nutrients_for_symptom(form) == ranked, form
            assert kb.read(form).symptoms == (symptom.id,) or symptom.id in kb.read(form).symptoms


def test_every_prefixed_red_flag_code_raises_its_flag(kb: KnowledgeBase) -> None:
    coded = [(flag, code) for flag in kb.red_flags for code in flag.codes]
    assert coded
    for flag, code in coded:
        assert flag in kb.triage([code.code]).flags
        for form in _forms(code):
            assert flag in kb.triage([form]).flags, form
            assert kb.triage([form]).unrecognised == ()


def test_every_prefixed_loinc_code_finds_lab_tests(kb: KnowledgeBase) -> None:
    for nutrient, code in _coded(kb, "nutrients"):
        if code.system is CodeSystem.LOINC:
            for form in _forms(code):
                assert kb.lab_tests_for(form) == kb.lab_tests_for(nutrient.id)
    read = 0
    for test in kb.person_data.tests:
        if test.nutrient is None:
            continue
        unit = test.reference_range.unit if test.reference_range else None
        if unit is None:
            continue
        for form in _forms(test.code):
            assert kb.lab_result(form, 1.0, unit).test == test, form
        read += 1
    assert read


# -- the wrong system ---------------------------------------------------------------------


def _wrong_systems(kb: KnowledgeBase, collection: str) -> Iterator[tuple[Any, Code, CodeSystem]]:
    carried = {(code.system, code.code.casefold()) for _record, code in _coded(kb, collection)}
    for record, code in _coded(kb, collection):
        for other in CodeSystem:
            bare = code.code.split(":", 1)[1] if code.system in (CodeSystem.HPO, CodeSystem.CHEBI) else code.code
            if other is not code.system and (other, bare.casefold()) not in carried:
                yield record, code, other


@pytest.mark.parametrize("collection", sorted(LOOKUPS))
def test_a_code_prefixed_with_another_system_names_nothing(kb: KnowledgeBase, collection: str) -> None:
    lookup, kind = LOOKUPS[collection], collection[:-1] if collection != "remedies" else "remedy"
    for _record, code, other in _wrong_systems(kb, collection):
        bare = code.code.split(":", 1)[1] if code.system in (CodeSystem.HPO, CodeSystem.CHEBI) else code.code
        with pytest.raises(UnknownTermError) as caught:
            lookup(f"{other.value}:{bare}")
        assert caught.value.kind == kind
        assert f"no {kind} has the {other.value} code" in str(caught.value)


def test_the_four_examples_through_the_public_functions() -> None:
    assert cramps.profile(conditions=["ICD-10-CM:K74.60"]).conditions == ("cirrhosis",)
    assert cramps.profile(conditions=["icd-10-cm: k74.60"]).conditions == ("cirrhosis",)
    assert (
        cramps.profile(medications=["ATC:C03CA01"]).medications == cramps.profile(medications=["C03CA01"]).medications
    )
    assert cramps.lab_result("LOINC:19123-9", 2.0, "mg/dL").test.loinc == "19123-9"
    assert cramps.lab_result("loinc: 19123-9", 2.0, "mg/dL").test.loinc == "19123-9"
    assert cramps.lab_tests_for("LOINC:19123-9") == cramps.lab_tests_for("magnesium")
    for form in ("HP:0003394", "HPO:HP:0003394", "hpo: 0003394"):
        assert cramps.symptom(form).id == "muscle-cramps"
        assert cramps.triage([form]).symptoms == ("muscle-cramps",)
        assert cramps.nutrients_for_symptom(form) == cramps.nutrients_for_symptom("muscle cramps")


def test_a_wrong_system_is_named_in_the_error() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.factor("ATC:K74.60")
    message = str(caught.value)
    assert "no factor has the ATC code 'K74.60'" in message
    assert "'K74.60' is the ICD-10-CM code of" in message
    with pytest.raises(UnknownTermError) as caught:
        cramps.profile(conditions=["ATC:K74.60"])
    assert caught.value.kind == "condition"
    assert "no condition has the ATC code 'K74.60'" in str(caught.value)
    with pytest.raises(UnknownTermError, match="no symptom has the ATC code"):
        cramps.nutrients_for_symptom("ATC:R25.2")
    with pytest.raises(UnknownTermError, match="not by ATC code"):
        cramps.lab_result("ATC:19123-9", 2.0, "mg/dL")
    triaged = cramps.triage(["ATC:I82.40"])
    assert triaged.flags == ()
    assert triaged.unrecognised == ("ATC:I82.40",)
    assert cramps.read("ATC:K74.60").unrecognised == ("ATC:K74.60",)


def test_a_close_prefixed_code_is_suggested() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.factor("ATC:C03CA0")
    assert "ATC:C03CA01" in caught.value.suggestions


# -- hints --------------------------------------------------------------------------------


def test_an_unknown_food_points_to_search_foods() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.food("zzzz")
    assert "cramps.search_foods()" in str(caught.value)
    assert "cramps.search()" not in str(caught.value)


def test_lab_tests_for_says_what_it_takes_and_what_a_symptom_is() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.lab_tests_for("tingling")
    message = str(caught.value)
    assert caught.value.kind == "nutrient or condition"
    assert message.startswith("unknown nutrient or condition: 'tingling'")
    assert "'tingling' is a symptom" in message
    assert "cramps.nutrients_for_symptom()" in message
    assert "cramps.lab_tests_for(nutrient)" in message
    with pytest.raises(UnknownTermError) as caught:
        cramps.lab_tests_for("magnesum")
    assert "Magnesium" in caught.value.suggestions
    with pytest.raises(UnknownTermError, match=re.escape("cramps.lab_tests_for('thyroid-disorders')")):
        cramps.lab_tests_for("LOINC:3016-3")


def test_daily_target_says_what_a_symptom_or_medication_is() -> None:
    person = cramps.profile(age=40, sex="female")
    with pytest.raises(UnknownTermError, match=r"'tingling' is a symptom.*cramps\.nutrients_for_symptom"):
        cramps.daily_target("tingling", person)
    with pytest.raises(UnknownTermError, match=r"'furosemide' is a medication.*cramps\.factor\(\)"):
        cramps.daily_target("furosemide", person)


def test_a_nutrient_or_medication_given_as_a_symptom() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.nutrients_for_symptom("magnesium")
    assert caught.value.kind == "symptom"
    assert "'magnesium' is a nutrient, not a symptom" in str(caught.value)
    with pytest.raises(UnknownTermError, match="'magnesium' is a nutrient, not a symptom"):
        cramps.relief_for("magnesium")
    with pytest.raises(UnknownTermError, match=r"'furosemide' is a medication .*not a symptom.*cramps\.profile"):
        cramps.relief_for("furosemide")


@pytest.mark.parametrize(
    ("fields", "phrase"),
    [
        ({"conditions": ["omeprazole"]}, "is a medication (Proton pump inhibitors (PPIs)): give it in medications"),
        ({"medications": ["ICD-10-CM:K74.60"]}, "is a medical condition (Liver cirrhosis): give it in conditions"),
        ({"conditions": ["vegan diet"]}, "is a lifestyle factor: set diet='vegan'"),
        ({"conditions": ["cramps"]}, "is a symptom (Muscle cramps), not a medication or condition"),
        ({"medications": ["magnesium"]}, "is a nutrient, not a medication or condition"),
    ],
)
def test_a_profile_name_in_the_wrong_place(fields: dict[str, list[str]], phrase: str) -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.profile(**fields)  # type: ignore[arg-type]
    assert phrase in str(caught.value)


def test_lab_result_for_a_nutrient_name_points_to_lab_tests_for() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.lab_result("magnesium", 2.0, "mg/dL")
    assert "'magnesium' is a nutrient; see cramps.lab_tests_for('magnesium')" in str(caught.value)


# -- every function a hint names exists ---------------------------------------------------


def _kinds_in_sources() -> set[str]:
    """The kinds every ``UnknownTermError(term, "kind", ...)`` in the package names."""
    kinds: set[str] = set()
    for path in SOURCES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "UnknownTermError"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                kinds.add(node.args[1].value)
    return kinds


#: Kinds made at run time: name indexes, profile fields, lab_tests_for.
DYNAMIC_KINDS = {
    "nutrient",
    "symptom",
    "factor",
    "remedy",
    "red flag",
    "medication",
    "condition",
    "nutrient or condition",
    "nutrient or factor",
}

_REFERENCE = re.compile(r"cramps(?:\.[A-Za-z_]\w*(?:\([^()]*\))?)+")
_PART = re.compile(r"\.([A-Za-z_]\w*)(\([^()]*\))?")


def _check_reference(reference: str) -> None:
    """Resolve ``cramps.a().b.c()`` on the cramps module: calling each call but the last
    (which must name something callable)."""
    parts = _PART.findall(reference[len("cramps") :])
    value: Any = cramps
    for position, (name, call) in enumerate(parts):
        assert hasattr(value, name), f"{reference}: no {name!r} on {value!r}"
        value = getattr(value, name)
        if call:
            assert callable(value), reference
            if position < len(parts) - 1:
                assert call == "()", reference
                value = value()


def _messages(kb: KnowledgeBase) -> Iterator[str]:
    for kind in sorted(_kinds_in_sources() | DYNAMIC_KINDS):
        yield str(UnknownTermError("zzzz", kind))
        yield where_to_look(kind)
    person = kb.profile(age=40, sex="female")
    calls: list[Callable[[], object]] = [
        lambda: kb.food("zzzz"),
        lambda: kb.foods_rich_in("magnesium", groups=["zzzz"]),
        lambda: kb.lab_tests_for("tingling"),
        lambda: kb.lab_tests_for("stretching"),
        lambda: kb.lab_tests_for("LOINC:3016-3"),
        lambda: kb.lab_tests_for("ATC:K74.60"),
        lambda: kb.daily_target("tingling", person),
        lambda: kb.daily_target("furosemide", person),
        lambda: kb.daily_target("stretching", person),
        lambda: kb.relief_for("magnesium"),
        lambda: kb.relief_for("furosemide"),
        lambda: kb.relief_for("stretching"),
        lambda: kb.nutrients_for_symptom("magnesium"),
        lambda: kb.profile(conditions=["omeprazole"]),
        lambda: kb.profile(conditions=["vegan diet"]),
        lambda: kb.profile(conditions=["cramps"]),
        lambda: kb.profile(medications=["magnesium"]),
        lambda: kb.profile(conditions=["ATC:K74.60"]),
        lambda: kb.lab_result("magnesium", 1.0, "mg/dL"),
        lambda: kb.lab_result("ATC:C03CA01", 1.0, "mg/dL"),
        lambda: kb.lab_result("LOINC:2160-0", 1.0, "mg/dL"),
        lambda: kb.claim("zzzz"),
        lambda: kb.citation("zzzz"),
        lambda: cramps.scoring.unregister("zzzz"),
    ]
    for call in calls:
        with pytest.raises(UnknownTermError) as caught:
            call()
        yield str(caught.value)


def test_every_function_a_hint_names_exists(kb: KnowledgeBase) -> None:
    references = set()
    for message in _messages(kb):
        references.update(_REFERENCE.findall(message))
    assert {"cramps.search()", "cramps.search_foods()", "cramps.nutrients_for_symptom()"} <= references
    for reference in sorted(references):
        _check_reference(reference)


def test_each_kind_is_sent_where_its_names_are_found() -> None:
    assert "cramps.search_foods()" in where_to_look("food")
    assert "cramps.default_kb().foods.groups()" in where_to_look("food group")
    assert "cramps.lab_tests_for()" in where_to_look("LOINC code")
    assert "cramps.scoring.names()" in where_to_look("scorer")
    for kind in ("nutrient", "symptom", "factor", "remedy", "medication", "condition"):
        assert where_to_look(kind) == f"see cramps.search() for the known {kind} names"
    assert str(UnknownTermError("zzzz", "nutrient")).endswith("see cramps.search() for the known nutrient names")
