"""Teams extend the knowledge base with their own JSON files; the default never changes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from tiny import tiny_kb

import cramps
from cramps import DataError, KnowledgeBase

ZINC = {
    "id": "zinc",
    "name": "Zinc",
    "kind": "mineral",
    "summary": "A trace mineral.",
    "role": "Enzymes.",
    "aliases": ["Zn"],
}
ZINC_CLAIM = {
    "id": "zinc-cramps",
    "subject": "zinc",
    "relation": "associated",
    "targets": ["leg-cramps"],
    "statement": "A team note linking zinc to leg cramps.",
    "direction": "mixed",
    "grade": "D",
    "grade_detail": "D: team review",
    "citations": ["leaflet"],
    "context": None,
    "note": None,
}


def write(folder: Path, name: str, data: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data), encoding="utf-8")


def test_load_adds_records_that_refer_to_the_base(tmp_path: Path) -> None:
    base = tiny_kb()
    write(tmp_path, "nutrients.json", [ZINC])
    write(tmp_path, "claims.json", [ZINC_CLAIM])
    extended = cramps.load(tmp_path, base=base)
    assert extended.nutrient("Zn").id == "zinc"
    assert "zinc" in [r.record.id for r in extended.nutrients_for_symptom("leg cramps")]
    assert extended.data_version == f"test+{tmp_path.name}"
    assert base == tiny_kb()
    with pytest.raises(cramps.UnknownTermError):
        base.nutrient("zinc")


def test_load_a_single_file(tmp_path: Path) -> None:
    write(tmp_path, "nutrients.json", [ZINC])
    assert cramps.load(tmp_path / "nutrients.json", base=tiny_kb()).nutrient("zinc").name == "Zinc"


def test_default_base_is_the_packaged_one_and_stays_unchanged(tmp_path: Path) -> None:
    write(tmp_path, "nutrients.json", [ZINC])
    before = cramps.default_kb()
    extended = cramps.load(tmp_path)
    assert len(extended.nutrients) == len(before.nutrients) + 1
    assert cramps.default_kb() is before
    assert "zinc" not in {n.id for n in before.nutrients}


@pytest.mark.parametrize(
    ("files", "message", "where"),
    [
        (
            {"claims.json": [dict(ZINC_CLAIM, citations=["nobody-1999"])], "nutrients.json": [ZINC]},
            "not a known citation id",
            ("claims.json", "zinc-cramps", "citations"),
        ),
        ({"claims.json": [ZINC_CLAIM]}, "'zinc' is not a known", ("claims.json", "zinc-cramps", "subject")),
        (
            {"nutrients.json": [dict(ZINC, id="magnesium")]},
            "already in the base",
            ("nutrients.json", "magnesium", "id"),
        ),
        ({"nutrients.json": [dict(ZINC, aliases=["Mg"])]}, "would name both", ("nutrients.json", "zinc", "aliases")),
        ({"nutrients.json": [dict(ZINC, colour="grey")]}, "unknown field", ("nutrients.json", "zinc", None)),
        (
            {"claims.json": [ZINC_CLAIM], "nutrients.json": [ZINC], "recipes.json": []},
            "not a knowledge-base file name",
            ("recipes.json", None, None),
        ),
    ],
)
def test_a_bad_extension_adds_nothing_and_says_where(
    tmp_path: Path, files: dict[str, object], message: str, where: tuple[str | None, ...]
) -> None:
    base = tiny_kb()
    for name, data in files.items():
        write(tmp_path, name, data)
    with pytest.raises(DataError, match=message) as caught:
        cramps.load(tmp_path, base=base)
    assert (caught.value.file, caught.value.record, caught.value.field) == where
    assert base == tiny_kb()


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    tmp_path.joinpath("nutrients.json").write_text('[{"id": "zinc",,}]', encoding="utf-8")
    with pytest.raises(DataError, match="line 1, column 16: Expecting property name"):
        cramps.load(tmp_path, base=tiny_kb())


def test_replace_swaps_a_record(tmp_path: Path) -> None:
    write(tmp_path, "nutrients.json", [dict(ZINC, id="magnesium", name="Magnesium (team)", aliases=["Mg"])])
    replaced = cramps.load(tmp_path, base=tiny_kb(), replace=True)
    assert replaced.nutrient("Mg").name == "Magnesium (team)"
    assert len(replaced.nutrients) == len(tiny_kb().nutrients)


def test_load_argument_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file or folder"):
        cramps.load(tmp_path / "missing", base=tiny_kb())
    with pytest.raises(DataError, match="no knowledge-base JSON files"):
        cramps.load(tmp_path, base=tiny_kb())
    with pytest.raises(TypeError, match="source must be"):
        cramps.load(42, base=tiny_kb())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="base must be"):
        cramps.load(tmp_path, base="kb")  # type: ignore[arg-type]


def test_merge(kb: KnowledgeBase) -> None:
    assert kb.merge(kb, replace=True) == kb
    with pytest.raises(DataError, match="already in the base"):
        kb.merge(kb)
    with pytest.raises(TypeError, match="merge another KnowledgeBase"):
        kb.merge({})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown collection"):
        kb.extended({"recipes": []})


@pytest.mark.parametrize(
    "collection", ["citations", "claims", "nutrients", "symptoms", "factors", "remedies", "guidance"]
)
def test_packaged_data_matches_the_exported_schema(collection: str) -> None:
    data = json.loads((cramps._loader.packaged_data() / f"{collection}.json").read_bytes())
    jsonschema.validate(data, cramps.schema(collection))


def test_schema_rejects_what_the_loader_rejects() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([dict(ZINC, colour="grey")], cramps.schema("nutrients"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([dict(ZINC, kind="metal")], cramps.schema("nutrients"))
    assert set(cramps.schema()["properties"]) == {
        "citations",
        "claims",
        "nutrients",
        "symptoms",
        "factors",
        "remedies",
        "guidance",
        "foods",
    }
    with pytest.raises(ValueError, match="unknown collection"):
        cramps.schema("recipes")
