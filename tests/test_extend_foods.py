"""Teams add their own foods in foods.json; the food queries rank them with the packaged ones."""

from __future__ import annotations

import copy
import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from tiny import tiny_kb

import cramps
from cramps import DataError, KnowledgeBase
from cramps.foods import BASES, NUTRIENT_UNITS, Food, FoodSource, Portion

BAR: dict[str, Any] = {
    "id": "team-seaweed-bar",
    "name": "Seaweed snack bar, team recipe",
    "group": "Snacks",
    "source": {"dataset": "Team lab analysis 2026", "id": "LAB-17"},
    "nutrients": {
        "magnesium": {"value": 900, "unit": "mg"},
        "potassium": {"value": 300, "unit": "mg"},
        "energy": {"value": 450, "unit": "kcal"},
    },
    "portions": [{"description": "1 bar", "grams": 40}, {"description": "1 box", "grams": 400}],
}
KELP: dict[str, Any] = {
    "id": "team-kelp-flakes",
    "name": "Kelp flakes, team harvest",
    "group": "Sea Vegetables",
    "source": {"dataset": "Team lab analysis 2026", "id": "LAB-18", "release": "spring"},
    "nutrients": {"magnesium": {"value": 765.5, "unit": "mg"}, "energy": {"value": 50, "unit": "kcal"}},
    "portions": [{"description": "1 tbsp", "grams": 5}],
}


def write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data), encoding="utf-8")
    return folder


def ids(results: tuple[Any, ...]) -> list[str]:
    return [result.food.id for result in results]


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return cramps.load(write(tmp_path_factory.mktemp("team"), "foods.json", [BAR, KELP]), base=tiny_kb())


def test_loaded_foods_are_records_with_their_provenance(team: KnowledgeBase) -> None:
    bar = team.food("team-seaweed-bar")
    assert bar.source == FoodSource(dataset="Team lab analysis 2026", id="LAB-17")
    assert bar.source.release is None
    assert bar.source.ndb_number is None
    assert bar.portions == (
        Portion(description="1 bar", grams=40.0, seq=1),
        Portion(description="1 box", grams=400.0, seq=2),
    )
    assert bar.nutrients["magnesium"] == cramps.Amount(value=900.0, unit="mg")
    assert "water" not in bar.nutrients  # missing stays missing
    assert team.food("KELP FLAKES, team  harvest").id == "team-kelp-flakes"
    assert team.food("usda-11457").name == "Spinach, raw"  # packaged foods still found
    assert team.extension_foods == (bar, team.food("team-kelp-flakes"))


def test_extension_foods_rank_among_the_packaged_ones(team: KnowledgeBase) -> None:
    packaged = ids(tiny_kb().foods_rich_in("magnesium", limit=4, per="100g", everyday=False))
    assert packaged[:3] == ["usda-20060", "usda-11663", "usda-12011"]  # 781, 770, 760 mg
    ranked = team.foods_rich_in("magnesium", limit=5, per="100g", everyday=False)
    assert ids(ranked) == ["team-seaweed-bar", "usda-20060", "usda-11663", "team-kelp-flakes", "usda-12011"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]
    kelp = ranked[3]
    assert kelp.amount == cramps.Amount(value=765.5, unit="mg")
    assert kelp.percent_daily_value == pytest.approx(765.5 / 420 * 100)
    per_portion = team.foods_rich_in("magnesium", per="portion", limit=None, everyday=False)
    bar = next(r for r in per_portion if r.food.id == "team-seaweed-bar")
    assert (bar.amount.value, bar.portion) == (360.0, Portion(description="1 bar", grams=40.0, seq=1))
    per_kcal = team.foods_rich_in("magnesium", per="100kcal", limit=1, everyday=False)
    assert ids(per_kcal) == ["team-kelp-flakes"]
    assert per_kcal[0].amount.value == 765.5 * 100 / 50
    assert "team-kelp-flakes" not in ids(
        team.foods_rich_in("potassium", limit=None, per="100g", everyday=False)
    )  # no value: left out


