"""Assess a cohort on a Dask cluster: diaries and profiles in, one row of statuses per person out.

Run it from the repository root (with the optional extra: ``pip install "cramps[dask]"``)::

    python docs/examples/dask_cohort.py [PEOPLE] [WORKERS]

It writes the person records as JSON lines, one file per partition, and starts a
:class:`dask.distributed.LocalCluster` of ``WORKERS`` worker processes (a real
scheduler; point :class:`~dask.distributed.Client` at a remote scheduler's address, and
the files at storage the workers share, to go past one machine). A :mod:`dask.bag`
reads the files in the workers and maps :func:`cramps.cohort.rows_for` over its
partitions: each worker loads the packaged knowledge base once and returns plain rows.
The workers read the data themselves, as Dask advises, rather than the client sending
it. The rows are checked against the same records assessed in this process, and both
rates are printed.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import dask.bag as db
from dask.distributed import Client, LocalCluster

from cramps.cohort import rows_for

#: Everyday foods a made-up diary draws from (SR28 NDB numbers).
FOODS = ("09040", "12061", "01079", "11458", "16015", "15237", "18069", "20045", "01123", "14209",
         "09003", "11124", "05064", "16098", "01117", "09206", "11674", "15121", "01009", "08121")  # fmt: skip


def make_people(count: int, seed: int = 16, entries: int = 20) -> list[dict[str, Any]]:
    """``count`` made-up person records, each with a structured diary of ``entries`` foods."""
    rng = random.Random(seed)
    people = []
    for number in range(count):
        diary = [[rng.choice(FOODS), round(rng.uniform(20, 250), 1)] for _ in range(entries)]
        people.append(
            {
                "person": f"p{number:06d}",
                "age": rng.randint(19, 90),
                "sex": rng.choice(["female", "male"]),
                "diet": rng.choice([None, "omnivore", "vegetarian"]),
                "diary": diary,
                "days": 1,
                "supplements": [["magnesium", 400.0]] if number % 7 == 0 else [],
            }
        )
    return people


def write_partitions(people: list[dict[str, Any]], folder: Path, partitions: int) -> list[str]:
    """``people`` as JSON lines in ``partitions`` files of ``folder``, in order."""
    size = -(-len(people) // partitions)
    paths = []
    for number in range(partitions):
        path = folder / f"people-{number:04d}.jsonl"
        chunk = people[number * size : (number + 1) * size]
        path.write_text("".join(json.dumps(person) + "\n" for person in chunk), encoding="utf-8")
        paths.append(str(path))
    return paths


def assess_files(client: Client, paths: list[str]) -> list[dict[str, Any]]:
    """The rows of the people in ``paths`` (JSON lines), computed on ``client``'s cluster,
    in file and line order: one partition per file."""
    bag = db.read_text(paths, blocksize=None).map(json.loads)
    rows: list[dict[str, Any]] = bag.map_partitions(rows_for).compute(scheduler=client.get)
    return rows


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 20_000
    workers = int(argv[2]) if len(argv) > 2 else 2
    people = make_people(count)
    start = time.perf_counter()
    local = rows_for(people)
    one_process = time.perf_counter() - start
    with (
        tempfile.TemporaryDirectory() as folder,
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        (Path(folder) / "warm").mkdir()
        warm = write_partitions(people[: 10 * workers], Path(folder) / "warm", workers)
        assess_files(client, warm)  # each worker loads the packaged data once
        paths = write_partitions(people, Path(folder), 4 * workers)
        start = time.perf_counter()
        remote = assess_files(client, paths)
        cluster_time = time.perf_counter() - start
    assert remote == local, "the cluster's rows differ from this process's"
    print(
        f"{count:,} people: one process {count / one_process:,.0f}/s; {workers} workers {count / cluster_time:,.0f}/s"
    )
    print("rows agree:", remote == local)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
