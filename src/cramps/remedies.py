"""Remedies: what eases a cramp now, what helps prevent the next, and what a clinician may offer."""

from __future__ import annotations

import enum

import attrs

from cramps import _fields
from cramps.codes import Code, to_codes

__all__ = ["Remedy", "RemedyKind"]


class RemedyKind(enum.Enum):
    """When a remedy applies, in the order :func:`cramps.relief_for` lists them."""

    IMMEDIATE = "immediate"
    PREVENTION = "prevention"
    MEDICAL = "medical"


@attrs.frozen(kw_only=True)
class Remedy:
    """An action or treatment; ``caution`` says when not to, or what to watch for.
    A medicine carries its ATC ``codes`` where the shared identifiers file verifies them.

    ``for_conditions`` names the factors (by id) a specialist treatment is meant for,
    such as ``("cirrhosis",)``: :func:`cramps.relief_for` offers it only to a person whose
    profile has one of them. Empty means the remedy is for anyone.
    """

    id: str = attrs.field(validator=_fields.slug)
    name: str = attrs.field(validator=_fields.text)
    kind: RemedyKind = attrs.field(converter=RemedyKind)
    instructions: str = attrs.field(validator=_fields.text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)
    caution: str | None = attrs.field(default=None, validator=_fields.optional_text)
    codes: tuple[Code, ...] = attrs.field(default=(), converter=to_codes)
    for_conditions: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.slugs)
