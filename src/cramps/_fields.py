"""Field converters and validators shared by the record classes."""

from __future__ import annotations

import math
import re
import reprlib
import sys
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
            f" (like 'vitamin-b12'), got {shown(value)}"
        )


def slugs(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    """Validate a tuple of slugs."""
    for item in value:
        if not isinstance(item, str) or not SLUG.match(item):
            raise ValueError(f"{attribute.name} must hold lower-case slugs, got {shown(item)}")


def choice(*options: str) -> Any:
    """A validator of one of ``options`` (text), whose error shows the value given with
    :func:`shown` (attrs' own ``in_`` shows its ``repr``, which fails for a deeply nested
    value or an ``int`` of more than 4,300 digits)."""
    allowed = ", ".join(repr(option) for option in options)

    def check(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str) or value not in options:
            raise ValueError(f"{attribute.name} must be one of {allowed}, got {shown(value)}")

    return check


def non_empty(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    """Validate that a tuple holds at least one entry."""
    if not value:
        raise ValueError(f"{attribute.name} must name at least one entry")


def text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Validate non-empty text."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be non-empty text, got {shown(value)}")


def optional_text(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    """Validate text that may be missing (``None``) but is never blank."""
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ValueError(f"{attribute.name} must be non-empty text or None, got {shown(value)}")


def texts(instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    """Validate a tuple of non-empty strings."""
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"{attribute.name} must hold non-empty text, got {shown(item)}")


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Turn any iterable except a lone string into a tuple."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"expected a sequence of items, not a single {type(value).__name__}")
    return tuple(value)


def frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of ``value`` (key order kept)."""
    return MappingProxyType(dict(value))


def whole_number(value: object, name: str, *, kind: str = "a whole number", least: str = "at least 1") -> int:
    """``value`` if it is a whole number >= 1 (not a bool), capped at ``sys.maxsize``; else a
    ``TypeError`` ("``name`` must be ``kind``, not ...") or a ``ValueError`` ("``name`` must
    be ``least``, got ..."), which shows a value of any size."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be {kind}, not {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{name} must be {least}, got {shown(value)}")
    return min(int(value), sys.maxsize)


def check_limit(limit: object) -> int | None:
    """``limit`` if it is ``None`` or a whole number >= 1, else a clear error: the one
    rule for every query's ``limit``. A limit beyond ``sys.maxsize`` (more results than
    any list can hold) is ``sys.maxsize``."""
    if limit is None:
        return None
    return whole_number(limit, "limit", kind="a whole number or None", least="at least 1 (or None for all results)")


def finite_float(value: int | float) -> float | None:
    """``value`` (an ``int`` or a ``float``) as a finite float, or ``None`` when it has
    none: NaN, an infinity, or an ``int`` beyond the range of a float (``10**400``), which
    ``math.isfinite`` and ``float`` would refuse with an ``OverflowError``."""
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def number(value: object) -> float | None:
    """``value`` as a finite float if it is a number (an ``int`` or a ``float``, not a
    ``bool``) with one, else ``None``; see :func:`finite_float`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return finite_float(value)


#: Integers with more bits than this are shown by their number of digits.
_SHOWN_BITS = 200
_SHOWN = reprlib.Repr()
_SHOWN.maxstring = 80
_SHOWN.maxother = 80
_SHOWN.maxlevel = 3


def shown(value: object) -> str:
    """``value`` as an error message shows it: its ``repr``, cut short (long text, long or
    deeply nested lists); an ``int`` too long to read (``10**400``, or one with more
    digits than Python turns into text) by its number of digits; any object whose
    ``repr`` fails by its type."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _SHOWN_BITS:
        size = abs(int(value))
        digits = int((size.bit_length() - 1) * math.log10(2)) + 1
        if size >= 10**digits:
            digits += 1
        sign = "a negative" if value < 0 else "an"
        return f"{sign} integer of {digits:,} digits"
    try:
        return _SHOWN.repr(value)
    except Exception:  # a repr that fails, or recurses beyond the limit
        return f"<{type(value).__name__} object>"
