"""Records to plain data and back, through the strict private converter."""

from __future__ import annotations

from typing import Any, TypeVar

__all__ = ["from_dict", "to_dict"]

T = TypeVar("T")


def to_dict(obj: object) -> Any:
    """Plain, JSON-ready data for a record, a result or a whole knowledge base."""
    from cramps._converter import unstructure

    return unstructure(obj)


def from_dict(cls: type[T], data: Any) -> T:
    """The record of type ``cls`` that ``data`` describes; raises :class:`~cramps.DataError`
    naming the record and field on any problem (unknown keys included)."""
    from cramps._converter import structure

    if not isinstance(cls, type):
        raise TypeError(f"cls must be a record class such as cramps.Nutrient, not {cls!r}")
    return structure(data, cls)
