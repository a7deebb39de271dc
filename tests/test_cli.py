"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import cramps


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cramps", *args], capture_output=True, text=True, timeout=60)


def test_why_prints_an_explained_ranking() -> None:
    result = run("why", "leg cramps")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "What may lie behind: Leg cramps"
    assert "1. Magnesium" in result.stdout
    assert "Sources:" in result.stdout
    assert "not medical advice" in result.stdout
    assert result.stdout.count("not medical advice") == 1


def test_why_json_parses_and_matches_the_api() -> None:
    result = run("why", "leg cramps", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = cramps.rank("leg cramps", limit=3)
    assert [item["record"]["id"] for item in data["results"]] == [r.record.id for r in expected]
    assert data["disclaimer"] == cramps.DISCLAIMER


def test_nutrient_search_relief() -> None:
    nutrient = run("nutrient", "Mg")
    assert nutrient.returncode == 0, nutrient.stderr
    assert nutrient.stdout.startswith("Magnesium (mineral)")
    search = run("search", "thiamine", "--json")
    assert json.loads(search.stdout)["results"][0]["record"]["id"] == "thiamin"
    relief = run("relief", "leg cramps")
    assert relief.returncode == 0, relief.stderr
    assert relief.stdout.startswith("1. [immediate]")


def test_unknown_name_exits_2_with_suggestions() -> None:
    result = run("nutrient", "magnesum")
    assert result.returncode == 2
    assert "did you mean 'Magnesium'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [("why",), ("why", "leg cramps", "--limit", "0"), ("foods", "magnesium", "--per", "cup"), ("bogus",)])
def test_bad_options_exit_2_with_usage(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.stdout.strip() == f"cramps {cramps.__version__}"
