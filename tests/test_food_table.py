"""The packaged USDA SR28 food table: values, lookups, search and ``rich_in`` rankings."""

from __future__ import annotations

import csv
import itertools
import math
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import scaled

from cramps.amount import Amount, Unit
from cramps.errors import DataError, UnknownTermError
from cramps.food_search import stem
from cramps.food_table import FoodTable
from cramps.foods import (
    BASES,
    NUTRIENT_UNITS,
    Food,
    FoodResult,
    FoodSource,
    Portion,
    classify_diet,
)
from cramps.servings import kind_of
from cramps.text import fold

USDA = Path(__file__).resolve().parents[1] / "data" / "usda-sr28"

COLUMNS = {
    "magnesium": "magnesium_mg",
    "potassium": "potassium_mg",
    "calcium": "calcium_mg",
    "sodium": "sodium_mg",
    "vitamin-d": "vitamin_d_d2_d3_ug",
    "thiamin": "thiamin_mg",
    "vitamin-b12": "vitamin_b12_ug",
    "vitamin-k": "vitamin_k1_phylloquinone_ug",
    "vitamin-k2": "menaquinone_4_ug",
    "energy": "energy_kcal",
    "water": "water_g",
}
ANIMAL_GROUPS = frozenset(
    {
        "Beef Products",
        "Pork Products",
        "Poultry Products",
        "Finfish and Shellfish Products",
        "Lamb, Veal, and Game Products",
        "Sausages and Luncheon Meats",
        "Dairy and Egg Products",
    }
)
MEAT_GROUPS = ANIMAL_GROUPS - {"Dairy and Egg Products"}
DAILY_VALUES = {
    "magnesium": 420.0,
    "potassium": 4700.0,
    "calcium": 1300.0,
    "sodium": 2300.0,
    "vitamin-d": 20.0,
    "vitamin-k": 120.0,
    "thiamin": 1.2,
    "vitamin-b12": 2.4,
}


@pytest.fixture(scope="module")
def table() -> FoodTable:
    return FoodTable.load()


# one table for the hypothesis tests (function-scoped fixtures do not mix with @given)
TABLE = FoodTable.load()


