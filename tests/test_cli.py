"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


@pytest.mark.parametrize(
    "args", [("why",), ("why", "leg cramps", "--limit", "0"), ("foods", "magnesium", "--per", "cup"), ("bogus",)]
)
def test_bad_options_exit_2_with_usage(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.stdout.strip() == f"cramps {cramps.__version__}"


def test_why_with_a_profile_puts_red_flags_first() -> None:
    result = run("why", "leg cramps", "calf swelling", "--age", "70", "--sex", "female", "--med", "thiazide diuretics")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("!!! SEEK CARE NOW")
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_foods_table_and_json() -> None:
    text = run("foods", "magnesium", "--per", "portion", "--diet", "vegan", "--limit", "5")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].startswith("Foods richest in magnesium per household portion")
    assert sum(1 for line in lines if line[:3].strip().isdigit()) == 5
    data = json.loads(run("foods", "Mg", "--json", "--limit", "3").stdout)
    expected = cramps.foods_rich_in("magnesium", limit=3)
    assert [item["food"]["id"] for item in data["results"]] == [r.food.id for r in expected]
    assert data["results"][0]["amount"]["unit"] == "mg"


def test_nutrient_with_target_and_tests() -> None:
    result = run("nutrient", "magnesium", "--age", "40", "--sex", "male")
    assert result.returncode == 0, result.stderr
    assert "Daily target (31-50 y" in result.stdout or "Daily target (" in result.stdout
    assert "LOINC 19123-9" in result.stdout
    data = json.loads(run("nutrient", "magnesium", "--json").stdout)
    assert data["nutrient"]["id"] == "magnesium"
    assert data["target"] is None
    assert {t["code"]["code"] for t in data["lab_tests"]} >= {"19123-9"}


def test_target() -> None:
    result = run("target", "magnesium", "--age", "40", "--sex", "female", "--json")
    assert result.returncode == 0, result.stderr
    target = json.loads(result.stdout)["target"]
    assert target["amount"] == {"value": 320.0, "unit": "mg"}
    assert target["kind"] == "RDA"
    missing = run("target", "magnesium", "--age", "40")
    assert missing.returncode == 2
    assert "sex" in missing.stderr
    none = run("target", "vitamin k2", "--age", "40", "--sex", "male")
    assert none.returncode == 2
    assert "no DRI" in none.stderr


def test_triage() -> None:
    calm = run("triage", "leg cramps")
    assert calm.returncode == 0, calm.stderr
    assert "Level: self-care" in calm.stdout
    urgent = json.loads(run("triage", "leg cramps", "chest pain", "--json").stdout)
    assert urgent["triage"]["level"] == "seek-care-now"


def test_suggest() -> None:
    result = run("suggest", "leg cramps", "--json")
    assert result.returncode == 0, result.stderr
    questions = json.loads(result.stdout)["results"]
    assert questions
    assert all(q["separation"] > 0 for q in questions)


def test_unknown_medication_suggests() -> None:
    result = run("why", "leg cramps", "--med", "statinz")
    assert result.returncode == 2
    assert "statin" in result.stderr.lower()
    assert "Traceback" not in result.stderr


TEAM_FOOD = {
    "id": "team-seaweed-bar",
    "name": "Seaweed snack bar, team recipe",
    "group": "Snacks",
    "source": {"dataset": "Team lab analysis 2026", "id": "LAB-17"},
    "nutrients": {"magnesium": {"value": 2000, "unit": "mg"}, "energy": {"value": 450, "unit": "kcal"}},
    "portions": [{"description": "1 bar", "grams": 40}],
}


def test_data_adds_a_teams_records_to_every_command(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "foods.json").write_text(json.dumps([TEAM_FOOD]), encoding="utf-8")
    result = run("--data", str(folder), "foods", "magnesium", "--limit", "3", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["food"]["id"] == "team-seaweed-bar"
    plain = run("foods", "magnesium", "--limit", "3", "--json")
    assert "team-seaweed-bar" not in plain.stdout


def test_bad_data_exits_2_naming_the_file_record_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    bad = dict(TEAM_FOOD, portions=[{"description": "1 bar", "grams": 0}])
    (folder / "foods.json").write_text(json.dumps([bad]), encoding="utf-8")
    result = run("--data", str(folder), "foods", "magnesium")
    assert result.returncode == 2
    assert "foods.json" in result.stderr
    assert "team-seaweed-bar" in result.stderr
    assert "portions.0.grams" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run("--data", str(folder / "nowhere"), "foods", "magnesium")
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
