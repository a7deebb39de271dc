"""JSON Schema of the knowledge-base data files, derived from the record classes."""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from cramps.catalogue import TEAM, entry

__all__ = ["schema"]

_PRIMITIVES = {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"}}


def _type_schema(annotation: Any) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if annotation in _PRIMITIVES:
        return dict(_PRIMITIVES[annotation])
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    if attrs.has(annotation):
        return _record_schema(annotation)
    if origin is tuple:
        item, *_ = typing.get_args(annotation)
        return {"type": "array", "items": _type_schema(item)}
    if origin is Mapping:
        _, value = typing.get_args(annotation)
        return {"type": "object", "additionalProperties": _type_schema(value)}
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = _type_schema(options[0]) if len(options) == 1 else {"anyOf": [_type_schema(o) for o in options]}
        return {"anyOf": [inner, {"type": "null"}]}
    raise TypeError(f"no JSON Schema for {annotation!r}")


def _field_schema(field: attrs.Attribute[Any], annotation: Any) -> dict[str, Any]:
    """The schema of the field's type, narrowed by any ``json_schema`` in its metadata
    (for rules a type cannot say: a slug pattern, a minimum, the unit of each nutrient)."""
    return {**_type_schema(annotation), **field.metadata.get("json_schema", {})}


def _record_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = [f for f in attrs.fields(cls) if f.init]
    return {
        "type": "object",
        "title": cls.__name__,
        "description": (cls.__doc__ or "").strip().split("\n\n")[0],
        "properties": {f.name: _field_schema(f, hints[f.name]) for f in fields},
        "required": [f.name for f in fields if f.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def schema(collection: str | None = None) -> dict[str, Any]:
    """The JSON Schema of one data file (``"nutrients"``, ``"claims"``, ``"foods"`` ...),
    or with no argument an object schema whose properties are every collection's file schema.

    Extension files given to :func:`cramps.load` must match it; the packaged data does.
    (``"foods"`` describes a team's ``foods.json``; the packaged food table is binary.)
    """
    record_types = {name: entry(name).record_type() for name in TEAM}
    if collection is None:
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "cramps knowledge-base data files",
            "type": "object",
            "properties": {name: schema(name) for name in record_types},
            "additionalProperties": False,
        }
    if not isinstance(collection, str):
        raise TypeError(f'collection must be a str such as "nutrients" or None, not {type(collection).__name__}')
    if collection not in record_types:
        raise ValueError(f"unknown collection {collection!r}; expected one of {sorted(record_types)}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{collection}.json",
        "type": "array",
        "items": _record_schema(record_types[collection]),
    }
