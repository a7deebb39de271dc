"""Records, results and whole knowledge bases to plain data and back, through the strict
private converter."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import cattrs

__all__ = ["from_dict", "to_dict"]

T = TypeVar("T")


@functools.cache
def _converter() -> cattrs.Converter:
    """The data converter, plus a knowledge base as a mapping of its record collections."""
    import attrs
    from cattrs.errors import ForbiddenExtraKeysError

    from cramps._converter import converter
    from cramps.food_catalogue import FoodCatalogue
    from cramps.food_table import FoodTable
    from cramps.foods import Food
    from cramps.knowledge import KnowledgeBase
    from cramps.person_data import PersonData

    strict = converter().copy()
    # names the knowledge module imports only for type checkers
    types = {"Food": Food, "FoodCatalogue": FoodCatalogue, "FoodTable": FoodTable, "PersonData": PersonData}
    fields = attrs.fields(attrs.resolve_types(KnowledgeBase, localns=types))
    public = [a for a in fields if a.init and not a.name.startswith("_")]  # the records, not person_data

    def unstructure_kb(kb: KnowledgeBase) -> dict[str, Any]:
        return {a.name: strict.unstructure(getattr(kb, a.name), a.type) for a in public}

    def structure_kb(data: Any, cls: type[KnowledgeBase]) -> KnowledgeBase:
        if not isinstance(data, Mapping):
            raise TypeError(f"expected a mapping of collections, got {type(data).__name__}")
        extra = set(data) - {a.name for a in public}
        if extra:
            raise ForbiddenExtraKeysError(None, cls, extra)
        values = {}
        for a in public:
            if a.name in data:
                values[a.name] = strict.structure(data[a.name], a.type)  # type: ignore[arg-type]
        return KnowledgeBase(**values)

    strict.register_unstructure_hook(KnowledgeBase, unstructure_kb)
    strict.register_structure_hook(KnowledgeBase, structure_kb)
    return strict


def to_dict(obj: object) -> Any:
    """Plain, JSON-ready data for a record, a result or a whole knowledge base."""
    try:
        return _converter().unstructure(obj)
    except RecursionError:  # a value nested deeper than Python's recursion limit
        raise ValueError("obj is nested too deeply to convert to plain data") from None


def from_dict(cls: type[T], data: Any) -> T:
    """The record of type ``cls`` that ``data`` describes; raises :class:`~cramps.DataError`
    naming the record and field on any problem (unknown keys included)."""
    from cramps._converter import structure

    if not isinstance(cls, type):
        raise TypeError(f"cls must be a record class such as cramps.Nutrient, not {type(cls).__name__}")
    return structure(data, cls, using=_converter())
