"""Fuzzy search across nutrients, symptoms, factors and remedies."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

import attrs

from cramps._fields import check_limit
from cramps._index import NameIndex
from cramps.codes import prefixed, split_code
from cramps.factors import Factor
from cramps.nutrients import Nutrient
from cramps.remedies import Remedy
from cramps.symptoms import Symptom
from cramps.text import fold, require_text

__all__ = ["SearchHit", "match_score", "search"]

Searchable = Nutrient | Symptom | Factor | Remedy


@attrs.frozen(kw_only=True)
class SearchHit:
    """A search result: what kind of record, the record, how well it matched (0-1],
    and the name, alias or code that matched."""

    kind: str
    record: Searchable
    score: float
    matched: str


def match_score(query: str, key: str) -> float:
    """How well a folded query matches a folded name: 1 exact, then prefix, whole words,
    substring, and finally difflib similarity; 0 for no useful match."""
    if query == key:
        return 1.0
    if key.startswith(query) or query.startswith(key):
        return 0.9 * min(len(query), len(key)) / max(len(query), len(key)) + 0.05
    query_words, key_words = set(query.split()), set(key.split())
    if query_words <= key_words:
        return 0.6 + 0.3 * len(query_words) / len(key_words)
    if len(query) >= 3 and query in key:
        return 0.55
    if 2.0 * min(len(query), len(key)) / (len(query) + len(key)) < 0.7:
        return 0.0  # difflib's real_quick_ratio, an upper bound of ratio, without a matcher
    matcher = difflib.SequenceMatcher(None, query, key)
    if matcher.quick_ratio() < 0.7:  # a tighter upper bound, far cheaper than ratio
        return 0.0
    ratio = matcher.ratio()
    return 0.7 * ratio if ratio >= 0.7 else 0.0


def search(indexes: Iterable[NameIndex[Any]], text: str, *, limit: int | None = 10) -> tuple[SearchHit, ...]:
    """The records of ``indexes`` whose names, aliases or codes match ``text``, best first
    (by :func:`match_score`; ties by kind, then id), each kind and record once.

    Text prefixed with a code system (``"ICD-10-CM:K74.60"``, ``"atc: c03ca"``; see
    ``cramps.codes.split_code()``) is matched against the codes of that system only,
    and a hit's ``matched`` is the code so prefixed."""
    query = fold(require_text(text, "search text"))
    limit = check_limit(limit)
    system, code = split_code(text)
    if system is not None:
        query = fold(code)
    best: dict[tuple[str, str], SearchHit] = {}
    for index in indexes:
        if system is None:
            labels: Iterable[tuple[str, str, Any]] = index.labels()
        else:
            labels = ((fold(c.code), prefixed(c), record) for c, record in index.codes() if c.system is system)
        for key, label, record in labels:
            score = match_score(query, key)
            if score <= 0.0:
                continue
            hit_key = (index.kind, record.id)
            current = best.get(hit_key)
            if current is None or score > current.score:
                best[hit_key] = SearchHit(kind=index.kind, record=record, score=round(score, 6), matched=label)
    hits = sorted(best.values(), key=lambda h: (-h.score, h.kind, h.record.id))
    return tuple(hits[:limit])
