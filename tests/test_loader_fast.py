"""The loader's fast structurer builds exactly what the strict cattrs converter builds, and
takes nothing the converter refuses (so every error still comes from the converter)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import pytest

from cramps import _converter, _loader, catalogue
from cramps.catalogue import KNOWLEDGE, PERSON
from cramps.errors import DataError
from cramps.red_flags import SelfCare

DATA = files("cramps") / "data"
ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    1.5,
    float("inf"),
    "",
    " ",
    "x",
    "magnesium",
    [],
    ["x"],
    [1],
    {},
    {"x": 1},
]


def _packaged() -> Iterator[tuple[str, type[Any], Any]]:
    for name in (*KNOWLEDGE, *PERSON):
        entry = catalogue.entry(name)
        raw = json.loads((DATA / entry.name).read_bytes())
        for item in raw if entry.key is None else raw[entry.key]:
            yield name, entry.record_type(), item
    yield "red_flags", SelfCare, json.loads((DATA / "red_flags.json").read_bytes())["self_care"]


PACKAGED = list(_packaged())


def _outcome(structure: Any, item: Any, cls: type[Any]) -> tuple[str, Any]:
    try:
        return "ok", structure(item, cls, file="f.json")
    except DataError as error:
        return "error", (str(error), error.file, error.record, error.field)
    except Exception as error:  # what the converter does with non-JSON shapes is its own affair
        return "raised", (type(error).__name__, str(error))


def _strict(item: Any, cls: type[Any]) -> tuple[str, Any]:
    return _outcome(_converter.structure, item, cls)


def _fast(item: Any, cls: type[Any]) -> tuple[str, Any]:
    return _outcome(_loader.structure, item, cls)


def _mutations(item: dict[str, Any]) -> Iterator[Any]:
    yield {**item, "unknown_field": 1}
    for key, value in item.items():
        yield {k: v for k, v in item.items() if k != key}
        for odd in ODD_VALUES:
            yield {**item, key: odd}
        if isinstance(value, list) and value:
            for odd in ODD_VALUES:
                yield {**item, key: [odd, *value[1:]]}
            if isinstance(value[0], dict):
                for inner in _mutations(value[0]):
                    yield {**item, key: [inner, *value[1:]]}
        if isinstance(value, dict):
            for inner in _mutations(value):
                yield {**item, key: inner}


def test_every_packaged_record_has_a_fast_plan() -> None:
    for _, cls, _ in PACKAGED:
        assert _loader._plan(cls) is not None, cls


@pytest.mark.parametrize(("collection", "cls", "item"), PACKAGED, ids=lambda v: v if isinstance(v, str) else "")
def test_fast_path_builds_what_the_converter_builds(collection: str, cls: type[Any], item: Any) -> None:
    assert _fast(item, cls) == _strict(item, cls) == ("ok", _fast(item, cls)[1])


def test_fast_path_takes_nothing_the_converter_refuses() -> None:
    checked = 0
    for _, cls, item in PACKAGED[::5]:
        plan = _loader._plan(cls)
        assert plan is not None
        for mutated in _mutations(copy.deepcopy(item)):
            strict = _strict(mutated, cls)
            try:
                built = plan(mutated)
            except Exception:  # the fast path declines: the converter decides, as before
                assert _fast(mutated, cls) == strict
                continue
            assert strict == ("ok", built), (cls.__name__, mutated)
            checked += 1
    assert checked > 0


def test_fast_path_falls_back_for_unknown_types() -> None:
    assert _loader._plan(dict) is None
    assert _loader._plan(int) is None
