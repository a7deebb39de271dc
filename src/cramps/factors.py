"""Contributing factors: lifestyle, medications, medical conditions, physiological states."""

from __future__ import annotations

import enum

import attrs

from cramps import _fields
from cramps.codes import Code, to_codes

__all__ = ["Factor", "FactorKind"]


class FactorKind(enum.Enum):
    """What sort of thing a factor is."""

    LIFESTYLE = "lifestyle"
    MEDICATION = "medication"
    MEDICAL_CONDITION = "medical_condition"
    PHYSIOLOGICAL_STATE = "physiological_state"


@attrs.frozen(kw_only=True)
class Factor:
    """Something that may contribute to cramps.

    ``affects`` lists the nutrients it may deplete or disturb; ``broader`` the more
    general factors it belongs to (a thiazide is a diuretic).
    """

    id: str = attrs.field(validator=_fields.slug)
    name: str = attrs.field(validator=_fields.text)
    kind: FactorKind = attrs.field(converter=FactorKind)
    description: str = attrs.field(validator=_fields.text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    affects: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    broader: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    codes: tuple[Code, ...] = attrs.field(default=(), converter=to_codes)
