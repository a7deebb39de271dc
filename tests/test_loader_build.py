"""Packaged data loads straight into the record classes and is exactly what the tools write
(``cramps.to_dict``); a record the class refuses, and every file a user gives, goes to the
strict cattrs converter, which names what is wrong."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import cramps
from cramps import _converter, _loader, catalogue
from cramps.amount import Amount, Unit
from cramps.catalogue import KNOWLEDGE, PERSON
from cramps.errors import DataError
from cramps.intakes import DailyTarget
from cramps.red_flags import SelfCare

DATA = files("cramps") / "data"
ODD_VALUES: list[Any] = [None, True, 0, -1, 1.5, float("inf"), "", " ", "x", [], ["x"], [1], {}, {"x": 1}]


def _packaged() -> Iterator[tuple[str, type[Any], Any]]:
    for name in (*KNOWLEDGE, *PERSON):
        entry = catalogue.entry(name)
        raw = json.loads((DATA / entry.name).read_bytes())
        for item in raw if entry.key is None else raw[entry.key]:
            yield name, entry.record_type(), item
    yield "red_flags", SelfCare, json.loads((DATA / "red_flags.json").read_bytes())["self_care"]


PACKAGED = list(_packaged())


def _outcome(make: Any, item: Any, cls: type[Any]) -> tuple[str, Any]:
    try:
        return "ok", make(item, cls)
    except DataError as error:
        return "error", (str(error), error.file, error.record, error.field)


def _plain(value: Any) -> str:
    """Plain data as JSON text, so that 1 and 1.0 or a list and a tuple differ."""
    return json.dumps(value, sort_keys=True)


@pytest.mark.parametrize(("collection", "cls", "item"), PACKAGED, ids=lambda v: v if isinstance(v, str) else "")
def test_packaged_records_build_straight_as_the_tools_wrote_them(collection: str, cls: type[Any], item: Any) -> None:
    built = _loader.build(item, cls)
    assert type(built) is cls
    assert built == _converter.structure(item, cls)
    assert _plain(cramps.to_dict(built)) == _plain(item)  # written through to_dict: nothing lost or changed


def _mutations(item: dict[str, Any]) -> Iterator[Any]:
    yield {**item, "unknown_field": 1}
    for key, value in item.items():
        yield {k: v for k, v in item.items() if k != key}
        for odd in ODD_VALUES:
            yield {**item, key: odd}
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for inner in _mutations(value[0]):
                yield {**item, key: [inner, *value[1:]]}
        if isinstance(value, dict):
            for inner in _mutations(value):
                yield {**item, key: inner}


def test_a_packaged_record_the_class_refuses_gets_the_converters_error() -> None:
    refused = 0
    for _, cls, item in PACKAGED[::7]:
        for mutated in _mutations(copy.deepcopy(item)):
            try:
                cls(**mutated)
            except Exception:  # the class refuses: the converter must explain, as for a user's file
                assert _outcome(_loader.build, mutated, cls) == _outcome(_converter.structure, mutated, cls)
                refused += 1
    assert refused > 1000


def test_a_users_file_goes_through_the_strict_converter(tmp_path: Path) -> None:
    nutrient = {"id": "zinc", "name": "Zinc", "kind": "mineral", "summary": "A mineral.", "role": "Enzymes."}
    lenient = {**nutrient, "aliases": {"Zn": "the symbol"}}
    assert cramps.Nutrient(**lenient).aliases == ("Zn",)  # the class alone would take the keys
    (tmp_path / "nutrients.json").write_text(json.dumps([lenient]), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        cramps.load(tmp_path, base=_tiny())
    assert (caught.value.file, caught.value.record, caught.value.field) == ("nutrients.json", "zinc", "aliases")
    assert "expected a list" in str(caught.value)


def test_nested_records_are_built_from_their_fields() -> None:
    (row, *_) = [item for collection, _, item in PACKAGED if collection == "intakes"]
    target = DailyTarget(**row)
    assert isinstance(target.amount, Amount)
    assert target.amount.unit in Unit
    assert target == _converter.structure(row, DailyTarget)


def _tiny() -> cramps.KnowledgeBase:
    from tiny import tiny_kb

    return tiny_kb()
