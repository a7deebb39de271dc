"""Extension foods rank exactly as if every food were sorted by brute force."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cramps
from cramps import servings
from cramps.foods import (
    BASES,
    MAX_ENERGY_KCAL,
    MIN_ENERGY_KCAL,
    NUTRIENT_UNITS,
    Food,
    FoodSource,
    Portion,
    classify_diet,
)

BASE = cramps.default_kb()
PACKAGED = tuple(BASE.foods)
RANKED = sorted(n.id for n in BASE.nutrients if n.id in NUTRIENT_UNITS)
#: Packaged foods a random extension may replace (replace=True), and values that tie with them.
REPLACEABLE = ("usda-20060", "usda-11457", "usda-12011", "usda-01001", "usda-11663")
TIES = (781.0, 770.0, 760.0, 79.0, 0.0)
GROUPS = ("Snacks", "Vegetables and Vegetable Products", "Dairy and Egg Products", "Team Group")
WORDS = ("crisps", "cheese", "chicken", "kale", "tofu, vegan")
DIET_RANK = {"omnivore": 0, "vegetarian": 1, "vegan": 2}

values = st.one_of(st.sampled_from(TIES), st.floats(0, 2000, allow_nan=False, allow_infinity=False))
#: Values a food can hold (see cramps.foods.implausible): water at most 100 g, energy 0 or
#: from 0.1 to 902 kcal per 100 g; the other nutrients' values above are all possible.
PLAUSIBLE = {
    "water": st.one_of(st.sampled_from((79.0, 0.0)), st.floats(0, 100)),
    "energy": st.one_of(st.sampled_from(TIES), st.just(MIN_ENERGY_KCAL), st.floats(MIN_ENERGY_KCAL, MAX_ENERGY_KCAL)),
}


@st.composite
def extension_foods(draw: st.DrawFn) -> list[Food]:
    ids = draw(
        st.lists(
            st.one_of(st.sampled_from(REPLACEABLE), st.from_regex(r"(aa|team|zz)-[a-z0-9]{1,6}", fullmatch=True)),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    foods = []
    for number, food_id in enumerate(ids):
        nutrients = {}
        for nutrient, unit in NUTRIENT_UNITS.items():
            value = draw(st.none() | PLAUSIBLE.get(nutrient, values))
            if value is not None:
                nutrients[nutrient] = cramps.Amount(value=value, unit=unit)
        grams = draw(st.lists(st.floats(0.01, 1000, allow_nan=False), max_size=2))
        foods.append(
            Food(
                id=food_id,
                name=f"Team test food {number}, {draw(st.sampled_from(WORDS))}",
                group=draw(st.sampled_from(GROUPS)),
                source=FoodSource(dataset="Hypothesis", id=str(number)),
                nutrients=nutrients,
                portions=[Portion(description=f"{g} g", grams=g, seq=i) for i, g in enumerate(grams, 1)],
            )
        )
    return foods


def serving_of(food: Food) -> float | None:
    """The serving grams: the packaged food's own, or by the rules of cramps.servings."""
    if food.serving is not None:
        return food.serving.grams
    portions = servings.measures((p.description, p.grams) for p in food.portions)
    category, _ = servings.category_of(food.name, food.group, portions)
    if category is None:
        return None
    return servings.serving_grams(BASE.foods.columns.categories[category], portions)


def amount(food: Food, nutrient: str, per: str) -> float | None:
    """The amount by the documented rule, written out independently of the library."""
    found = food.nutrients.get(nutrient)
    if found is None:
        return None
    if per == "100g":
        return found.value
    if per == "serving":
        grams = serving_of(food)
        return None if grams is None else found.value * grams / 100
    if per == "portion":
        return None if not food.portions else found.value * food.portions[0].grams / 100
    energy = food.nutrients.get("energy")
    return None if energy is None or energy.value == 0 else found.value * 100 / energy.value


Row = tuple[float, str, str, int, "str | None", str]


def row_of(food: Food, value: float) -> Row:
    """(-amount, id, group, diet rank, why not everyday, kind)."""
    diet = DIET_RANK[classify_diet(food.name, food.group)]
    reason = servings.everyday_reason(food.name, food.group)
    return (-value, food.id, food.group, diet, reason, servings.kind_of(food.name, food.group))


@functools.cache
def packaged_rows(nutrient: str, per: str) -> list[Row]:
    """The rows of every packaged food with an amount."""
    return [row_of(food, value) for food in PACKAGED if (value := amount(food, nutrient, per)) is not None]


def brute_force(
    foods: list[Food],
    nutrient: str,
    per: str,
    limit: int | None,
    diet: str | None,
    groups: list[str] | None,
    everyday: bool = False,
) -> list[tuple[str, float]]:
    replaced = {food.id for food in foods}
    rows = [row for row in packaged_rows(nutrient, per) if row[1] not in replaced]
    rows += [row_of(food, value) for food in foods if (value := amount(food, nutrient, per)) is not None]
    wanted = 0 if diet is None else DIET_RANK[diet]
    waived = {servings.WAIVED_BY_GROUP[g] for g in groups or () if g in servings.WAIVED_BY_GROUP}
    kept = sorted(row for row in rows if (groups is None or row[2] in groups) and row[3] >= wanted)
    if everyday:
        kinds: set[str] = set()
        distinct = []
        for row in kept:
            if (row[4] is None or row[4] in waived) and row[5] not in kinds:
                kinds.add(row[5])
                distinct.append(row)
        kept = distinct
    return [(row[1], -row[0]) for row in kept[:limit]]


@given(
    extension_foods(),
    st.sampled_from(RANKED),
    st.sampled_from(BASES),
    st.sampled_from([1, 3, 12, None]),
    st.sampled_from([None, "vegan", "vegetarian"]),
    st.none() | st.lists(st.sampled_from(GROUPS), min_size=1, max_size=2, unique=True),
    st.booleans(),
)
def test_foods_rich_in_equals_a_brute_force_sort_of_all_foods(
    foods: list[Food],
    nutrient: str,
    per: str,
    limit: int | None,
    diet: str | None,
    groups: list[str] | None,
    everyday: bool,
) -> None:
    """Team foods rank by the packaged table's rules, on every basis, with or without
    the everyday rule (one food of each kind)."""
    kb = BASE.extended({"foods": foods}, replace=True)
    if groups is not None and "Team Group" in groups and all(food.group != "Team Group" for food in foods):
        with pytest.raises(cramps.UnknownTermError):  # a new group exists only through its foods
            kb.foods_rich_in(nutrient, groups=groups)
        return
    results = kb.foods_rich_in(nutrient, per=per, limit=limit, diet=diet, groups=groups, everyday=everyday)
    expected = brute_force(foods, nutrient, per, limit, diet, groups, everyday)
    assert [(r.food.id, r.amount.value) for r in results] == expected
    assert [r.rank for r in results] == list(range(1, len(results) + 1))
    by_id: dict[str, Any] = {food.id: food for food in foods}
    assert all(by_id.get(r.food.id, r.food) is r.food for r in results)  # replaced foods come from the team
