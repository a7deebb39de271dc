"""The packaged person data is exactly what tools/build_intakes.py builds from data/."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from scripts import load_script

import cramps

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "cramps" / "data"
SOURCES = REPO / "data"
FILES = ("intakes.json", "lab_tests.json", "red_flags.json")

pytestmark = pytest.mark.skipif(sys.version_info < (3, 11), reason="the build reads TOML with tomllib (Python 3.11+)")


def _load_build_module() -> ModuleType:
    return load_script(REPO / "tools" / "build_intakes.py", "build_intakes")


@pytest.fixture(scope="module")
def bi() -> ModuleType:
    return _load_build_module()


@pytest.fixture(scope="module")
def built(bi: ModuleType) -> dict[str, bytes]:
    files: dict[str, bytes] = bi.build(SOURCES)
    return files


def test_committed_data_matches_a_fresh_build(built: dict[str, bytes]) -> None:
    assert sorted(built) == sorted(FILES)
    stale = [name for name, data in built.items() if (DATA / name).read_bytes() != data]
    assert not stale, f"run `python tools/build_intakes.py` to refresh: {stale}"


def test_build_is_deterministic(bi: ModuleType, built: dict[str, bytes]) -> None:
    assert bi.build(SOURCES) == built


def test_sources_are_hashed(built: dict[str, bytes]) -> None:
    for name in FILES:
        document = json.loads(built[name])
        assert document["generated_by"] == "tools/build_intakes.py"
        for source in document["sources"]:
            assert (REPO / source["path"]).is_file()
            assert len(source["sha256"]) == 64


def test_check_mode_reports_nothing_stale(bi: ModuleType) -> None:
    assert bi.main(["--check"]) == 0


def _copy_sources(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(SOURCES, copy)
    for path in copy.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return copy


def test_an_unknown_nutrient_name_is_reported(bi: ModuleType, tmp_path: Path) -> None:
    sources = _copy_sources(tmp_path)
    path = sources / "dri" / "intakes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nmagnesium,0-6 mo", "\nvitamin Z,0-6 mo", 1), encoding="utf-8")
    with pytest.raises(bi.BuildError, match="vitamin Z"):
        bi.build(sources)


def test_an_unverified_loinc_code_is_reported(bi: ModuleType, tmp_path: Path) -> None:
    sources = _copy_sources(tmp_path)
    path = sources / "evidence" / "identifiers.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("LOINC,2132-9,")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(bi.BuildError, match="2132-9"):
        bi.build(sources)


def test_a_missing_citation_is_reported(bi: ModuleType, tmp_path: Path) -> None:
    sources = _copy_sources(tmp_path)
    path = sources / "evidence" / "citations.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("fda2010_quinine,")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(bi.BuildError, match="fda2010-quinine"):
        bi.build(sources)


def test_a_missing_data_folder_is_reported(bi: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(bi.BuildError, match="not found"):
        bi.build(tmp_path)


def test_notes_name_the_amount_an_equivalent_is_of(bi: ModuleType) -> None:
    # the DRI tables print "= 600 IU" beside 15 µg; a note alone must say what it equals
    target = cramps.DailyTarget(
        nutrient="vitamin-d",
        life_stage={"label": "19-30 y", "sex": "male", "condition": "none", "age_min": 19, "age_max": 30},
        kind="RDA",
        amount={"value": 15, "unit": "ug"},
        upper_limit={"value": 100, "unit": "ug"},
        upper_limit_kind="UL",
        upper_limit_note="= 4,000 IU",
        daily_value={"value": 20, "unit": "ug"},
        notes=["= 600 IU (1 mcg = 40 IU)", "Daily Value: = 800 IU", "CDRR: = 4,000 IU", "a note = as it is"],
    )
    written = bi.written_out(target)
    assert written.notes == (
        "15 µg = 600 IU (1 mcg = 40 IU)",
        "Daily Value: 20 µg = 800 IU",
        "CDRR: 100 µg = 4,000 IU",
        "a note = as it is",
    )
    assert written.upper_limit_note == "100 µg = 4,000 IU"
    assert bi.written_out(written) == written  # written out once
    targets = cramps.default_kb().person_data.targets
    rows = [row for nutrient in targets.nutrients() for row in targets.rows(nutrient)]
    packaged = [note for row in rows for note in (*row.notes, row.upper_limit_note)]
    assert not [note for note in packaged if note and bi.EQUIVALENT.fullmatch(note)]
