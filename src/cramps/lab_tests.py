"""Blood tests a clinician may use to confirm a deficiency, with their LOINC codes."""

from __future__ import annotations

import attrs

from cramps import _fields
from cramps.codes import Code, CodeSystem
from cramps.guidance import DISCLAIMER

__all__ = ["LabTest", "LabTests"]


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
    code: Code = attrs.field(validator=_loinc)
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
