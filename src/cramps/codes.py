"""Standard codes (HPO, ICD-10-CM, LOINC, ATC, USDA, ChEBI) attached to records."""

from __future__ import annotations

import enum

import attrs

from cramps import _fields

__all__ = ["Code", "CodeSystem"]


class CodeSystem(enum.Enum):
    """A coding system whose codes the shared identifiers file verifies."""

    HPO = "HPO"
    ICD10CM = "ICD-10-CM"
    LOINC = "LOINC"
    ATC = "ATC"
    USDA_SR = "USDA-SR"
    FDC = "FDC"
    CHEBI = "ChEBI"


@attrs.frozen(kw_only=True)
class Code:
    """One code in one system, with the system's own label for it."""

    system: CodeSystem = attrs.field(converter=CodeSystem)
    code: str = attrs.field(validator=_fields.text)
    label: str = attrs.field(validator=_fields.text)

    def __str__(self) -> str:
        return f"{self.system.value} {self.code}"
