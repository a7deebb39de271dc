"""A blood test result read against a typical adult reference range, in any unit.

:func:`cramps.lab_result` makes a :class:`LabResult` from a LOINC code, a value and a
unit. Units convert exactly, through the molar mass of what is measured and, for
milliequivalents, the ion's charge:

===============  ===============================  ==================================
analyte          units                            molar mass (g/mol), charge
===============  ===============================  ==================================
magnesium        mg/dL, mg/L, mmol/L, mEq/L       24.305 (IUPAC), 2
potassium        mg/dL, mg/L, mmol/L, mEq/L       39.0983 (IUPAC), 1
calcium          mg/dL, mg/L, mmol/L, mEq/L       40.078 (IUPAC), 2
sodium           mg/dL, mg/L, mmol/L, mEq/L       22.98976928 (IUPAC), 1
25-OH vitamin D  ng/mL, ug/L, nmol/L              400.64 (C27H44O2, 25-hydroxyvitamin D3)
vitamin B12      pg/mL, ng/L, pmol/L              1355.37 (C63H88CoN14O14P, cyanocobalamin)
thiamin          the test's own unit only         (no single molar mass: see below)
===============  ===============================  ==================================

So 1 mg/dL of magnesium is 10 / 24.305 = 0.41144 mmol/L and 0.82288 mEq/L; 1 ng/mL of
25-hydroxyvitamin D is 1000 / 400.64 = 2.4960 nmol/L; 1 pg/mL of B12 is 0.73781 pmol/L.
The molar masses are computed here from IUPAC standard atomic weights (conventional
values). Whole-blood thiamine tests measure thiamine diphosphate, whose mass and molar
units are not converted here: give the unit the test reports.

The status compares the value with the range a cited source gives for healthy adults
(:attr:`~cramps.LabTest.reference_range`), both ends normal; a value within
a millionth of a bound counts as at the bound, so that a value converted between units
does not flip its status. The reporting laboratory's own range always takes precedence.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Final

import attrs

from cramps._fields import finite_float, shown
from cramps.errors import LabUnitError
from cramps.guidance import DISCLAIMER
from cramps.lab_tests import LabTest, RangeBand

__all__ = [
    "ANALYTES",
    "LAB_RANGE_NOTE",
    "Analyte",
    "LabResult",
    "canonical_unit",
    "convert",
    "make_result",
]

#: Said with every result: the range here is typical, the laboratory's own applies.
LAB_RANGE_NOTE: Final = (
    "Typical adult range from the cited source; reference ranges differ between laboratories,"
    " and the range printed on the report of the laboratory that ran the test is the one that applies."
)

_ATOMIC: Final[Mapping[str, float]] = {
    "H": 1.008, "C": 12.011, "N": 14.007, "O": 15.999, "P": 30.973761998, "Co": 58.933194,
}  # fmt: skip


def _mass(formula: Mapping[str, int]) -> float:
    return math.fsum(_ATOMIC[element] * count for element, count in formula.items())


@attrs.frozen(kw_only=True)
class Analyte:
    """What a test measures, for unit conversion: ``molar_mass`` in g/mol (``None``: no
    conversion between mass and molar units), the ion's ``charge`` (0: no mEq/L) and the
    ``units`` it may be reported in."""

    name: str
    molar_mass: float | None
    charge: int
    units: tuple[str, ...]


#: Each nutrient's analyte, by nutrient id.
ANALYTES: Final[Mapping[str, Analyte]] = {
    "magnesium": Analyte(name="magnesium", molar_mass=24.305, charge=2, units=("mg/dL", "mg/L", "mmol/L", "mEq/L")),
    "potassium": Analyte(name="potassium", molar_mass=39.0983, charge=1, units=("mg/dL", "mg/L", "mmol/L", "mEq/L")),
    "calcium": Analyte(name="calcium", molar_mass=40.078, charge=2, units=("mg/dL", "mg/L", "mmol/L", "mEq/L")),
    "sodium": Analyte(name="sodium", molar_mass=22.98976928, charge=1, units=("mg/dL", "mg/L", "mmol/L", "mEq/L")),
    "vitamin-d": Analyte(
        name="25-hydroxyvitamin D", molar_mass=_mass({"C": 27, "H": 44, "O": 2}), charge=0,
        units=("ng/mL", "ug/L", "nmol/L"),
    ),
    "vitamin-b12": Analyte(
        name="vitamin B12",
        molar_mass=_mass({"C": 63, "H": 88, "Co": 1, "N": 14, "O": 14, "P": 1}),
        charge=0,
        units=("pg/mL", "ng/L", "pmol/L"),
    ),
    "thiamin": Analyte(name="thiamine diphosphate", molar_mass=None, charge=0, units=("nmol/L", "ug/L", "ng/mL")),
}  # fmt: skip

#: Each unit as (kind, factor): mass units in g/L, molar units in mol/L, "eq" in Eq/L.
_UNITS: Final[Mapping[str, tuple[str, float]]] = {
    "mg/dL": ("mass", 1e-2),
    "mg/L": ("mass", 1e-3),
    "ug/L": ("mass", 1e-6),
    "ng/mL": ("mass", 1e-6),
    "ng/L": ("mass", 1e-9),
    "pg/mL": ("mass", 1e-9),
    "mmol/L": ("molar", 1e-3),
    "nmol/L": ("molar", 1e-9),
    "pmol/L": ("molar", 1e-12),
    "mEq/L": ("eq", 1e-3),
}
_SPELLINGS: Final[Mapping[str, str]] = {
    **{unit.lower(): unit for unit in _UNITS},
    "mcg/l": "ug/L",
    "µg/l": "ug/L",
    "μg/l": "ug/L",
    "mg/100ml": "mg/dL",
    "millimol/l": "mmol/L",
}


def canonical_unit(unit: object) -> str:
    """``unit`` spelled as cramps spells it ("MG/DL" -> "mg/dL", "µg/L" -> "ug/L");
    :class:`LabUnitError` for a unit cramps does not convert."""
    if not isinstance(unit, str):
        raise TypeError(f"unit must be a str such as 'mg/dL', not {type(unit).__name__}")
    key = "".join(unit.split()).lower()
    found = _SPELLINGS.get(key)
    if found is None:
        known = tuple(_UNITS)
        raise LabUnitError(f"unknown unit {shown(unit)}; expected one of {', '.join(known)}", unit=unit, expected=known)
    return found


def convert(value: float, unit: str, to: str, analyte: Analyte) -> float:
    """``value`` in ``unit`` expressed in ``to``, for ``analyte`` (exact, see the module)."""
    source, target = canonical_unit(unit), canonical_unit(to)
    for spelled in (source, target):
        if spelled not in analyte.units:
            raise LabUnitError(
                f"{analyte.name} is not reported in {spelled}; use {', '.join(analyte.units)}",
                unit=spelled,
                expected=analyte.units,
            )
    if source == target:
        return value
    if analyte.molar_mass is None and _UNITS[source][0] != _UNITS[target][0]:
        raise LabUnitError(
            f"{analyte.name}: mass and molar units are not converted; give the unit the test reports",
            unit=target,
            expected=tuple(u for u in analyte.units if _UNITS[u][0] == _UNITS[source][0]),
        )
    return _to_base(value, source, analyte) / _to_base(1.0, target, analyte)


def _to_base(value: float, unit: str, analyte: Analyte) -> float:
    """``value`` in mol/L (or in g/L for a mass unit of an analyte without a molar mass)."""
    kind, factor = _UNITS[unit]
    if kind == "mass" and analyte.molar_mass is not None:
        return value * factor / analyte.molar_mass
    if kind == "eq":
        return value * factor / analyte.charge
    return value * factor


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=0.0)


@attrs.frozen(kw_only=True)
class LabResult:
    """One blood test result: the ``test`` (:class:`~cramps.lab_tests.LabTest`), the
    ``value`` and the ``unit`` it was reported in (spelled as cramps spells it).

    :meth:`value_in` converts it; :attr:`status` reads it against the test's typical
    adult range (``None`` when the sources give the test no range); :attr:`note` says
    that the reporting laboratory's own range applies.
    """

    test: LabTest
    value: float
    unit: str
    analyte: Analyte = attrs.field(repr=False)

    def value_in(self, unit: str) -> float:
        """The value in ``unit`` (any unit of the analyte: see :mod:`cramps.lab_results`)."""
        return convert(self.value, self.unit, unit, self.analyte)

    @property
    def nutrient(self) -> str | None:
        """The id of the nutrient the test measures."""
        return self.test.nutrient

    @property
    def status(self) -> str | None:
        """``"low"``, ``"normal"`` or ``"high"`` against the typical adult range; ``None``
        when the sources give this test no range."""
        found = self.test.reference_range
        if found is None:
            return None
        value = self.value_in(found.unit)
        if found.low is not None and _close(value, found.low):
            value = found.low
        if found.high is not None and _close(value, found.high):
            value = found.high
        return found.status(value)

    @property
    def band(self) -> RangeBand | None:
        """The named band the value falls in (vitamin D's "at risk of deficiency" ...), or
        ``None`` where the source names none."""
        found = self.test.reference_range
        if found is None:
            return None
        value = self.value_in(found.unit)
        for band in found.bands:
            if band.upper is not None and _close(value, band.upper):
                value = band.upper
        return found.band(value)

    @property
    def note(self) -> str:
        """That the range is typical and the reporting laboratory's own range applies."""
        if self.test.reference_range is None:
            return (
                "No typical adult range was found for this test in the sources cramps uses;"
                " read it against the range printed on the laboratory's report."
            )
        return LAB_RANGE_NOTE

    @property
    def disclaimer(self) -> str:
        """The medical disclaimer: only a clinician can interpret a result."""
        return DISCLAIMER

    def __str__(self) -> str:
        text = f"{self.test.name} (LOINC {self.test.loinc}): {self.value:g} {self.unit}"
        found = self.test.reference_range
        if found is None or self.status is None:
            return f"{text}; no typical range in cramps' sources"
        band = self.band
        label = f", {band.label}" if band is not None else ""
        return f"{text}, {self.status}{label} (typical adult range {found})"


def make_result(test: LabTest, value: object, unit: object) -> LabResult:
    """A :class:`LabResult`, with the value and unit checked (``TypeError``,
    ``ValueError`` or :class:`LabUnitError` saying what would be right)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"value must be a number, not {type(value).__name__}")
    number = finite_float(value)  # None for NaN, an infinity or an int beyond float range
    if number is None or number < 0:
        raise ValueError(f"value must be a finite number >= 0, got {shown(value)}")
    if test.nutrient is None or test.nutrient not in ANALYTES:
        raise LabUnitError(
            f"{test} looks for a condition, not a nutrient; cramps reads results only of the nutrient tests",
            unit=unit if isinstance(unit, str) else shown(unit),
            expected=(),
        )
    analyte = ANALYTES[test.nutrient]
    spelled = canonical_unit(unit)
    if spelled not in analyte.units:
        raise LabUnitError(
            f"{test} is not reported in {spelled}; use {', '.join(analyte.units)}",
            unit=spelled,
            expected=analyte.units,
        )
    if analyte.molar_mass is None:  # no conversion between mass and molar: the test's own kind only
        kind = _UNITS[spelled][0]
        wanted = "molar" if "Moles" in test.code.label else "mass"
        if kind != wanted:
            fitting = tuple(u for u in analyte.units if _UNITS[u][0] == wanted)
            raise LabUnitError(
                f"{test} reports a {wanted} concentration; use {', '.join(fitting)}", unit=spelled, expected=fitting
            )
    return LabResult(test=test, value=number, unit=spelled, analyte=analyte)
