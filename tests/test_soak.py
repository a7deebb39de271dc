"""Memory stays bounded under load: caches hold a bounded number of small answers, and a
whole-table answer is never kept. The soak and the growth runs are subprocesses, so that
what they measure is a fresh process's resident memory (Linux's /proc)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import cramps
from cramps._cache import KEEP_ROWS, Answers
from cramps.loading import load_packaged

HERE = Path(__file__).parent
linux_only = pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc/self/statm")


def run(code_or_args: list[str], timeout: float) -> str:
    done = subprocess.run(
        [sys.executable, *code_or_args], capture_output=True, text=True, timeout=timeout, cwd=HERE, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@linux_only
def test_sixteen_threads_asking_200000_mixed_questions_level_off_under_100_mib() -> None:
    summary = json.loads(run([str(HERE / "soak.py"), "200000", "16"], timeout=600))
    assert summary["questions"] >= 200_000
    assert summary["unexpected"] == {}
    samples = summary["rss_mib"]
    assert max(samples) < 100, samples
    quarter = len(samples) // 4
    # after the warm-up, the second half grows by at most a few MiB over the second quarter
    assert max(samples[2 * quarter :]) - max(samples[quarter : 2 * quarter]) < 8, samples


GROWTH = textwrap.dedent(
    """
    import itertools, json, os
    import cramps

    def rss():
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    cramps.foods_rich_in("magnesium")
    cramps.search_foods("milk")
    before = rss()
    nutrients = ["magnesium", "potassium", "calcium", "sodium", "vitamin D", "thiamin", "B12", "vitamin K"]
    pers = ["serving", "100g", "portion", "100kcal"]
    limits = [None, 1, 5, 10, 25, 100]
    diets = [None, "vegan", "vegetarian"]
    groups = [None, "Vegetables and Vegetable Products", "Dairy and Egg Products", "Legumes and Legume Products"]
    words = ["milk", "beans", "spinach", "salmon", "almonds", "yogurt", "bread", "rice", "cheese", "banana"]
    asked = 0
    for nutrient, per, limit, diet, everyday in itertools.product(nutrients, pers, limits, diets, (True, False)):
        group = groups[asked % len(groups)] if asked % 4 == 3 else None  # mostly the whole table
        cramps.foods_rich_in(nutrient, per=per, limit=limit, diet=diet, everyday=everyday, groups=group)
        asked += 1
    for first, second in itertools.product(words, words):
        for limit in (None, 3, 10):
            cramps.search_foods(f"{first} {second}", limit=limit)
            asked += 1
    for food in cramps.search_foods("cheese", limit=None)[:200]:
        cramps.food(food.id)
        cramps.food(food.name)
        asked += 2
    print(json.dumps({"asked": asked, "growth": rss() - before}))
    """
)


@linux_only
def test_1500_varied_food_questions_grow_the_process_by_less_than_50_mib() -> None:
    summary = json.loads(run(["-c", GROWTH], timeout=600))
    assert summary["asked"] >= 1500
    assert summary["growth"] < 50, summary


def test_an_answer_of_more_than_keep_rows_rows_is_not_kept() -> None:
    answers = Answers(4)
    answers.keep("small", tuple(range(KEEP_ROWS)))
    answers.keep("whole table", tuple(range(KEEP_ROWS + 1)))
    assert answers.lookup("small") == tuple(range(KEEP_ROWS))
    assert answers.lookup("whole table") is None


def test_whole_table_food_answers_are_worked_out_afresh_and_short_ones_kept() -> None:
    kb = load_packaged()
    whole = kb.foods_rich_in("magnesium", per="100g", everyday=False, limit=None)
    again = kb.foods_rich_in("magnesium", per="100g", everyday=False, limit=None)
    assert len(whole) > 8000
    assert whole == again
    assert whole is not again
    assert kb.foods_rich_in("magnesium", limit=10) is kb.foods_rich_in("magnesium", limit=10)
    everything = kb.search_foods("cheese", limit=None)
    assert everything == kb.search_foods("cheese", limit=None)


def test_searches_triage_and_readings_are_kept_and_cleared() -> None:
    kb = load_packaged()
    assert kb.search("cramps") is kb.search("cramps")
    assert kb.search("cramps", limit=3) is not kb.search("cramps")
    text = ["my calf is hot and swollen", "leg cramps"]
    first = kb.triage(text)
    assert kb.triage(tuple(text)) is first
    assert kb.triage(iter(text)) == first  # an iterator is read each time, never kept
    assert kb.read("cramps at night") is kb.read("cramps at night")
    reading = kb.read("cramps at night")
    kb._caches.clear()
    assert kb.triage(text) == first
    assert kb.triage(text) is not first
    assert kb.read("cramps at night") == reading
    assert kb.read("cramps at night") is not reading


def test_a_food_miss_keeps_its_suggestions() -> None:
    kb = load_packaged()
    with pytest.raises(cramps.UnknownTermError) as first:
        kb.food("bananna raw")
    with pytest.raises(cramps.UnknownTermError) as second:
        kb.food("Bananna, raw")
    assert first.value.suggestions == second.value.suggestions
    assert "search_foods" in str(first.value) or first.value.suggestions
