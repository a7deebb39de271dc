"""The private, strict cattrs converter for data files and records (:mod:`cramps.serialize`
adds the knowledge base to a copy of it).

Imported only when data is (un)structured, so ``import cramps`` does not pay for cattrs.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from cramps._fields import finite_float, shown
from cramps.errors import DataError

T = TypeVar("T")


@functools.cache
def converter() -> cattrs.Converter:
    """The converter: unknown keys are errors, every problem is reported with its path."""
    strict = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    strict.register_structure_hook(str, _structure_str)
    strict.register_structure_hook(int, _structure_int)
    strict.register_structure_hook(bool, _structure_bool)
    strict.register_structure_hook(float, _structure_float)
    strict.register_structure_hook_func(_is_tuple, _structure_tuple(strict))
    strict.register_structure_hook_factory(attrs.has, _structure_record(strict))
    _register_results(strict)
    return strict


def _register_results(strict: cattrs.Converter) -> None:
    from cramps.ranking import Ranked, Ranking

    def unstructure_ranked(result: Ranked[Any]) -> dict[str, Any]:
        return {
            "rank": result.rank,
            "score": result.score,
            "record": strict.unstructure(result.record),
            "reasons": strict.unstructure(result.reasons),
        }

    strict.register_unstructure_hook(Ranked, unstructure_ranked)
    strict.register_unstructure_hook(Ranking, lambda ranking: [unstructure_ranked(r) for r in ranking])

    from cramps.foods import FoodRanking, FoodResult

    strict.register_unstructure_hook(FoodRanking, lambda ranking: [strict.unstructure(r, FoodResult) for r in ranking])

    from cramps.lab_tests import LabTest, LabTests

    strict.register_unstructure_hook(LabTests, lambda tests: [strict.unstructure(t, LabTest) for t in tests])


def _structure_str(value: Any, cls: type[str]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__} {shown(value)}")
    return value


def _structure_int(value: Any, cls: type[int]) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {type(value).__name__} {shown(value)}")
    return value


def _structure_bool(value: Any, cls: type[bool]) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__} {shown(value)}")
    return value


def _structure_float(value: Any, cls: type[float]) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {type(value).__name__} {shown(value)}")
    if isinstance(value, int) and finite_float(value) is None:
        raise ValueError(f"{shown(value)} is too large for a number of this kind (at most about 1.8e308)")
    return float(value)


def _structure_record(strict: cattrs.Converter) -> Any:
    """cattrs' own structuring of an attrs record, after checking it was given a JSON
    object (cattrs would fail inside, with an error about a missing ``keys``)."""

    def factory(cls: type[Any]) -> Any:
        inner = strict.gen_structure_attrs_fromdict(cls)
        fields = ", ".join(a.name for a in attrs.fields(cls) if a.init)

        def hook(value: Any, _: type[Any]) -> Any:
            if not isinstance(value, Mapping):
                raise TypeError(f"expected an object with fields {fields}, got {type(value).__name__} {shown(value)}")
            return inner(value, cls)

        return hook

    return factory


def _is_tuple(cls: Any) -> bool:
    return getattr(cls, "__origin__", None) is tuple


def _structure_tuple(strict: cattrs.Converter) -> Any:
    def hook(value: Any, cls: Any) -> tuple[Any, ...]:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
            raise TypeError(f"expected a list, got {type(value).__name__} {shown(value)}")
        (item_type, *_) = cls.__args__
        items = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(strict.structure(item, item_type))
            except Exception as exc:  # collected like cattrs does, so the error names the index
                note = IterableValidationNote(f"Structuring {cls} @ index {index}", index, item_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]  # 3.10: no add_note
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return tuple(items)

    return hook


def _describe(exc: BaseException, expected: object = None) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        return "unknown field(s) " + ", ".join(sorted(exc.extra_fields))
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(expected, type) and issubclass(expected, enum.Enum):
        allowed = ", ".join(repr(member.value) for member in expected)
        return f"{exc}; expected one of {allowed}"
    if isinstance(exc, (TypeError, ValueError)) and str(exc):
        return str(exc)
    return f"invalid value ({type(exc).__name__}: {exc})"


def _first_problem(exc: BaseException, expected: object = None) -> tuple[str, str | None]:
    """The first leaf error of a cattrs error tree as (message, field path)."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        pairs, others = exc.group_exceptions()
        for sub, note in pairs:
            label = getattr(note, "name", getattr(note, "index", None))
            message, path = _first_problem(sub, getattr(note, "type", None))
            here = None if label is None else str(label)
            return message, ".".join(p for p in (here, path) if p) or None
        if others:
            return _first_problem(others[0])
    return _describe(exc, expected), None


def structure(
    data: Any,
    cls: type[T],
    *,
    file: str | None = None,
    record: str | None = None,
    using: cattrs.Converter | None = None,
) -> T:
    """Structure ``data`` into ``cls`` (with :func:`converter`, or ``using`` a copy of it that
    knows more classes) or raise :class:`DataError` naming where it failed."""
    if record is None and isinstance(data, Mapping):
        raw_id = data.get("id")
        record = raw_id if isinstance(raw_id, str) else None
    try:
        return (using or converter()).structure(data, cls)
    except (
        ClassValidationError,
        IterableValidationError,
        ForbiddenExtraKeysError,
        TypeError,
        ValueError,
        KeyError,
        OverflowError,
    ) as exc:
        message, field = _first_problem(exc)
        raise DataError(message, file=file, record=record, field=field) from exc


def unstructure(obj: object) -> Any:
    """Plain JSON-ready data (dicts, lists, strings, numbers, None) for ``obj``."""
    return converter().unstructure(obj)
