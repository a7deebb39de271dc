"""A cohort assessed: one row of nutrient statuses per person, from a structured diary of
20 entries (NDB number, grams) and a profile, as a study or an app's nightly job would ask.

Timed in one process: :func:`cramps.cohort.rows_for` over ready person records (the
profile is built from plain fields, each diary summed and set against the person's
targets), beside two baselines in the same run: the full :func:`cramps.assess` per person
(diary records, ranking, reasons and foods to close each gap: what one person sees), and
plain dictionary sums (each food's values looked up in a dict and added, no targets):
the least any Python code could do. With Dask installed (``cramps[dask]``), the recipe of
``docs/examples/dask_cohort.py`` on a two-worker :class:`~dask.distributed.LocalCluster`,
the workers reading the records from JSON-lines files. The garbage collector is paused
while timing one process, as :mod:`timeit` does.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import cramps
from cramps.cohort import NUTRIENTS, rows_for

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "dask_cohort.py"


def _example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cramps_dask_cohort_bench", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _timed(function: Any, *args: Any) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        function(*args)
        return time.perf_counter() - start
    finally:
        gc.enable()


def _plain_sums(people: list[dict[str, Any]], table: dict[str, list[float | None]]) -> list[list[float]]:
    out = []
    for person in people:
        totals = [0.0] * len(NUTRIENTS)
        for food, grams in person["diary"]:
            for position, value in enumerate(table[food]):
                if value is not None:
                    totals[position] += value * grams / 100
        out.append(totals)
    return out


def run(count: int, full_count: int = 300) -> dict[str, Any]:
    """Per-person times (seconds) for ``count`` people (``full_count`` for the full
    assessment), and the cluster's, if Dask is installed."""
    example = _example()
    kb = cramps.default_kb()
    people = example.make_people(count, seed=16)
    rows_for(people[:200], kb)  # warm: data loaded, code paths run
    one = _timed(rows_for, people, kb) / count
    table = {}
    for food in example.FOODS:
        found = kb.food(food)
        table[food] = [None if (a := found.nutrients.get(n)) is None else a.value for n in NUTRIENTS]
    plain = _timed(_plain_sums, people, table) / count

    def full(sample: list[dict[str, Any]]) -> None:
        for person in sample:
            profile = kb.profile(age=person["age"], sex=person["sex"], diet=person["diet"])
            kb.assess(profile, diary=[tuple(pair) for pair in person["diary"]])

    full(people[:20])
    whole = _timed(full, people[:full_count]) / full_count
    out: dict[str, Any] = {"people": count, "entries": len(people[0]["diary"]), "one_process": one,
                           "plain_sums": plain, "full_assess": whole, "full_people": full_count}  # fmt: skip
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        out["cluster"] = None
        return out
    with (
        tempfile.TemporaryDirectory() as folder,
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        warm = Path(folder) / "warm"
        warm.mkdir()
        example.assess_files(client, example.write_partitions(people[:40], warm, 2))
        paths = example.write_partitions(people, Path(folder), 8)
        start = time.perf_counter()
        remote = example.assess_files(client, paths)
        out["cluster"] = (time.perf_counter() - start) / count
        out["cluster_agrees"] = remote == rows_for(people, kb)
    return out
