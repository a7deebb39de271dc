"""The public surface: an explicit ``__all__`` and an import that stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cramps


def test_star_import_matches_all() -> None:
    namespace: dict[str, object] = {}
    exec("from cramps import *", namespace)
    exported = set(namespace) - {"__builtins__"}
    assert exported == set(cramps.__all__)
    assert len(cramps.__all__) == len(set(cramps.__all__))


def test_every_public_name_has_a_docstring() -> None:
    missing = [
        name
        for name in cramps.__all__
        if name not in {"DATA_VERSION", "DISCLAIMER", "__version__"} and not getattr(cramps, name).__doc__
    ]
    assert missing == []


def test_version_and_data_version() -> None:
    assert cramps.__version__.count(".") >= 2
    assert cramps.default_kb().data_version == cramps.DATA_VERSION


def test_names_resolve_lazily_to_their_modules() -> None:
    assert cramps.Nutrient.__module__ == "cramps.nutrients"
    assert cramps.scoring.get("evidence") is not None
    assert set(dir(cramps)) >= set(cramps.__all__)


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        cramps.no_such_name


def test_import_loads_no_data_and_no_cattrs() -> None:
    code = (
        "import sys, cramps\n"
        "assert 'cattrs' not in sys.modules, 'cattrs imported at import time'\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('cramps.'))\n"
        "assert loaded == [], f'import cramps imported {loaded}'\n"
        "assert 'cramps.foods' not in sys.modules, 'food table imported at import time'\n"
        "cramps.nutrient('magnesium')\n"
        "assert 'cramps.foods' not in sys.modules, 'a nutrient lookup loaded the food table'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_no_submodule_shadows_a_public_name() -> None:
    """Importing a submodule sets it as an attribute of the package, so a submodule named
    like a public function would replace that function once imported."""
    import pkgutil

    submodules = {info.name for info in pkgutil.iter_modules(cramps.__path__)}
    assert submodules & set(cramps.__all__) == set()


def test_the_stub_is_the_one_list_of_exports() -> None:
    """Every import and variable in ``__init__.pyi`` (what type checkers see) is exported
    at run time, from the module the stub names, and nothing else is."""
    import ast
    import importlib
    from pathlib import Path

    tree = ast.parse((Path(cramps.__file__).parent / "__init__.pyi").read_text(encoding="utf-8"))
    imported = {
        alias.asname: f"{node.module}.{alias.name}" if node.module == "cramps" else node.module
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    aliases = [alias for node in tree.body if isinstance(node, ast.ImportFrom) for alias in node.names]
    assert all(alias.asname == alias.name for alias in aliases)  # "X as X": exported to type checkers
    variables = {node.target.id for node in tree.body if isinstance(node, ast.AnnAssign)}  # type: ignore[union-attr]
    submodules = {name for name, module in imported.items() if module == f"cramps.{name}"}
    assert set(cramps.__all__) == (set(imported) - submodules) | variables
    for name, module in imported.items():
        source = importlib.import_module(module)
        expected = source if name in submodules else getattr(source, name)
        assert getattr(cramps, name) is expected, name
