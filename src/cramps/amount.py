"""Amounts of a nutrient or of energy: a value with its unit."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from typing import Any

import attrs

from cramps._fields import finite_float, shown

__all__ = ["Amount", "Unit", "readable", "readable_amount", "to_amount", "to_optional_amount"]


class Unit(enum.Enum):
    """The units the knowledge base uses (``ug`` is the microgram, µg)."""

    G = "g"
    MG = "mg"
    UG = "ug"
    KCAL = "kcal"
    IU = "IU"

    def __str__(self) -> str:
        return "µg" if self is Unit.UG else self.value


_MASS_IN_MG = {Unit.G: 1000.0, Unit.MG: 1.0, Unit.UG: 0.001}


def _to_value(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"value must be a number, not {type(value).__name__}")
    number = finite_float(value)  # None for NaN, an infinity or an int beyond float range
    if number is None or number < 0:
        raise ValueError(f"value must be a finite number >= 0, got {shown(value)}")
    return number


def _to_unit(value: object) -> Unit:
    """``value`` as a :class:`Unit`: a Unit, or its text ("mg", "ug", "IU" ...)."""
    if isinstance(value, Unit):
        return value
    allowed = ", ".join(repr(unit.value) for unit in Unit)
    if not isinstance(value, str):
        raise TypeError(f"unit must be a Unit or one of {allowed}, not {type(value).__name__}")
    for unit in Unit:
        if unit.value == value:
            return unit
    raise ValueError(f"unit must be a Unit, one of {allowed}, got {shown(value)}")


@attrs.frozen(kw_only=True)
class Amount:
    """A non-negative, finite ``value`` in ``unit``, e.g. ``Amount(value=79.0, unit=Unit.MG)``."""

    value: float = attrs.field(converter=_to_value)
    unit: Unit = attrs.field(converter=_to_unit)

    def to(self, unit: Unit | str) -> Amount:
        """The same amount in another mass unit (g, mg, µg); ``ValueError`` across kinds."""
        target = _to_unit(unit)
        if target is self.unit:
            return self
        if self.unit not in _MASS_IN_MG or target not in _MASS_IN_MG:
            raise ValueError(f"cannot convert {self.unit.value} to {target.value}")
        value = self.value * _MASS_IN_MG[self.unit] / _MASS_IN_MG[target]
        if value == math.inf:
            raise ValueError(f"{self} is too large to give in {target}: beyond the range of a float")
        return Amount(value=value, unit=target)

    def scaled(self, factor: float) -> Amount:
        """This amount times ``factor`` (for example grams / 100 for a portion): a finite
        number >= 0 (``TypeError`` or ``ValueError`` otherwise, as for ``value``)."""
        if isinstance(factor, bool) or not isinstance(factor, (int, float)):
            raise TypeError(f"factor must be a number, not {type(factor).__name__}")
        number = finite_float(factor)
        if number is None or number < 0:
            raise ValueError(f"factor must be a finite number >= 0, got {shown(factor)}")
        value = self.value * number
        if value == math.inf:
            raise ValueError(f"{self} times {number:g} is beyond the range of a float")
        return Amount(value=value, unit=self.unit)

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit}"


def readable(value: float) -> str:
    """An amount's number as people read it: whole from 100 up ("1,970", "320"), three
    significant digits below ("2.4", "0.833")."""
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def readable_amount(amount: Amount) -> str:
    """An amount as people read it: "1,333 mg", "129 mg", "2.4 µg" (see :func:`readable`)."""
    return f"{readable(amount.value)} {amount.unit}"


def to_amount(value: Amount | Mapping[str, Any]) -> Amount:
    """``value`` as an :class:`Amount`: an Amount as it is, or built from the mapping of
    its fields that a data file holds."""
    return Amount(**value) if isinstance(value, Mapping) else value


def to_optional_amount(value: Amount | Mapping[str, Any] | None) -> Amount | None:
    """:func:`to_amount`, keeping ``None`` (no amount set)."""
    return None if value is None else to_amount(value)
