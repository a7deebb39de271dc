"""Lab tests: the LOINC-coded blood tests behind each nutrient, verified in data/evidence/identifiers.csv."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

import cramps
from cramps import CodeSystem, LabTest, LabTests, UnknownTermError

IDENTIFIERS = Path(__file__).resolve().parents[1] / "data" / "evidence" / "identifiers.csv"

EXPECTED = {
    "magnesium": ["19123-9", "2601-3"],
    "potassium": ["2823-3", "6298-4"],
    "calcium": ["17861-6", "2000-8", "1994-3", "1995-0"],
    "vitamin-d": ["62292-8", "1989-3"],
    "vitamin-b12": ["2132-9"],
    "thiamin": ["32554-8", "2998-3"],
    "sodium": ["2951-2"],
    "vitamin-k": [],
    "vitamin-k2": [],
}


@pytest.mark.parametrize(("nutrient", "codes"), EXPECTED.items())
def test_tests_for_each_nutrient(nutrient: str, codes: list[str]) -> None:
    tests = cramps.lab_tests_for(nutrient)
    assert isinstance(tests, LabTests)
    assert [test.loinc for test in tests] == codes
    for test in tests:
        assert test.nutrient == nutrient
        assert test.code.system is CodeSystem.LOINC
        assert test.verified_in
    assert tests.disclaimer == cramps.DISCLAIMER


def test_names_aliases_codes_and_records_are_accepted() -> None:
    by_alias = cramps.lab_tests_for("Mg")
    assert by_alias == cramps.lab_tests_for("magnesium")
    assert by_alias == cramps.lab_tests_for(cramps.nutrient("magnesium"))
    assert by_alias == cramps.lab_tests_for("HP:0002917")


def test_secondary_only_codes_say_so() -> None:
    tests = {test.loinc: test for test in cramps.lab_tests_for("magnesium") + cramps.lab_tests_for("vitamin D")}
    assert any("secondary" in caveat for caveat in tests["2601-3"].caveats)
    assert any("secondary" in caveat for caveat in tests["62292-8"].caveats)
    assert not tests["19123-9"].caveats


def test_calcidiol_is_d3_only() -> None:
    (d3,) = [test for test in cramps.lab_tests_for("vitamin-d") if test.loinc == "1989-3"]
    assert any("D3" in caveat and "only" in caveat for caveat in d3.caveats)


@pytest.mark.parametrize(
    ("condition", "codes"),
    [("thyroid disorders", ["3016-3"]), ("diabetes", ["4548-4", "1558-6"]), ("kidney disease", ["2160-0", "14682-9"])],
)
def test_tests_for_conditions(condition: str, codes: list[str]) -> None:
    tests = cramps.lab_tests_for(condition)
    assert [test.loinc for test in tests] == codes
    assert all(test.nutrient is None for test in tests)
    assert cramps.lab_tests_for(cramps.factor(condition)) == tests


def test_a_factor_without_tests_gives_none() -> None:
    assert cramps.lab_tests_for("statins") == ()


def test_every_code_and_label_is_verbatim_from_the_identifiers_file() -> None:
    with IDENTIFIERS.open(encoding="utf-8", newline="") as handle:
        rows = {(row["system"], row["code"]): row for row in csv.DictReader(handle)}
    tests = cramps.default_kb().person_data.tests
    assert len(tests) == len({test.loinc for test in tests})
    for test in tests:
        row = rows[("LOINC", test.loinc)]
        assert test.code.label == row["label"]
        assert test.verified_in == row["verified_in"]
    loinc_rows = {code for system, code in rows if system == "LOINC"}
    assert {test.loinc for test in tests} == loinc_rows


def test_lab_test_citations_exist() -> None:
    kb = cramps.default_kb()
    for test in kb.person_data.tests:
        for citation in test.citations:
            assert kb.citation(citation).id == citation


def test_unknown_subjects_raise_with_suggestions() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.lab_tests_for("magnesum")
    assert caught.value.kind == "nutrient or condition"
    assert "Magnesium" in caught.value.suggestions


@pytest.mark.parametrize(("subject", "error"), [("", ValueError), (None, TypeError), (3, TypeError)])
def test_bad_subjects(subject: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        cramps.lab_tests_for(subject)


def test_lab_tests_round_trip_and_serialise_as_lists() -> None:
    tests = cramps.lab_tests_for("calcium")
    data = cramps.to_dict(tests)
    assert isinstance(data, list)
    assert [cramps.from_dict(LabTest, item) for item in data] == list(tests)


def test_a_lab_test_code_must_be_loinc() -> None:
    code = cramps.Code(system="HPO", code="HP:0002917", label="Hypomagnesemia")
    with pytest.raises(ValueError, match="LOINC"):
        LabTest(id="x", name="X", code=code, measures="m", verified_in="v")