def _csv(name: str) -> list[dict[str, str]]:
    with (USDA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def csv_foods() -> dict[str, dict[str, str]]:
    return {row["ndb_number"]: row for row in _csv("foods.csv")}


@pytest.fixture(scope="module")
def csv_portions() -> dict[str, list[dict[str, str]]]:
    portions: dict[str, list[dict[str, str]]] = {}
    for row in _csv("portions.csv"):
        portions.setdefault(row["ndb_number"], []).append(row)
    return portions


# --- the table as a whole


def test_every_sr28_food_is_kept(table: FoodTable) -> None:
    assert len(table) == 8789
    assert len({food.id for food in table}) == 8789


def test_groups_are_the_25_usda_groups(table: FoodTable) -> None:
    groups = table.groups()
    assert len(groups) == 25
    assert groups == tuple(sorted(groups))
    assert "Vegetables and Vegetable Products" in groups
    assert "Nut and Seed Products" in groups


def test_caveat_names_the_release(table: FoodTable) -> None:
    assert "Release 28" in table.caveat
    assert "September 2015" in table.caveat
    assert "23" in table.caveat


# --- values against the source CSV

SPOT_CHECKS = [
    "01001",  # Butter, salted
    "09040",  # Bananas, raw
    "11457",  # Spinach, raw
    "11233",  # Kale, raw
    "11090",  # Broccoli, raw
    "09037",  # Avocados, raw
    "16015",  # Beans, black, boiled
    "12061",  # Nuts, almonds
    "12016",  # Pumpkin and squash seed kernels, roasted
    "15159",  # Clam, cooked
    "13327",  # Beef liver, pan-fried
    "15088",  # Sardine, canned in oil
    "01125",  # Egg, yolk, raw
    "01002",  # Butter, whipped (has MK-4)
    "07057",  # Pepperoni (MK-4 41.7)
]


@pytest.mark.parametrize("ndb", SPOT_CHECKS)
def test_spot_check_values_equal_the_csv(
    table: FoodTable,
    csv_foods: dict[str, dict[str, str]],
    csv_portions: dict[str, list[dict[str, str]]],
    ndb: str,
) -> None:
    row = csv_foods[ndb]
    food = table.food(ndb)
    assert food.id == f"usda-{ndb}"
    assert food.name == row["description"]
    assert food.group == row["food_group"]
    assert food.source == FoodSource(ndb_number=ndb)
    for nutrient, column in COLUMNS.items():
        if row[column] == "":
            assert nutrient not in food.nutrients
        else:
            assert food.nutrients[nutrient] == Amount(value=float(row[column]), unit=NUTRIENT_UNITS[nutrient])
    expected = sorted(csv_portions.get(ndb, []), key=lambda r: int(r["seq"]))
    assert [p.seq for p in food.portions] == [int(r["seq"]) for r in expected]
    assert [p.grams for p in food.portions] == [float(r["grams"]) for r in expected]
    assert [p.description for p in food.portions] == [f"{r['amount']} {r['measure']}" for r in expected]


def test_known_values_without_the_csv(table: FoodTable) -> None:
    banana = table.food("usda-09040")
    assert banana.name == "Bananas, raw"
    assert banana.nutrients["potassium"] == Amount(value=358, unit=Unit.MG)
    assert banana.nutrients["magnesium"] == Amount(value=27, unit=Unit.MG)
    assert banana.nutrients["thiamin"] == Amount(value=0.031, unit=Unit.MG)
    assert banana.nutrients["water"] == Amount(value=74.91, unit=Unit.G)
    assert banana.nutrients["energy"] == Amount(value=89, unit=Unit.KCAL)
    spinach = table.food("11457")
    assert spinach.nutrients["vitamin-k"] == Amount(value=482.9, unit=Unit.UG)
    assert spinach.portions[0] == Portion(description="1 cup", grams=30.0, seq=1)
    assert table.food("07057").nutrients["vitamin-k2"] == Amount(value=41.7, unit=Unit.UG)
    assert table.food("01001").nutrients["thiamin"].value == 0.005


def test_every_value_equals_the_csv_and_missing_stays_missing(
    table: FoodTable, csv_foods: dict[str, dict[str, str]]
) -> None:
    assert {food.source.ndb_number for food in table} == set(csv_foods)
    present = dict.fromkeys(COLUMNS, 0)
    for food in table:
        row = csv_foods[food.source.ndb_number]
        for nutrient, column in COLUMNS.items():
            text = row[column]
            if text == "":
                assert nutrient not in food.nutrients, (food.id, nutrient)
            else:
                present[nutrient] += 1
                assert food.nutrients[nutrient].value == float(text), (food.id, nutrient)
    # the per-nutrient counts of SR28 Table 1 (README)
    assert present == {
        "energy": 8789,
        "water": 8788,
        "calcium": 8441,
        "magnesium": 8050,
        "potassium": 8363,
        "sodium": 8706,
        "vitamin-d": 5527,
        "thiamin": 8155,
        "vitamin-b12": 7596,
        "vitamin-k": 5226,
        "vitamin-k2": 588,
    }


def test_revised_foods_are_flagged(table: FoodTable) -> None:
    revised = {row["ndb_number"] for row in _csv("sr28_revision_differences.csv")}
    assert len(revised) == 23
    flagged = {food.source.ndb_number for food in table if food.revised_in_later_release}
    assert flagged == revised


def test_revision_flag_without_the_csv(table: FoodTable) -> None:
    assert table.food("01252").revised_in_later_release
    assert not table.food("09040").revised_in_later_release
    assert sum(food.revised_in_later_release for food in table) == 23


def test_portion_counts(table: FoodTable) -> None:
    assert sum(len(food.portions) for food in table) == 15438
    assert sum(1 for food in table if not food.portions) == 297
    for food in table:
        assert [p.seq for p in food.portions] == sorted(p.seq for p in food.portions)
        assert food.portion is (food.portions[0] if food.portions else None)


# --- records


def test_food_is_frozen_hashable_and_compares_by_value(table: FoodTable) -> None:
    food = table.food("09040")
    again = FoodTable.load().food("09040")
    assert food == again
    assert food is not again
    assert hash(food) == hash(again)
    assert len({food, again, table.food("11457")}) == 2
    assert isinstance(food.nutrients, MappingProxyType)
    with pytest.raises(TypeError):
        food.nutrients["magnesium"] = Amount(value=1, unit=Unit.MG)  # type: ignore[index]
    changed = Food(
        id=food.id,
        name=food.name,
        group=food.group,
        source=food.source,
        nutrients={**food.nutrients, "magnesium": Amount(value=28, unit=Unit.MG)},
        portions=food.portions,
    )
    assert changed != food
    assert table.food("09040") is food  # cached


def test_food_source() -> None:
    source = FoodSource(ndb_number="01001")
    assert source.dataset == "USDA SR28"
    assert source.release == "Release 28, September 2015"


# --- lookups


@pytest.mark.parametrize(
    "text", ["usda-01001", "USDA-01001", "01001", "1001", "Butter, salted", "  BUTTER,   SALTED ", "butter salted"]
)
def test_food_lookup_is_forgiving(table: FoodTable, text: str) -> None:
    assert table.food(text).id == "usda-01001"


def test_food_lookup_ignores_accents(table: FoodTable) -> None:
    assert table.food("Bánanas, raw").id == "usda-09040"


def test_unknown_food_raises_with_suggestions(table: FoodTable) -> None:
    with pytest.raises(UnknownTermError) as info:
        table.food("spinich, raw")
    assert info.value.kind == "food"
    assert info.value.term == "spinich, raw"
    assert "Spinach, raw" in info.value.suggestions
    assert isinstance(info.value, LookupError)


@pytest.mark.parametrize("bad", ["", "   ", "--"])
def test_food_rejects_empty_text(table: FoodTable, bad: str) -> None:
    with pytest.raises(ValueError, match="letters or digits"):
        table.food(bad)


def test_search_spinach(table: FoodTable) -> None:
    names = [food.name for food in table.search("spinach")]
    assert names[0] == "Spinach, raw"
    assert "Spinach, cooked, boiled, drained, without salt" in names
    assert table.search("spinach") == table.search("Spinach")


def test_search_limit_and_prefix(table: FoodTable) -> None:
    five = table.search("beans", limit=5)
    assert len(five) == 5
    assert table.search("beans", limit=20)[:5] == five
    assert table.search("zzzzqqq") == ()
    with pytest.raises(ValueError, match="at least 1"):
        table.search("beans", limit=0)


def test_search_partial_word(table: FoodTable) -> None:
    assert any(food.name.startswith("Spinach") for food in table.search("spina"))


PROCESSED = {
    "Baby Foods",
    "Fast Foods",
    "Restaurant Foods",
    "Meals, Entrees, and Side Dishes",
    "Soups, Sauces, and Gravies",
    "Snacks",
    "Sweets",
    "Baked Products",
    "Beverages",
    "American Indian/Alaska Native Foods",
}


def test_search_finds_the_food_people_mean_first(table: FoodTable) -> None:
    assert table.search("almonds", limit=1)[0].name == "Nuts, almonds"
    assert table.search("banana", limit=1)[0].name == "Bananas, raw"
    assert table.search("almond oil", limit=1)[0].name == "Oil, almond"


def _search_by_the_rule(table: FoodTable, text: str, limit: int) -> list[str]:
    """``FoodTable.search``'s documented order, by reading every description: whole
    words found, then word prefixes found (prefix-only matches need three letters), then
    plain foods before processed or mixed groups (and oils unless the query says "oil"),
    then everyday foods first, then starting with the first query word, then the shorter
    name, then the row."""
    query = list(dict.fromkeys(stem(word) for word in fold(text).split()))
    keyed = []
    for row, food in enumerate(table):
        words = {stem(word) for word in fold(food.name).split()}
        whole = sum(stem in words for stem in query)
        part = sum(stem not in words and any(w.startswith(stem) for w in words) for stem in query)
        long_part = any(
            stem not in words and len(stem) >= 3 and any(w.startswith(stem) for w in words) for stem in query
        )
        if whole or long_part:
            head = stem(fold(food.name).split()[0])
            processed = food.group in PROCESSED or (food.group == "Fats and Oils" and "oil" not in query)
            everyday = table.everyday_reason(food) is None
            keyed.append((-whole, -part, processed, not everyday, head != query[0], len(food.name), row, food.id))
    keyed.sort()
    return [key[-1] for key in keyed[:limit]]


@pytest.mark.parametrize("text", ["sp", "ra", "spinach ra", "mi wh", "beans", "raw", "milk", "cheese ch", "a"])
def test_search_follows_its_documented_order_for_short_and_common_words(table: FoodTable, text: str) -> None:
    assert [food.id for food in table.search(text, limit=40)] == _search_by_the_rule(table, text, 40)


@scaled(0.2)
@given(
    data=st.data(),
    limit=st.sampled_from([1, 3, 10, 40]),
)
def test_search_follows_its_documented_order(table: FoodTable, data: st.DataObject, limit: int) -> None:
    # words of real names, some cut short, so that both large and small tiers come up
    row = data.draw(st.integers(0, len(table) - 1), label="row")
    # a search needs letters or digits: a lone "&" of a name is no search text
    words = [word for word in fold(table.columns.names[row]).split() if any(ch.isalnum() for ch in word)]
    picked = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3), label="words")
    cut = data.draw(st.lists(st.integers(1, 12), min_size=len(picked), max_size=len(picked)), label="cut")
    text = " ".join(word[:n] for word, n in zip(picked, cut, strict=True))
    assert [food.id for food in table.search(text, limit=limit)] == _search_by_the_rule(table, text, limit)


