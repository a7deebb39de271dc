"""The typo-tolerant match score behind ``KnowledgeBase.search``."""

from __future__ import annotations

import difflib

from hypothesis import given
from hypothesis import strategies as st
from strategies import scaled

from cramps.fuzzy import match_score

_letters = st.text(alphabet="abcdeimnorstu ", min_size=1, max_size=14)


def _by_definition(query: str, key: str) -> float:
    """The documented score, with the full difflib ratio for the typo case."""
    if query == key:
        return 1.0
    if key.startswith(query) or query.startswith(key):
        return 0.9 * min(len(query), len(key)) / max(len(query), len(key)) + 0.05
    query_words, key_words = set(query.split()), set(key.split())
    if query_words <= key_words:
        return 0.6 + 0.3 * len(query_words) / len(key_words)
    if len(query) >= 3 and query in key:
        return 0.55
    ratio = difflib.SequenceMatcher(None, query, key).ratio()
    return 0.7 * ratio if ratio >= 0.7 else 0.0


@scaled(2)
@given(query=_letters, key=_letters)
def test_the_quick_bounds_never_change_a_score(query: str, key: str) -> None:
    assert match_score(query, key) == _by_definition(query, key)


def test_typos_still_match() -> None:
    assert match_score("magnesuim", "magnesium") > 0.6
    assert match_score("potasium", "potassium") > 0.6
    assert match_score("xyz", "magnesium") == 0.0
