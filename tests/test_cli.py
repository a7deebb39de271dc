"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import cramps


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cramps", *args], capture_output=True, text=True, timeout=60)


def test_why_prints_an_explained_ranking() -> None:
    result = run("why", "leg cramps")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "What may lie behind: Leg cramps"
    assert f"1. {cramps.rank('leg cramps')[0].record.name}" in result.stdout
    assert "Sources:" in result.stdout
    assert "not medical advice" in result.stdout
    assert result.stdout.count("not medical advice") == 1


def test_why_json_parses_and_matches_the_api() -> None:
    result = run("why", "leg cramps", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    expected = cramps.rank("leg cramps", limit=3)
    assert [item["record"]["id"] for item in data["results"]] == [r.record.id for r in expected]
    assert data["disclaimer"] == cramps.DISCLAIMER


def test_nutrient_search_relief() -> None:
    nutrient = run("nutrient", "Mg")
    assert nutrient.returncode == 0, nutrient.stderr
    assert nutrient.stdout.startswith("Magnesium (mineral)")
    search = run("search", "thiamine", "--json")
    assert json.loads(search.stdout)["results"][0]["record"]["id"] == "thiamin"
    relief = run("relief", "leg cramps")
    assert relief.returncode == 0, relief.stderr
    assert relief.stdout.startswith("1. [immediate]")


def test_unknown_name_exits_2_with_suggestions() -> None:
    result = run("nutrient", "magnesum")
    assert result.returncode == 2
    assert "did you mean 'Magnesium'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [("why",), ("why", "leg cramps", "--limit", "0"), ("foods", "magnesium", "--per", "cup"), ("bogus",)]
)
def test_bad_options_exit_2_with_usage(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.stdout.strip() == f"cramps {cramps.__version__}"


def test_why_with_a_profile_puts_red_flags_first() -> None:
    result = run("why", "leg cramps", "calf swelling", "--age", "70", "--sex", "female", "--med", "thiazide diuretics")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("!!! SEE A CLINICIAN TODAY")
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_foods_table_and_json() -> None:
    text = run("foods", "magnesium", "--per", "portion", "--diet", "vegan", "--limit", "5")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].startswith("Foods richest in magnesium per household portion")
    assert sum(1 for line in lines if line[:3].strip().isdigit()) == 5
    data = json.loads(run("foods", "Mg", "--json", "--limit", "3").stdout)
    expected = cramps.foods_rich_in("magnesium", limit=3)
    assert [item["food"]["id"] for item in data["results"]] == [r.food.id for r in expected]
    assert data["results"][0]["amount"]["unit"] == "mg"


def test_nutrient_with_target_and_tests() -> None:
    result = run("nutrient", "magnesium", "--age", "40", "--sex", "male")
    assert result.returncode == 0, result.stderr
    assert "Daily target (31-50 y" in result.stdout or "Daily target (" in result.stdout
    assert "LOINC 19123-9" in result.stdout
    data = json.loads(run("nutrient", "magnesium", "--json").stdout)
    assert data["nutrient"]["id"] == "magnesium"
    assert data["target"] is None
    assert {t["code"]["code"] for t in data["lab_tests"]} >= {"19123-9"}


def test_target() -> None:
    result = run("target", "magnesium", "--age", "40", "--sex", "female", "--json")
    assert result.returncode == 0, result.stderr
    target = json.loads(result.stdout)["target"]
    assert target["amount"] == {"value": 320.0, "unit": "mg"}
    assert target["kind"] == "RDA"
    missing = run("target", "magnesium", "--age", "40")
    assert missing.returncode == 2
    assert "sex" in missing.stderr
    none = run("target", "vitamin k2", "--age", "40", "--sex", "male")
    assert none.returncode == 2
    assert "no DRI" in none.stderr


def test_triage() -> None:
    calm = run("triage", "leg cramps")
    assert calm.returncode == 0, calm.stderr
    assert "Level: self-care" in calm.stdout
    urgent = json.loads(run("triage", "leg cramps", "chest pain", "--json").stdout)
    assert urgent["triage"]["level"] == "seek-care-now"
    today = json.loads(run("triage", "my calf is hot and swollen", "--json").stdout)
    assert today["triage"]["level"] == "see-a-clinician-today"
    unread = run("triage", "leg cramps", "xyzzy")
    assert unread.returncode == 0, unread.stderr
    assert "not understood ('xyzzy')" in " ".join(unread.stdout.split())


def test_suggest() -> None:
    result = run("suggest", "leg cramps", "--json")
    assert result.returncode == 0, result.stderr
    questions = json.loads(result.stdout)["results"]
    assert questions
    assert all(q["separation"] > 0 for q in questions)


def test_unknown_medication_suggests() -> None:
    result = run("why", "leg cramps", "--med", "statinz")
    assert result.returncode == 2
    assert "statin" in result.stderr.lower()
    assert "Traceback" not in result.stderr


