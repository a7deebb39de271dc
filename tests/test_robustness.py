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
}
DOCUMENTED = (UnknownTermError, ValueError, TypeError)
BAD_VALUES = [None, 42, 3.5, b"magnesium", "", "   ", "\t\n", "x" * 100_000, "\x00\x01\x02", "\u200b", "-- ,, --"]


@pytest.mark.parametrize("name", TEXT_QUERIES)
@pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
def test_bad_values_get_a_documented_error_with_a_message(name: str, bad: object) -> None:
    with pytest.raises(DOCUMENTED) as caught:
        TEXT_QUERIES[name](bad)
    assert str(caught.value)
    assert not isinstance(caught.value, (KeyError, AttributeError, IndexError))


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test_unicode_forms_resolve_alike(form: str) -> None:
    assert cramps.nutrient(unicodedata.normalize(form, "Magnésium")).id == "magnesium"
    assert cramps.symptom(unicodedata.normalize(form, "Charley Horse")).id == "leg-cramps"


@given(st.text(max_size=200))
def test_arbitrary_text_never_raises_an_undocumented_error(text: str) -> None:
    messages = []
    for query in TEXT_QUERIES.values():
        try:
            query(text)
        except DOCUMENTED as error:
            messages.append(str(error))
    assert all(messages)


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
        import threading, cramps, cramps._loader as loader
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
