"""Finding foods by words: the stems both sides are compared by, the ranking of a search,
and the one food that best represents a food word.

:class:`FoodSearch` works over the word index of ``cramps.food_columns.FoodColumns``
(written by the build), so no description is read to find the matches.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Final

from cramps.food_columns import FoodColumns
from cramps.foods import OIL_GROUP, word_set
from cramps.text import fold, require_text

__all__ = [
    "FoodSearch",
    "SearchKey",
    "match_counts",
    "names_every_stem",
    "processed",
    "search_key",
    "search_stems",
    "stem",
]

#: How a description ranks for a search: ``(-whole, -part, processed, not everyday, not
#: starting with the first stem, name length)``, smaller first (see :func:`search_key`).
SearchKey = tuple[int, int, int, int, int, int]
#: A search tier with more rows than this ranks them by the table-wide tie-breaks.
_DECODE_AT_MOST: Final = 256
_STOP_WORDS: Final = frozenset({"and", "or", "of", "the", "a", "an", "with", "in", "fresh"})
_PROCESSED_GROUPS: Final = frozenset(
    {
        "Baby Foods",
        "Fast Foods",
        "Restaurant Foods",
        "Meals, Entrees, and Side Dishes",
        "Soups, Sauces, and Gravies",
        "Snacks",
        "Sweets",
        "Baked Products",
        "Beverages",
        "American Indian/Alaska Native Foods",
    }
)
_NEGATIONS: Final = frozenset({"non", "no", "not", "without"})
#: Query words too generic to pick one representative food.
_GENERIC_WORDS: Final = word_set(
    """nut seed fish fatty oily grain whole cereal fortified green leafy dark vegetable fruit
    legume bean pulse dairy product food meat poultry seafood shellfish dried enriched"""
)
#: Description words that do not make a food less representative of a query (words
#: with digits, such as "3.25%", do not count either).
_NEUTRAL_WORDS: Final = word_set(
    """and or kernel whole raw plain fluid all mixed species commercial variety mature
    regular mollusk crustacean nut seed fish bean cereal legume vegetable product with
    added vitamin a d e"""
)


def stem(word: str) -> str:
    """A crude singular form, applied to query and description words alike."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def search_stems(text: str) -> list[str]:
    """The distinct stems of a search text, in order (the first one matters to ranking)."""
    return list(dict.fromkeys(stem(word) for word in fold(text).split()))


def processed(group: str, query: list[str]) -> int:
    """1 for a food of a processed or mixed group (or an oil, unless the query says
    "oil"), which a search ranks after the plain foods that match as well: "almonds"
    finds "Nuts, almonds" before "Oil, almond"."""
    return int(group in _PROCESSED_GROUPS or (group == OIL_GROUP and "oil" not in query))


def search_key(query: list[str], name: str, group: str = "", *, everyday: bool = True) -> SearchKey | None:
    """How :meth:`cramps.food_table.FoodTable.search` ranks a description for the ``query`` stems, read
    from the description itself, its ``group`` and whether it is an ``everyday`` food:
    ``(-whole, -part, processed (see :func:`processed`), not everyday, not starting with
    the first stem, name length)``, smaller first;
    ``None`` when it does not match (no stem is a whole word of it, and none of three or
    more letters starts a longer word of it)."""
    words = frozenset(stem(word) for word in fold(name).split())
    whole = sum(1 for term in query if term in words)
    part = sum(1 for term in query if term not in words and any(w.startswith(term) for w in words))
    if not whole and not any(w != term and w.startswith(term) for term in query if len(term) >= 3 for w in words):
        return None
    first = fold(name).split(" ", 1)[0]
    starts = int(not query or stem(first) != query[0])
    return (-whole, -part, processed(group, query), int(not everyday), starts, len(name))


def names_every_stem(query: list[str], name: str) -> bool:
    """Whether the description ``name`` matches every stem of ``query``, each as a whole
    word of it or as the start of a longer one."""
    key = search_key(query, name)
    return key is not None and -(key[0] + key[1]) == len(query)


def match_counts(
    query: list[str], vocabulary: Sequence[str], rows_with: Callable[[str], Iterable[int]]
) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """For the ``query`` stems, over a word index (its sorted ``vocabulary`` of stems, and
    ``rows_with(stem)``, the rows whose name has the stem as a word): per row the stems found
    as whole words and those found only as the start of a longer word, and the rows that
    match (the rule of :func:`search_key`: a whole word, or the start of a word for a stem of
    three letters or more)."""
    whole: dict[int, int] = {}
    part: dict[int, int] = {}
    candidates: set[int] = set()
    for term in query:
        exact = rows_with(term)
        for row in exact:
            whole[row] = whole.get(row, 0) + 1
        prefixed: set[int] = set()
        at = bisect.bisect_right(vocabulary, term)  # the stems that start with it, after itself
        while at < len(vocabulary) and vocabulary[at].startswith(term):
            prefixed.update(rows_with(vocabulary[at]))
            at += 1
        prefixed.difference_update(exact)
        for row in prefixed:
            part[row] = part.get(row, 0) + 1
        if len(term) >= 3:  # a prefix of a shorter word finds nothing by itself
            candidates.update(prefixed)
    candidates.update(whole)
    return whole, part, candidates


