"""Data a team gives is read strictly and must be plausible; the packaged data meets the
same rules. Every problem is a DataError naming the file, and the record and field where
there is one; nothing is half-loaded."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any

import pytest
from tiny import tiny_kb

import cramps
from cramps import DataError
from cramps._loader import MAX_DIGITS, MAX_FILE_BYTES
from cramps.amount import Amount
from cramps.foods import (
    MAX_ENERGY_KCAL,
    MIN_ENERGY_KCAL,
    NUTRIENT_UNITS,
    PER_100G_LIMIT,
    PORTION_GRAMS,
    Portion,
    implausible,
)

BAR: dict[str, Any] = {
    "id": "team-seaweed-bar",
    "name": "Seaweed snack bar, team recipe",
    "group": "Snacks",
    "source": {"dataset": "Team lab analysis 2026", "id": "LAB-17"},
    "nutrients": {"magnesium": {"value": 90, "unit": "mg"}, "energy": {"value": 450, "unit": "kcal"}},
    "portions": [{"description": "1 bar", "grams": 40}],
}
ZINC = {"id": "zinc", "name": "Zinc", "kind": "mineral", "summary": "A mineral.", "role": "Enzymes."}


def bar(**changes: Any) -> dict[str, Any]:
    record = copy.deepcopy(BAR)
    record.update(changes)
    return record


def with_nutrient(nutrient: str, value: object, unit: str) -> dict[str, Any]:
    return bar(nutrients={**BAR["nutrients"], nutrient: {"value": value, "unit": unit}})


def load_bytes(folder: Path, name: str, data: bytes, **options: Any) -> cramps.KnowledgeBase:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return cramps.load(folder / name, base=tiny_kb(), **options)


def load_json(folder: Path, name: str, data: object) -> cramps.KnowledgeBase:
    return load_bytes(folder, name, json.dumps(data).encode())


# --- plausibility --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("food", "message", "field"),
    [
        pytest.param(with_nutrient("magnesium", 150_000, "mg"), "more than the 100 g", "nutrients.magnesium.value"),
        pytest.param(with_nutrient("vitamin-d", 1e9, "ug"), "more than the 100 g", "nutrients.vitamin-d.value"),
        pytest.param(with_nutrient("water", 100.5, "g"), "more than the 100 g", "nutrients.water.value"),
        pytest.param(with_nutrient("energy", 950, "kcal"), "more than pure fat", "nutrients.energy.value"),
        pytest.param(with_nutrient("energy", 1e-310, "kcal"), "above 0 but below 0.1", "nutrients.energy.value"),
        pytest.param(with_nutrient("energy", 5e-324, "kcal"), "above 0 but below 0.1", "nutrients.energy.value"),
        pytest.param(with_nutrient("sodium", 1e400, "mg"), "finite number", "nutrients.sodium"),
        pytest.param(with_nutrient("sodium", 10**299, "mg"), "more than the 100 g", "nutrients.sodium.value"),
        pytest.param(
            bar(portions=[{"description": "1 bar", "grams": 1e308}]), "between 0.01 and 10,000 g", "portions.0.grams"
        ),
        pytest.param(
            bar(portions=[{"description": "1 bar", "grams": 0.001}]), "between 0.01 and 10,000 g", "portions.0.grams"
        ),
        pytest.param(
            bar(portions=[{"description": "1 bar", "grams": 10**200}]), "between 0.01 and 10,000 g", "portions.0.grams"
        ),
    ],
)
def test_an_implausible_food_is_refused_naming_file_record_and_field(
    tmp_path: Path, food: dict[str, Any], message: str, field: str
) -> None:
    with pytest.raises(DataError, match=message) as caught:
        load_json(tmp_path, "foods.json", [food])
    assert (caught.value.file, caught.value.record, caught.value.field) == ("foods.json", BAR["id"], field)


@pytest.mark.parametrize("energy", [0, MIN_ENERGY_KCAL, 1, MAX_ENERGY_KCAL])
def test_energy_at_the_bounds_loads_and_ranks_per_100kcal(tmp_path: Path, energy: float) -> None:
    kb = load_json(tmp_path, "foods.json", [with_nutrient("energy", energy, "kcal")])
    ranked = kb.foods_rich_in("magnesium", per="100kcal", everyday=False, limit=None)
    assert all(math.isfinite(result.amount.value) for result in ranked)
    assert (BAR["id"] in {r.food.id for r in ranked}) is (energy > 0)


def test_the_limits_are_what_the_docs_say() -> None:
    assert PER_100G_LIMIT == 100
    assert MAX_ENERGY_KCAL == 902  # pure fat by the specific Atwater factors
    assert PORTION_GRAMS == (0.01, 10_000)
    assert implausible("magnesium", Amount(value=100_000, unit="mg")) is None  # 100 g: possible
    assert implausible("magnesium", Amount(value=100_001, unit="mg")) is not None


def test_every_packaged_food_meets_the_same_rules() -> None:
    table = cramps.default_kb().foods
    columns = table.columns
    checked = 0
    for row in range(len(columns.names)):
        food = columns.food(row)  # builds the Food record, whose own checks run the rules
        for nutrient, amount in food.nutrients.items():
            assert implausible(nutrient, amount) is None, (food.id, nutrient, amount)
            checked += 1
        for portion in food.portions:
            assert PORTION_GRAMS[0] <= portion.grams <= PORTION_GRAMS[1], (food.id, portion)
    assert len(columns.names) == 8789
    assert checked > 60_000


def test_portion_grams_of_any_size_get_a_data_error_not_an_overflow() -> None:
    for grams in (10**5000, -(10**5000), float("inf"), float("nan"), 0, -1):
        with pytest.raises(DataError) as caught:
            Portion(description="1 bar", grams=grams, seq=1)
        assert caught.value.field == "grams"
        assert len(str(caught.value)) < 200


# --- team nutrients ---------------------------------------------------------------------------


def test_a_food_nutrient_must_be_in_the_food_table_or_the_knowledge_base(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"unknown nutrient 'zinc'.*nutrients\.json") as caught:
        load_json(tmp_path, "foods.json", [with_nutrient("zinc", 5, "mg")])
    assert (caught.value.record, caught.value.field) == (BAR["id"], "nutrients.zinc")
    (tmp_path / "nutrients.json").write_text(json.dumps([ZINC]), encoding="utf-8")
    kb = cramps.load(tmp_path, base=tiny_kb())
    assert kb.food(BAR["id"]).nutrients["zinc"] == Amount(value=5, unit="mg")


def test_a_nutrient_outside_the_food_table_is_given_by_mass(tmp_path: Path) -> None:
    (tmp_path / "nutrients.json").write_text(json.dumps([ZINC]), encoding="utf-8")
    (tmp_path / "foods.json").write_text(json.dumps([with_nutrient("zinc", 5, "kcal")]), encoding="utf-8")
    with pytest.raises(DataError, match="given in g, mg or ug") as caught:
        cramps.load(tmp_path, base=tiny_kb())
    assert caught.value.field == "nutrients.zinc.unit"


# --- strict JSON --------------------------------------------------------------------------------


def test_a_key_given_twice_is_an_error(tmp_path: Path) -> None:
    text = b'[{"id": "zinc", "id": "zinc-2", "name": "Zinc", "kind": "mineral", "summary": "s", "role": "r"}]'
    with pytest.raises(DataError, match="duplicate key 'id'") as caught:
        load_bytes(tmp_path, "nutrients.json", text)
    assert (caught.value.file, caught.value.field) == ("nutrients.json", "id")


def test_a_key_given_twice_deep_inside_a_food_is_an_error(tmp_path: Path) -> None:
    text = json.dumps([BAR]).replace('"unit": "mg"}', '"unit": "mg", "value": 9}').encode()
    with pytest.raises(DataError, match="duplicate key 'value'") as caught:
        load_bytes(tmp_path, "foods.json", text)
    assert caught.value.file == "foods.json"


@pytest.mark.parametrize("name", ["nutrients.json", "foods.json"])
def test_an_id_given_twice_in_one_file_says_so(tmp_path: Path, name: str) -> None:
    record = ZINC if name == "nutrients.json" else BAR
    other = dict(record, name="Another name")
    with pytest.raises(DataError, match=r"duplicate id .* in this file \(records #0 and #1\)") as caught:
        load_json(tmp_path, name, [record, other])
    assert (caught.value.file, caught.value.record, caught.value.field) == (name, record["id"], "id")


def test_utf8_with_or_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    text = json.dumps([ZINC], ensure_ascii=False).encode()
    assert load_bytes(tmp_path / "plain", "nutrients.json", text).nutrient("zinc").name == "Zinc"
    assert load_bytes(tmp_path / "bom", "nutrients.json", b"\xef\xbb\xbf" + text).nutrient("zinc").name == "Zinc"


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("utf-16", "UTF-16 text"),
        ("utf-32", "UTF-32 text"),
        ("utf-16-le", "NUL byte"),
        ("utf-16-be", "NUL byte"),
        ("latin-1", "not UTF-8 text: invalid continuation byte on line 1"),
    ],
)
def test_other_encodings_are_refused_with_the_rule(tmp_path: Path, encoding: str, message: str) -> None:
    text = json.dumps([dict(ZINC, name="Zinc é")], ensure_ascii=False).encode(encoding)
    with pytest.raises(DataError, match=message) as caught:
        load_bytes(tmp_path, "nutrients.json", text)
    assert "save it as UTF-8 (with or without a byte-order mark)" in str(caught.value)


def test_deep_nesting_is_a_data_error(tmp_path: Path) -> None:
    for depth in (900, 100_000):
        with pytest.raises(DataError) as caught:
            load_bytes(tmp_path, "nutrients.json", b"[" * depth + b"]" * depth)
        assert caught.value.file == "nutrients.json"
        assert len(str(caught.value)) < 300
    nested = json.dumps([dict(ZINC, name="[]")]).replace('"[]"', "[" * 900 + "]" * 900).encode()
    with pytest.raises(DataError, match="expected text, got list") as caught:
        load_bytes(tmp_path, "nutrients.json", nested)
    assert (caught.value.record, caught.value.field) == ("zinc", "name")


def test_a_number_of_thousands_of_digits_is_a_data_error(tmp_path: Path) -> None:
    for digits in (MAX_DIGITS + 1, 5_000, 100_000):
        text = json.dumps([with_nutrient("magnesium", 0, "mg")]).replace('"value": 0', '"value": ' + "9" * digits)
        with pytest.raises(DataError, match=f"{digits:,} digits is too large"):
            load_bytes(tmp_path, "foods.json", text.encode())


def test_nan_and_infinity_are_refused_where_they_stand(tmp_path: Path) -> None:
    for literal in ("NaN", "Infinity", "-Infinity", "1e999"):
        text = json.dumps([BAR]).replace('"value": 90', f'"value": {literal}').encode()
        with pytest.raises(DataError, match="finite number") as caught:
            load_bytes(tmp_path, "foods.json", text)
        assert (caught.value.record, caught.value.field) == (BAR["id"], "nutrients.magnesium")


# --- size ---------------------------------------------------------------------------------------


def test_a_file_above_the_size_limit_is_refused_and_the_limit_can_be_raised(tmp_path: Path) -> None:
    text = json.dumps([ZINC], indent=4).encode()
    with pytest.raises(DataError, match=f"{len(text):,} bytes is more than the limit of 100 bytes") as caught:
        load_bytes(tmp_path, "nutrients.json", text, max_bytes=100)
    assert "max_bytes" in str(caught.value)
    assert load_bytes(tmp_path, "nutrients.json", text, max_bytes=len(text)).nutrient("zinc")
    assert load_bytes(tmp_path, "nutrients.json", text, max_bytes=None).nutrient("zinc")
    assert MAX_FILE_BYTES == 128 * 1024 * 1024


@pytest.mark.parametrize(("value", "error"), [(0, ValueError), (-5, ValueError), ("big", TypeError), (True, TypeError)])
def test_a_bad_size_limit_is_refused(tmp_path: Path, value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="max_bytes"):
        cramps.load(tmp_path, max_bytes=value)  # type: ignore[arg-type]


def test_a_refused_file_adds_nothing(tmp_path: Path) -> None:
    base = tiny_kb()
    (tmp_path / "nutrients.json").write_text(json.dumps([ZINC]), encoding="utf-8")
    (tmp_path / "foods.json").write_text(json.dumps([with_nutrient("magnesium", 150_000, "mg")]), encoding="utf-8")
    with pytest.raises(DataError):
        cramps.load(tmp_path, base=base)
    assert base == tiny_kb()
    assert all(nutrient.id != "zinc" for nutrient in base.nutrients)
    assert set(NUTRIENT_UNITS) >= {"magnesium", "energy"}


# --- foods.json read one record at a time -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b'{"id": "x"}', "expected a JSON list of records, got a JSON dict"),
        (b"[" + json.dumps(BAR).encode() + b",\n{oops}]", "invalid JSON at line 2, column 2"),
        (b"[" + json.dumps(BAR).encode() + b"] []", "invalid JSON at line 1, column"),
        (b"[" + json.dumps(BAR).encode() + b" " + json.dumps(BAR).encode() + b"]", "delimiter"),
        (b"[" + json.dumps(BAR).encode(), "invalid JSON"),
        (b"[1]", "expected a JSON object, got int"),
        (b"", "invalid JSON at line 1, column 1"),
    ],
)
def test_a_broken_foods_file_says_where(tmp_path: Path, text: bytes, message: str) -> None:
    with pytest.raises(DataError, match=message) as caught:
        load_bytes(tmp_path, "foods.json", text)
    assert caught.value.file == "foods.json"


def test_foods_read_one_at_a_time_equal_those_read_by_the_converter(tmp_path: Path) -> None:
    from cramps._loader import structure_record
    from cramps.food_entries import FoodEntry

    odd = bar(id="team-odd", name="Odd bar", source={"dataset": "Lab", "id": "9", "release": "2026"})
    spaced = json.dumps([BAR, odd], indent=3).encode()
    kb = load_bytes(tmp_path, "foods.json", spaced)
    expected = tuple(structure_record(item, FoodEntry).to_food() for item in (BAR, odd))
    assert kb.extension_foods == expected
    assert load_bytes(tmp_path / "empty", "foods.json", b" [ ] ").extension_foods == ()