@pytest.mark.parametrize(
    ("text", "ndb"),
    [
        ("spinach", "11457"),
        ("bananas", "09040"),
        ("almonds", "12061"),
        ("kale", "11233"),
        ("broccoli", "11090"),
        ("avocado", "09037"),
        ("swiss chard", "11147"),
        ("lentils", "16069"),
    ],
)
def test_best_match_picks_the_plain_food(table: FoodTable, text: str, ndb: str) -> None:
    food = table.best_match(text)
    assert food is not None
    assert food.source.ndb_number == ndb


def test_best_match_pumpkin_seeds(table: FoodTable) -> None:
    food = table.best_match("pumpkin seeds")
    assert food is not None
    assert food.group == "Nut and Seed Products"
    assert "pumpkin" in food.name.lower()


@pytest.mark.parametrize("text", ["xyzzy plugh", "nuts", "whole grains", "fatty fish", "leafy greens", "and"])
def test_best_match_returns_none_rather_than_a_bad_match(table: FoodTable, text: str) -> None:
    assert table.best_match(text) is None


def test_best_match_ignores_negated_words(table: FoodTable) -> None:
    food = table.best_match("soy milk")
    assert food is not None
    assert food.name.startswith("Soymilk")


# --- rich_in: examples


def test_pumpkin_seeds_are_high_in_magnesium(table: FoodTable) -> None:
    top = table.rich_in("magnesium", limit=40, per="100g", everyday=False)
    assert any("pumpkin" in r.food.name.lower() for r in top)
    seeds = table.rich_in("magnesium", groups=["Nut and Seed Products"], limit=5, per="100g", everyday=False)
    assert any("pumpkin" in r.food.name.lower() for r in seeds)
    kernels = table.food("12016")
    assert kernels.nutrients["magnesium"].value >= 500


