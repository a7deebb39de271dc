"""Lab results: exact unit conversion, and the status against cited typical adult ranges."""

from __future__ import annotations

import pytest

import cramps
from cramps import LabUnitError, UnknownTermError

# exact factors from the molar masses and charges documented in cramps.lab_results
MG, K, CA, NA = 24.305, 39.0983, 40.078, 22.98976928
D3 = 27 * 12.011 + 44 * 1.008 + 2 * 15.999
B12 = 63 * 12.011 + 88 * 1.008 + 58.933194 + 14 * 14.007 + 14 * 15.999 + 30.973761998


@pytest.mark.parametrize(
    ("loinc", "value", "unit", "to", "expected"),
    [
        ("19123-9", 1.0, "mg/dL", "mmol/L", 10 / MG),
        ("19123-9", 1.0, "mg/dL", "mEq/L", 2 * 10 / MG),
        ("2601-3", 1.0, "mmol/L", "mEq/L", 2.0),
        ("2823-3", 4.0, "mEq/L", "mmol/L", 4.0),
        ("2823-3", 4.0, "mmol/L", "mg/dL", 4.0 * K / 10),
        ("17861-6", 9.0, "mg/dL", "mmol/L", 9.0 * 10 / CA),
        ("17861-6", 9.0, "mg/dL", "mEq/L", 9.0 * 20 / CA),
        ("2951-2", 140.0, "mEq/L", "mmol/L", 140.0),
        ("2951-2", 140.0, "mmol/L", "mg/dL", 140.0 * NA / 10),
        ("62292-8", 20.0, "ng/mL", "nmol/L", 20.0 * 1000 / D3),
        ("62292-8", 50.0, "nmol/L", "ng/mL", 50.0 * D3 / 1000),
        ("2132-9", 200.0, "pg/mL", "pmol/L", 200.0 * 1000 / B12),
        ("2132-9", 148.0, "pmol/L", "pg/mL", 148.0 * B12 / 1000),
        ("2132-9", 300.0, "pg/mL", "ng/L", 300.0),
    ],
)
def test_conversions_by_exact_factors(loinc: str, value: float, unit: str, to: str, expected: float) -> None:
    result = cramps.lab_result(loinc, value, unit)
    assert result.value_in(to) == pytest.approx(expected, rel=1e-12)
    assert cramps.lab_result(loinc, result.value_in(to), to).value_in(unit) == pytest.approx(value, rel=1e-12)


def test_factors_are_the_usual_ones() -> None:
    assert cramps.lab_result("62292-8", 1, "ng/mL").value_in("nmol/L") == pytest.approx(2.496, abs=5e-4)
    assert cramps.lab_result("2132-9", 1, "pg/mL").value_in("pmol/L") == pytest.approx(0.7378, abs=5e-4)
    assert cramps.lab_result("19123-9", 1, "mg/dL").value_in("mmol/L") == pytest.approx(0.4114, abs=5e-4)


@pytest.mark.parametrize(
    ("loinc", "value", "unit", "status"),
    [
        ("19123-9", 1.69, "mg/dL", "low"),
        ("19123-9", 1.7, "mg/dL", "normal"),
        ("19123-9", 2.2, "mg/dL", "normal"),
        ("19123-9", 2.21, "mg/dL", "high"),
        ("2601-3", 0.85, "mmol/L", "normal"),
        ("2601-3", 0.84, "mmol/L", "low"),
        ("19123-9", 1.7 * 2 * 10 / MG, "mEq/L", "normal"),
        ("2823-3", 3.69, "mmol/L", "low"),
        ("2823-3", 3.7, "mEq/L", "normal"),
        ("2823-3", 5.2, "mmol/L", "normal"),
        ("2823-3", 5.3, "mmol/L", "high"),
        ("17861-6", 8.4, "mg/dL", "low"),
        ("17861-6", 10.2, "mg/dL", "normal"),
        ("2000-8", 2.0, "mmol/L", "low"),
        ("1995-0", 1.19, "mmol/L", "low"),
        ("1995-0", 1.4, "mmol/L", "normal"),
        ("2951-2", 134, "mmol/L", "low"),
        ("2951-2", 135, "mEq/L", "normal"),
        ("2951-2", 146, "mEq/L", "high"),
        ("62292-8", 19.9, "ng/mL", "low"),
        ("62292-8", 20, "ng/mL", "normal"),
        ("62292-8", 50, "ng/mL", "normal"),
        ("62292-8", 50.1, "ng/mL", "high"),
        ("62292-8", 20 * 1000 / D3, "nmol/L", "normal"),
        ("1989-3", 49.0, "nmol/L", "low"),
        ("2132-9", 199, "pg/mL", "low"),
        ("2132-9", 200, "pg/mL", "normal"),
        ("2132-9", 901, "pg/mL", "high"),
    ],
)
def test_status_at_the_boundaries(loinc: str, value: float, unit: str, status: str) -> None:
    result = cramps.lab_result(loinc, value, unit)
    assert result.status == status
    assert "laborator" in result.note


@pytest.mark.parametrize(
    ("value", "band"),
    [(11.9, "at risk of deficiency"), (12, "some at risk of inadequacy"), (20, "sufficient for practically everyone"),
     (50, "sufficient for practically everyone"), (51, "may be reason for concern")],
)  # fmt: skip
def test_vitamin_d_bands(value: float, band: str) -> None:
    found = cramps.lab_result("62292-8", value, "ng/mL").band
    assert found is not None
    assert found.label == band


def test_every_range_is_cited() -> None:
    kb = cramps.default_kb()
    citations = {citation.id for citation in kb.citations}
    with_range = [test for test in kb.person_data.tests if test.reference_range is not None]
    assert len(with_range) >= 10
    for test in with_range:
        assert test.reference_range is not None
        assert test.reference_range.citations
        assert set(test.reference_range.citations) <= citations


def test_a_test_without_a_range_has_no_status() -> None:
    result = cramps.lab_result("32554-8", 120, "nmol/L")
    assert result.status is None
    assert result.band is None
    assert "No typical adult range" in result.note
    with pytest.raises(LabUnitError):
        cramps.lab_result("32554-8", 120, "ug/L")


@pytest.mark.parametrize("loinc", ["LOINC:19123-9", "loinc: 19123-9", "serum-magnesium", " 19123-9 "])
def test_codes_with_a_system_prefix_or_the_test_id(loinc: str) -> None:
    assert cramps.lab_result(loinc, 2.0, "mg/dL").test.loinc == "19123-9"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("99999-9", 1.0, "mg/dL"), UnknownTermError),
        (("2160-0", 1.0, "mg/dL"), UnknownTermError),
        (("2132-9", 300.0, "mg/dL"), LabUnitError),
        (("19123-9", 1.0, "furlongs"), LabUnitError),
        (("62292-8", 30.0, "mmol/L"), LabUnitError),
        (("19123-9", -1.0, "mg/dL"), ValueError),
        (("19123-9", float("nan"), "mg/dL"), ValueError),
        (("19123-9", "1.5", "mg/dL"), TypeError),
        (("19123-9", 1.5, 5), TypeError),
    ],
)
def test_bad_results_are_clear_errors(args: tuple[object, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        cramps.lab_result(*args)  # type: ignore[arg-type]


def test_unit_error_names_what_would_be_right() -> None:
    with pytest.raises(LabUnitError) as caught:
        cramps.lab_result("2132-9", 300.0, "mg/dL")
    assert caught.value.expected == ("pg/mL", "ng/L", "pmol/L")
    assert "pg/mL" in str(caught.value)