def test_groups_may_be_new_and_filter_like_packaged_ones(team: KnowledgeBase) -> None:
    assert ids(team.foods_rich_in("magnesium", groups="sea vegetables", per="100g", everyday=False)) == [
        "team-kelp-flakes"
    ]
    snacks = team.foods_rich_in("magnesium", groups=["Snacks", "Sea Vegetables"], limit=3, per="100g", everyday=False)
    assert ids(snacks)[:2] == ["team-seaweed-bar", "team-kelp-flakes"]
    assert snacks[2].food.group == "Snacks"
    excluded = team.foods_rich_in(
        "magnesium", exclude_groups=["Snacks", "Sea Vegetables"], limit=2, per="100g", everyday=False
    )
    assert ids(excluded) == ["usda-20060", "usda-11663"]
    with pytest.raises(cramps.UnknownTermError, match="did you mean 'Sea Vegetables'"):
        team.foods_rich_in("magnesium", groups="sea vegtables", per="100g", everyday=False)
    with pytest.raises(cramps.UnknownTermError):
        tiny_kb().foods_rich_in("magnesium", groups="sea vegetables", per="100g", everyday=False)


def test_diet_uses_the_same_conservative_rule(tmp_path: Path) -> None:
    kale = dict(
        KELP,
        id="team-kale",
        name="Kale chips, baked",
        group="Vegetables and Vegetable Products",
        nutrients={"magnesium": {"value": 10000, "unit": "mg"}},
    )
    cheesy = dict(kale, id="team-cheesy-kale", name="Kale chips, cheese")
    kb = cramps.load(write(tmp_path, "foods.json", [kale, cheesy, KELP]), base=tiny_kb())
    assert ids(kb.foods_rich_in("magnesium", diet="vegan", limit=2, per="100g", everyday=False)) == [
        "team-kale",
        "usda-20060",
    ]
    assert ids(kb.foods_rich_in("magnesium", diet="vegetarian", limit=2, per="100g", everyday=False)) == [
        "team-cheesy-kale",
        "team-kale",
    ]
    # a new group says nothing about animal products, so its foods are never placed
    assert "team-kelp-flakes" not in ids(
        kb.foods_rich_in("magnesium", diet="vegetarian", limit=None, per="100g", everyday=False)
    )


def test_search_finds_extension_foods_by_the_same_ranking(team: KnowledgeBase) -> None:
    assert team.search_foods("kelp flakes")[0].id == "team-kelp-flakes"
    found = [food.id for food in team.search_foods("kelp", limit=10)]
    packaged = [food.id for food in tiny_kb().search_foods("kelp", limit=10)]
    assert "team-kelp-flakes" in found
    assert [i for i in found if i != "team-kelp-flakes"] == packaged[:9]
    assert [food.id for food in team.search_foods("seaweed bar", limit=1)] == ["team-seaweed-bar"]


def test_unknown_food_suggests_extension_and_packaged_names(team: KnowledgeBase) -> None:
    with pytest.raises(cramps.UnknownTermError) as caught:
        team.food("kelp flakes team harvst")
    assert caught.value.suggestions[0] == "Kelp flakes, team harvest"


def packaged_copy(food_id: str) -> dict[str, Any]:
    """A packaged food as a foods.json record (same values, same portions)."""
    food = cramps.default_kb().food(food_id)
    return {
        "id": food.id,
        "name": food.name,
        "group": food.group,
        "source": {"dataset": "Team copy", "id": food.source.id},
        "nutrients": {k: cramps.to_dict(v) for k, v in food.nutrients.items()},
        "portions": [{"description": p.description, "grams": p.grams} for p in food.portions],
    }


