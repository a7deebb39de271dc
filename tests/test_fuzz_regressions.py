"""Regression tests for the failures the input fuzz found (``tests/property/test_fuzz_inputs.py``):
the parts of each fix that its own regression cases do not assert (the OS reason of a path
that cannot be read, a huge value shown by its size, a huge limit that returns every result)."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
from tiny import tiny_kb

import cramps
from cramps import DataError, DiaryError, KnowledgeBase, scoring
from cramps.lab_tests import RangeBand

#: The API, untyped: these tests pass what the types forbid.
API: Any = cramps

SNACK: dict[str, Any] = {
    "id": "team-test-snack",
    "name": "Magnesium test snack, team recipe",
    "group": "Snacks",
    "source": {"dataset": "Team lab analysis 2026", "id": "LAB-1"},
    "nutrients": {"magnesium": {"value": 500, "unit": "mg"}, "energy": {"value": 400, "unit": "kcal"}},
    "portions": [{"description": "1 bar", "grams": 40}],
}


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder = tmp_path_factory.mktemp("team")
    (folder / "foods.json").write_text(json.dumps([SNACK]), encoding="utf-8")
    return cramps.load(folder, base=tiny_kb())


def _deep_list(depth: int = 100_000) -> list[Any]:
    """A list nested ``depth`` deep, far beyond Python's recursion limit."""
    deep: list[Any] = []
    for _ in range(depth):
        deep = [deep]
    return deep


# -- diary_reader.py


def test_read_diary_of_a_missing_file_names_the_path_and_the_reason() -> None:
    with pytest.raises(DiaryError, match=r"'/nonexistent/diary\.csv'.*" + os.strerror(errno.ENOENT)):
        cramps.read_diary("/nonexistent/diary.csv")


def test_read_diary_of_a_name_too_long_gives_the_reason() -> None:
    with pytest.raises(DiaryError, match=os.strerror(errno.ENAMETOOLONG)) as caught:
        cramps.read_diary("x" * 5000)
    assert len(str(caught.value)) < 300  # the path is shown cut short


def test_read_diary_of_a_folder_gives_the_reason(tmp_path: Path) -> None:
    with pytest.raises(DiaryError, match=os.strerror(errno.EISDIR)):
        cramps.read_diary(tmp_path)


def test_read_diary_of_a_path_with_nul_says_so() -> None:
    with pytest.raises(DiaryError, match=r"cannot read the diary CSV 'a\\x00b\.csv': a path cannot hold a NUL"):
        cramps.read_diary("a\x00b.csv")


def test_diary_grams_beyond_float_range_are_shown_by_their_digits() -> None:
    with pytest.raises(DiaryError, match=r"grams must be a finite number above 0, got an integer of 401 digits"):
        cramps.diary([("banana", 10**400)])


def test_diary_grams_are_still_read_as_given() -> None:
    entry = cramps.diary([("banana", 30)]).entries[0]
    assert (entry.grams, entry.text, entry.measure) == (30.0, "banana, 30", "30 g as given")


def test_diary_amount_of_the_wrong_type_is_shown_safely() -> None:
    with pytest.raises(TypeError, match=r"the amount of 'banana' must be grams .*, not \[\[\[\[\.\.\.\]\]\]\]"):
        API.diary([("banana", _deep_list())])


# -- loading.py


def test_load_of_a_name_too_long_gives_the_reason() -> None:
    with pytest.raises(DataError, match="no such file or folder .*" + os.strerror(errno.ENAMETOOLONG)):
        cramps.load("x" * 5000)


# -- scoring.py, lab_tests.py, assessor.py, assess_queries.py: values shown by shown()


def test_weight_beyond_float_range_is_shown_by_its_digits() -> None:
    with pytest.raises(ValueError, match=r"weights must be finite numbers >= 0, got an integer of 401 digits"):
        scoring.WeightedMean(scorers=["evidence"], weights=[10**400])


