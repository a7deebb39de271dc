"""Steady state: the cost per call of each question once everything is loaded, side by
side with the same question asked of an indexed in-memory SQLite database and of plain
Python lists (see :mod:`benchmarks.baselines`).

cramps is timed twice per question:

* **computed** - every result cache is emptied before each call (the per-knowledge-base
  ranking cache and the food table's result cache), so the answer is worked out again;
  what stays is what loading built (records, indexes, the precomputed food orders, and
  the ``Food`` records earlier answers built);
* **cached** - the same question again, answered from the result cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import cramps
from benchmarks import baselines
from benchmarks._probe import FULL_PROFILE
from benchmarks._util import per_call
from cramps.foods import BASES, NUTRIENT_UNITS, FoodResult
from cramps.knowledge import KnowledgeBase
from cramps.profiles import Profile

RANK_SYMPTOMS: tuple[tuple[str, ...], ...] = (
    ("leg cramps",),
    ("tingling",),
    ("fatigue",),
    ("leg cramps", "tingling", "fatigue"),
)


@dataclass
class Row:
    """One question: seconds per call for cramps (computed, cached) and the baselines."""

    group: str
    question: str
    computed: float
    cached: float
    sqlite: float | None
    plain_list: float | None
    sorting: float | None = None
    agrees: bool | None = None
    note: str = ""


def full_profile(kb: KnowledgeBase) -> Profile:
    """The benchmark's full profile (built by name through ``kb.profile``)."""
    return kb.profile(**FULL_PROFILE)


def clear_caches(kb: KnowledgeBase) -> None:
    """Empty every result cache of ``kb`` (its pattern-scorer model's too) and of its
    food table (not the loaded data)."""
    kb._caches.clear()
    kb.foods.clear_cache()


def _pair(kb: KnowledgeBase, action: Callable[[], object], budget: float) -> tuple[float, float]:
    def computed() -> object:
        clear_caches(kb)
        return action()

    return per_call(computed, budget=budget), per_call(action, budget=budget)


def rankings(kb: KnowledgeBase, budget: float) -> list[Row]:
    """``nutrients_for_symptom`` (no profile, full profile) and ``rank`` for three symptoms."""
    in_sqlite = baselines.RankingSQLite(kb)
    in_list = baselines.RankingList(kb)
    profile = full_profile(kb)
    cases: list[tuple[str, Sequence[str], Profile | None, tuple[str, ...]]] = [
        ('nutrients_for_symptom("leg cramps")', ("leg cramps",), None, ("nutrient",)),
        ('nutrients_for_symptom("leg cramps", full profile)', ("leg cramps",), profile, ("nutrient",)),
    ]
    for symptoms in RANK_SYMPTOMS:
        label = ", ".join(f'"{s}"' for s in symptoms)
        cases.append(
            (f"rank({label if len(symptoms) == 1 else '[' + label + ']'})", symptoms, None, ("nutrient", "factor"))
        )
    cases.append(('rank("leg cramps", full profile)', ("leg cramps",), profile, ("nutrient", "factor")))
    rows = []
    for label, names, who, kinds in cases:
        ids = [kb.symptom(name).id for name in names]
        arg: str | list[str] = names[0] if len(names) == 1 else list(names)

        def ask(
            arg: str | list[str] = arg,
            who: Profile | None = who,
            kinds: tuple[str, ...] = kinds,
            scorer: str = "classic",
        ) -> object:
            if kinds == ("nutrient",):
                return cramps.nutrients_for_symptom(arg, who, scorer=scorer)
            return cramps.rank(arg, who, kinds=kinds, scorer=scorer)

        computed, cached = _pair(kb, partial(ask, scorer="default"), budget)
        rows.append(Row("rankings", label, computed, cached, None, None))
        computed = cached = per_call(ask, budget=budget)  # classic keeps nothing: one measure serves both
        mine = [(r.record.id, r.score) for r in kb.rank(arg, who, kinds=kinds, scorer="classic")]
        theirs_sql = in_sqlite.rank(ids, who, kinds)
        theirs_list = in_list.rank(ids, who, kinds)
        agrees = all(
            [a[0] for a in mine] == [b[0] for b in other]
            and all(baselines.close(a[1], b[1]) for a, b in zip(mine, other, strict=True))
            for other in (theirs_sql, theirs_list)
        )
        rows.append(
            Row(
                "rankings",
                label[:-1] + ', scorer="classic")',
                computed,
                cached,
                per_call(partial(in_sqlite.rank, ids, who, kinds), budget=budget),
                per_call(partial(in_list.rank, ids, who, kinds), budget=budget),
                agrees=agrees,
                note=(
                    "the SQLite and list baselines re-implement the classic scorer, "
                    'so they are compared with `scorer="classic"`'
                ),
            )
        )
    return rows


