"""`cramps assess`: triage, a table of statuses, the gap foods, and JSON, from a CSV diary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cramps.cli import main

DIARY = "food,amount,date\nbanana,1 medium,2026-12-01\nmilk,1 cup,2026-12-01\ncooked rice,1 cup,2026-12-01\n"


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    path = tmp_path / "diary.csv"
    path.write_text(DIARY, encoding="utf-8")
    return path


def test_assess_prints_triage_table_and_foods(diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["assess", "leg cramps", "--diary", str(diary), "--lab", "19123-9=1.5mg/dL", "--age", "70",
                 "--sex", "female"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert out.index("Triage: self-care") < out.index("nutrient") < out.index("To close the")
    assert "1.5 mg/dL low" in out
    assert "does not measure usual intake" in out
    assert "not medical advice" in out


def test_assess_red_flags_come_first(diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "my calf is hot and swollen", "--diary", str(diary), "--age", "70", "--sex", "male"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("!!!")


def test_assess_json(diary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "--diary", str(diary), "--lab", "62292-8=18 ng/mL", "--age", "70", "--sex", "female",
                 "--json"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["diary"]["days"] == 1
    assert data["labs"][0]["status"] == "low"
    assert {s["nutrient"] for s in data["statuses"]} >= {"magnesium", "vitamin-d"}


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "--lab", "19123-9=abc", "--age", "70"],
        ["assess", "--lab", "19123-9", "--age", "70"],
        ["assess", "--lab", "2132-9=300mg/dL", "--age", "70", "--sex", "male"],
        ["assess", "--lab", "99999-9=1mg/dL", "--age", "70", "--sex", "male"],
    ],
)
def test_bad_labs_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    assert capsys.readouterr().err


def test_a_bad_row_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "diary.csv"
    path.write_text("food,amount\nbanana,1 medium\nzorbles,2 cups\n", encoding="utf-8")
    assert main(["assess", "--diary", str(path), "--age", "40", "--sex", "male"]) == 2
    assert "line 3" in capsys.readouterr().err
    assert main(["assess", "--diary", str(path), "--age", "40", "--sex", "male", "--skip-bad-rows"]) == 0
    assert "could not be read" in capsys.readouterr().out
