"""Measurements that need a fresh interpreter; run by ``benchmarks/run.py``, one per process.

``python benchmarks/_probe.py SCENARIO [ARGS]`` prints one JSON object of numbers
(seconds, or MiB for memory). Scenarios:

* ``import-cramps`` / ``import-attrs`` / ``import-typing``: the import statement alone;
* ``lazy``: after ``import cramps``, the first call of each kind, in order: the
  knowledge base (``nutrients_for_symptom``), the food table (``foods_rich_in``, then
  ``food``, ``search_foods`` and every other nutrient and basis), the person data;
* ``lazy-foods-first``: ``foods_rich_in`` as the very first call (it loads the
  knowledge base too, to resolve the nutrient name);
* ``memory``: resident memory at start-up, after ``import cramps`` and after loading
  everything (every lazy part, the first question of each kind);
* ``scale FOLDER``: load a synthetic food table from ``FOLDER`` and time its queries.
"""

from __future__ import annotations

# Only what a bare interpreter has loaded already: the import probes must start clean.
import os
import sys
import time
from collections.abc import Callable

T = time.perf_counter
#: The profile of the "full profile" questions (also used by bench_steady).
FULL_PROFILE = {
    "age": 70,
    "sex": "female",
    "medications": ["thiazide diuretics", "statins"],
    "conditions": ["diabetes"],
    "diet": "vegan",
    "activity": "heavy",
    "sun_exposure": "little",
    "alcohol": "heavy",
}


def _timed(action: Callable[[], object]) -> float:
    start = T()
    action()
    return T() - start


def import_only(module: str) -> dict[str, float]:
    start = T()
    __import__(module)
    return {"import": T() - start}


def lazy() -> dict[str, float]:
    out = import_only("cramps")
    import cramps

    out["nutrients_for_symptom"] = _timed(lambda: cramps.nutrients_for_symptom("leg cramps"))
    out["foods_rich_in"] = _timed(lambda: cramps.foods_rich_in("magnesium"))
    out["food"] = _timed(lambda: cramps.food("Spinach, raw"))
    out["search_foods"] = _timed(lambda: cramps.search_foods("spinach"))

    def every_order() -> None:
        from cramps.foods import BASES, NUTRIENT_UNITS

        for nutrient in NUTRIENT_UNITS:
            for per in BASES:
                cramps.default_kb().foods.rich_in(nutrient, per=per)

    out["every_order"] = _timed(every_order)

    def person() -> None:
        profile = cramps.profile(**FULL_PROFILE)  # type: ignore[arg-type]
        cramps.daily_target("magnesium", profile)
        cramps.lab_tests_for("magnesium")
        cramps.triage("leg cramps", profile)

    out["person"] = _timed(person)
    return out


def lazy_foods_first() -> dict[str, float]:
    out = import_only("cramps")
    import cramps

    out["foods_rich_in"] = _timed(lambda: cramps.foods_rich_in("magnesium"))
    return out


def _rss_mb() -> float:
    """Resident memory now, in MiB (``/proc/self/statm``; the peak elsewhere)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # pragma: no cover - not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory() -> dict[str, float]:
    import gc

    gc.collect()
    out = {"start": _rss_mb()}
    import cramps

    out["import"] = _rss_mb()
    cramps.nutrients_for_symptom("leg cramps")
    out["knowledge"] = _rss_mb()
    from cramps.foods import BASES, NUTRIENT_UNITS

    cramps.food("Spinach, raw")
    cramps.search_foods("spinach")
    for nutrient in NUTRIENT_UNITS:
        for per in BASES:
            cramps.default_kb().foods.rich_in(nutrient, per=per)
    out["foods"] = _rss_mb()
    profile = cramps.profile(**FULL_PROFILE)  # type: ignore[arg-type]
    for symptom in ("leg cramps", "tingling", "fatigue"):
        cramps.rank(symptom, profile)
    cramps.relief_for("leg cramps")
    cramps.search("magnesium")
    cramps.daily_target("magnesium", profile)
    cramps.lab_tests_for("magnesium")
    cramps.triage("leg cramps", profile)
    for nutrient in ("magnesium", "potassium", "calcium"):
        cramps.foods_rich_in(nutrient, per="portion", diet="vegan")
    gc.collect()
    out["everything"] = _rss_mb()
    out["peak"] = _peak_mb()
    return out


def _peak_mb() -> float:
    """The peak resident memory of this interpreter, in MiB. ``/proc/self/status``'s
    VmHWM starts afresh at exec; ``ru_maxrss`` does not (Linux keeps the forking
    parent's peak across exec, so it would report the benchmark runner's memory)."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale(folder: str) -> dict[str, float]:
    import gc
    import heapq
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks._util import per_call
    from cramps.food_table import FoodTable

    gc.collect()
    base = _rss_mb()
    start = T()
    table = FoodTable.load(Path(folder))
    out = {"load": T() - start}
    # whole-table answers: the copies of a food in a synthetic table are one kind, so an
    # everyday answer would have to skip every copy; the scale section measures top-k itself
    out["rss_load"] = _rss_mb() - base
    out["first_rich_in"] = _timed(lambda: table.rich_in("magnesium", everyday=False, limit=10))
    some = table.rich_in("magnesium", everyday=False, limit=1)[0].food
    out["first_food"] = _timed(lambda: table.food(some.name))

    def fresh() -> object:
        table.clear_cache()
        return table.rich_in("magnesium", per="portion", everyday=False, limit=10)

    out["rich_in_uncached"] = per_call(fresh, budget=0.03)
    out["rich_in_cached"] = per_call(
        lambda: table.rich_in("magnesium", per="portion", everyday=False, limit=10), budget=0.03
    )
    out["rich_in_vegan_uncached"] = per_call(lambda: _vegan(table), budget=0.03)
    out["food"] = per_call(lambda: table.food(some.name), budget=0.03)
    out["rss_queries"] = _rss_mb() - base
    column = table.columns.values["magnesium"]
    out["sort_per_call"] = _timed(lambda: heapq.nlargest(10, range(len(column)), key=column.__getitem__))
    return out


def _vegan(table: object) -> object:
    from cramps.food_table import FoodTable

    assert isinstance(table, FoodTable)
    table.clear_cache()
    return table.rich_in("magnesium", diet="vegan", everyday=False, limit=10)


def main(argv: list[str]) -> int:
    scenario, *args = argv
    results: dict[str, float]
    if scenario.startswith("import-"):
        results = import_only(scenario.removeprefix("import-"))
    elif scenario == "lazy":
        results = lazy()
    elif scenario == "lazy-foods-first":
        results = lazy_foods_first()
    elif scenario == "memory":
        results = memory()
    elif scenario == "scale":
        results = scale(args[0])
    else:
        raise SystemExit(f"unknown scenario {scenario!r}")
    import json

    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
