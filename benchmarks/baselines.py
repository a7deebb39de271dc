"""The same questions cramps answers, asked of an indexed in-memory SQLite database and of
plain Python lists holding the same data: the yardsticks for the steady-state figures.

The baselines return bare tuples ``(id, score)`` or ``(id, name, amount)``; cramps returns
records with their reasons, citations, portions and %DV. Where a baseline can only ask a
weaker question (fuzzy search), the benchmark says so next to its figure.

The ranking baselines re-implement the default scorer's arithmetic (evidence x profile,
see :mod:`cramps.scoring`) over rows fetched from the store, and the benchmark checks
that they give cramps' scores, so both sides answer the same question.
"""

from __future__ import annotations

import bisect
import heapq
import math
import sqlite3
from collections.abc import Iterable, Sequence

from cramps import scoring
from cramps.food_table import FoodTable
from cramps.foods import BASES, NUTRIENT_UNITS
from cramps.knowledge import KnowledgeBase
from cramps.profiles import Profile
from cramps.text import fold

Scores = list[tuple[str, float]]
FoodRow = tuple[str, str, float]


def _gd(claim_grade: float, direction: float) -> float:
    return claim_grade * direction


def _combine(weights: Iterable[float], against_weight: float = 0.5) -> float:
    support_left = against_left = 1.0
    for weight in weights:
        if weight > 0:
            support_left *= 1.0 - weight
        elif weight < 0:
            against_left *= 1.0 + weight
    value = (1.0 - support_left) * (1.0 - against_weight * (1.0 - against_left))
    return round(min(max(value, 0.0), 1.0), 12)


def _any_of(evidence: float, profile: float) -> float:
    return round(min(max(1.0 - (1.0 - evidence) * (1.0 - profile), 0.0), 1.0), 12)


def _relevance(kb: KnowledgeBase, symptom_ids: Sequence[str]) -> dict[str, float]:
    relevance: dict[str, float] = {}
    for symptom_id in symptom_ids:
        for narrower in kb.narrower_symptoms(symptom_id):
            relevance[narrower] = 0.8
    for symptom_id in symptom_ids:
        relevance[symptom_id] = 1.0
        for broader in kb.broader_symptoms(symptom_id):
            relevance[broader] = 1.0
    return relevance


def _present(profile: Profile | None, kb: KnowledgeBase) -> list[str]:
    return sorted(scoring.present_factors(profile, kb))


def _rank(scores: dict[str, tuple[float, float]], candidates: Iterable[str], limit: int | None = None) -> Scores:
    ranked = []
    for candidate in candidates:
        evidence, profile = scores.get(candidate, (0.0, 0.0))
        value = _any_of(evidence, profile)
        if value > 0.0:
            ranked.append((candidate, value))
    ranked.sort(key=lambda item: (-item[1], item[0]))
    return ranked[:limit]


class _Claims:
    """The claims as plain rows: (id, subject, relation, grade x direction, relation weight,
    context weight, targets, citations)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.nutrients = sorted(n.id for n in kb.nutrients)
        self.factors = sorted(f.id for f in kb.factors)
        self.rows: list[tuple[str, str, str, float, float, float, tuple[str, ...], str]] = []
        for claim in sorted(kb.claims, key=lambda c: (c.subject, c.id)):
            self.rows.append(
                (
                    claim.id,
                    claim.subject,
                    claim.relation.value,
                    _gd(scoring.GRADE_WEIGHTS[claim.grade], scoring.DIRECTION_WEIGHTS[claim.direction]),
                    scoring.CAUSE_RELATIONS.get(claim.relation, 0.0),
                    0.7 if claim.context else 1.0,
                    claim.targets,
                    " ".join(claim.citations),
                )
            )


class RankingList:
    """Rankings from a plain list of claim rows, scanned in full on every call."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.claims = _Claims(kb)

    def rank(self, symptom_ids: Sequence[str], profile: Profile | None, kinds: Sequence[str]) -> Scores:
        relevance = _relevance(self.kb, symptom_ids)
        present = _present(profile, self.kb)
        candidates = [
            *(self.claims.nutrients if "nutrient" in kinds else ()),
            *(self.claims.factors if "factor" in kinds else ()),
        ]
        wanted = set(candidates)
        weights: dict[str, list[float]] = {}
        for _, subject, _, gd, rel, ctx, targets, _ in self.claims.rows:
            if subject not in wanted or rel == 0.0:
                continue
            target = max((relevance.get(t, 0.0) for t in targets), default=0.0)
            if target:
                weights.setdefault(subject, []).append(gd * rel * target * ctx)
        scores: dict[str, tuple[float, float]] = {}
        present_set = set(present)
        for subject, found in weights.items():
            evidence = _combine(found)
            profile_score = 0.0
            if present and any(w > 0 for w in found):
                if subject in present_set:
                    profile_score = _combine(w for w in found if w > 0)
                elif subject in self.claims.nutrients:
                    found_depletes = [
                        (factor, sources, gd)
                        for _, factor, relation, gd, _, _, targets, sources in self.claims.rows
                        if relation == "depletes" and factor in present_set and subject in targets
                    ]
                    profile_score = _combine(
                        max(gd, 0.0)
                        for factor, sources, gd in found_depletes
                        if not any(
                            other == sources and factor in self.kb.broader_factors(narrower)
                            for narrower, other, _ in found_depletes
                        )
                    )
            scores[subject] = (evidence, profile_score)
        return _rank(scores, candidates)


