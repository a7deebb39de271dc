"""General advice that is not tied to one nutrient or factor, each item cited."""

from __future__ import annotations

import attrs

from cramps import _fields

__all__ = ["DISCLAIMER", "Guidance"]

DISCLAIMER = (
    "cramps gives general information about leg cramps, not medical advice. It cannot "
    "diagnose a deficiency or a condition: only a clinician, often with a blood test, can. "
    "See a clinician for cramps that are severe, frequent or come with other symptoms."
)


@attrs.frozen(kw_only=True)
class Guidance:
    """A piece of general advice (for example, that only a blood test confirms a deficiency)."""

    id: str = attrs.field(validator=_fields.slug)
    title: str = attrs.field(validator=_fields.text)
    text: str = attrs.field(validator=_fields.text)
    citations: tuple[str, ...] = attrs.field(converter=_fields.to_tuple, validator=[_fields.slugs, _fields.non_empty])
