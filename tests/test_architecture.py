"""The structure the import contracts cannot see: private names stay in their module, and
the data catalogue is the one list of data files.

The layers and the absence of cycles are checked by ``lint-imports`` (contracts in
``pyproject.toml``); this file checks the rest.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import attrs
import pytest
from scripts import load_script

from cramps import catalogue

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - CI runs 3.11
    tomllib = pytest.importorskip("tomli")

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "cramps"
SOURCES = sorted(PACKAGE.glob("*.py"))
TOOLS = sorted((REPO / "tools").glob("*.py"))


def _layers() -> list[set[str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c for c in contracts if c.get("id") == "layers"]
    return [{name.strip() for name in layer.replace("|", ":").split(":")} for layer in layers["layers"]]


def _private_uses(path: Path) -> list[str]:
    """``from cramps.x import _name`` (unless ``_name`` is a module of the package) and
    ``something._name`` where something is not ``self`` or ``cls``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "cramps":
            for alias in node.names:
                submodule = PACKAGE / f"{alias.name}.py"
                if alias.name.startswith("_") and not (node.module == "cramps" and submodule.is_file()):
                    found.append(f"{path.name}:{node.lineno} imports {alias.name} from {node.module}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in {"self", "cls"}):
                found.append(f"{path.name}:{node.lineno} uses {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", SOURCES + TOOLS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_module_reaches_into_another_modules_private_names(path: Path) -> None:
    assert _private_uses(path) == []


def _private_modules(path: Path) -> list[str]:
    """Imports of a private module of the package: ``cramps._x``, ``from cramps import _x``,
    or ``_cramps("_x")`` (the build scripts' import helper)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "cramps":
            names = [*node.module.split(".")[1:], *(alias.name for alias in node.names if node.module == "cramps")]
        elif isinstance(node, ast.Import):
            names = [part for alias in node.names if alias.name.startswith("cramps.") for part in alias.name.split(".")]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_cramps" and node.args:
            argument = node.args[0]
            names = [argument.value] if isinstance(argument, ast.Constant) and isinstance(argument.value, str) else []
        found.extend(f"{path.name}:{node.lineno} uses cramps.{name}" for name in names if name.startswith("_"))
    return found


@pytest.mark.parametrize("path", TOOLS, ids=lambda p: p.name)
def test_the_build_tools_use_public_modules_only(path: Path) -> None:
    assert _private_modules(path) == []


def test_the_private_module_check_finds_them(tmp_path: Path) -> None:
    sample = tmp_path / "tool.py"
    sample.write_text(
        "import cramps._loader\nfrom cramps import _fields, text\nfrom cramps._cache import Lazy\n"
        "fold = _cramps('_text').fold\nok = _cramps('serialize')\n",
        encoding="utf-8",
    )
    assert _private_modules(sample) == [
        "tool.py:1 uses cramps._loader",
        "tool.py:2 uses cramps._fields",
        "tool.py:3 uses cramps._cache",
        "tool.py:4 uses cramps._text",
    ]


def test_the_private_name_check_finds_reaches(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from cramps import _fields\nfrom cramps.foods import _freeze\ndef f(table, self):\n"
        "    return table._row_of_id, self._ok, _fields.SLUG, table.__class__\n",
        encoding="utf-8",
    )
    assert _private_uses(sample) == [
        "sample.py:2 imports _freeze from cramps.foods",
        "sample.py:4 uses table._row_of_id",
    ]


def test_every_module_is_in_one_layer() -> None:
    layers = _layers()
    modules = {path.stem for path in SOURCES} - {"__init__"}
    placed = [name for layer in layers for name in layer]
    assert sorted(placed) == sorted(modules)


def test_catalogue_record_classes_live_in_the_records_layer() -> None:
    layers = _layers()
    records = set().union(*layers[-2:])  # the record modules and the helpers below them
    for item in catalogue.CATALOGUE:
        assert item.module.removeprefix("cramps.") in records, item
        assert attrs.has(item.record_type()), item
        assert importlib.import_module(item.module).__name__ == item.module


def test_catalogue_names_each_collection_and_file_once() -> None:
    collections = [item.collection for item in catalogue.CATALOGUE]
    names = [item.name for item in catalogue.CATALOGUE]
    assert len(set(collections)) == len(collections)
    assert len(set(names)) == len(names)
    assert catalogue.FOOD_TABLE_FILE not in names
    assert set(catalogue.KNOWLEDGE) | set(catalogue.PERSON) | {"foods"} == set(collections)


def test_every_packaged_json_file_is_catalogued() -> None:
    packaged = {path.name for path in (PACKAGE / "data").glob("*.json")}
    described = {item.name for item in catalogue.CATALOGUE if item.collection != "foods"}
    # the manifest, the food table's header, its servings, the Daily Values it was built with
    # and the diary's plain food names
    others = {catalogue.MANIFEST_FILE, catalogue.FOOD_TABLE_FILE, catalogue.FOOD_SERVINGS_FILE, "daily_values.json"}
    others.add(catalogue.DIARY_FOODS_FILE)
    assert packaged == described | others


def test_unknown_collection_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown collection 'recipes'.*'claims'"):
        catalogue.entry("recipes")


def test_each_query_is_declared_once_as_its_method() -> None:
    """``cramps/queries.py`` is written by ``tools/build_queries.py`` from the methods and is
    up to date; each module-level query takes and says what its method does."""
    import inspect

    import cramps
    from cramps import KnowledgeBase

    tool = load_script(REPO / "tools" / "build_queries.py", "build_queries")
    assert tool.build() == (PACKAGE / "queries.py").read_text(encoding="utf-8"), "run python tools/build_queries.py"
    for name in tool.QUERIES:
        method, function = getattr(KnowledgeBase, name), getattr(cramps, name)
        expected = inspect.signature(method)
        assert inspect.signature(function) == expected.replace(parameters=list(expected.parameters.values())[1:])
        assert inspect.getdoc(function) == inspect.getdoc(method)
