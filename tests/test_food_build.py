"""tools/build_foods.py: the packaged food table equals a fresh, deterministic build."""

from __future__ import annotations

import zlib
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest
from scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "data"


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_script(ROOT / "tools" / "build_foods.py", "build_foods")


@pytest.fixture(scope="module")
def built(tool: ModuleType) -> dict[str, bytes]:
    files: dict[str, bytes] = tool.build(SOURCES)
    return files


def test_build_makes_the_expected_files(built: dict[str, bytes]) -> None:
    assert sorted(built) == [
        "daily_values.json",
        "diary-foods.json",
        "food-servings.json",
        "food-table.json",
        "foods-order.bin",
        "foods-search.bin",
        "foods.bin",
    ]


def test_packaged_data_equals_the_build(tool: ModuleType, built: dict[str, bytes]) -> None:
    data = resources.files("cramps") / "data"
    for name, content in built.items():
        packaged = (data / name).read_bytes()
        assert tool.same(name, content, packaged), f"{name} is out of date: run python tools/build_foods.py"


def test_build_is_deterministic(tool: ModuleType, built: dict[str, bytes]) -> None:
    again: dict[str, bytes] = tool.build(SOURCES)
    assert again == built


def test_header_records_the_release_and_hashes(built: dict[str, bytes]) -> None:
    import hashlib
    import json

    header = json.loads(built["food-table.json"])
    assert header["dataset"] == "USDA SR28"
    assert header["release"] == "Release 28, September 2015"
    assert header["count"] == 8789
    assert len(header["revised"]) == 23
    assert header["daily_values"]["magnesium"]["amount"] == 420.0
    for name, info in header["files"].items():
        content = zlib.decompress(built[name]) if info["compressed"] else built[name]
        assert hashlib.sha256(content).hexdigest() == info["sha256"]
        assert len(content) == info["bytes"]


def test_check_mode(tool: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "data"
    assert tool.main(["--data", str(SOURCES), "--out", str(out), "--check"]) == 1
    assert not out.exists()  # --check writes nothing
    assert tool.main(["--data", str(SOURCES), "--out", str(out)]) == 0
    assert tool.main(["--data", str(SOURCES), "--out", str(out), "--check"]) == 0
    (out / "foods-order.bin").write_bytes(b"stale")
    assert tool.main(["--data", str(SOURCES), "--out", str(out), "--check"]) == 1
    assert "foods-order.bin" in capsys.readouterr().err


def test_compressed_files_compare_by_content(tool: ModuleType) -> None:
    payload = b"abc" * 1000
    assert tool.same("foods-search.bin", zlib.compress(payload, 9), zlib.compress(payload, 1))
    assert not tool.same("foods-search.bin", zlib.compress(payload), zlib.compress(payload + b"x"))
    assert not tool.same("foods.bin", zlib.compress(payload, 9), zlib.compress(payload, 1))  # stored raw
    assert not tool.same("food-table.json", b"{}", b"{ }")
