"""Field converters and validators shared by the record classes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

#: A stable lower-case id: letters, digits and single hyphens (``vitamin-b12``).
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Validate a stable lower-case id such as ``vitamin-b12``."""
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(
            f"{attribute.name} must be a lower-case slug of letters, digits and single hyphens"
            f" (like 'vitamin-b12'), got {value!r}"
        )


def slugs(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    """Validate a tuple of slugs."""
    for item in value:
        if not isinstance(item, str) or not SLUG.match(item):
            raise ValueError(f"{attribute.name} must hold lower-case slugs, got {item!r}")


def non_empty(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    """Validate that a tuple holds at least one entry."""
    if not value:
        raise ValueError(f"{attribute.name} must name at least one entry")


def text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Validate non-empty text."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be non-empty text, got {value!r}")


def optional_text(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    """Validate text that may be missing (``None``) but is never blank."""
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ValueError(f"{attribute.name} must be non-empty text or None, got {value!r}")


def texts(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    """Validate a tuple of non-empty strings."""
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{attribute.name} must hold non-empty text, got {item!r}")


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Turn any iterable except a lone string into a tuple."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"expected a sequence of items, not a single {type(value).__name__}")
    return tuple(value)


def frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of ``value`` (key order kept)."""
    return MappingProxyType(dict(value))


def check_limit(limit: object) -> int | None:
    """``limit`` if it is ``None`` or a whole number >= 1, else a clear error: the one
    rule for every query's ``limit``."""
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"limit must be a whole number or None, not {type(limit).__name__}")
    if limit < 1:
        raise ValueError(f"limit must be at least 1 (or None for all results), got {limit}")
    return limit
