"""Servings people eat and everyday foods (issue 15): the census of servings, the everyday
rule on known ingredients and known everyday foods, one food of each kind, the serving
arithmetic, and the whole-table answers that must not change."""

from __future__ import annotations

import collections
import csv
import hashlib
from pathlib import Path

import pytest

import cramps
from cramps.food_table import FoodTable
from cramps.foods import NUTRIENT_UNITS
from cramps.servings import CATEGORY_IDS, category_of, density, kind_of, measures, nearest_measure

REPO = Path(__file__).resolve().parents[1]
SIX = ("magnesium", "potassium", "calcium", "vitamin-d", "vitamin-b12", "thiamin")


@pytest.fixture(scope="module")
def table() -> FoodTable:
    return FoodTable.load()


# --- the census


#: Foods without a serving, by USDA group (the build's rules; every one has a reason).
UNMAPPED = {
    "American Indian/Alaska Native Foods": 74,
    "Baby Foods": 367,
    "Baked Products": 68,
    "Beverages": 79,
    "Breakfast Cereals": 105,
    "Dairy and Egg Products": 26,
    "Fast Foods": 11,
    "Fats and Oils": 1,
    "Fruits and Fruit Juices": 5,
    "Legumes and Legume Products": 44,
    "Meals, Entrees, and Side Dishes": 20,
    "Restaurant Foods": 8,
    "Snacks": 14,
    "Soups, Sauces, and Gravies": 24,
    "Spices and Herbs": 7,
    "Sweets": 86,
    "Vegetables and Vegetable Products": 15,
}


def test_census_of_servings(table: FoodTable) -> None:
    """The share of foods with a serving, and the unmapped ones by group, each with its reason."""
    columns = table.columns
    unmapped: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    for food in table:
        reason = table.serving_reason(food)
        assert reason  # every food says why it has its serving, or why it has none
        if food.serving is None:
            unmapped[food.group] += 1
            reasons[reason] += 1
    mapped = len(table) - sum(unmapped.values())
    assert mapped == 7835
    assert mapped / len(table) > 0.89
    assert dict(unmapped) == UNMAPPED
    # the largest reasons: baby foods (FDA's Table 1 is not in the data) and dense cereals
    # (the current amount for that class was not found in a source)
    assert reasons.most_common(1)[0][0].startswith("a baby food")
    assert any("43 g or more per cup" in reason for reason in reasons)
    assert len(columns.category_ids) == len(CATEGORY_IDS) == 111


