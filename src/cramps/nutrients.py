"""Nutrients linked to muscle cramps."""

from __future__ import annotations

import enum

import attrs

from cramps import _fields
from cramps.codes import Code, to_codes

__all__ = ["Nutrient", "NutrientKind"]


class NutrientKind(enum.Enum):
    """Mineral (electrolyte) or vitamin."""

    MINERAL = "mineral"
    VITAMIN = "vitamin"


@attrs.frozen(kw_only=True)
class Nutrient:
    """A nutrient: what it does for muscles, why people run low, and where it is found.

    ``typical_sources`` are the food kinds commonly named as sources, each giving at
    least 10% of the Daily Value in one serving for a typical member of the kind (the
    FDA "good source" level); ``minor_sources`` are kinds often named as sources that
    give less, each with how much. Measured amounts per food come from
    :func:`cramps.foods_rich_in`.
    """

    id: str = attrs.field(validator=_fields.slug)
    name: str = attrs.field(validator=_fields.text)
    kind: NutrientKind = attrs.field(converter=NutrientKind)
    summary: str = attrs.field(validator=_fields.text)
    role: str = attrs.field(validator=_fields.text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    deficiency_causes: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    deficiency_signs: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    typical_sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    minor_sources: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    codes: tuple[Code, ...] = attrs.field(default=(), converter=to_codes)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