def _same_foods(mine: Sequence[FoodResult], *theirs: Sequence[baselines.FoodRow]) -> bool:
    """Whether each baseline gives the same foods, in the same order, with the same amounts."""
    return all(
        [r.food.id for r in mine] == [t[0] for t in other]
        and all(baselines.close(r.amount.value, t[2]) for r, t in zip(mine, other, strict=True))
        for other in theirs
    )


def foods(kb: KnowledgeBase, budget: float) -> list[Row]:
    """``foods_rich_in(limit=10)`` for each nutrient and ``per``; ``food`` and searches."""
    table = kb.foods
    in_sqlite = baselines.FoodsSQLite(table)
    in_list = baselines.FoodsList(table)
    rows = []
    for nutrient in kb.nutrients:
        if nutrient.id not in NUTRIENT_UNITS:
            continue

        def ask_default(n: str = nutrient.id) -> object:
            return cramps.foods_rich_in(n, limit=10)

        computed, cached = _pair(kb, ask_default, budget)
        agrees = _same_foods(
            kb.foods_rich_in(nutrient.id, limit=10),
            in_sqlite.everyday_rich_in(nutrient.id),
            in_list.everyday_rich_in(nutrient.id),
        )
        rows.append(
            Row(
                "foods_rich_in",
                f'foods_rich_in("{nutrient.id}", limit=10)  # default: everyday, per serving',
                computed,
                cached,
                per_call(partial(in_sqlite.everyday_rich_in, nutrient.id), budget=budget),
                per_call(partial(in_list.everyday_rich_in, nutrient.id), budget=budget),
                None,
                agrees=agrees,
                note="SQLite: window query over an index on (everyday, kind, amount per serving)",
            )
        )
        for per in BASES:

            def ask(n: str = nutrient.id, p: str = per) -> object:
                return cramps.foods_rich_in(n, per=p, everyday=False, limit=10)

            computed, cached = _pair(kb, ask, budget)
            agrees = _same_foods(
                kb.foods_rich_in(nutrient.id, per=per, everyday=False, limit=10),
                in_sqlite.rich_in(nutrient.id, per),
                in_list.rich_in(nutrient.id, per),
            )
            rows.append(
                Row(
                    "foods_rich_in",
                    f'foods_rich_in("{nutrient.id}", per="{per}", everyday=False, limit=10)',
                    computed,
                    cached,
                    per_call(partial(in_sqlite.rich_in, nutrient.id, per), budget=budget),
                    per_call(partial(in_list.rich_in, nutrient.id, per), budget=budget),
                    per_call(partial(in_list.rich_in_sorting, nutrient.id, per), budget=budget),
                    agrees=agrees,
                    note=in_sqlite.plan(nutrient.id, per),
                )
            )
    for name in ("Spinach, raw", "usda-11457"):
        mine_food = cramps.food(name)
        match = in_sqlite.food(name) if not name.startswith("usda-") else None
        rows.append(
            Row(
                "lookups",
                f'food("{name}")',
                per_call(partial(cramps.food, name), budget=budget),
                per_call(partial(cramps.food, name), budget=budget),
                per_call(partial(in_sqlite.food, name), budget=budget) if match else None,
                per_call(partial(in_list.food, name), budget=budget) if match else None,
                agrees=None if match is None else (match[1] == mine_food.id and in_list.food(name) == match),
                note="no result cache: computed and cached are the same call",
            )
        )
    rows.append(
        Row(
            "lookups",
            'search_foods("spinach raw")',
            per_call(lambda: cramps.search_foods("spinach raw"), budget=budget),
            per_call(lambda: cramps.search_foods("spinach raw"), budget=budget),
            per_call(lambda: in_sqlite.search("spinach raw"), budget=budget),
            per_call(lambda: in_list.search("spinach raw"), budget=budget),
            note="baselines rank differently (FTS5 bm25 prefix match; word count scan); no result cache",
        )
    )
    rows.append(
        Row(
            "lookups",
            'search("magnesuim")',
            per_call(lambda: cramps.search("magnesuim"), budget=budget),
            per_call(lambda: cramps.search("magnesuim"), budget=budget),
            None,
            None,
            note="typo-tolerant search over every name, alias and code; no baseline asks the same; no result cache",
        )
    )
    return rows


def run(budget: float = 0.04) -> list[Row]:
    """Every steady-state row, with the packaged knowledge base and food table loaded."""
    kb = cramps.default_kb()
    kb.foods.rich_in("magnesium")
    return [*rankings(kb, budget), *foods(kb, budget)]