def test_every_category_is_a_checked_row_of_the_regulations(table: FoodTable) -> None:
    categories = table.columns.categories
    assert tuple(categories) == CATEGORY_IDS
    with (REPO / "data" / "racc" / "verification.csv").open(encoding="utf-8") as handle:
        verdicts = {(row["product_category"], row["subcategory"]): row["verdict"] for row in csv.DictReader(handle)}
    with (REPO / "data" / "racc" / "categories.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        category = categories[row["id"]]
        assert category.verified.startswith(("seen in", "changed in 2016"))
        if row["table"] == "21 CFR 101.12(b)":
            assert verdicts[row["product_category"], row["subcategory"]] in ("confirmed", "differs")
    assert categories["fruit"].amount == 140
    assert categories["milk"].amount == 240
    assert categories["milk"].unit == "mL"
    assert (categories["meat-cooked"].amount, categories["meat-raw"].amount) == (85, 114)  # FSIS
    assert (categories["fish-cooked"].amount, categories["fish-raw"].amount) == (85, 110)  # FDA
    assert "cereal-dense" not in categories  # its current amount was not found in a source


# --- the serving arithmetic


def test_a_volume_serving_is_weighed_by_the_food_s_own_cup(table: FoodTable) -> None:
    milk = table.food("Milk, whole, 3.25% milkfat, with added vitamin D")
    cup = next(p for p in milk.portions if p.description == "1 cup")
    assert milk.serving is not None
    assert milk.serving.grams == cup.grams  # 240 mL is FDA's cup
    assert milk.serving.measure == f"1 cup ({cup.grams:g} g)"
    honey = table.food("Honey")
    assert honey.serving is not None
    assert honey.serving.category == "honey-jam"  # 1 tbsp
    tbsp = next(p for p in honey.portions if p.description.startswith("1 tbsp"))
    assert honey.serving.grams == tbsp.grams


def test_a_weight_serving_is_the_reference_amount(table: FoodTable) -> None:
    banana = table.food("Bananas, raw")
    assert banana.serving is not None
    assert (banana.serving.grams, banana.serving.category) == (140, "fruit")
    assert banana.serving.measure is not None
    assert banana.serving.measure.startswith("1 large")  # the household measure nearest to 140 g


def test_measures_read_usda_portion_descriptions() -> None:
    assert measures([("1 cup, chopped", 150.0), ("1/2 cup", 75.0), ("1 1/2 oz", 42.0), ("pinch", 0.1)]) == [
        ("cup, chopped", 1.0, 150.0),
        ("cup", 0.5, 75.0),
        ("oz", 1.5, 42.0),
        ("pinch", 1.0, 0.1),
    ]
    assert density([("tbsp", 1.0, 21.0)]) == pytest.approx(21.0 / 15)
    assert density([("medium", 1.0, 118.0)]) is None
    assert density([("cup", 1.0, 339.0), ("tbsp", 1.0, 21.0)], 15.0) == pytest.approx(21.0 / 15)  # nearest volume
    assert nearest_measure(30.0, [("cup, whole", 1.0, 143.0), ("oz", 1.0, 28.35)]) == "1 oz (28.4 g)"
    assert nearest_measure(30.0, [("cup, whole", 1.0, 143.0)]) == "1/4 cup, whole (35.8 g)"
    assert nearest_measure(30.0, [("lb", 1.0, 453.6)]) is None  # not a household measure


def test_a_food_with_no_category_says_why() -> None:
    assert category_of("Babyfood, vegetables, carrots, strained", "Baby Foods") == (
        None,
        "a baby food: FDA's infant and toddler amounts (Table 1) are not in the data",
    )
    category, why = category_of("Cereals ready-to-eat, granola", "Breakfast Cereals", [("cup", 1.0, 120.0)])
    assert category is None
    assert "43 g or more per cup" in why


# --- the everyday rule

INGREDIENTS = [
    "Leavening agents, cream of tartar",
    "Leavening agents, baking powder, low-sodium",
    "Leavening agents, yeast, baker's, active dry",
    "Yeast extract spread",
    "Gelatins, dry powder, unsweetened",
    "Rennin, chocolate, dry mix, prepared with 2% milk",
    "Soy flour, defatted",
    "Rice bran, crude",
    "Wheat bran, crude",
    "Soy protein isolate",
    "Vital wheat gluten",
    "Seeds, cottonseed flour, low fat (glandless)",
    "Beverages, tea, instant, unsweetened, powder",
    "Milk, dry, nonfat, regular, without added vitamin A and vitamin D",
    "Parsley, freeze-dried",
    "Spices, basil, dried",
    "Babyfood, cereal, mixed, dry fortified",
    "Beverages, Whey protein powder isolate",
    "Whey, acid, dried",
    "Cornstarch",
]
EVERYDAY = [
    "Bananas, raw",
    "Milk, whole, 3.25% milkfat, with added vitamin D",
    "Yogurt, plain, low fat, 12 grams protein per 8 ounce",
    "Cheese, cheddar",
    "Egg, whole, cooked, hard-boiled",
    "Spinach, cooked, boiled, drained, without salt",
    "Nuts, almonds",
    "Seeds, pumpkin and squash seed kernels, dried",
    "Fish, salmon, Atlantic, farmed, cooked, dry heat",
    "Lentils, mature seeds, cooked, boiled, without salt",
    "Beans, black, mature seeds, cooked, boiled, without salt",
    "Rice, brown, long-grain, cooked",
    "Bread, whole-wheat, commercially prepared",
    "Orange juice, raw",
    "Potatoes, baked, flesh and skin, without salt",
    "Tofu, raw, firm, prepared with calcium sulfate",
    "Soymilk, original and vanilla, with added calcium, vitamins A and D",
    "Beef, ground, 85% lean meat / 15% fat, patty, cooked, broiled",
    "Chicken, broilers or fryers, breast, meat only, cooked, roasted",
    "Mollusks, clam, mixed species, cooked, moist heat",
]


@pytest.mark.parametrize("name", INGREDIENTS)
def test_ingredients_and_additives_are_not_everyday_foods(table: FoodTable, name: str) -> None:
    assert table.everyday_reason(table.food(name)) is not None


@pytest.mark.parametrize("name", EVERYDAY)
def test_foods_eaten_as_such_are_everyday_foods_with_a_serving(table: FoodTable, name: str) -> None:
    food = table.food(name)
    assert table.everyday_reason(food) is None
    assert food.serving is not None


def test_baby_foods_and_dishes_come_back_when_their_group_is_asked_for(table: FoodTable) -> None:
    assert all(r.food.group != "Baby Foods" for r in table.rich_in("calcium", per="100g", limit=None))
    babies = table.rich_in("calcium", per="100g", groups=["Baby Foods"], limit=5)
    assert len(babies) == 5
    assert all(r.food.group == "Baby Foods" for r in babies)
    dishes = table.rich_in("sodium", groups="Fast Foods", limit=3)
    assert len(dishes) == 3


# --- one food of each kind


def test_near_identical_variants_are_one_kind() -> None:
    salted = kind_of("Spinach, cooked, boiled, drained, with salt", "Vegetables and Vegetable Products")
    plain = kind_of("Spinach, cooked, boiled, drained, without salt", "Vegetables and Vegetable Products")
    frozen = kind_of("Spinach, frozen, chopped or leaf, cooked, boiled, drained", "Vegetables and Vegetable Products")
    assert salted == plain == frozen
    assert kind_of("Fish, salmon, sockeye, cooked, dry heat", "Finfish and Shellfish Products") == kind_of(
        "Salmon, sockeye, canned, drained solids", "Finfish and Shellfish Products"
    )
    assert kind_of("Beans, black, mature seeds, cooked", "Legumes and Legume Products") != kind_of(
        "Beans, kidney, red, mature seeds, cooked", "Legumes and Legume Products"
    )


def _plain_name(name: str) -> str:
    for phrase in (", with salt added", ", without salt added", ", with salt", ", without salt", ", frozen", ", fresh"):
        name = name.replace(phrase, "")
    return name


@pytest.mark.parametrize("nutrient", sorted(NUTRIENT_UNITS))
@pytest.mark.parametrize("per", ["serving", "100g", "portion", "100kcal"])
def test_no_near_duplicates_in_a_default_answer(table: FoodTable, nutrient: str, per: str) -> None:
    for diet in (None, "vegetarian", "vegan"):
        results = table.rich_in(nutrient, per=per, diet=diet, limit=25)
        names = [_plain_name(r.food.name) for r in results]
        assert len(names) == len(set(names))
        kinds = [kind_of(r.food.name, r.food.group) for r in results]
        assert len(kinds) == len(set(kinds))


@pytest.mark.parametrize("nutrient", SIX)
def test_no_ingredient_or_additive_in_a_default_top_ten(table: FoodTable, nutrient: str) -> None:
    for result in cramps.foods_rich_in(nutrient):
        assert table.everyday_reason(result.food) is None
        assert result.serving is not None
        assert result.basis == "serving"


# --- the whole-table answers do not change

#: SHA-256 (first 16 hex digits) of every food's id, amount and %DV, per nutrient and basis,
#: computed from the whole-table answers before the serving basis came (commit 95867e3).
WHOLE_TABLE = {
    ("magnesium", "100g"): "e2f4a5de98801811",
    ("magnesium", "portion"): "48bc823593bd052a",
    ("magnesium", "100kcal"): "85d8000f32ca241c",
    ("potassium", "100g"): "dbaabd7000f00411",
    ("potassium", "portion"): "31684ee9e71cba86",
    ("potassium", "100kcal"): "3749f944419171ab",
    ("calcium", "100g"): "38594ea50206a022",
    ("calcium", "portion"): "d826067301dd0102",
    ("calcium", "100kcal"): "65c1ca72206a7137",
    ("sodium", "100g"): "97592a662a0a9785",
    ("sodium", "portion"): "7888499c06d6e245",
    ("sodium", "100kcal"): "f282d4d171507dcb",
    ("vitamin-d", "100g"): "cbff7924a8b976eb",
    ("vitamin-d", "portion"): "0fb89d5e77328545",
    ("vitamin-d", "100kcal"): "d3aacde4e635aaa6",
    ("thiamin", "100g"): "3d81b41c8844204e",
    ("thiamin", "portion"): "dca44b704c2757a2",
    ("thiamin", "100kcal"): "0eb1ddbb4fdffe37",
    ("vitamin-b12", "100g"): "b8c4edc0d7278b64",
    ("vitamin-b12", "portion"): "69965f21f8445e59",
    ("vitamin-b12", "100kcal"): "f135c09d42c5af46",
    ("vitamin-k", "100g"): "2643443ada1cbda7",
    ("vitamin-k", "portion"): "5d1ab7bad0f6b045",
    ("vitamin-k", "100kcal"): "01566a467da67e27",
    ("vitamin-k2", "100g"): "ab03add248c28a6c",
    ("vitamin-k2", "portion"): "c8d726375b4f7452",
    ("vitamin-k2", "100kcal"): "027777e351125bcf",
    ("energy", "100g"): "080a86861342fb9c",
    ("energy", "portion"): "9b49423a2c032874",
    ("energy", "100kcal"): "4c7c836716897f1e",
    ("water", "100g"): "cf1f61e1d84ecdab",
    ("water", "portion"): "834aa607413fbbf9",
    ("water", "100kcal"): "00195d9838de57b2",
}


@pytest.mark.parametrize(("nutrient", "per"), sorted(WHOLE_TABLE))
def test_whole_table_answers_are_unchanged(table: FoodTable, nutrient: str, per: str) -> None:
    results = table.rich_in(nutrient, per=per, everyday=False, limit=None)
    text = "\n".join(f"{r.food.id} {r.amount.value!r} {r.percent_daily_value!r}" for r in results)
    assert hashlib.sha256(text.encode()).hexdigest()[:16] == WHOLE_TABLE[nutrient, per]


def test_the_curated_exceptions_apply_and_say_why(table: FoodTable) -> None:
    with (REPO / "data" / "racc" / "overrides.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows  # a small table, each row with its reason
    for row in rows:
        food = table.food(row["ndb_number"])
        assert food.name == row["description"]
        assert (food.serving.category if food.serving else "") == row["category"]
        assert table.serving_reason(food) == f"an exception to the rules: {row['reason']}"
    hummus = table.food("Hummus, commercial")
    assert hummus.serving is not None
    assert (hummus.serving.category, hummus.serving.grams) == ("dip", 30.0)  # 2 tbsp, not 130 g of beans