def test_replace_hides_the_packaged_food(tmp_path: Path) -> None:
    spinach = packaged_copy("usda-11457")
    spinach["nutrients"]["magnesium"] = {"value": 10000, "unit": "mg"}
    write(tmp_path, "foods.json", [spinach])
    with pytest.raises(DataError, match="id of a packaged food; pass replace=True") as caught:
        cramps.load(tmp_path, base=tiny_kb())
    assert (caught.value.file, caught.value.record, caught.value.field) == ("foods.json", "usda-11457", "id")
    kb = cramps.load(tmp_path, base=tiny_kb(), replace=True)
    for spelling in ("usda-11457", "11457", "Spinach, raw"):
        assert kb.food(spelling).source.dataset == "Team copy"
    ranked = kb.foods_rich_in("magnesium", limit=None, per="100g", everyday=False)
    assert ids(ranked).count("usda-11457") == 1
    assert ranked[0].food.id == "usda-11457"
    assert ranked[0].amount.value == 10000
    assert [f.source.dataset for f in kb.search_foods("spinach raw") if f.id == "usda-11457"] == ["Team copy"]
    assert tiny_kb().food("usda-11457").source.dataset == "USDA SR28"


def test_an_identical_replacement_changes_no_answer(tmp_path: Path) -> None:
    """The overlay ranks and searches by exactly the packaged rules: swapping packaged
    foods for identical copies of themselves changes nothing."""
    chosen = ["usda-11457", "usda-20060", "usda-12011", "usda-01001", "usda-16049"]
    kb = cramps.load(write(tmp_path, "foods.json", [packaged_copy(i) for i in chosen]), base=tiny_kb(), replace=True)
    plain = tiny_kb()

    def same(a: tuple[Any, ...], b: tuple[Any, ...]) -> None:
        assert [(r.rank, r.food.id, r.amount, r.portion, r.percent_daily_value) for r in a] == [
            (r.rank, r.food.id, r.amount, r.portion, r.percent_daily_value) for r in b
        ]

    for per in BASES:
        for diet in (None, "vegan", "vegetarian"):
            same(
                kb.foods_rich_in("magnesium", per=per, diet=diet, limit=25),
                plain.foods_rich_in("magnesium", per=per, diet=diet, limit=25),
            )
    same(kb.foods_rich_in("potassium", limit=None), plain.foods_rich_in("potassium", limit=None))
    for text in ("spinach", "rice bran", "butter salted", "beans kidney", "seeds"):
        assert [f.id for f in kb.search_foods(text, limit=15)] == [f.id for f in plain.search_foods(text, limit=15)]


