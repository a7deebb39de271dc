"""Clinical vignettes (issue 14): plain-language cases written from cited sources.

The cases live in ``tests/vignettes.toml`` and are run by ``tools/vignette_table.py``,
which also writes the result table in ``docs/vignettes.md``. Three groups of tests:

- the case file itself: enough cases, a spread over every nutrient, ordinary cramps and
  red flags, and a source URL on every case;
- the runner: an exception from the library is recorded as an error and never stops the
  run, and the judging (first, top 3, wrong first, under- and over-triage) is right;
- the targets of issue 14 against the current package, and the docs page matching the
  current answers.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from scripts import load_script

if sys.version_info < (3, 11):  # the tool reads TOML with tomllib, or tomli before 3.11
    pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "vignette_table.py"
PAGE = ROOT / "docs" / "vignettes.md"
LEADING_NUTRIENTS = ("magnesium", "potassium", "calcium", "sodium", "vitamin-d", "thiamin", "vitamin-b12")


def _load_tool() -> ModuleType:
    return load_script(TOOL, "cramps_vignette_table")


vt = _load_tool()


@pytest.fixture(scope="module")
def cases() -> tuple[Any, ...]:
    return tuple(vt.load_cases())


@pytest.fixture(scope="module")
def results(cases: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(vt.run(cases))


def _ids(failing: list[Any]) -> str:
    return "\n".join(f"- {r.case.id}: top 3 {list(r.top3)}, triage {r.level}, errors {list(r.errors)}" for r in failing)


# --- the case file ------------------------------------------------------------------------


def test_there_are_at_least_45_cases(cases: tuple[Any, ...]) -> None:
    assert len(cases) >= 45


def test_every_nutrient_but_k2_leads_at_least_two_cases(cases: tuple[Any, ...]) -> None:
    leading = Counter(case.leading for case in cases if case.leading is not None)
    assert {n: leading[n] for n in LEADING_NUTRIENTS if leading[n] < 2} == {}


def test_every_case_names_a_source_url_and_a_reason(cases: tuple[Any, ...]) -> None:
    for case in cases:
        assert case.sources, case.id
        assert all(url.startswith(("https://", "http://")) for url in case.sources), case.id
        assert case.note, case.id
        assert "\n" not in case.note, case.id


def test_the_cases_cover_ordinary_cramps_red_flags_and_triage_only_cases(cases: tuple[Any, ...]) -> None:
    ordinary = [c for c in cases if c.ordinary]
    red_flags = [c for c in cases if c.triage_min in ("see-a-clinician-today", "seek-care-now")]
    triage_only = [c for c in cases if c.leading is None]
    assert len(ordinary) >= 8
    assert {c.triage_max for c in ordinary} <= {"self-care", "see-a-clinician-soon"}
    assert len(red_flags) >= 8
    assert triage_only, "some cases point to no nutrient (a clot, an artery): only triage is checked"


def test_the_cases_use_nutrient_ids_the_package_knows(cases: tuple[Any, ...]) -> None:
    import cramps

    known = {nutrient.id for nutrient in cramps.default_kb().nutrients}
    named = {n for c in cases for n in (*c.top3, *c.wrong_first)}
    assert sorted(named - known) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sources": []}, "sources must not be empty"),
        ({"sources": ["nhs leg cramps page"]}, "http(s) URL"),
        ({"leading": "vitamin-q", "top3": ["vitamin-q"]}, "unknown nutrient"),
        ({"leading": "sodium"}, "leading must be in top3"),
        ({"triage_min": "urgent"}, "triage_min must be one of"),
        ({"triage_max": "self-care", "triage_min": "seek-care-now"}, "below triage_min"),
        ({"profile": {"favourite_food": "bananas"}}, "cramps.profile() arguments"),
        ({"text": []}, "text must not be empty"),
        ({"colour": "red"}, "unknown fields"),
    ],
)
def test_a_malformed_case_is_rejected_with_its_id(change: dict[str, Any], message: str) -> None:
    raw: dict[str, Any] = {
        "id": "bad-case",
        "text": ["leg cramps"],
        "profile": {"age": 40},
        "leading": "magnesium",
        "top3": ["magnesium"],
        "triage_min": "self-care",
        "sources": ["https://www.nhs.uk/conditions/leg-cramps/"],
        "note": "a note",
    }
    raw.update(change)
    with pytest.raises(vt.CaseError, match="bad-case") as caught:
        vt.parse_case(raw)
    assert message in str(caught.value)


# --- the runner ---------------------------------------------------------------------------


def _case(**fields: Any) -> Any:
    raw: dict[str, Any] = {
        "id": "stub",
        "text": ["leg cramps", "tingling in my feet"],
        "profile": {"age": 40},
        "triage_min": "see-a-clinician-soon",
        "sources": ["https://www.nhs.uk/conditions/leg-cramps/"],
        "note": "a note",
    }
    raw.update(fields)
    return vt.parse_case(raw)


class _StubKb:
    """Answers like the package, from fixed values, or raises where told to."""

    def __init__(self, top: list[str], level: str, fail: str = "") -> None:
        self.top, self.level, self.fail = top, level, fail

    def profile(self, **kwargs: Any) -> object:
        if self.fail == "profile":
            raise LookupError("unknown medication")
        return SimpleNamespace(**kwargs)

    def nutrients_for_symptom(self, text: list[str], profile: object) -> list[Any]:
        if self.fail == "ranking":
            raise KeyError(text[0])
        return [SimpleNamespace(record=SimpleNamespace(id=n)) for n in self.top]

    def triage(self, text: list[str], profile: object) -> Any:
        if self.fail == "triage":
            raise TypeError("triage() got an unexpected argument")
        return SimpleNamespace(level=SimpleNamespace(value=self.level))


@pytest.mark.parametrize(
    ("fail", "errors", "ranked", "triaged"),
    [
        ("profile", ["profile: LookupError"], False, False),
        ("ranking", ["ranking: KeyError"], False, True),
        ("triage", ["triage: TypeError"], True, False),
    ],
)
def test_an_exception_from_the_library_is_recorded_not_raised(
    fail: str, errors: list[str], ranked: bool, triaged: bool
) -> None:
    case = _case(leading="vitamin-b12", top3=["vitamin-b12"])
    result = vt.run_case(case, lambda: _StubKb(["vitamin-b12"], "see-a-clinician-soon", fail))
    assert list(result.errors) == errors
    assert (result.ranked, result.triaged) == (ranked, triaged)
    assert not result.passed
    assert result.leading_in_top3 is ranked  # an error is a miss
    assert result.triage_ok is triaged


def test_a_failing_knowledge_base_or_an_unknown_level_is_an_error_too() -> None:
    def broken() -> object:
        raise RuntimeError("data file missing")

    case = _case()
    assert list(vt.run_case(case, broken).errors) == ["kb: RuntimeError"]
    odd = vt.run_case(case, lambda: _StubKb([], "call-a-friend"))
    assert odd.level is None
    assert list(odd.errors) == ["triage: unknown level 'call-a-friend'"]
    assert vt.totals([odd]).errors == 1


def test_the_run_goes_on_after_an_error() -> None:
    cases = [_case(id="first"), _case(id="second")]
    calls: list[str] = []

    def flaky() -> _StubKb:
        calls.append("kb")
        return _StubKb(["magnesium"], "self-care", "profile" if len(calls) == 1 else "")

    results = vt.run(cases, flaky)
    assert [bool(r.errors) for r in results] == [True, False]


def test_the_judging_of_rankings_and_triage() -> None:
    b12 = _case(leading="vitamin-b12", top3=["vitamin-b12", "thiamin"], wrong_first=["magnesium"])
    first = vt.run_case(b12, lambda: _StubKb(["vitamin-b12", "magnesium", "thiamin"], "see-a-clinician-soon"))
    assert (first.leading_first, first.leading_in_top3, first.wrong_first, first.passed) == (True, True, None, True)
    assert first.top3_acceptable is False  # magnesium is outside the accepted list
    wrong = vt.run_case(b12, lambda: _StubKb(["magnesium", "calcium", "vitamin-b12"], "seek-care-now"))
    assert (wrong.leading_first, wrong.leading_in_top3, wrong.wrong_first) == (False, True, "magnesium")
    assert not wrong.passed
    missed = vt.run_case(b12, lambda: _StubKb(["potassium", "calcium", "sodium", "vitamin-b12"], "self-care"))
    assert (missed.leading_in_top3, missed.under_triage, missed.triage_ok) == (False, True, False)

    ordinary = _case(text=["calf cramp at night"], triage_min="self-care", triage_max="self-care")
    over = vt.run_case(ordinary, lambda: _StubKb([], "see-a-clinician-soon"))
    assert (over.over_triage, over.under_triage, over.triage_ok, over.leading_first) == (True, False, False, None)
    red_flag = _case(triage_min="see-a-clinician-today")
    now = vt.run_case(red_flag, lambda: _StubKb([], "seek-care-now"))
    assert (now.triage_ok, now.over_triage, now.passed) == (True, False, True)

    counted = vt.totals([first, wrong, missed, over, now])
    assert (counted.with_leading, counted.leading_first, counted.leading_in_top3) == (3, 1, 2)
    assert (counted.wrong_first, counted.under_triage, counted.over_triage, counted.ordinary) == (1, 1, 1, 1)
    assert (counted.triage_ok, counted.passed, counted.errors) == (3, 2, 0)


def test_the_page_links_sources_by_publisher() -> None:
    assert vt.publisher("https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/") == "NIH ODS"
    assert vt.publisher("https://www.nhs.uk/conditions/leg-cramps/") == "NHS"
    assert vt.publisher("http://111.wales.nhs.uk/encyclopaedia/a/article/x") == "NHS Wales"
    assert vt.publisher("https://example.org/page") == "example.org"


# --- the targets of issue 14, on the current package ----------------------------------------


def test_no_case_raises(results: tuple[Any, ...]) -> None:
    failing = [r for r in results if r.errors]
    assert not failing, f"{len(failing)} cases raised:\n{_ids(failing)}"


def test_the_leading_nutrient_is_in_the_top_3_for_at_least_90_percent(results: tuple[Any, ...]) -> None:
    counted = vt.totals(results)
    missing = [r for r in results if r.leading_in_top3 is False]
    assert counted.share(counted.leading_in_top3, counted.with_leading) >= 90, _ids(missing)


def test_the_leading_nutrient_is_first_for_at_least_60_percent(results: tuple[Any, ...]) -> None:
    counted = vt.totals(results)
    missing = [r for r in results if r.leading_first is False]
    assert counted.share(counted.leading_first, counted.with_leading) >= 60, _ids(missing)


def test_no_wrong_first_answer(results: tuple[Any, ...]) -> None:
    failing = [r for r in results if r.wrong_first is not None]
    assert not failing, _ids(failing)


def test_no_under_triage(results: tuple[Any, ...]) -> None:
    failing = [r for r in results if r.under_triage]
    assert not failing, _ids(failing)


def test_no_ordinary_cramp_above_its_highest_level(results: tuple[Any, ...]) -> None:
    failing = [r for r in results if r.over_triage]
    assert not failing, _ids(failing)


def test_the_docs_page_shows_the_current_results(results: tuple[Any, ...]) -> None:
    expected = vt.render(results)
    current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    assert current == expected, "docs/vignettes.md is out of date: run python tools/vignette_table.py --write-docs"