def test_percent_daily_value(table: FoodTable) -> None:
    first = table.rich_in("magnesium", limit=1, per="100g", everyday=False)[0]
    assert first.percent_daily_value == pytest.approx(first.amount.value / 420 * 100)
    ounce = next(
        r for r in table.rich_in("magnesium", per="portion", limit=None, everyday=False) if r.food.id == "usda-12016"
    )
    assert ounce.portion == table.food("12016").portions[0]
    assert ounce.amount.value == pytest.approx(550 * ounce.portion.grams / 100)
    assert ounce.percent_daily_value == pytest.approx(ounce.amount.value / 420 * 100)
    for nutrient, dv in DAILY_VALUES.items():
        result = table.rich_in(nutrient, limit=1, per="100g", everyday=False)[0]
        assert result.percent_daily_value == pytest.approx(result.amount.value / dv * 100)
    for nutrient in ("vitamin-k2", "energy", "water"):
        assert table.rich_in(nutrient, limit=1, per="100g", everyday=False)[0].percent_daily_value is None


def test_result_fields(table: FoodTable) -> None:
    result = table.rich_in("potassium", limit=3, per="100g", everyday=False)[2]
    assert isinstance(result, FoodResult)
    assert result.rank == 3
    assert result.nutrient == "potassium"
    assert result.basis == "100g"
    assert result.portion is None
    assert result.amount == result.food.nutrients["potassium"]