def error_cases() -> list[Any]:
    def changed(**changes: Any) -> dict[str, Any]:
        record = copy.deepcopy(BAR)
        record.update(changes)
        return record

    nutrients = BAR["nutrients"]
    return [
        pytest.param(
            [changed(nutrients={**nutrients, "magnesium": {"value": 0.9, "unit": "g"}})],
            "magnesium is given in g; the food table uses mg",
            ("team-seaweed-bar", "nutrients.magnesium.unit"),
            id="wrong-unit",
        ),
        pytest.param(
            [changed(nutrients={**nutrients, "magnesum": {"value": 9, "unit": "mg"}})],
            "unknown nutrient 'magnesum'; did you mean 'magnesium'",
            ("team-seaweed-bar", "nutrients.magnesum"),
            id="unknown-nutrient",
        ),
        pytest.param(
            [changed(nutrients={**nutrients, "energy": {"value": -1, "unit": "kcal"}})],
            "finite number >= 0",
            ("team-seaweed-bar", "nutrients.energy"),
            id="negative",
        ),
        pytest.param(
            [changed(nutrients={**nutrients, "sodium": {"value": float("nan"), "unit": "mg"}})],
            "finite number >= 0, got nan",
            ("team-seaweed-bar", "nutrients.sodium"),
            id="nan",
        ),
        pytest.param(
            [changed(nutrients={**nutrients, "sodium": {"value": "12", "unit": "mg"}})],
            "expected a number",
            ("team-seaweed-bar", "nutrients.sodium.value"),
            id="text-value",
        ),
        pytest.param(
            [changed(portions=[{"description": "1 bar", "grams": 40}, {"description": "crumbs", "grams": 0}])],
            "grams must be a finite number above 0, got 0.0",
            ("team-seaweed-bar", "portions.1.grams"),
            id="zero-grams",
        ),
        pytest.param(
            [changed(portions=[{"description": "1 bar", "grams": -40}])],
            "above 0",
            ("team-seaweed-bar", "portions.0.grams"),
            id="negative-grams",
        ),
        pytest.param([BAR, KELP, BAR], "duplicate id", ("team-seaweed-bar", "id"), id="duplicate-id"),
        pytest.param(
            [BAR, dict(KELP, name="SEAWEED snack bar, team recipe")],
            "would name both 'team-seaweed-bar' and 'team-kelp-flakes'",
            ("team-kelp-flakes", "name"),
            id="duplicate-name",
        ),
        pytest.param([changed(id="usda-20060")], "id of a packaged food", ("usda-20060", "id"), id="packaged-id"),
        pytest.param(
            [changed(name="Spinach, raw")],
            "already names packaged food 'usda-11457'",
            ("team-seaweed-bar", "name"),
            id="packaged-name",
        ),
        pytest.param(
            [changed(group="snacks")],
            "the packaged group 'Snacks' spelled differently",
            ("team-seaweed-bar", "group"),
            id="group-spelling",
        ),
        pytest.param(
            [BAR, dict(KELP, group="Snacks ")],
            "spelled 'Snacks' elsewhere in the file",
            ("team-kelp-flakes", "group"),
            id="group-spelled-twice",
        ),
        pytest.param([changed(id="Team Bar")], "lower-case slug", ("Team Bar", "id"), id="bad-id"),
        pytest.param([changed(name=" ")], "name must be text", ("team-seaweed-bar", "name"), id="blank-name"),
        pytest.param([changed(colour="green")], "unknown field", ("team-seaweed-bar", None), id="unknown-field"),
        pytest.param(
            [changed(source={"dataset": "Team lab"})],
            "required field missing",
            ("team-seaweed-bar", "source.id"),
            id="no-source-id",
        ),
        pytest.param(
            [changed(nutrients={**nutrients, "sodium": 12})],
            "expected an object with fields value, unit, got int 12",
            ("team-seaweed-bar", "nutrients.sodium"),
            id="bare-number-amount",
        ),
        pytest.param(
            [changed(portions=["1 bar"])],
            "expected an object with fields description, grams",
            ("team-seaweed-bar", "portions.0"),
            id="portion-as-text",
        ),
        pytest.param(
            [changed(portions=[{"description": "1 bar"}])],
            "required field missing",
            ("team-seaweed-bar", "portions.0.grams"),
            id="portion-without-grams",
        ),
    ]


@pytest.mark.parametrize(("records", "message", "where"), error_cases())
def test_a_bad_food_adds_nothing_and_says_where(
    tmp_path: Path, records: list[dict[str, Any]], message: str, where: tuple[str | None, ...]
) -> None:
    base = tiny_kb()
    write(tmp_path, "foods.json", records)
    write(tmp_path, "nutrients.json", [{"id": "zinc", "name": "Zinc", "kind": "mineral", "summary": "s", "role": "r"}])
    with pytest.raises(DataError, match=message) as caught:
        cramps.load(tmp_path, base=base)
    assert (caught.value.file, caught.value.record, caught.value.field) == ("foods.json", *where)
    assert base == tiny_kb()
    assert base.extension_foods == ()


def test_nan_written_as_a_json_literal_is_refused(tmp_path: Path) -> None:
    text = json.dumps([BAR]).replace('"value": 900', '"value": NaN')
    (tmp_path / "foods.json").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="got nan") as caught:
        cramps.load(tmp_path, base=tiny_kb())
    assert (caught.value.record, caught.value.field) == ("team-seaweed-bar", "nutrients.magnesium")


def test_ids_of_the_base_extension_foods_need_replace(team: KnowledgeBase, tmp_path: Path) -> None:
    stronger = dict(BAR, nutrients={"magnesium": {"value": 2000, "unit": "mg"}})
    write(tmp_path, "foods.json", [stronger])
    with pytest.raises(DataError, match="id of a food of the base knowledge base") as caught:
        cramps.load(tmp_path, base=team)
    assert (caught.value.record, caught.value.field) == ("team-seaweed-bar", "id")
    replaced = cramps.load(tmp_path, base=team, replace=True)
    assert replaced.food("team-seaweed-bar").nutrients["magnesium"].value == 2000
    assert len(replaced.extension_foods) == 2
    assert team.food("team-seaweed-bar").nutrients["magnesium"].value == 900


