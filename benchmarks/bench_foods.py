"""Benchmark the packaged USDA SR28 food table (a plain script, not a pytest module).

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_foods.py [--runs 15] [--calls 2000]

It measures, in one run:

a) the cold load in a fresh interpreter (a subprocess per run; median of ``--runs``):
   interpreter start-up alone, ``import cramps.foods`` (this imports the whole
   ``cramps`` package), ``FoodTable.load()``, the first ``rich_in`` (which reads the
   precomputed orders) and the first ``food(name)`` lookup (which reads the folded
   names);
b) steady-state ``rich_in(nutrient, limit=10)`` per call, for a few nutrients and each
   ``per``, against the same question asked of an in-memory SQLite table that holds
   the same data with an index on each nutrient column (and on the per-portion and
   per-100-kcal expressions), ``SELECT ... ORDER BY <amount> DESC, id LIMIT 10``.
   cramps returns ``FoodResult`` records (with the ``Food``, an ``Amount`` and the
   %DV); SQLite returns bare tuples. cramps is timed twice: with its result cache
   emptied before each call ("new" question: the precomputed order is walked and
   the records built) and as a repeated question (answered from the result cache).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cramps.foods import BASES, NUTRIENT_UNITS, FoodTable  # noqa: E402

NUTRIENTS = ("magnesium", "potassium", "calcium", "vitamin-k")
COLD_SCRIPT = """
import time
t0 = time.perf_counter()
import cramps.foods as food
t1 = time.perf_counter()
table = food.FoodTable.load()
t2 = time.perf_counter()
table.rich_in("magnesium", limit=10)
t3 = time.perf_counter()
table.food("Spinach, raw")
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3)
"""


def _run(code: str) -> tuple[float, list[float]]:
    """Wall time of a fresh interpreter running ``code``, and the numbers it prints."""
    env = {"PYTHONPATH": str(ROOT / "src"), "PYTHONDONTWRITEBYTECODE": ""}
    start = timeit.default_timer()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    wall = timeit.default_timer() - start
    return wall, [float(x) for x in done.stdout.split()]


def measure_cold(runs: int) -> None:
    """(a) cold start in fresh interpreters."""
    _run(COLD_SCRIPT)  # warm the OS file cache and write .pyc files
    bare = [_run("pass")[0] for _ in range(runs)]
    samples = [_run(COLD_SCRIPT) for _ in range(runs)]
    walls = [wall for wall, _ in samples]
    parts = list(zip(*(numbers for _, numbers in samples), strict=True))
    ms = 1000.0
    print(f"(a) cold start, fresh interpreter, median of {runs} runs")
    print(f"    interpreter start-up alone ('python -c pass')  {statistics.median(bare) * ms:7.1f} ms")
    print(f"    import cramps.foods (whole cramps package)      {statistics.median(parts[0]) * ms:7.1f} ms")
    print(f"    FoodTable.load()                               {statistics.median(parts[1]) * ms:7.1f} ms")
    print(f"    first rich_in('magnesium', limit=10)           {statistics.median(parts[2]) * ms:7.1f} ms")
    print(f"    first food('Spinach, raw') (reads names)       {statistics.median(parts[3]) * ms:7.1f} ms")
    print(f"    whole process (start-up + all of the above)    {statistics.median(walls) * ms:7.1f} ms")
    print()


def sqlite_table(table: FoodTable) -> sqlite3.Connection:
    """An in-memory SQLite copy of the food table with an index per nutrient and basis."""
    db = sqlite3.connect(":memory:")
    columns = [n.replace("-", "_") for n in NUTRIENT_UNITS]
    db.execute(
        "CREATE TABLE foods (id TEXT PRIMARY KEY, name TEXT, food_group TEXT, grams REAL, "
        + ", ".join(f"{c} REAL" for c in columns)
        + ")"
    )
    rows = []
    for food in table:
        grams = food.portions[0].grams if food.portions else None
        values = [food.nutrients[n].value if n in food.nutrients else None for n in NUTRIENT_UNITS]
        rows.append((food.id, food.name, food.group, grams, *values))
    db.executemany(f"INSERT INTO foods VALUES ({', '.join('?' * (4 + len(columns)))})", rows)
    for column in columns:
        for basis, expression in _expressions(column).items():
            db.execute(f"CREATE INDEX ix_{column}_{basis} ON foods({expression} DESC, id)")
    db.execute("ANALYZE")
    return db


def _expressions(column: str) -> dict[str, str]:
    # SQLite: x / 0 is NULL, so foods with 0 kcal drop out like in cramps
    return {"100g": column, "portion": f"{column} * grams / 100", "100kcal": f"{column} * 100 / energy"}


def _per_call(action: Callable[[], object], calls: int) -> float:
    """Median seconds per call over 5 repeats of ``calls`` calls."""
    return statistics.median(t / calls for t in timeit.repeat(action, number=calls, repeat=5))


def measure_queries(calls: int) -> None:
    """(b) steady-state top-10 per call: cramps vs indexed in-memory SQLite."""
    table = FoodTable.load()
    db = sqlite_table(table)
    print(f"(b) steady state, top 10 per call (median of 5 x {calls} calls)")
    print("    cramps/new: the query's result cache is emptied before each call (the ranking is walked and")
    print("    FoodResult records are built each time); cramps/repeat: the same question again (result cache).")
    header = (
        f"    {'nutrient':<11} {'per':<8} {'diet':<6} {'cramps/new':>10} {'cramps/repeat':>13} {'SQLite':>8}"
        f" {'speed-up new':>12} {'speed-up repeat':>15}  SQLite plan"
    )
    print(header)
    print("    " + "-" * (len(header) + 20))
    for nutrient in NUTRIENTS:
        for per in BASES:
            for diet in (None, "vegan"):
                if diet and per != "100g":
                    continue
                table.rich_in(nutrient, per=per, diet=diet, limit=10)  # warm the record caches

                def fresh(n: str = nutrient, p: str = per, d: str | None = diet) -> object:
                    table._query_cache.clear()
                    return table.rich_in(n, per=p, diet=d, limit=10)

                new = _per_call(fresh, calls)

                def again(n: str = nutrient, p: str = per, d: str | None = diet) -> object:
                    return table.rich_in(n, per=p, diet=d, limit=10)

                repeat = _per_call(again, calls)
                expression = _expressions(nutrient.replace("-", "_"))[per]
                where = f"{expression} IS NOT NULL"
                if diet:  # stand-in for the vegan rule: two plant groups (a subset, so a cheaper filter)
                    where += " AND food_group IN ('Vegetables and Vegetable Products', 'Nut and Seed Products')"
                sql = f"SELECT id, name, {expression} FROM foods WHERE {where} ORDER BY {expression} DESC, id LIMIT 10"
                plan = " / ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql))

                def sqlite(q: str = sql) -> object:
                    return db.execute(q).fetchall()

                theirs = _per_call(sqlite, calls)
                print(
                    f"    {nutrient:<11} {per:<8} {diet or '-':<6} {new * 1e6:8.1f}µs {repeat * 1e6:11.1f}µs"
                    f" {theirs * 1e6:6.1f}µs {theirs / new:11.1f}x {theirs / repeat:14.1f}x  {plan}"
                )
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=15, help="fresh interpreters for the cold load (>= 10)")
    parser.add_argument("--calls", type=int, default=2000, help="calls per timing repeat")
    args = parser.parse_args(argv)
    measure_cold(max(args.runs, 10))
    measure_queries(args.calls)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
