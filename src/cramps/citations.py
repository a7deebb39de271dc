"""Citations: the published sources behind every claim."""

from __future__ import annotations

import attrs

from cramps import _fields

__all__ = ["Citation"]


@attrs.frozen(kw_only=True)
class Citation:
    """A source as the evidence pack recorded it; a missing field was not confirmed,
    which is not the same as not existing (see ``caveats``)."""

    id: str = attrs.field(validator=_fields.slug)
    title: str = attrs.field(validator=_fields.text)
    venue: str = attrs.field(validator=_fields.text)
    study_type: str = attrs.field(validator=_fields.text)
    finding: str = attrs.field(validator=_fields.text)
    authors: str | None = attrs.field(default=None, validator=_fields.optional_text)
    year: int | None = None
    doi: str | None = attrs.field(default=None, validator=_fields.optional_text)
    pmid: str | None = attrs.field(default=None, validator=_fields.optional_text)
    url: str | None = attrs.field(default=None, validator=_fields.optional_text)
    caveats: tuple[str, ...] = attrs.field(default=(), converter=_fields.to_tuple, validator=_fields.texts)

    def __str__(self) -> str:
        who = self.authors.split(";")[0].strip() if self.authors else "Unknown author"
        if self.authors and ";" in self.authors:
            who += " et al."
        year = f" ({self.year})" if self.year else ""
        return f"{who}{year}. {self.title}. {self.venue}."