def test_merge_and_extended_carry_foods(team: KnowledgeBase) -> None:
    merged = tiny_kb().merge(team, replace=True)
    assert merged.extension_foods == team.extension_foods
    assert ids(merged.foods_rich_in("magnesium", limit=1)) == ["team-seaweed-bar"]
    only_foods = KnowledgeBase(
        nutrients=(),
        symptoms=(),
        factors=(),
        remedies=(),
        claims=(),
        citations=(),
        extension_foods=team.extension_foods,
    )
    with pytest.raises(DataError, match="id of a food of the base") as caught:
        merged.merge(only_foods)
    assert (caught.value.file, caught.value.record, caught.value.field) == ("foods.json", "team-seaweed-bar", "id")
    assert attrs.evolve(merged.merge(only_foods, replace=True), data_version=merged.data_version) == merged
    assert tiny_kb().merge(only_foods).extension_foods == team.extension_foods
    bar = team.food("team-seaweed-bar")
    assert tiny_kb().extended({"foods": [bar]}).food("team-seaweed-bar") == bar
    with pytest.raises(TypeError, match=r"must be cramps\.foods\.Food records"):
        tiny_kb().extended({"foods": [BAR]})


def test_a_kb_with_foods_pickles_and_round_trips(team: KnowledgeBase) -> None:
    copied = pickle.loads(pickle.dumps(team))
    assert copied == team
    assert copied.foods_rich_in("magnesium", limit=5) == team.foods_rich_in("magnesium", limit=5)
    assert cramps.from_dict(KnowledgeBase, json.loads(json.dumps(cramps.to_dict(team)))) == team
    assert team != tiny_kb()


def test_food_portion_and_source_validate_their_own_fields() -> None:
    """A food checks its own fields when it is made, wherever it comes from."""
    source = FoodSource(dataset="Team", id="1")
    with pytest.raises(DataError, match="magnesium is given in ug") as caught:
        Food(
            id="team-bar",
            name="Team bar",
            group="Snacks",
            source=source,
            nutrients={"magnesium": cramps.Amount(value=1, unit="ug")},
        )
    assert caught.value.field == "nutrients.magnesium.unit"
    with pytest.raises(DataError, match="lower-case slug") as caught:
        Food(id="Team Bar", name="Team bar", group="Snacks", source=source, nutrients={})
    assert caught.value.field == "id"
    with pytest.raises(DataError, match="grams must be a finite number above 0") as caught:
        Portion(description="1 bar", grams=float("nan"), seq=1)
    assert caught.value.field == "grams"
    with pytest.raises(DataError, match="description must be non-empty text"):
        Portion(description=" ", grams=40.0, seq=1)
    with pytest.raises(DataError, match="dataset must be text"):
        FoodSource(dataset="", id="1")
    with pytest.raises(DataError, match="expected a Portion"):
        Food(id="team-bar", name="Team bar", group="Snacks", source=source, nutrients={}, portions=[("1 bar", 40)])


def test_the_default_kb_is_unchanged(tmp_path: Path) -> None:
    before = cramps.default_kb()
    top = before.foods_rich_in("magnesium", limit=3)
    extended = cramps.load(write(tmp_path, "foods.json", [BAR]))
    assert ids(extended.foods_rich_in("magnesium", limit=1)) == ["team-seaweed-bar"]
    assert cramps.default_kb() is before
    assert before.extension_foods == ()
    assert cramps.foods_rich_in("magnesium", limit=3) == top
    with pytest.raises(cramps.UnknownTermError):
        cramps.food("team-seaweed-bar")