TEAM_FOOD = {
    "id": "team-seaweed-bar",
    "name": "Seaweed snack bar, team recipe",
    "group": "Snacks",
    "source": {"dataset": "Team lab analysis 2026", "id": "LAB-17"},
    "nutrients": {"magnesium": {"value": 2000, "unit": "mg"}, "energy": {"value": 450, "unit": "kcal"}},
    "portions": [{"description": "1 bar", "grams": 40}],
}


def test_data_adds_a_teams_records_to_every_command(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "foods.json").write_text(json.dumps([TEAM_FOOD]), encoding="utf-8")
    result = run("--data", str(folder), "foods", "magnesium", "--limit", "3", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["food"]["id"] == "team-seaweed-bar"
    plain = run("foods", "magnesium", "--limit", "3", "--json")
    assert "team-seaweed-bar" not in plain.stdout


def test_bad_data_exits_2_naming_the_file_record_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    bad = dict(TEAM_FOOD, portions=[{"description": "1 bar", "grams": 0}])
    (folder / "foods.json").write_text(json.dumps([bad]), encoding="utf-8")
    result = run("--data", str(folder), "foods", "magnesium")
    assert result.returncode == 2
    assert "foods.json" in result.stderr
    assert "team-seaweed-bar" in result.stderr
    assert "portions.0.grams" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run("--data", str(folder / "nowhere"), "foods", "magnesium")
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr


# --- search finds foods by everyday words --------------------------------------------


def test_search_finds_foods_by_everyday_words() -> None:
    for word in ("banana", "bananas", "Bananas"):
        result = run("search", word)
        assert result.returncode == 0, result.stderr
        assert "No match." not in result.stdout
        assert "usda-09040   Bananas, raw" in result.stdout
    data = json.loads(run("search", "banana", "--json", "--limit", "3").stdout)
    assert data["foods"][0]["id"] == "usda-09040"
    assert data["foods"][0]["nutrients"]["potassium"] == {"unit": "mg", "value": 358.0}
    assert len(data["foods"]) == 3
    assert data["results"] == []


def test_search_still_finds_records_and_names_foods_by_every_word() -> None:
    data = json.loads(run("search", "magnesium", "--json").stdout)
    assert data["results"][0]["record"]["id"] == "magnesium"
    assert {food["id"] for food in data["foods"]} >= {"usda-16126"}  # tofu set with magnesium chloride
    legs = json.loads(run("search", "leg cramps", "--json").stdout)
    assert legs["results"][0]["record"]["id"] == "leg-cramps"
    assert legs["foods"] == []  # "Frog legs, raw" names only one of the two words
    nothing = run("search", "zzzzqx")
    assert nothing.stdout == "No match.\n"


# --- the daily target says what it covers, in words ----------------------------------


def test_vitamin_d_target_writes_out_the_iu_equivalents() -> None:
    text = run("target", "vitamin-d", "--age", "75", "--sex", "male")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert "Daily target (males >70 y): 20 µg a day (RDA)" in lines
    assert "  - 20 µg = 800 IU (1 mcg = 40 IU); assumes minimal sun exposure" in lines
    assert "  - Upper limit: 100 µg = 4,000 IU" in lines
    assert "  - Daily Value: 20 µg = 800 IU" in lines
    assert not any("- =" in line or ": =" in line for line in lines)
    target = json.loads(run("target", "vitamin-d", "--age", "75", "--sex", "male", "--json").stdout)["target"]
    assert target["upper_limit_note"] == "100 µg = 4,000 IU"
    assert target["notes"] == [
        "20 µg = 800 IU (1 mcg = 40 IU); assumes minimal sun exposure",
        "Daily Value: 20 µg = 800 IU",
    ]


def test_str_of_a_daily_target_says_what_the_upper_limit_covers() -> None:
    profile = cramps.Profile(age=40, sex="female")
    magnesium = str(cramps.daily_target("magnesium", profile))
    assert magnesium.startswith("magnesium, females 31-50 y: RDA 320 mg a day; UL 350 mg a day, applies to ")
    assert "supplements and medications" in magnesium
    assert "does not include magnesium from food" in magnesium
    for nutrient in ("calcium", "vitamin-d"):
        assert "applies to total intake from food, water and supplements" in str(cramps.daily_target(nutrient, profile))
    assert str(cramps.daily_target("thiamin", profile)).endswith("RDA 1.1 mg a day; no upper limit (UL) set")
    sodium = str(cramps.daily_target("sodium", profile))
    assert "CDRR 2300 mg a day, applies to total sodium intake" in sodium


def test_target_text_says_what_the_upper_limit_covers_or_that_there_is_none() -> None:
    magnesium = run("target", "magnesium", "--age", "40", "--sex", "female").stdout
    assert "Upper limit (UL): 350 mg a day, applies to supplemental magnesium" in magnesium
    thiamin = run("target", "thiamin", "--age", "40", "--sex", "female").stdout
    assert "Upper limit: none set (ND: NASEM could not establish a UL" in thiamin


def test_nutrient_says_why_it_shows_no_target() -> None:
    no_dri = run("nutrient", "vitamin k2", "--age", "40", "--sex", "male")
    assert no_dri.returncode == 0, no_dri.stderr
    unwrapped = " ".join(no_dri.stdout.split())
    assert "No daily target: the Dietary Reference Intakes (DRIs) set no value for vitamin K2" in unwrapped
    no_sex = " ".join(run("nutrient", "magnesium", "--age", "40").stdout.split())
    assert "No daily target: sex is needed" in no_sex
    assert "--sex female or --sex male" in no_sex
    data = json.loads(run("nutrient", "magnesium", "--age", "40", "--json").stdout)
    assert data["target"] is None
    assert "--sex female" in data["target_missing"]


# --- JSON numbers at the precision of their source -----------------------------------


def _floats(data: object, key: str = "") -> list[tuple[str, float]]:
    if isinstance(data, float):
        return [(key, data)]
    if isinstance(data, dict):
        return [found for k, v in data.items() for found in _floats(v, k)]
    if isinstance(data, list):
        return [found for item in data for found in _floats(item, key)]
    return []


@pytest.mark.parametrize(
    ("nutrient", "per", "decimals"),
    [
        ("magnesium", "portion", 0),
        ("vitamin d", "100kcal", 1),
        ("thiamin", "portion", 3),
        ("vitamin b12", "portion", 2),
    ],
)
def test_food_amounts_keep_the_sr28_precision_of_their_nutrient(nutrient: str, per: str, decimals: int) -> None:
    data = json.loads(run("foods", nutrient, "--per", per, "--json", "--limit", "20").stdout)
    for result in data["results"]:
        value = result["amount"]["value"]
        assert value == round(value, decimals), result["amount"]
        assert result["percent_daily_value"] == round(result["percent_daily_value"], 1)
    text = run("foods", nutrient, "--per", per, "--limit", "20").stdout
    assert f"{data['results'][0]['amount']['value']:g} " in text  # the same rounded amount in the text


def test_magnesium_per_cup_of_rice_bran_is_rounded_like_sr28() -> None:
    data = json.loads(run("foods", "magnesium", "--per", "portion", "--all-foods", "--json", "--limit", "1").stdout)
    (first,) = data["results"]
    assert first["food"]["id"] == "usda-20060"
    assert first["amount"] == {"unit": "mg", "value": 922.0}  # 781 mg per 100 g x 118 g; SR28 gives whole mg
    assert first["percent_daily_value"] == 219.4


@pytest.mark.parametrize(
    "args",
    [
        ("why", "leg cramps", "--age", "70", "--sex", "female", "--med", "thiazide diuretics"),
        ("relief",),
        ("suggest", "leg cramps"),
        ("search", "cramp"),
        ("nutrient", "vitamin b12", "--age", "70", "--sex", "male"),
    ],
)
def test_json_scores_have_four_decimals_at_most(args: tuple[str, ...]) -> None:
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    found = _floats(json.loads(result.stdout))
    assert found
    for key, value in found:
        if key in ("score", "weight", "separation"):
            assert value == round(value, 4), (key, value)
        assert len(repr(value).partition(".")[2]) <= 4, (key, value)


# --- the reasons in the same order in text and JSON ----------------------------------


def test_reasons_come_in_the_same_order_in_text_and_json() -> None:
    args = ("why", "leg cramps", "--age", "70", "--sex", "female", "--med", "thiazide diuretics", "--limit", "3")
    data = json.loads(run(*args, "--json").stdout)
    text = "".join(run(*args).stdout.split())  # unwrapped, where a line may break after a hyphen
    explained = text.split("Why:", 1)[1]
    several = [result for result in data["results"] if len(result["reasons"]) > 1]
    assert len(several) >= 2
    for result in several:
        name = "".join(result["record"]["name"].split())
        section = explained.split(f"{result['rank']}.{name}", 1)[1]
        reasons = result["reasons"]
        places = [section.index("".join(reason["text"].split())) for reason in reasons]
        assert places == sorted(places), [reason["claim"] for reason in reasons]


# --- small things a shell user meets --------------------------------------------------


def test_suggest_names_the_records_and_never_splits_an_id() -> None:
    result = run("suggest", "leg cramps", "night cramps", "--limit", "3")
    assert result.returncode == 0, result.stderr
    assert "would move: Vitamin B12" in result.stdout
    assert "proton-\n" not in result.stdout


def test_foods_title_keeps_the_case_of_a_name() -> None:
    result = run("foods", "vitamin b12", "--limit", "1")
    assert result.stdout.startswith("Foods richest in vitamin B12 per serving")
