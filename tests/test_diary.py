"""The food diary: phrases and pairs to SR28 foods and grams, and the intake they give.

Sums are checked against the raw SR28 CSV in data/, not against the packaged table the
diary reads, so a build or reading error would show."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import pytest
import tomllib
from hypothesis import given, settings
from hypothesis import strategies as st

import cramps
from cramps import DiaryError, UnknownTermError

REPO = Path(__file__).resolve().parents[1]
SR28 = REPO / "data" / "usda-sr28"


def _corpus(name: str) -> list[dict[str, Any]]:
    phrases: list[dict[str, Any]] = tomllib.loads((Path(__file__).parent / name).read_text(encoding="utf-8"))["phrase"]
    return phrases


PHRASES = _corpus("diary_phrases.toml") + _corpus("diary_phrases_second.toml")
COLUMNS = {
    "magnesium": "magnesium_mg",
    "potassium": "potassium_mg",
    "calcium": "calcium_mg",
    "sodium": "sodium_mg",
    "vitamin-d": "vitamin_d_d2_d3_ug",
    "thiamin": "thiamin_mg",
    "vitamin-b12": "vitamin_b12_ug",
    "vitamin-k": "vitamin_k1_phylloquinone_ug",
}


def _rows() -> dict[str, dict[str, str]]:
    with (SR28 / "foods.csv").open(encoding="utf-8", newline="") as handle:
        return {row["ndb_number"]: row for row in csv.DictReader(handle)}


ROWS = _rows()
#: A structured diary of everyday foods (NDB number, grams), some without every value.
STRUCTURED = [("09040", 118.0), ("12061", 28.35), ("01079", 244.0), ("11458", 180.0), ("16015", 86.0),
              ("15237", 85.05), ("18069", 58.0), ("20045", 158.0), ("01123", 100.0), ("14209", 237.0)]  # fmt: skip


@pytest.mark.parametrize("nutrient", COLUMNS)
def test_structured_diary_sums_equal_sr28(nutrient: str) -> None:
    diary = cramps.diary(STRUCTURED, days=2)
    known = [(ROWS[ndb][COLUMNS[nutrient]], grams) for ndb, grams in STRUCTURED]
    expected = math.fsum(float(value) * grams / 100 for value, grams in known if value != "") / 2
    missing = math.fsum(grams for value, grams in known if value == "") / 2
    intake = diary.intake(nutrient)
    assert intake.value == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert intake.missing_grams == pytest.approx(missing)
    assert intake.days == 2


def test_a_missing_value_is_not_a_zero() -> None:
    ndb = next(n for n, row in sorted(ROWS.items()) if row["vitamin_d_d2_d3_ug"] == "" and row["magnesium_mg"])
    intake = cramps.diary([(ndb, 50)]).intake("vitamin-d")
    assert intake.value == 0
    assert intake.missing_grams == 50
    assert not intake.complete
    assert "no SR28 value" in str(intake)


@pytest.mark.parametrize("case", PHRASES, ids=[case["text"] for case in PHRASES])
def test_diary_phrase_corpus(case: dict[str, Any]) -> None:
    if case.get("expect") == "error":
        with pytest.raises((DiaryError, UnknownTermError)):
            cramps.diary([case["text"]])
        return
    entry = cramps.diary([case["text"]]).entries[0]
    ndb = entry.food.source.ndb_number
    assert ndb in case["foods"], (entry.food.name, entry.measure)
    expected = case.get("grams_by_food", {}).get(ndb, case.get("grams"))
    # the corpora's rule: foods whose portions differ by less than 5% share the first food's grams
    shared = "grams_by_food" not in case and ndb != case["foods"][0]
    assert entry.grams == pytest.approx(expected, rel=0.05 if shared else 0.02), entry.measure


def test_phrase_corpus_is_large_and_checked_against_sr28() -> None:
    assert len([case for case in PHRASES if case.get("expect") != "error"]) >= 100
    for case in PHRASES:
        for ndb in case.get("foods", []):
            assert ndb in ROWS, (case["text"], ndb)


def test_entries_keep_text_measure_and_alternatives() -> None:
    entry = cramps.diary(["3 oz salmon"]).entries[0]
    assert entry.text == "3 oz salmon"
    assert entry.grams == pytest.approx(3 * 28.349523125)
    assert "oz" in entry.measure
    searched = cramps.diary(["1 cup cooked quinoa"]).entries[0]
    assert "Quinoa" in searched.food.name


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("1 lb strawberries", 453.59237),
        ("2 kg watermelon", 2000.0),
        ("½ cup black beans", 86.0),
        ("1½ cups rice", 237.0),
        ("one and a half cups rice", 237.0),
        ("half a cup of oatmeal", 117.0),
        ("almonds, 30 g", 30.0),
        ("30g almonds", 30.0),
        ("8 oz milk", 244.0),  # a drink's ounce is the fluid ounce
        ("a glass of milk", 244.0),
        ("12 oz beer", 356.4),
        ("8 oz yogurt", 226.8),  # a food's ounce is the ounce
    ],
)
def test_amounts_in_every_spelling(text: str, grams: float) -> None:
    assert cramps.diary([text]).entries[0].grams == pytest.approx(grams, rel=0.02)


def test_a_bare_food_is_one_serving() -> None:
    entry = cramps.diary(["banana"]).entries[0]
    assert entry.food.serving is not None
    assert entry.grams == entry.food.serving.grams
    assert "serving" in entry.measure


def test_pairs_take_grams_or_measures() -> None:
    diary = cramps.diary([("09040", 100), ("Bananas, raw", "1 medium"), ("usda-12061", "1 oz")])
    assert [round(entry.grams, 3) for entry in diary.entries] == [100, 118, 28.35]


@pytest.mark.parametrize(
    ("text", "nutrient", "value", "unit"),
    [
        ("magnesium citrate 200 mg", "magnesium", 200.0, "mg"),
        ("vitamin D3 1000 IU", "vitamin-d", 25.0, "ug"),
        ("B12 500 mcg", "vitamin-b12", 500.0, "ug"),
        ("calcium carbonate 600 mg", "calcium", 600.0, "mg"),
    ],
)
def test_supplements(text: str, nutrient: str, value: float, unit: str) -> None:
    diary = cramps.diary([text, "1 medium banana"])
    (item,) = diary.supplements
    assert (item.nutrient, item.amount.value, item.amount.unit.value) == (nutrient, pytest.approx(value), unit)
    intake = diary.intake(nutrient)
    assert intake.supplements.value == pytest.approx(value)
    assert intake.value == pytest.approx(intake.food.value + value)


@pytest.mark.parametrize(
    "item",
    [
        "0 g rice",
        "-1 cup milk",
        "2 cups",
        "nan g rice",
        ("09040", 0),
        ("09040", -5),
        ("09040", float("nan")),
        ("09040", float("inf")),
        ("09040", "3 blorps"),
        "zinc 50 mg",
        "magnesium 100 IU",
        "1 slice banana",
    ],
)
def test_bad_amounts_are_clear_errors(item: object) -> None:
    with pytest.raises(DiaryError) as error:
        cramps.diary([item])  # type: ignore[list-item]
    assert error.value.entry is not None or error.value.line is not None or "entry" in str(error.value)


@pytest.mark.parametrize("text", ["3 zorbles", "a bowl of stuff", "some food"])
def test_unknown_foods_raise_unknown_term(text: str) -> None:
    with pytest.raises(UnknownTermError):
        cramps.diary([text])


def test_unknown_food_suggests() -> None:
    with pytest.raises(UnknownTermError) as error:
        cramps.diary(["1 cup bananna"])
    assert error.value.kind == "food"


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        cramps.diary("1 banana")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cramps.diary([42])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        cramps.diary([("09040", True)])
    with pytest.raises(ValueError, match="days"):
        cramps.diary(["1 banana"], days=0)


def test_csv_with_dates_counts_days() -> None:
    text = "food,amount,date\nbanana,1 medium,2026-12-01\nalmonds,30,2026-12-01\nmilk,1 cup,2026-12-02\n"
    diary = cramps.read_diary(io.StringIO(text))
    assert diary.days == 2
    assert [entry.line for entry in diary.entries] == [2, 3, 4]
    assert diary.entries[1].grams == 30


def test_csv_bad_row_rejects_the_file_with_its_line() -> None:
    text = "food,amount\nbanana,1 medium\nzorbles,2 cups\nmilk,1 cup\n"
    with pytest.raises(DiaryError) as error:
        cramps.read_diary(io.StringIO(text))
    assert error.value.line == 3
    diary = cramps.read_diary(io.StringIO(text), strict=False)
    assert [row.line for row in diary.skipped] == [3]
    assert len(diary.entries) == 2


def test_csv_needs_its_columns(tmp_path: Path) -> None:
    path = tmp_path / "diary.csv"
    path.write_text("what,how much\nbanana,1\n", encoding="utf-8")
    with pytest.raises(DiaryError, match="food and amount"):
        cramps.read_diary(path)
    path.write_text("\ufefffood,amount\nbanana,1 medium\n", encoding="utf-8")
    assert cramps.read_diary(path).entries[0].grams == 118


FOODS = st.sampled_from([ndb for ndb, _ in STRUCTURED])
GRAMS = st.floats(min_value=0.5, max_value=2000, allow_nan=False)
PAIRS = st.lists(st.tuples(FOODS, GRAMS), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(PAIRS, PAIRS)
def test_intake_is_additive_over_entries(left: list[tuple[str, float]], right: list[tuple[str, float]]) -> None:
    for nutrient in ("magnesium", "potassium", "vitamin-d"):
        whole = cramps.diary(left + right).intake(nutrient)
        parts = cramps.diary(left).intake(nutrient).value + cramps.diary(right).intake(nutrient).value
        assert whole.value == pytest.approx(parts, rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(PAIRS, st.floats(min_value=0.01, max_value=50, allow_nan=False))
def test_intake_is_linear_in_grams(pairs: list[tuple[str, float]], factor: float) -> None:
    scaled = [(ndb, grams * factor) for ndb, grams in pairs]
    for nutrient in ("calcium", "vitamin-b12"):
        base = cramps.diary(pairs).intake(nutrient)
        assert cramps.diary(scaled).intake(nutrient).value == pytest.approx(base.value * factor, rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(PAIRS, st.randoms(use_true_random=False))
def test_order_of_entries_changes_nothing(pairs: list[tuple[str, float]], random: Any) -> None:
    shuffled = list(pairs)
    random.shuffle(shuffled)
    for nutrient in ("magnesium", "sodium", "thiamin"):
        assert cramps.diary(shuffled).intake(nutrient).value == pytest.approx(
            cramps.diary(pairs).intake(nutrient).value, rel=1e-12, abs=1e-12
        )
