"""The docs stay true to the code: README example, API coverage, examples, inventories, site checker.

The Sphinx builds themselves (``-b html`` and ``-b doctest``, both with ``-W``) run in
``.ci/run``; these tests catch drift even where Sphinx is not installed.
"""

from __future__ import annotations

import argparse
import doctest
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from scripts import load_script

import cramps
from cramps import scoring

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _load(path: Path, name: str) -> ModuleType:
    return load_script(path, name)


def test_readme_python_example_runs() -> None:
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=flags, verbose=False)
    assert result.attempted > 0, "README.md has no Python example to test"
    assert result.failed == 0


def _documented_names(text: str) -> set[str]:
    pattern = r"^\.\. (?:auto(?:function|class|exception|data)|py:data)::\s+(\S+)"
    return {name.rsplit(".", 1)[-1] for name in re.findall(pattern, text, flags=re.MULTILINE)}


def test_every_public_name_is_in_the_api_reference() -> None:
    text = (DOCS / "api.rst").read_text(encoding="utf-8")
    cramps_part, scoring_part = text.split("\ncramps.scoring\n", 1)
    assert sorted(set(cramps.__all__) - _documented_names(cramps_part)) == []
    assert sorted(set(scoring.__all__) - _documented_names(scoring_part)) == []


def test_every_cli_subcommand_has_a_section() -> None:
    from cramps.cli import build_parser

    parser = build_parser()
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    text = (DOCS / "cli.rst").read_text(encoding="utf-8")
    missing = [name for name in subcommands if f".. cramps-help:: {name}\n" not in text]
    assert missing == []


def test_intersphinx_inventories_are_up_to_date() -> None:
    tool = _load(DOCS / "_inventories" / "make_inventories.py", "cramps_docs_make_inventories")
    assert tool.main(["--check"]) == 0


def test_parallel_cohort_example_matches_one_process() -> None:
    script = DOCS / "examples" / "parallel_cohort.py"
    done = subprocess.run(
        [sys.executable, str(script), "64", "2"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "ranked 64 profiles with 2 workers; same as in one process: True" in done.stdout


def test_example_plugin_scorer_and_its_entry_point() -> None:
    example = DOCS / "examples" / "cramps-trials"
    declared = (example / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points."cramps.scorers"]\ntrials = "cramps_trials:TrialsOnly"' in declared
    plugin = _load(example / "src" / "cramps_trials" / "__init__.py", "cramps_trials")
    try:
        scorer = plugin.TrialsOnly()
        assert isinstance(scorer, scoring.Scorer)
        ranking = cramps.nutrients_for_symptom("leg cramps", scorer=scorer)
        trial_grades = {"A", "A-low", "B"}
        for result in ranking:
            assert all(cramps.claim(reason.claim).grade.value in trial_grades for reason in result.reasons)
    finally:
        sys.modules.pop("cramps_trials", None)


def test_site_checker_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    checker = _load(DOCS / "check_site.py", "cramps_docs_check_site")
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<html><body><h1 id="top">x</h1><a href="#top">ok</a><a href="sub/page.html#here">ok</a>'
        '<a href="sub/page.html#gone">bad anchor</a><a href="missing.html">bad file</a>'
        '<a href="https://example.org/x">external</a><link href="_static/a.css"></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "sub" / "page.html").write_text('<p id="here">y</p><a href="../index.html#top">ok</a>', "utf-8")
    problems, checked = checker.check_links(tmp_path)
    assert checked == 6
    assert len(problems) == 3
    assert any("#gone" in p for p in problems)
    assert any("missing.html" in p for p in problems)
    assert any("_static/a.css" in p for p in problems)


def test_docs_figures_are_valid_svg_from_the_packaged_data() -> None:
    pytest.importorskip("sphinx")
    import xml.etree.ElementTree as ET

    extension = _load(DOCS / "_ext" / "cramps_docs.py", "cramps_docs_extension")
    svg = "{http://www.w3.org/2000/svg}"
    chart = ET.fromstring(extension.foods_chart_svg())
    bars = chart.findall(f".//{svg}rect")
    with_food_data = [n for n in cramps.default_kb().nutrients if cramps.foods_rich_in(n, per="portion", limit=5)]
    assert len(bars) == 5 * len(with_food_data)
    diagram = ET.fromstring(extension.link_diagram_svg())
    assert "Nutrients" in "".join(diagram.itertext())
    assert "usage: cramps why" in extension.cli_help("why")