def test_range_bound_of_5000_digits_is_shown_by_its_digits() -> None:
    with pytest.raises(
        ValueError, match=r"upper must be a finite number >= 0 or None, got a negative integer of 5,001 digits"
    ):
        RangeBand(status="low", label="low", upper=-(10**5000))


def test_range_band_status_names_the_statuses() -> None:
    with pytest.raises(ValueError, match=r"status must be one of 'low', 'normal', 'high', got 'lowish'"):
        RangeBand(status="lowish", label="low")


def test_bad_lab_of_5000_digits_is_shown_by_its_digits() -> None:
    with pytest.raises(TypeError, match=r"a lab must be .* not an integer of 5,001 digits"):
        API.assess(cramps.Profile(), labs=[10**5000])


def test_read_diary_strict_of_5000_digits_is_shown_by_its_digits(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"strict must be True or False, not an integer of 5,001 digits"):
        API.read_diary(tmp_path / "diary.csv", strict=10**5000)


# -- knowledge.py _kinds, data_schema.py, food_table.py and _team_foods.py: the type checked first


def test_rank_kinds_of_the_wrong_type_name_the_kinds() -> None:
    with pytest.raises(TypeError, match=r"kinds must be a selection of \('nutrient', 'factor'\), not float"):
        API.rank("leg cramps", kinds=1.5)
    with pytest.raises(TypeError, match=r"not a tuple holding a float"):
        API.rank("leg cramps", kinds=("nutrient", 1.5))


def test_schema_of_an_int_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r'collection must be a str such as "nutrients" or None, not int'):
        API.schema(5)


def test_team_food_groups_of_the_wrong_type(team: KnowledgeBase) -> None:
    kb: Any = team
    with pytest.raises(TypeError, match=r"exclude_groups must be a list of USDA food group names, not float"):
        kb.foods_rich_in("magnesium", exclude_groups=1.5)


# -- check_limit's clamped limit kept (food_table.py, _team_foods.py)


def test_foods_rich_in_a_limit_beyond_sys_maxsize_gives_every_food() -> None:
    everything = cramps.foods_rich_in("magnesium", limit=None, everyday=False)
    assert cramps.foods_rich_in("magnesium", limit=10**400, everyday=False) == everything


def test_search_foods_a_limit_beyond_sys_maxsize_gives_every_match() -> None:
    assert cramps.search_foods("almonds", limit=10**400) == cramps.search_foods("almonds", limit=None)


def test_team_foods_a_limit_beyond_sys_maxsize_gives_every_result(team: KnowledgeBase) -> None:
    for everyday in (True, False):
        assert team.foods_rich_in("magnesium", limit=10**400, everyday=everyday) == team.foods_rich_in(
            "magnesium", limit=None, everyday=everyday
        )
    assert team.search_foods("snack", limit=2**2000) == team.search_foods("snack", limit=None)


# -- explanation.py


def test_explain_width_of_a_float_is_a_type_error() -> None:
    result = cramps.nutrients_for_symptom("leg cramps", limit=1)[0]
    with pytest.raises(TypeError, match=r"width must be a whole number of characters, not float"):
        API.explain(result, width=80.0)


def test_explain_takes_a_width_beyond_sys_maxsize() -> None:
    result = cramps.foods_rich_in("magnesium", limit=1)[0]
    assert cramps.explain(result, width=10**400) == cramps.explain(result, width=10**6)


# -- serialize.py


def test_to_dict_of_deeply_nested_data_says_so() -> None:
    with pytest.raises(ValueError, match=r"obj is nested too deeply to convert to plain data"):
        cramps.to_dict(_deep_list())


def test_a_basis_of_thousands_of_digits_is_shown_by_its_length() -> None:
    with pytest.raises(ValueError, match=r"per must be one of .*; got a negative integer of 5,001 digits"):
        cramps.foods_rich_in("magnesium", per=-(10**5000))  # type: ignore[arg-type]
