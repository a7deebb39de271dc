"""Blood tests a clinician may use to confirm a deficiency, with their LOINC codes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from cramps import _fields
from cramps.codes import Code, CodeSystem, to_code
from cramps.errors import DataError
from cramps.guidance import DISCLAIMER

__all__ = ["LabTest", "LabTestIndex", "LabTests", "RangeBand", "ReferenceRange"]

#: What a value is against a reference range.
STATUSES = ("low", "normal", "high")


def _loinc(instance: object, attribute: attrs.Attribute[Code], value: Code) -> None:
    if not isinstance(value, Code) or value.system is not CodeSystem.LOINC:
        raise ValueError(f"{attribute.name} must be a LOINC code, got {value!r}")


def _finite_or_none(instance: object, attribute: attrs.Attribute[float | None], value: object) -> None:
    if value is None:
        return
    checked = _fields.number(value)  # None for an int beyond float range (10**400)
    if checked is None or checked < 0:
        raise ValueError(f"{attribute.name} must be a finite number >= 0 or None, got {_fields.shown(value)}")


@attrs.frozen(kw_only=True)
class RangeBand:
    """One named band of a reference range, such as vitamin D's "at risk of deficiency":
    the values up to ``upper`` (below it for a ``"low"`` band, up to and including it for a
    ``"normal"`` one; ``None`` for the open top band) have ``status`` and ``label``."""

    status: str = attrs.field(validator=_fields.choice(*STATUSES))
    label: str = attrs.field(validator=_fields.text)
    upper: float | None = attrs.field(default=None, validator=_finite_or_none)

    def holds(self, value: float) -> bool:
        """Whether ``value`` (in the range's unit) falls in this band."""
        if self.upper is None:
            return True
        return value < self.upper if self.status == "low" else value <= self.upper


@attrs.frozen(kw_only=True)
class ReferenceRange:
    """A typical adult reference range, in ``unit``, as a cited source gives it: a value
    below ``low`` is low, one above ``high`` is high, both ends are normal (``None``: no
    bound). ``bands`` name finer bands where the source gives them (vitamin D), lowest
    first. ``note`` says what the source adds; the reporting laboratory's own range
    always takes precedence."""

    unit: str = attrs.field(validator=_fields.text)
    low: float | None = attrs.field(default=None, validator=_finite_or_none)
    high: float | None = attrs.field(default=None, validator=_finite_or_none)
    population: str = attrs.field(default="adults", validator=_fields.text)
    bands: tuple[RangeBand, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    note: str | None = attrs.field(default=None, validator=_fields.optional_text)
    citations: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)

    def __attrs_post_init__(self) -> None:
        if self.low is None and self.high is None:
            raise ValueError("a reference range needs a low or a high bound")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        for band in self.bands:
            if not isinstance(band, RangeBand):
                raise TypeError(f"bands must hold RangeBand records, not {type(band).__name__}")

    def status(self, value: float) -> str:
        """``"low"``, ``"normal"`` or ``"high"`` for ``value`` in this range's unit."""
        if self.low is not None and value < self.low:
            return "low"
        if self.high is not None and value > self.high:
            return "high"
        return "normal"

    def band(self, value: float) -> RangeBand | None:
        """The named band ``value`` falls in, or ``None`` when the source names none."""
        return next((band for band in self.bands if band.holds(value)), None)

    def __str__(self) -> str:
        if self.low is not None and self.high is not None:
            return f"{self.low:g} to {self.high:g} {self.unit}"
        if self.low is not None:
            return f"at least {self.low:g} {self.unit}"
        return f"at most {self.high:g} {self.unit}"


def _to_range(value: ReferenceRange | dict[str, object] | None) -> ReferenceRange | None:
    if value is None or isinstance(value, ReferenceRange):
        return value
    if not isinstance(value, dict):
        raise TypeError(f"reference_range must be a ReferenceRange or a mapping, not {type(value).__name__}")
    fields = dict(value)
    bands = fields.pop("bands", ())
    if not isinstance(bands, (list, tuple)):
        raise TypeError("reference_range.bands must be a list")
    made = [band if isinstance(band, RangeBand) else RangeBand(**band) for band in bands]
    return ReferenceRange(bands=made, **fields)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class LabTest:
    """One laboratory test, identified by its LOINC code (label verbatim from LOINC).

    ``nutrient`` is the nutrient whose level it measures (``None`` for tests such as
    TSH that look for a contributing condition, whose factor ids are in ``factors``).
    ``measures`` says in plain words what is measured; ``verified_in`` where the code
    and label were confirmed; ``caveats`` anything a reader must know (a code seen only
    in secondary sources, a test that measures only part of a nutrient ...).
    ``reference_range`` is the typical adult range a cited source gives (``None`` where
    none was found); :func:`cramps.lab_result` reads a value against it.
    """

    id: str = attrs.field(validator=_fields.slug)
    name: str = attrs.field(validator=_fields.text)
    code: Code = attrs.field(converter=to_code, validator=_loinc)
    measures: str = attrs.field(validator=_fields.text)
    verified_in: str = attrs.field(validator=_fields.text)
    nutrient: str | None = attrs.field(default=None, validator=attrs.validators.optional(_fields.slug))
    factors: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    caveats: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    citations: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    #: The typical adult range a cited source gives, or ``None`` where none was found.
    reference_range: ReferenceRange | None = attrs.field(default=None, converter=_to_range)

    @property
    def loinc(self) -> str:
        """The LOINC code, such as ``"19123-9"``."""
        return self.code.code

    def __str__(self) -> str:
        return f"{self.name} (LOINC {self.code.code})"


class LabTests(tuple[LabTest, ...]):
    """A tuple of :class:`LabTest` records that carries the disclaimer."""

    __slots__ = ()

    @property
    def disclaimer(self) -> str:
        """The medical disclaimer: only a clinician can order and read these tests."""
        return DISCLAIMER


class LabTestIndex:
    """Every lab test, by the nutrient it measures and by the factors it looks for.

    ``file`` names the data file the tests came from, for the :class:`~cramps.DataError`
    raised on a duplicate id.
    """

    __slots__ = ("_by_factor", "_by_nutrient", "tests")

    def __init__(self, tests: Iterable[LabTest], *, file: str | None = None) -> None:
        self.tests = tuple(tests)
        seen: set[str] = set()
        by_nutrient: dict[str, list[LabTest]] = {}
        by_factor: dict[str, list[LabTest]] = {}
        for test in self.tests:
            if test.id in seen:
                raise DataError("duplicate lab test id", file=file, record=test.id, field="id")
            seen.add(test.id)
            if test.nutrient is not None:
                by_nutrient.setdefault(test.nutrient, []).append(test)
            for factor_id in test.factors:
                by_factor.setdefault(factor_id, []).append(test)
        self._by_nutrient = {key: LabTests(value) for key, value in by_nutrient.items()}
        self._by_factor = {key: LabTests(value) for key, value in by_factor.items()}

    def __iter__(self) -> Iterator[LabTest]:
        return iter(self.tests)

    def __len__(self) -> int:
        return len(self.tests)

    def for_nutrient(self, nutrient_id: str) -> LabTests:
        """The tests that measure the nutrient with this id (empty if none)."""
        return self._by_nutrient.get(nutrient_id, LabTests())

    def for_factor(self, factor_id: str) -> LabTests:
        """The tests that look for the factor (a condition) with this id (empty if none)."""
        return self._by_factor.get(factor_id, LabTests())