def test_per_100kcal_excludes_foods_without_energy(table: FoodTable) -> None:
    results = table.rich_in("sodium", per="100kcal", limit=None, everyday=False)
    assert all(r.food.nutrients["energy"].value > 0 for r in results)
    salt = table.food("02047")  # Salt, table: 0 kcal
    assert salt.nutrients["energy"].value == 0
    assert salt not in {r.food for r in results}
    assert results[0].amount.value == pytest.approx(
        results[0].food.nutrients["sodium"].value * 100 / results[0].food.nutrients["energy"].value
    )


def test_per_portion_excludes_foods_without_portions(table: FoodTable) -> None:
    results = table.rich_in("water", per="portion", limit=None, everyday=False)
    assert all(r.food.portions and r.portion == r.food.portions[0] for r in results)
    with_water = sum(1 for f in table if "water" in f.nutrients and f.portions)
    assert len(results) == with_water


def test_missing_values_are_left_out(table: FoodTable) -> None:
    results = table.rich_in("vitamin-k2", limit=None, per="100g", everyday=False)
    assert len(results) == 588
    assert len(table.rich_in("magnesium", limit=None, per="100g", everyday=False)) == 8050
    assert all("vitamin-k2" in r.food.nutrients for r in results)


def test_nutrient_id_forgiving_case(table: FoodTable) -> None:
    assert table.rich_in("Vitamin B12", limit=3) == table.rich_in("vitamin-b12", limit=3)


def test_single_group_name_as_str(table: FoodTable) -> None:
    assert table.rich_in("calcium", groups="dairy and egg products", limit=5) == table.rich_in(
        "calcium", groups=["Dairy and Egg Products"], limit=5
    )


def test_vegan_magnesium_has_no_animal_foods(table: FoodTable) -> None:
    results = table.rich_in("magnesium", diet="vegan", limit=None, per="100g", everyday=False)
    assert results
    assert not {r.food.group for r in results} & ANIMAL_GROUPS
    animal = {"milk", "cheese", "egg", "eggs", "honey", "beef", "chicken", "fish", "whey", "yogurt", "gelatin"}
    for result in results:
        assert not animal & set(fold(result.food.name).split()), result.food.name


# --- rich_in: errors


def test_bad_per(table: FoodTable) -> None:
    with pytest.raises(ValueError, match="'100g', 'portion', '100kcal'"):
        table.rich_in("magnesium", per="cup", everyday=False)


def test_bad_diet(table: FoodTable) -> None:
    with pytest.raises(ValueError, match="'vegan', 'vegetarian', 'omnivore'"):
        table.rich_in("magnesium", diet="pescatarian", per="100g", everyday=False)
    with pytest.raises(TypeError):
        table.rich_in("magnesium", diet=1, per="100g", everyday=False)  # type: ignore[arg-type]


def test_bad_groups(table: FoodTable) -> None:
    with pytest.raises(UnknownTermError) as info:
        table.rich_in("magnesium", groups=["Vegetables"], per="100g", everyday=False)
    assert info.value.kind == "food group"
    assert info.value.suggestions == ("Vegetables and Vegetable Products",)
    with pytest.raises(UnknownTermError) as info:
        table.rich_in("magnesium", exclude_groups=["Sweeets"], per="100g", everyday=False)
    assert "Sweets" in info.value.suggestions


def test_bad_nutrient(table: FoodTable) -> None:
    with pytest.raises(UnknownTermError) as info:
        table.rich_in("magnesum", per="100g", everyday=False)
    assert info.value.kind == "nutrient"
    assert info.value.suggestions == ("magnesium",)
    with pytest.raises(UnknownTermError):
        table.rich_in("protein", per="100g", everyday=False)


