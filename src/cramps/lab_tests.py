"""Blood tests a clinician may use to confirm a deficiency, with their LOINC codes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from cramps import _fields
from cramps.codes import Code, CodeSystem, to_code
from cramps.errors import DataError
from cramps.guidance import DISCLAIMER

__all__ = ["LabTest", "LabTestIndex", "LabTests"]


def _loinc(instance: object, attribute: attrs.Attribute[Code], value: Code) -> None:
    if not isinstance(value, Code) or value.system is not CodeSystem.LOINC:
        raise ValueError(f"{attribute.name} must be a LOINC code, got {value!r}")


@attrs.frozen(kw_only=True)
class LabTest:
    """One laboratory test, identified by its LOINC code (label verbatim from LOINC).

    ``nutrient`` is the nutrient whose level it measures (``None`` for tests such as
    TSH that look for a contributing condition, whose factor ids are in ``factors``).
    ``measures`` says in plain words what is measured; ``verified_in`` where the code
    and label were confirmed; ``caveats`` anything a reader must know (a code seen only
    in secondary sources, a test that measures only part of a nutrient ...).
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
