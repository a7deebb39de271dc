"""Reading data files: strict structuring and errors that name the file, record and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cramps
from cramps import Claim, DataError, Nutrient
from cramps._loader import read_json, read_records


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def nutrient_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {"id": "magnesium", "name": "Magnesium", "kind": "mineral", "summary": "s", "role": "r"}
    data.update(changes)
    return data


def test_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "nutrients.json", '[\n {"id": "x",\n}\n]')
    with pytest.raises(DataError, match=r"file nutrients.json: invalid JSON at line 3, column 1") as caught:
        read_json(path)
    assert caught.value.file == "nutrients.json"


def test_top_level_must_be_a_list(tmp_path: Path) -> None:
    path = write(tmp_path, "nutrients.json", '{"id": "x"}')
    with pytest.raises(DataError, match="expected a JSON list"):
        read_records(path, Nutrient)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"colour": "grey"}, None, "unknown field"),
        ({"kind": "metal"}, "kind", "expected one of 'mineral', 'vitamin'"),
        ({"aliases": "Mg"}, "aliases", "expected a list"),
        ({"name": 7}, "name", "expected text"),
        ({"codes": [{"system": "HPO", "code": "HP:1"}]}, "codes", "required field missing"),
    ],
)
def test_bad_record_names_the_record_and_field(
    tmp_path: Path, changes: dict[str, object], field: str | None, message: str
) -> None:
    path = write(tmp_path, "nutrients.json", json.dumps([nutrient_data(), nutrient_data(id="potassium", **changes)]))
    with pytest.raises(DataError, match=message) as caught:
        read_records(path, Nutrient)
    error = caught.value
    assert (error.file, error.record) == ("nutrients.json", "potassium")
    if field is not None:
        assert error.field is not None
        assert error.field.startswith(field)


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "nutrients.json", json.dumps([nutrient_data(aliases=["Mg"])]))
    (record,) = read_records(path, Nutrient)
    assert record.aliases == ("Mg",)


def test_from_dict_is_strict_about_claims() -> None:
    good = {
        "id": "c",
        "subject": "magnesium",
        "relation": "causes",
        "targets": ["leg-cramps"],
        "statement": "s",
        "direction": "supports",
        "grade": "A",
        "grade_detail": "A",
        "citations": ["x"],
        "context": None,
        "note": None,
    }
    assert cramps.from_dict(Claim, good).grade is cramps.Grade.A
    with pytest.raises(DataError, match="citations must name at least one entry"):
        cramps.from_dict(Claim, {**good, "citations": []})
    with pytest.raises(DataError, match="grade"):
        cramps.from_dict(Claim, {**good, "grade": "A+"})
    with pytest.raises(TypeError, match="record class"):
        cramps.from_dict("Claim", good)  # type: ignore[arg-type]


def test_data_error_pickles() -> None:
    import pickle

    error = DataError("bad", file="f.json", record="r", field="x")
    again = pickle.loads(pickle.dumps(error))
    assert (again.file, again.record, again.field, str(again)) == ("f.json", "r", "x", str(error))
