"""Bad input everywhere gets a documented error; records and the knowledge base cannot be
changed by one caller under another; the first load happens once across threads."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import scaled

import cramps
from cramps import CrampsError, UnknownTermError

TEXT_QUERIES: dict[str, Callable[[Any], object]] = {
    "nutrient": cramps.nutrient,
    "symptom": cramps.symptom,
    "factor": cramps.factor,
    "remedy": cramps.remedy,
    "citation": cramps.citation,
    "claim": cramps.claim,
    "search": cramps.search,
    "nutrients_for_symptom": cramps.nutrients_for_symptom,
    "factors_for_symptom": cramps.factors_for_symptom,
    "rank": cramps.rank,
    "relief_for": cramps.relief_for,
    "suggest": cramps.suggest,
    "triage": cramps.triage,
    "lab_tests_for": cramps.lab_tests_for,
    "food": cramps.food,
    "search_foods": cramps.search_foods,
    "foods_rich_in": cramps.foods_rich_in,
    "typical_sources": cramps.typical_sources,
    "daily_target": lambda nutrient: cramps.daily_target(nutrient, cramps.Profile(age=40, sex="female")),
    "profile medications": lambda name: cramps.profile(medications=[name]),
    "profile conditions": lambda name: cramps.profile(conditions=[name]),
}
DOCUMENTED = (LookupError, ValueError, TypeError)
BAD_VALUES = [None, 42, 3.5, b"magnesium", "", "   ", "\t\n", "x" * 100_000, "\x00\x01\x02", "\u200b", "-- ,, --"]


@pytest.mark.parametrize("name", TEXT_QUERIES)
@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_bad_values_get_a_documented_error_with_a_message(name: str, bad: object) -> None:
    with pytest.raises(DOCUMENTED) as caught:
        TEXT_QUERIES[name](bad)
    assert str(caught.value)
    assert not isinstance(caught.value, (KeyError, AttributeError, IndexError))


def error_message(call: Callable[[], object]) -> str | None:
    """The message of the documented error ``call`` raises, or ``None`` if it returns;
    any other exception propagates and fails the test."""
    try:
        call()
    except DOCUMENTED as error:
        return str(error)
    return None


PROFILES = st.builds(
    cramps.Profile,
    age=st.none() | st.floats(0, 130),
    sex=st.none() | st.sampled_from(["female", "male"]),
    medications=st.lists(st.sampled_from(["diuretics", "statins", "proton-pump-inhibitors", "metformin"]), unique=True),
    conditions=st.lists(st.sampled_from(["diabetes", "cirrhosis", "kidney-disease"]), unique=True),
    diet=st.none() | st.sampled_from(["omnivore", "vegetarian", "vegan"]),
    activity=st.none() | st.sampled_from(["sedentary", "moderate", "heavy"]),
    hot_climate=st.booleans(),
    sun_exposure=st.none() | st.sampled_from(["little", "moderate", "plenty"]),
    alcohol=st.none() | st.sampled_from(["none", "moderate", "heavy"]),
)
PROFILE_QUERIES: dict[str, Callable[[Any, Any], object]] = {
    "rank": cramps.rank,
    "nutrients_for_symptom": cramps.nutrients_for_symptom,
    "factors_for_symptom": cramps.factors_for_symptom,
    "suggest": cramps.suggest,
    "triage": cramps.triage,
    "daily_target": cramps.daily_target,
}
#: The fuzz test is the widest net: 2,000 examples per public function in CI, 333 in dev.
FUZZ = scaled(20 / 3)


@FUZZ
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises_an_undocumented_error(text: str) -> None:
    messages = []
    for query in TEXT_QUERIES.values():
        try:
            query(text)
        except DOCUMENTED as error:
            messages.append(str(error))
    assert all(messages)


@pytest.mark.parametrize("name", PROFILE_QUERIES)
@FUZZ
@given(
    text=st.text(max_size=60) | st.sampled_from(["leg cramps", "magnesium", "tingling", "calf swelling"]),
    profile=PROFILES,
)
def test_fuzz_text_and_profiles_raise_only_documented_errors(name: str, text: str, profile: cramps.Profile) -> None:
    assert error_message(lambda: PROFILE_QUERIES[name](text, profile)) != ""


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "age": st.one_of(st.floats(allow_nan=True), st.integers(-5, 200), st.text(max_size=5), st.none()),
            "sex": st.one_of(st.text(max_size=8), st.none(), st.integers()),
            "pregnant": st.one_of(st.booleans(), st.text(max_size=3)),
            "medications": st.one_of(st.lists(st.text(max_size=12), max_size=3), st.text(max_size=12), st.none()),
            "diet": st.one_of(st.text(max_size=10), st.none()),
        },
    )
)
def test_fuzz_profile_fields_raise_only_documented_errors(fields: dict[str, Any]) -> None:
    built: list[cramps.Profile] = []
    assert error_message(lambda: built.append(cramps.profile(**fields))) != ""
    for profile in built:
        assert hash(profile) == hash(cramps.from_dict(cramps.Profile, cramps.to_dict(profile)))


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test_unicode_forms_resolve_alike(form: str) -> None:
    assert cramps.nutrient(unicodedata.normalize(form, "Magnésium")).id == "magnesium"
    assert cramps.symptom(unicodedata.normalize(form, "Charley Horse")).id == "leg-cramps"


def test_records_and_their_collections_cannot_be_changed() -> None:
    kb = cramps.default_kb()
    magnesium = kb.nutrient("magnesium")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        magnesium.name = "Changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        magnesium.aliases.append("x")  # type: ignore[attr-defined]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        kb.nutrients = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        kb.nutrients[0] = magnesium  # type: ignore[index]
    ranking = kb.nutrients_for_symptom("leg cramps")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ranking[0].score = 1.0  # type: ignore[misc]
    assert kb.nutrient("magnesium").name == "Magnesium"


def test_everything_pickles_to_equal_objects() -> None:
    kb = cramps.default_kb()
    things: list[object] = [
        kb,
        kb.nutrient("magnesium"),
        kb.symptom("leg cramps"),
        kb.factor("statins"),
        kb.claims[0],
        kb.citations[0],
        kb.remedies[0],
        kb.nutrients_for_symptom("leg cramps"),
        kb.search("mg"),
        cramps.scoring.get("evidence"),
        cramps.scoring.get("default"),
        cramps.scoring.WeightedMean(scorers=["evidence", "profile"], weights=[2, 1]),
        cramps.profile(age=70, sex="female", medications=["statins"], diet="vegan"),
        cramps.daily_target("magnesium", cramps.Profile(age=40, sex="male")),
        cramps.triage(["leg cramps", "calf swelling"]),
        cramps.lab_tests_for("magnesium"),
        cramps.foods_rich_in("magnesium", limit=3),
        cramps.suggest("leg cramps", limit=2),
        UnknownTermError("x", "nutrient", ("y",)),
    ]
    for thing in things:
        again = pickle.loads(pickle.dumps(thing))
        if isinstance(thing, Exception):
            assert (again.term, again.kind, again.suggestions) == (thing.term, thing.kind, thing.suggestions)  # type: ignore[attr-defined]
        else:
            assert again == thing


def test_errors_share_a_base_and_a_builtin() -> None:
    assert issubclass(UnknownTermError, CrampsError)
    assert issubclass(UnknownTermError, LookupError)
    assert issubclass(cramps.DataError, CrampsError)
    assert issubclass(cramps.DataError, ValueError)


def test_first_query_from_many_threads_loads_once() -> None:
    code = textwrap.dedent(
        """
        import threading, cramps, cramps.loading as loader
        calls = []
        original = loader.load_packaged
        def counting():
            calls.append(1)
            return original()
        loader.load_packaged = counting
        barrier = threading.Barrier(16)
        results = [None] * 16
        def work(i):
            barrier.wait()
            results[i] = cramps.nutrients_for_symptom("leg cramps")
        threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
        for t in threads: t.start()
        for t in threads: t.join()
        assert len(calls) == 1, calls
        assert all(r == results[0] for r in results) and results[0]
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def _rank_one(profile: cramps.Profile) -> list[str]:
    return [r.record.id for r in cramps.nutrients_for_symptom("leg cramps", profile, limit=3)]


def test_a_cohort_ranks_the_same_across_processes() -> None:
    """The documented recipe: fan a cohort of profiles out to worker processes."""
    from concurrent.futures import ProcessPoolExecutor

    cohort = [
        cramps.Profile(age=age, sex=sex, diet=diet)
        for age in (30, 70)
        for sex in ("female", "male")
        for diet in ("omnivore", "vegan")
    ]
    with ProcessPoolExecutor(max_workers=2) as pool:
        in_parallel = list(pool.map(_rank_one, cohort))
    assert in_parallel == [_rank_one(profile) for profile in cohort]
