"""Symptoms: cramps of several kinds and the signs that travel with them."""

from __future__ import annotations

import attrs

from cramps import _fields
from cramps.codes import Code, to_codes

__all__ = ["Symptom"]


@attrs.frozen(kw_only=True)
class Symptom:
    """A symptom; ``broader`` names the more general symptoms it is a kind of
    (nocturnal leg cramps are leg cramps, which are muscle cramps)."""

    id: str = attrs.field(validator=_fields.slug)
    name: str = attrs.field(validator=_fields.text)
    description: str = attrs.field(validator=_fields.text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    broader: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
    codes: tuple[Code, ...] = attrs.field(default=(), converter=to_codes)
