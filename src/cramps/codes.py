"""Standard codes (HPO, ICD-10-CM, LOINC, ATC, USDA, ChEBI) attached to records."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from cramps import _fields

__all__ = ["Code", "CodeSystem", "prefixed", "split_code", "to_code", "to_codes"]


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


#: The prefix a system's own identifiers carry: an HPO code is ``HP:0003394`` and a ChEBI
#: code ``CHEBI:29108``, with the prefix, in the data and in the systems themselves.
_OWN_PREFIX = {CodeSystem.HPO: "HP", CodeSystem.CHEBI: "CHEBI"}


def _squashed(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


#: Each system by its name squashed to letters and digits ("icd10cm" for ``ICD-10-CM``,
#: ``ICD10CM`` or ``icd 10 cm``), its member name and its identifiers' own prefix ("hp").
_SYSTEMS: dict[str, CodeSystem] = {
    **{_squashed(system.value): system for system in CodeSystem},
    **{_squashed(system.name): system for system in CodeSystem},
    **{_squashed(prefix): system for system, prefix in _OWN_PREFIX.items()},
}
_PREFIXED = re.compile(r"\s*([^:\s][^:]{0,15}?)\s*:\s*(\S.*?)\s*", re.DOTALL)


def split_code(term: str) -> tuple[CodeSystem | None, str]:
    """``term`` split into the code system its prefix names and the code after it, or
    ``(None, term)`` when it starts with no system's name and a colon.

    The system is named by its value (``"ICD-10-CM:K74.60"``), case-insensitively and
    ignoring spaces and punctuation in the name (``"icd-10-cm: k74.60"``, ``"ICD10CM:K74.60"``),
    with or without space around the colon. HPO and ChEBI codes carry their system's own
    prefix, which is kept, added or read as the system: ``"HP:0003394"``,
    ``"HPO:HP:0003394"`` and ``"HPO:0003394"`` are all ``(CodeSystem.HPO, "HP:0003394")``,
    and ``"CHEBI:29108"`` is ``(CodeSystem.CHEBI, "CHEBI:29108")``. The code is returned
    as written otherwise: matching it is the caller's (the name indexes fold it)."""
    found = _PREFIXED.fullmatch(term) if ":" in term else None  # most names have no colon
    system = _SYSTEMS.get(_squashed(found[1])) if found else None
    if found is None or system is None:
        return None, term
    code = found[2]
    own = _OWN_PREFIX.get(system)
    if own is not None:
        inner = re.fullmatch(own + r"\s*:\s*(\S.*)", code, re.IGNORECASE | re.DOTALL)
        code = f"{own}:{inner[1] if inner else code}"
    return system, code


def prefixed(code: Code) -> str:
    """``code`` as a system-prefixed term that :func:`split_code` reads back:
    ``"ICD-10-CM:K74.60"``, ``"LOINC:19123-9"``, and ``"HP:0003394"`` for a code that
    carries its system's own prefix already."""
    own = _OWN_PREFIX.get(code.system)
    if own is not None and code.code.upper().startswith(own + ":"):
        return code.code
    return f"{code.system.value}:{code.code}"