class FoodSearch:
    """Searches and best matches over the rows of ``columns``."""

    __slots__ = ("_columns", "_ties")

    def __init__(self, columns: FoodColumns) -> None:
        self._columns = columns
        self._ties: tuple[list[str], list[int]] | None = None

    def scored(self, text: str, limit: int | None) -> list[tuple[SearchKey, int]]:
        """The rows matching ``text``, best first (see :meth:`search`), at most ``limit``,
        each with its ranking key ``(-whole, -part, processed, not starting with the first
        word, name length)`` (the row breaks ties).

        Whole-word and prefix matches are counted over the word index's postings, so
        no description is read to find them; only the rows in the best (whole, part)
        tiers that can reach the top ``limit`` are decoded for the remaining tie-breaks.
        """
        query = search_stems(text)
        whole, part, candidates = match_counts(query, self._columns.vocabulary(), self._columns.rows_with)
        tiers: dict[tuple[int, int], list[int]] = {}
        for row in candidates:
            tiers.setdefault((whole.get(row, 0), part.get(row, 0)), []).append(row)
        first = query[0] if query else None
        groups = self._columns.groups
        kinds = [processed(group, query) for group in groups]
        group_of = self._columns.group
        other = self._columns.everyday  # 0 for an everyday food
        ranked: list[int] = []
        for tier in sorted(tiers, reverse=True):
            rows = tiers[tier]
            if len(rows) > _DECODE_AT_MOST:
                heads, place = self._tie_breaks()
                rows.sort(key=lambda row: (kinds[group_of[row]], other[row] > 0, heads[row] != first, place[row]))
            else:
                rows.sort(
                    key=lambda row: (
                        kinds[group_of[row]],
                        other[row] > 0,
                        self._head(row) != first,
                        len(self._columns.names[row]),
                        row,
                    )
                )
            ranked.extend(rows)
            if limit is not None and len(ranked) >= limit:
                break
        return [
            (
                (
                    -whole.get(row, 0),
                    -part.get(row, 0),
                    kinds[group_of[row]],
                    int(other[row] > 0),
                    int(self._head(row) != first),
                    len(self._columns.names[row]),
                ),
                row,
            )
            for row in (ranked if limit is None else ranked[:limit])
        ]

    def _head(self, row: int) -> str:
        return stem(self._columns.folded[row].split(" ", 1)[0])

    def _tie_breaks(self) -> tuple[list[str], list[int]]:
        """Every row's first stem and its place by (name length, row): the tie-breaks of
        :meth:`scored`, built on the first search whose tier is too large to decode."""
        ties = self._ties
        if ties is None:
            heads = [stem(folded.split(" ", 1)[0]) for folded in self._columns.folded.all()]
            names = self._columns.names.all()
            place = [0] * self._columns.count
            for at, row in enumerate(sorted(range(self._columns.count), key=lambda row: (len(names[row]), row))):
                place[row] = at
            ties = self._ties = (heads, place)
        return ties

    def best_row(self, text: str) -> int | None:
        """The row of the food that best represents ``text``, by the rule of
        :meth:`cramps.food_table.FoodTable.best_match`, or ``None``."""
        require_text(text, "text")
        stems = [stem(word) for word in fold(text).split() if word not in _STOP_WORDS]
        if not stems or all(term in _GENERIC_WORDS for term in stems):
            return None
        variants = [stems]
        for i in range(len(stems) - 1):
            variants.append([*stems[:i], stem(stems[i] + stems[i + 1]), *stems[i + 2 :]])
        best: tuple[tuple[int, ...], int] | None = None
        for query in variants:
            candidates: set[int] | None = None
            for term in query:
                found = set(self._columns.rows_with(term))
                candidates = found if candidates is None else candidates & found
            for position in candidates or ():
                key = self._match_key(position, query)
                if key is not None and (best is None or (key, position) < best):
                    best = (key, position)
        return None if best is None else best[1]

    def _match_key(self, position: int, query: list[str]) -> tuple[int, ...] | None:
        name = self._columns.names[position]
        segments = [[stem(w) for w in fold(segment).split()] for segment in name.split(",")]
        words: set[str] = set()
        for segment in segments:
            for i, word in enumerate(segment):
                if i == 0 or segment[i - 1] not in _NEGATIONS:
                    words.add(word)
        if any(term not in words for term in query):
            return None
        group = self._columns.groups[self._columns.group[position]]
        is_processed = processed(group, query)
        head = {word for segment in segments[:2] for word in segment}
        missing_in_head = sum(1 for term in query if term not in head)

        def extra(words: Iterable[str]) -> int:
            return sum(
                1
                for word in words
                if word not in query and word not in _NEUTRAL_WORDS and not any(c.isdigit() for c in word)
            )

        brand = any(len(w) > 2 and w.isupper() and w.isalpha() for w in name.replace(",", " ").split())
        return (
            missing_in_head,
            extra(segments[0]),
            is_processed,
            extra(segments[1]) if len(segments) > 1 else 0,
            int(brand),
            0 if "raw" in words else 1,
            sum(extra(segment) for segment in segments[2:]),
            len(segments),
            len(name),
        )