@pytest.mark.parametrize("limit", [0, -1])
def test_limit_must_be_positive(table: FoodTable, limit: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        table.rich_in("magnesium", limit=limit, per="100g", everyday=False)


@pytest.mark.parametrize("limit", [True, False, 1.5, "3"])
def test_limit_must_be_an_int(table: FoodTable, limit: object) -> None:
    with pytest.raises(TypeError, match="limit"):
        table.rich_in("magnesium", limit=limit, per="100g", everyday=False)  # type: ignore[arg-type]


# --- rich_in: properties

nutrients = st.sampled_from(sorted(NUTRIENT_UNITS))
bases = st.sampled_from(BASES)
diets = st.sampled_from([None, "vegan", "vegetarian", "omnivore"])
group_sets = st.none() | st.sets(st.sampled_from(TABLE.groups()), min_size=1, max_size=4)
limits = st.none() | st.integers(min_value=1, max_value=60)


def _expected(result: FoodResult) -> float:
    value = result.food.nutrients[result.nutrient].value
    if result.basis == "serving":
        assert result.serving is not None
        return value * result.serving.grams / 100
    if result.basis == "portion":
        assert result.portion is not None
        return value * result.portion.grams / 100
    if result.basis == "100kcal":
        return value * 100 / result.food.nutrients["energy"].value
    return value


def _pairs(results: tuple[FoodResult, ...]) -> Iterator[tuple[FoodResult, FoodResult]]:
    return itertools.pairwise(results)


@given(nutrients, bases, limits, diets, group_sets, group_sets, st.booleans())
def test_rich_in_invariants(
    nutrient: str,
    per: str,
    limit: int | None,
    diet: str | None,
    groups: set[str] | None,
    excluded: set[str] | None,
    everyday: bool,
) -> None:
    query = {"per": per, "groups": groups, "exclude_groups": excluded, "diet": diet, "everyday": everyday}
    results = TABLE.rich_in(nutrient, limit=limit, **query)  # type: ignore[arg-type]
    if limit is not None:
        assert len(results) <= limit
    assert [r.rank for r in results] == list(range(1, len(results) + 1))
    for first, second in _pairs(results):
        assert first.amount.value >= second.amount.value
        if first.amount.value == second.amount.value:
            assert first.food.id < second.food.id
    for result in results:
        assert result.nutrient == nutrient
        assert result.basis == per
        assert result.amount.unit is NUTRIENT_UNITS[nutrient]
        assert result.amount.value >= 0
        assert math.isfinite(result.amount.value)
        assert nutrient in result.food.nutrients  # never a missing value read as zero
        assert result.amount.value == _expected(result)
        assert (result.portion is not None) == (per == "portion")
        if groups is not None:
            assert result.food.group in groups
        if excluded is not None:
            assert result.food.group not in excluded
        if diet == "vegan":
            assert result.food.group not in ANIMAL_GROUPS
            assert classify_diet(result.food.name, result.food.group) == "vegan"
        if diet == "vegetarian":
            assert result.food.group not in MEAT_GROUPS
            assert classify_diet(result.food.name, result.food.group) in ("vegan", "vegetarian")
        if everyday:  # an everyday food, or one of a group asked for by name
            reason = TABLE.everyday_reason(result.food)
            assert reason is None or (groups is not None and result.food.group in groups)
    if everyday:  # one food of each kind
        kinds = [kind_of(r.food.name, r.food.group) for r in results]
        assert len(kinds) == len(set(kinds))
    if limit is not None:
        everything = TABLE.rich_in(nutrient, limit=None, **query)  # type: ignore[arg-type]
        assert results == everything[:limit]


@given(nutrients, bases)
def test_rich_in_unfiltered_covers_every_food_with_a_value(nutrient: str, per: str) -> None:
    results = TABLE.rich_in(nutrient, per=per, limit=None, everyday=False)

    def eligible(food: Food) -> bool:
        if nutrient not in food.nutrients:
            return False
        if per == "serving":
            return food.serving is not None
        if per == "portion":
            return bool(food.portions)
        if per == "100kcal":
            return "energy" in food.nutrients and food.nutrients["energy"].value > 0
        return True

    assert {r.food.id for r in results} == {food.id for food in TABLE if eligible(food)}


@given(diets)
def test_diets_nest(diet: str | None) -> None:
    vegan = {r.food.id for r in TABLE.rich_in("calcium", diet="vegan", limit=None, everyday=False)}
    vegetarian = {r.food.id for r in TABLE.rich_in("calcium", diet="vegetarian", limit=None, everyday=False)}
    everyone = {r.food.id for r in TABLE.rich_in("calcium", diet=diet, limit=None, everyday=False)}
    assert vegan <= vegetarian
    if diet in (None, "omnivore"):
        assert vegetarian < everyone


# --- diet classification


@pytest.mark.parametrize(
    ("name", "group", "diet"),
    [
        ("Spinach, raw", "Vegetables and Vegetable Products", "vegan"),
        ("Peanut butter, smooth style, with salt", "Legumes and Legume Products", "vegan"),
        ("Nuts, coconut meat, raw", "Nut and Seed Products", "vegan"),
        ("Mushrooms, oyster, raw", "Vegetables and Vegetable Products", "vegan"),
        ("Oil, olive, salad or cooking", "Fats and Oils", "vegan"),
        ("Nuts, almonds, honey roasted, unblanched", "Nut and Seed Products", "vegetarian"),
        ("Spinach souffle", "Vegetables and Vegetable Products", "vegetarian"),
        ("Noodles, egg, dry, enriched", "Cereal Grains and Pasta", "vegetarian"),
        ("Cheese, cheddar", "Dairy and Egg Products", "vegetarian"),
        ("Egg, duck, whole, fresh, raw", "Dairy and Egg Products", "vegetarian"),
        ("Meatballs, meatless", "Legumes and Legume Products", "vegetarian"),
        ("Beans, baked, canned, with franks", "Legumes and Legume Products", "omnivore"),
        ("Refried beans, canned, traditional style", "Legumes and Legume Products", "omnivore"),
        ("Fish oil, cod liver", "Fats and Oils", "omnivore"),
        ("Lard", "Fats and Oils", "omnivore"),
        ("Beef, ground, raw", "Beef Products", "omnivore"),
        ("Bread, whole-wheat", "Baked Products", "omnivore"),
        ("Soup, tomato, canned", "Soups, Sauces, and Gravies", "omnivore"),
    ],
)
def test_classify_diet(name: str, group: str, diet: str) -> None:
    assert classify_diet(name, group) == diet


# --- packaging


def test_load_works_from_a_zip(tmp_path: Path) -> None:
    package = Path(__file__).resolve().parents[1] / "src" / "cramps"
    archive = tmp_path / "cramps.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, Path("cramps") / path.relative_to(package))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import cramps.food_table as f; "
        "assert '.zip' in f.__file__; t = f.FoodTable.load(); "
        "print(len(t), t.rich_in('magnesium', limit=1, per='100g', everyday=False)[0].food.id,"
        " t.food('spinach, raw').id)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(archive)], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["8789", "usda-20060", "usda-11457"]


def _copy_table(tmp_path: Path) -> Path:
    from importlib.resources import files

    data = files("cramps") / "data"
    for name in ("food-table.json", "foods.bin", "foods-search.bin", "foods-order.bin"):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    return tmp_path


def test_a_copied_table_loads_from_its_folder(tmp_path: Path, table: FoodTable) -> None:
    copy = FoodTable.load(_copy_table(tmp_path))
    assert copy.food("Spinach, raw") == table.food("Spinach, raw")
    assert copy.rich_in("magnesium", limit=3) == table.rich_in("magnesium", limit=3)


def test_a_file_that_does_not_decompress_to_its_stated_size_is_refused(tmp_path: Path) -> None:
    import json

    folder = _copy_table(tmp_path)
    header = json.loads((folder / "food-table.json").read_text())
    header["files"]["foods-search.bin"]["bytes"] += 1
    (folder / "food-table.json").write_text(json.dumps(header))
    damaged = FoodTable.load(folder)
    with pytest.raises(DataError, match="header says") as caught:
        damaged.search("spinach")
    assert caught.value.file == "foods-search.bin"


def test_a_truncated_file_is_refused_with_its_name(tmp_path: Path) -> None:
    folder = _copy_table(tmp_path)
    whole = (folder / "foods.bin").read_bytes()
    (folder / "foods.bin").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DataError, match="cannot read the food table") as caught:
        FoodTable.load(folder)
    assert caught.value.file == "foods.bin"
