"""Standard codes (HPO, ICD-10-CM, LOINC, ATC, USDA, ChEBI) attached to records."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from cramps import _fields

__all__ = ["Code", "CodeSystem", "to_code", "to_codes"]


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


def to_code(value: Code | Mapping[str, Any]) -> Code:
    """``value`` as a :class:`Code`: a Code as it is, or built from the mapping of its
    fields that a data file holds."""
    return Code(**value) if isinstance(value, Mapping) else value


def to_codes(value: Iterable[Code | Mapping[str, Any]]) -> tuple[Code, ...]:
    """``value`` as a tuple of :class:`Code` (see :func:`to_code`); never a lone string."""
    return tuple(to_code(item) for item in _fields.to_tuple(value))
