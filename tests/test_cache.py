"""The one object a knowledge base keeps loaded data and given answers in."""

from __future__ import annotations

import pickle
import threading
from typing import Any

import pytest

from cramps._cache import Answers, Caches, Lazy


def _counting() -> tuple[list[int], Any]:
    calls: list[int] = []

    def load() -> str:
        calls.append(1)
        return "loaded"

    return calls, load


def test_lazy_loads_once_even_from_many_threads() -> None:
    calls, load = _counting()
    lazy: Lazy[str] = Lazy(load)
    assert not lazy.loaded
    barrier = threading.Barrier(8)
    results: list[str] = []

    def worker() -> None:
        barrier.wait()
        results.append(lazy.get())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["loaded"] * 8
    assert calls == [1]
    assert lazy.loaded


def _never() -> str:
    raise AssertionError("a given value is never loaded")


def test_a_given_value_is_used_and_pickled_without_loading() -> None:
    lazy = Lazy(_never, "given")
    assert lazy.loaded
    assert lazy.get() == "given"
    assert pickle.loads(pickle.dumps(lazy)).get() == "given"


def test_answers_keep_at_most_their_size_the_oldest_going_first() -> None:
    answers = Answers(size=3)
    for key in "abcd":
        answers.put(key, key.upper())
    assert len(answers) == 3
    assert answers.get("a") is None
    assert [answers.get(key) for key in "bcd"] == ["B", "C", "D"]
    answers.put("b", "again")  # a key already kept evicts nothing
    assert [answers.get(key) for key in "bcd"] == ["again", "C", "D"]
    answers.clear()
    assert len(answers) == 0
    with pytest.raises(ValueError, match="at least 1"):
        Answers(size=0)


def test_kept_computes_once_per_key_and_never_keeps_what_cannot_be_a_key() -> None:
    caches = Caches(Lazy(dict), Lazy(dict), size=4)
    computed: list[int] = []

    def compute() -> int:
        computed.append(1)
        return len(computed)

    assert caches.kept(caches.food_answers, "q", compute) == 1
    assert caches.kept(caches.food_answers, "q", compute) == 1
    assert caches.kept(caches.food_answers, None, compute) == 2  # no key: asked afresh each time
    assert caches.kept(caches.food_answers, ("q", ["unhashable"]), compute) == 3
    assert len(caches.food_answers) == 1
    caches.clear()
    assert len(caches.food_answers) == 0


def test_caches_pickle_as_their_loaders_with_no_answers() -> None:
    caches = Caches(Lazy(dict), Lazy(list), size=5)
    caches.food_answers.put("q", 1)
    copy = pickle.loads(pickle.dumps(caches))
    assert len(copy.food_answers) == 0
    assert copy.food_answers.size == 5
    assert copy.foods.get() == {}
    assert copy.person.get() == []


def test_lookup_and_keep_skip_what_cannot_be_a_key() -> None:
    answers = Answers(size=2)
    answers.keep(None, "never kept")
    answers.keep(("q", ["unhashable"]), "never kept")
    assert len(answers) == 0
    assert answers.lookup(None) is None
    assert answers.lookup(("q", ["unhashable"])) is None
    answers.keep("q", "kept")
    assert answers.lookup("q") == "kept"


def test_clearing_asks_each_derived_value_to_forget_its_answers_and_keeps_it() -> None:
    class Model:
        forgotten = 0

        def clear(self) -> None:
            self.forgotten += 1

    caches = Caches(Lazy(dict), Lazy(list))
    model = Caches.kept(caches.derived, "scorer", Model)
    assert Caches.kept(caches.derived, "scorer", Model) is model  # made once
    caches.clear()
    assert model.forgotten == 1
    assert Caches.kept(caches.derived, "scorer", Model) is model  # kept, not dropped