class RankingSQLite:
    """Rankings from an in-memory SQLite database: claims, claim targets and the symptom
    relevance closure, indexed on what the queries filter by."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        claims = _Claims(kb)
        self.nutrients, self.factors = claims.nutrients, claims.factors
        db = sqlite3.connect(":memory:", check_same_thread=False)
        db.executescript(
            """
            CREATE TABLE claims (id TEXT PRIMARY KEY, subject TEXT, kind TEXT, relation TEXT, gd REAL,
                                 rel REAL, ctx REAL, sources TEXT);
            CREATE TABLE targets (claim TEXT, target TEXT);
            CREATE TABLE relevance (symptom TEXT, related TEXT, weight REAL);
            CREATE TABLE broader (factor TEXT, broader TEXT);
            """
        )
        kind = {**dict.fromkeys(claims.nutrients, "nutrient"), **dict.fromkeys(claims.factors, "factor")}
        db.executemany(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(c, s, kind.get(s, "other"), r, gd, rel, ctx, src) for c, s, r, gd, rel, ctx, _, src in claims.rows],
        )
        db.executemany(
            "INSERT INTO targets VALUES (?, ?)",
            [(c, t) for c, _, _, _, _, _, targets, _ in claims.rows for t in targets],
        )
        rows = []
        for symptom in kb.symptoms:
            for related, weight in _relevance(kb, [symptom.id]).items():
                rows.append((symptom.id, related, weight))
        db.executemany("INSERT INTO relevance VALUES (?, ?, ?)", rows)
        db.executemany(
            "INSERT INTO broader VALUES (?, ?)", [(f.id, b) for f in kb.factors for b in kb.broader_factors(f.id)]
        )
        db.executescript(
            """
            CREATE INDEX ix_targets_target ON targets(target, claim);
            CREATE INDEX ix_targets_claim ON targets(claim, target);
            CREATE INDEX ix_relevance ON relevance(symptom, related, weight);
            CREATE INDEX ix_claims_subject ON claims(subject, relation);
            CREATE INDEX ix_broader ON broader(broader, factor);
            ANALYZE;
            """
        )
        self.db = db

    def rank(self, symptom_ids: Sequence[str], profile: Profile | None, kinds: Sequence[str]) -> Scores:
        marks = ", ".join("?" * len(symptom_ids))
        kind_marks = ", ".join("?" * len(kinds))
        rows = self.db.execute(
            f"""SELECT c.subject, c.gd * c.rel * c.ctx * MAX(r.weight)
                FROM relevance r JOIN targets t ON t.target = r.related JOIN claims c ON c.id = t.claim
                WHERE r.symptom IN ({marks}) AND c.kind IN ({kind_marks}) AND c.rel != 0
                GROUP BY c.id""",
            (*symptom_ids, *kinds),
        ).fetchall()
        weights: dict[str, list[float]] = {}
        for subject, weight in rows:
            weights.setdefault(subject, []).append(weight)
        present = _present(profile, self.kb)
        depleted: dict[str, list[float]] = {}
        if present:
            marks = ", ".join("?" * len(present))
            # a broader factor's claim that a present narrower factor restates from the same
            # sources does not count twice (a vegan diet is also a vegetarian one)
            for target, weight in self.db.execute(
                f"""SELECT t.target, MAX(c.gd, 0)
                    FROM claims c JOIN targets t ON t.claim = c.id
                    WHERE c.subject IN ({marks}) AND c.relation = 'depletes'
                    AND NOT EXISTS (
                        SELECT 1 FROM broader b JOIN claims o ON o.subject = b.factor
                        JOIN targets ot ON ot.claim = o.id
                        WHERE b.broader = c.subject AND b.factor IN ({marks}) AND o.relation = 'depletes'
                        AND o.sources = c.sources AND ot.target = t.target)""",
                (*present, *present),
            ):
                depleted.setdefault(target, []).append(weight)
        scores: dict[str, tuple[float, float]] = {}
        for subject, found in weights.items():
            profile_score = 0.0
            if present and any(w > 0 for w in found):
                if subject in present:
                    profile_score = _combine(w for w in found if w > 0)
                elif subject in depleted:
                    profile_score = _combine(depleted[subject])
            scores[subject] = (_combine(found), profile_score)
        candidates = [*(self.nutrients if "nutrient" in kinds else ()), *(self.factors if "factor" in kinds else ())]
        return _rank(scores, candidates)


def _amount(table: FoodTable, nutrient: str, basis: str, row: int) -> float | None:
    raw = table.columns.values[nutrient][row]
    if raw == 0xFFFFFFFF:
        return None
    value = raw / table.columns.scales[nutrient]
    if basis == "portion":
        start, stop = table.columns.portion_start[row], table.columns.portion_start[row + 1]
        return value * table.columns.portion_grams[start] / 100 / 100 if stop > start else None
    if basis == "100kcal":
        energy = table.columns.values["energy"][row]
        return value * 100 / (energy / table.columns.scales["energy"]) if energy not in (0, 0xFFFFFFFF) else None
    if basis == "serving":
        if table.columns.serving_category[row] == 0xFF:
            return None
        return value * table.columns.serving_grams[row] / 100
    return value


def _everyday_answer(rows: list[FoodRow], kinds: dict[str, int], everyday: set[str]) -> list[FoodRow]:
    """``rows`` (sorted) kept to everyday foods, the first of each kind."""
    seen: set[int] = set()
    kept = []
    for row in rows:
        if row[0] in everyday and kinds[row[0]] not in seen:
            seen.add(kinds[row[0]])
            kept.append(row)
    return kept


class FoodsList:
    """The food table as plain Python lists: one list per nutrient and basis kept sorted by
    amount (a top-k is a slice), a sorted list of folded names (a lookup is a bisection)
    and, for the "sort per call" figure, the unsorted rows."""

    def __init__(self, table: FoodTable) -> None:
        ids = [f"usda-{table.columns.ndb(i)}" for i in range(len(table))]
        names = [table.columns.names[i] for i in range(len(table))]
        self.rows: dict[tuple[str, str], list[FoodRow]] = {}
        self.sorted: dict[tuple[str, str], list[FoodRow]] = {}
        self.everyday: dict[str, list[FoodRow]] = {}
        kind_of_row = table.columns.kinds()[0]
        kinds = {ids[i]: kind_of_row[i] for i in range(len(table))}
        everyday = {ids[i] for i in range(len(table)) if table.columns.everyday[i] == 0}
        for nutrient in NUTRIENT_UNITS:
            for basis in BASES:
                rows = []
                for i in range(len(table)):
                    value = _amount(table, nutrient, basis, i)
                    if value is not None:
                        rows.append((ids[i], names[i], value))
                self.rows[nutrient, basis] = rows
                self.sorted[nutrient, basis] = sorted(rows, key=lambda r: (-r[2], r[0]))
            self.everyday[nutrient] = _everyday_answer(self.sorted[nutrient, "serving"], kinds, everyday)
        self.by_name = sorted((fold(name), i, ids[i], name) for i, name in enumerate(names))
        self.keys = [key for key, *_ in self.by_name]
        self.words = [(set(fold(name).split()), ids[i], name) for i, name in enumerate(names)]

    def rich_in(self, nutrient: str, basis: str, limit: int = 10) -> list[FoodRow]:
        return self.sorted[nutrient, basis][:limit]

    def rich_in_sorting(self, nutrient: str, basis: str, limit: int = 10) -> list[FoodRow]:
        return heapq.nsmallest(limit, self.rows[nutrient, basis], key=lambda r: (-r[2], r[0]))

    def everyday_rich_in(self, nutrient: str, limit: int = 10) -> list[FoodRow]:
        """The default question: everyday foods per serving, one of each kind."""
        return self.everyday[nutrient][:limit]

    def food(self, name: str) -> tuple[int, str, str] | None:
        key = fold(name)
        at = bisect.bisect_left(self.keys, key)
        if at < len(self.keys) and self.keys[at] == key:
            _, row, food_id, label = self.by_name[at]
            return row, food_id, label
        return None

    def search(self, text: str, limit: int = 10) -> list[tuple[str, str]]:
        query = fold(text).split()
        hits = [(-sum(w in words for w in query), len(name), food_id, name) for words, food_id, name in self.words]
        return [(food_id, name) for score, _, food_id, name in heapq.nsmallest(limit, hits) if score < 0]


class FoodsSQLite:
    """The food table in an in-memory SQLite database: an index per nutrient and basis
    (expression indexes for per-portion and per-100-kcal), an index on the folded name,
    and an FTS5 full-text index on the names."""

    def __init__(self, table: FoodTable) -> None:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        columns = [n.replace("-", "_") for n in NUTRIENT_UNITS]
        db.execute(
            "CREATE TABLE foods (row INTEGER PRIMARY KEY, id TEXT, name TEXT, folded TEXT, grams REAL, "
            "serving REAL, everyday INTEGER, kind INTEGER, " + ", ".join(f"{c} REAL" for c in columns) + ")"
        )
        kind_of_row = table.columns.kinds()[0]
        rows = []
        for i in range(len(table)):
            start, stop = table.columns.portion_start[i], table.columns.portion_start[i + 1]
            grams = table.columns.portion_grams[start] / 100 if stop > start else None
            values = [_amount(table, n, "100g", i) for n in NUTRIENT_UNITS]
            name = table.columns.names[i]
            serving = table.columns.serving_grams[i] if table.columns.serving_category[i] != 0xFF else None
            everyday = int(table.columns.everyday[i] == 0)
            rows.append(
                (i, f"usda-{table.columns.ndb(i)}", name, fold(name), grams, serving, everyday, kind_of_row[i], *values)
            )
        db.executemany(f"INSERT INTO foods VALUES ({', '.join('?' * (8 + len(columns)))})", rows)
        for column in columns:
            for basis, expression in self.expressions(column).items():
                db.execute(f"CREATE INDEX ix_{column}_{basis} ON foods({expression} DESC, id)")
            serving = self.expressions(column)["serving"]
            db.execute(f"CREATE INDEX ix_{column}_everyday ON foods(everyday, kind, {serving} DESC, id)")
        db.execute("CREATE INDEX ix_folded ON foods(folded)")
        db.execute("CREATE VIRTUAL TABLE names USING fts5(name, content='foods', content_rowid='row')")
        db.execute("INSERT INTO names(names) VALUES ('rebuild')")
        db.execute("ANALYZE")
        self.db = db
        self.sql = {
            (nutrient, basis): (
                f"SELECT id, name, {expression} FROM foods WHERE {expression} IS NOT NULL "
                f"ORDER BY {expression} DESC, id LIMIT ?"
            )
            for nutrient in NUTRIENT_UNITS
            for basis, expression in self.expressions(nutrient.replace("-", "_")).items()
        }
        self.everyday_sql = {}
        for nutrient in NUTRIENT_UNITS:
            expression = self.expressions(nutrient.replace("-", "_"))["serving"]
            self.everyday_sql[nutrient] = (
                f"SELECT id, name, v FROM (SELECT id, name, {expression} AS v, ROW_NUMBER() OVER "
                f"(PARTITION BY kind ORDER BY {expression} DESC, id) AS n FROM foods "
                f"WHERE everyday = 1 AND {expression} IS NOT NULL) WHERE n = 1 ORDER BY v DESC, id LIMIT ?"
            )

    @staticmethod
    def expressions(column: str) -> dict[str, str]:
        # x / 0 is NULL in SQLite, so foods with 0 kcal drop out as they do in cramps
        return {
            "100g": column,
            "portion": f"{column} * grams / 100",
            "100kcal": f"{column} * 100 / energy",
            "serving": f"{column} * serving / 100",
        }

    def rich_in(self, nutrient: str, basis: str, limit: int = 10) -> list[FoodRow]:
        return self.db.execute(self.sql[nutrient, basis], (limit,)).fetchall()

    def everyday_rich_in(self, nutrient: str, limit: int = 10) -> list[FoodRow]:
        """The default question: everyday foods per serving, one of each kind (a window query)."""
        return self.db.execute(self.everyday_sql[nutrient], (limit,)).fetchall()

    def plan(self, nutrient: str, basis: str) -> str:
        return " / ".join(row[-1] for row in self.db.execute("EXPLAIN QUERY PLAN " + self.sql[nutrient, basis], (10,)))

    def food(self, name: str) -> tuple[int, str, str] | None:
        found: tuple[int, str, str] | None = self.db.execute(
            "SELECT row, id, name FROM foods WHERE folded = ? ORDER BY row LIMIT 1", (fold(name),)
        ).fetchone()
        return found

    def search(self, text: str, limit: int = 10) -> list[tuple[str, str]]:
        words = [w for w in fold(text).split() if w.isalnum()]
        match = " OR ".join(f'"{w}"*' for w in words)
        return self.db.execute(
            "SELECT f.id, f.name FROM names JOIN foods f ON f.row = names.rowid WHERE names MATCH ? "
            "ORDER BY bm25(names), length(f.name) LIMIT ?",
            (match, limit),
        ).fetchall()


def close(a: float, b: float) -> bool:
    """Whether two scores agree to 9 decimals."""
    return math.isclose(a, b, abs_tol=1e-9)