def test_the_schema_covers_foods(tmp_path: Path) -> None:
    foods = cramps.schema("foods")
    assert cramps.schema()["properties"]["foods"] == foods
    jsonschema.validate([BAR, KELP], foods)
    for bad in (
        dict(BAR, nutrients={"magnesium": {"value": 0.9, "unit": "g"}}),
        dict(BAR, nutrients={"magnesum": {"value": 9, "unit": "mg"}}),
        dict(BAR, nutrients={"magnesium": {"value": -1, "unit": "mg"}}),
        dict(BAR, portions=[{"description": "1 bar", "grams": 0}]),
        dict(BAR, id="Team Bar"),
        dict(BAR, source={"dataset": "Team lab"}),
        dict(BAR, colour="green"),
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([bad], foods)
        write(tmp_path, "foods.json", [bad])
        with pytest.raises(DataError):
            cramps.load(tmp_path, base=tiny_kb())
    units = foods["items"]["properties"]["nutrients"]["properties"]
    assert {k: v["properties"]["unit"]["const"] for k, v in units.items()} == {
        k: u.value for k, u in NUTRIENT_UNITS.items()
    }


def test_a_single_foods_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, "foods.json", [KELP]) / "foods.json"
    assert cramps.load(path, base=tiny_kb()).food("team-kelp-flakes").group == "Sea Vegetables"


def test_without_team_foods_the_catalogue_stays_light() -> None:
    """One catalogue answers every food question; without team foods it imports neither
    the serving rules nor (before a search) the search module, and loads no table before
    a food question."""
    code = (
        "import sys, cramps\n"
        "kb = cramps.default_kb(); kb.nutrient('magnesium')\n"
        "assert 'cramps.food_catalogue' not in sys.modules  # no food question yet\n"
        "cramps.foods_rich_in('magnesium', per='portion', diet='vegan'); cramps.foods_rich_in('calcium')\n"
        "assert kb.catalogue.foods == ()\n"
        "assert 'cramps.servings' not in sys.modules and 'cramps.food_search' not in sys.modules\n"
        "cramps.search_foods('spinach'); cramps.food('usda-11457')\n"
        "assert 'cramps.servings' not in sys.modules and 'cramps._team_foods' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_one_catalogue_answers_every_food_question(team: KnowledgeBase) -> None:
    catalogue = team.catalogue
    assert catalogue is team.catalogue  # made once
    assert catalogue.table is team.foods  # the packaged table behind it
    assert [f.id for f in catalogue.foods] == ["team-seaweed-bar", "team-kelp-flakes"]
    assert catalogue.food("team-kelp-flakes") == team.food("team-kelp-flakes")
    assert catalogue.search("kelp", limit=3) == team.search_foods("kelp", limit=3)
    assert catalogue.rich_in("magnesium", limit=5) == tuple(team.foods_rich_in("magnesium", limit=5))


def test_search_foods_with_team_foods_takes_no_limit(team: KnowledgeBase) -> None:
    every = team.search_foods("beans", limit=None)
    assert every[:10] == team.search_foods("beans")
    assert len(every) > 100  # every match, not the default ten
    assert "team-kelp-flakes" in [food.id for food in team.search_foods("kelp", limit=None)]


def test_team_foods_get_a_serving_by_the_same_rules(team: KnowledgeBase) -> None:
    kelp = team.food("team-kelp-flakes")
    assert kelp.serving is None  # the team's record stays as the team wrote it
    ranked = {r.food.id: r for r in team.foods_rich_in("magnesium", limit=None, everyday=False)}
    assert "team-seaweed-bar" in ranked  # a snack bar: FDA's grain-based bar category
    bar = ranked["team-seaweed-bar"]
    assert bar.serving is not None
    assert bar.serving.category == "grain-bar"
    assert bar.amount.value == pytest.approx(900.0 * bar.serving.grams / 100)


# --- nutrients of the team's own, ranked over the team's foods


def _team_nutrient(folder: Path, foods: list[dict[str, Any]], nutrients: list[str]) -> Path:
    records = [
        {"id": n, "name": n.replace("-", " ").title(), "kind": "vitamin", "summary": "s", "role": "r"}
        for n in nutrients
    ]
    write(folder, "nutrients.json", records)
    return write(folder, "foods.json", foods)


def _with(record: dict[str, Any], **amounts: tuple[float, str]) -> dict[str, Any]:
    nutrients = {
        **record["nutrients"],
        **{k.replace("_", "-"): {"value": v, "unit": u} for k, (v, u) in amounts.items()},
    }
    return {**record, "nutrients": nutrients}


def test_a_team_nutrient_ranks_the_team_foods_that_give_it(tmp_path: Path) -> None:
    foods = [_with(BAR, vitamin_b6=(0.5, "mg")), _with(KELP, vitamin_b6=(1.25, "mg"))]
    third = dict(BAR, id="team-plain-bar", name="Plain bar, team recipe")  # gives no vitamin B6
    kb = cramps.load(_team_nutrient(tmp_path, [*foods, third], ["vitamin-b6", "zinc"]))
    ranked = kb.foods_rich_in("vitamin-b6", per="100g", everyday=False)
    assert ids(ranked) == ["team-kelp-flakes", "team-seaweed-bar"]
    assert [(r.rank, r.amount, r.percent_daily_value) for r in ranked] == [
        (1, cramps.Amount(value=1.25, unit="mg"), None),
        (2, cramps.Amount(value=0.5, unit="mg"), None),
    ]
    portion = kb.foods_rich_in("vitamin-b6", per="portion", everyday=False)
    assert [(r.food.id, r.amount.value, r.portion) for r in portion] == [
        ("team-seaweed-bar", 0.5 * 40 / 100, kb.food("team-seaweed-bar").portion),
        ("team-kelp-flakes", 1.25 * 5 / 100, kb.food("team-kelp-flakes").portion),
    ]
    per_kcal = kb.foods_rich_in("vitamin-b6", per="100kcal", everyday=False)
    assert [(r.food.id, r.amount.value) for r in per_kcal] == [
        ("team-kelp-flakes", 1.25 * 100 / 50),
        ("team-seaweed-bar", 0.5 * 100 / 450),
    ]
    serving = kb.foods_rich_in("vitamin-b6", everyday=False)  # per serving: only the bar has one
    assert [r.food.id for r in serving] == ["team-seaweed-bar"]
    assert serving[0].amount.value == pytest.approx(0.5 * serving[0].serving.grams / 100)
    assert ids(kb.foods_rich_in("vitamin-b6", per="100g", everyday=False, groups="Sea Vegetables")) == [
        "team-kelp-flakes"
    ]
    assert ids(kb.foods_rich_in("vitamin-b6", per="100g", everyday=False, diet="vegan")) == [
        r.food.id for r in ranked if cramps.foods.classify_diet(r.food.name, r.food.group) == "vegan"
    ]
    with pytest.raises(cramps.NoReferenceError) as caught:
        kb.foods_rich_in("zinc")  # a nutrient of the knowledge base that no food gives
    assert (caught.value.record, caught.value.what) == ("zinc", "food amounts")
    assert caught.value.covered == (*NUTRIENT_UNITS, "vitamin-b6")
    assert "magnesium" in caught.value.covered


def test_a_team_nutrient_without_team_foods_has_no_food_amounts(tmp_path: Path) -> None:
    kb = cramps.load(
        write(
            tmp_path, "nutrients.json", [{"id": "zinc", "name": "Zinc", "kind": "mineral", "summary": "s", "role": "r"}]
        )
    )
    with pytest.raises(cramps.NoReferenceError) as caught:
        kb.foods_rich_in("zinc")
    assert caught.value.covered == tuple(NUTRIENT_UNITS)
    assert "no food amounts exists for 'zinc'" in str(caught.value)
    assert ids(kb.foods_rich_in("magnesium", limit=3)) == ids(cramps.foods_rich_in("magnesium", limit=3))


def test_a_team_nutrient_is_given_in_one_unit(tmp_path: Path) -> None:
    foods = [_with(BAR, vitamin_b6=(0.5, "mg")), _with(KELP, vitamin_b6=(900, "ug"))]
    with pytest.raises(DataError, match="vitamin-b6 is given in ug here and in mg") as caught:
        cramps.load(_team_nutrient(tmp_path, foods, ["vitamin-b6"]))
    assert (caught.value.file, caught.value.record, caught.value.field) == (
        "foods.json",
        "team-kelp-flakes",
        "nutrients.vitamin-b6.unit",
    )
