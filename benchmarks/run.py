"""Run the cramps benchmark suite; print the results, or write them into ``docs/performance.md``.

Usage (from the repository root)::

    python benchmarks/run.py [--quick] [--only SECTION ...] [--scales 10,100,1000] [--json PATH]
                             [--write-docs [--out PAGE]]
    python benchmarks/run.py --from-json PATH [--write-docs [--out PAGE]]

Sections: ``import`` (``import cramps`` against ``import attrs``), ``lazy`` (the first
questions in a fresh interpreter), ``steady`` (per call, against SQLite and plain lists),
``cohort`` (one ranking per distinct person), ``assess`` (one row of nutrient
statuses per person from a 20-entry diary, in one process, against the full assessment
and plain sums, and on a two-worker Dask cluster when Dask is installed), ``scale``
(synthetic food tables at 10x-1000x the SR28 food count) and ``memory``
(resident memory once everything is loaded). Every figure is measured in this run; the
results say which targets are met.

The results are printed (the Markdown of the page's generated block). Only
``--write-docs`` rewrites the tracked page: its generated block, between the
``BEGIN``/``END`` markers, and nothing else. ``--json PATH`` also saves the raw results,
and ``--from-json PATH`` renders saved results again without measuring (to change how
the page shows them without new figures). ``--quick`` takes fewer samples, for a smoke
test (the results then say so). A full run takes about 1.5 minutes on 2 CPUs.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from benchmarks import _util, assess_cohort, bench_steady, cohort, synthetic
from benchmarks._util import fmt_ratio, fmt_time, table

DOC = _util.ROOT / "docs" / "performance.md"
BEGIN = "<!-- BEGIN GENERATED RESULTS: written by benchmarks/run.py, do not edit by hand -->"
END = "<!-- END GENERATED RESULTS -->"
SECTIONS = ("import", "lazy", "steady", "cohort", "assess", "scale", "memory")

Results = dict[str, Any]


# --- measuring ---------------------------------------------------------------------------


def _warm() -> None:
    """Compile byte-code for the fresh interpreters and warm the OS file cache."""
    for scenario in ("import-attrs", "lazy", "memory"):
        _util.run_fresh([scenario])


def measure_import(runs: int) -> Results:
    samples: dict[str, list[float]] = {"cramps": [], "attrs": [], "typing": []}
    for _ in range(runs):  # interleaved, so a busy moment hits every module alike
        for module in samples:
            samples[module].append(_util.run_fresh([f"import-{module}"])["import"])
    return {module: statistics.median(values) for module, values in samples.items()} | {"runs": runs}


def measure_lazy(runs: int) -> Results:
    """The first questions in fresh interpreters, interleaved with ``import attrs`` so that
    the first-answer ratios compare runs made at the same moment of a busy machine."""
    lazy: list[dict[str, float]] = []
    foods_first: list[dict[str, float]] = []
    attrs_import: list[float] = []
    for _ in range(runs):
        attrs_import.append(_util.run_fresh(["import-attrs"])["import"])
        lazy.append(_util.run_fresh(["lazy"]))
        foods_first.append(_util.run_fresh(["lazy-foods-first"]))
    out: Results = {key: statistics.median(sample[key] for sample in lazy) for key in lazy[0]}
    out["foods_first"] = statistics.median(sample["foods_rich_in"] for sample in foods_first)
    out["foods_first_answer"] = statistics.median(s["import"] + s["foods_rich_in"] for s in foods_first)
    out["nutrients_first_answer"] = statistics.median(s["import"] + s["nutrients_for_symptom"] for s in lazy)
    out["attrs_import"] = statistics.median(attrs_import)
    out["runs"] = runs
    return out


def measure_memory(runs: int) -> Results:
    out: Results = _util.median_fresh(["memory"], runs)
    out["runs"] = runs
    return out


def measure_scale(factors: list[int], runs: int) -> Results:
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="cramps-bench-scale-"))
    try:
        for factor in factors:
            target = folder / f"x{factor}"
            made = synthetic.generate(factor, target)
            repeat = runs if factor < 1000 else max(1, runs // 3)
            numbers = _util.median_fresh(["scale", str(target)], repeat)
            rows.append({"factor": factor, "foods": made.foods, "values": made.values, "runs": repeat, **numbers})
            shutil.rmtree(target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"rows": rows}


def measure(sections: list[str], quick: bool, factors: list[int]) -> Results:
    runs = 7 if quick else 21
    results: Results = {"environment": environment(quick)}
    _warm()
    if "import" in sections:
        print("import ...", file=sys.stderr)
        results["import"] = measure_import(runs)
    if "lazy" in sections:
        print("lazy load ...", file=sys.stderr)
        results["lazy"] = measure_lazy(runs)
    if "steady" in sections:
        print("steady state ...", file=sys.stderr)
        results["steady"] = [asdict(row) for row in bench_steady.run(budget=0.01 if quick else 0.03)]
    if "cohort" in sections:
        print("cohort ...", file=sys.stderr)
        results["cohort"] = cohort.run(count=10_000 if quick else 50_000, warm_count=5_000 if quick else 20_000)
    if "assess" in sections:
        print("assess ...", file=sys.stderr)
        results["assess"] = assess_cohort.run(count=5_000 if quick else 40_000)
    if "scale" in sections:
        print("scale ...", file=sys.stderr)
        results["scale"] = measure_scale(factors, 3 if quick else 5)
    if "memory" in sections:
        print("memory ...", file=sys.stderr)
        results["memory"] = measure_memory(3 if quick else 7)
    return results


def environment(quick: bool) -> Results:
    from importlib.metadata import version

    return {
        "date": datetime.date.today().isoformat(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "cramps": version("cramps"),
        "attrs": version("attrs"),
        "cattrs": version("cattrs"),
        "sqlite": sqlite3.sqlite_version,
        "quick": quick,
    }


# --- targets -----------------------------------------------------------------------------


def targets(results: Results) -> list[tuple[str, str, bool | None, str]]:
    """(target, measured, met, note) for every target the results can decide."""
    found: list[tuple[str, str, bool | None, str]] = []
    if "import" in results:
        imp = results["import"]
        ratio = imp["cramps"] / imp["attrs"]
        found.append(
            (
                "`import cramps` ≤ 1.2x `import attrs`",
                f"{fmt_time(imp['cramps'])} vs {fmt_time(imp['attrs'])} = {ratio:.2f}x",
                ratio <= 1.2,
                "",
            )
        )
    if "lazy" in results:
        lazy = results["lazy"]
        foods = lazy["foods_rich_in"] + lazy["food"] + lazy["search_foods"] + lazy["every_order"]
        found.append(("lazy load of the whole food table < 50 ms", fmt_time(foods), foods < 0.050, _FOOD_PARTS))
        everything = lazy["nutrients_for_symptom"] + foods + lazy["person"]
        found.append(("lazy load of everything < 100 ms", fmt_time(everything), everything < 0.100, _ALL_PARTS))
    if "lazy" in results:
        lazy = results["lazy"]
        attrs_import = lazy["attrs_import"]
        firsts = (
            ("nutrients_for_symptom", lazy["nutrients_first_answer"]),
            ("foods_rich_in", lazy["foods_first_answer"]),
        )
        for question, first in firsts:
            ratio = first / attrs_import
            found.append(
                (
                    f"first answer ≤ 2.0x `import attrs` (`{question}`)",
                    f"{fmt_time(first)} vs {fmt_time(attrs_import)} = {ratio:.2f}x",
                    ratio <= 2.0,
                    "`import cramps` and the first call in a fresh interpreter, runs interleaved with `import attrs`",
                )
            )
    if "steady" in results:
        rich = [r for r in results["steady"] if r["group"] == "foods_rich_in"]
        default = [r for r in rich if "# default" in r["question"]]
        worst_default = min(r["sqlite"] / r["cached"] for r in default)
        found.append(
            (
                "the default `foods_rich_in(n)` asked again ≥ 10x faster than indexed SQLite",
                f"{fmt_ratio(worst_default)} at worst over {len(default)} nutrients",
                worst_default >= 10,
                "everyday foods per serving, one of each kind; SQLite answers the same question with a "
                "window query over an index on (everyday, kind, amount per serving)",
            )
        )
        for kind in ("cached", "computed"):
            worst = min(r["sqlite"] / r[kind] for r in rich)
            found.append(
                (
                    f"`foods_rich_in(limit=10)` ≥ 10x faster than indexed SQLite ({kind})",
                    f"{fmt_ratio(worst)} at worst over {len(rich)} questions",
                    worst >= 10,
                    "cached: the same question again; computed: every result cache emptied first",
                )
            )
        profiled = next(
            r
            for r in results["steady"]
            if r["question"].startswith("nutrients_for_symptom") and "profile" in r["question"]
        )
        for kind in ("cached", "computed"):
            found.append(
                (
                    f"`nutrients_for_symptom` with a full profile < 20 µs ({kind})",
                    fmt_time(profiled[kind]),
                    profiled[kind] < 20e-6,
                    "",
                )
            )
    if "cohort" in results:
        slowest = max(row["default"] for row in results["cohort"])
        found.append(
            (
                "`nutrients_for_symptom` ≥ 100,000 distinct profiles per second (default scorer, one core)",
                f"{1 / slowest:,.0f} per second at worst over {len(results['cohort'])} symptom sets",
                1 / slowest >= 100_000,
                "random distinct profiles, after a warm-up over others; see section 4",
            )
        )
    if "assess" in results:
        rate = 1 / results["assess"]["one_process"]
        found.append(
            (
                "a cohort assessed at ≥ 10,000 person-days per second per core (one process)",
                f"{rate:,.0f} per second",
                rate >= 10_000,
                f"structured diaries of {results['assess']['entries']} entries, one day each; see section 4b",
            )
        )
    if "scale" in results and len(results["scale"]["rows"]) > 1:
        found.extend(_scale_targets(results["scale"]["rows"]))
    if "memory" in results:
        everything = results["memory"]["everything"]
        found.append(("everything loaded in < 50 MB resident memory", f"{everything:.1f} MiB", everything < 50, ""))
    return found


def _scale_targets(rows: list[Results]) -> list[tuple[str, str, bool | None, str]]:
    """Top-k time flat from the smallest to the largest table; load time and memory per
    food at the largest table at most 1.5x that at the smallest table of 10x or more."""
    found: list[tuple[str, str, bool | None, str]] = []
    small, large = rows[0], rows[-1]
    growth = large["foods"] / small["foods"]
    for key, label in (("rich_in_uncached", "computed"), ("rich_in_cached", "cached"), ("food", "`food(name)`")):
        ratio = large[key] / small[key]
        measured = f"{fmt_time(small[key])} at {small['factor']:,}x, {fmt_time(large[key])} at {large['factor']:,}x"
        found.append(
            (
                f"top-k query time independent of the food count ({label})",
                f"{measured}: {ratio:.1f}x for {growth:,.0f}x the foods",
                ratio <= 2.0,
                "met when the time at most doubles",
            )
        )
    base = next((r for r in rows if r["factor"] >= 10 and r is not large), small)
    for key, label, unit, scale in (
        ("load", "load time", "ns", 1e9),
        ("rss_load", "memory after load", "bytes", 2**20),
    ):
        before, after = base[key] / base["foods"] * scale, large[key] / large["foods"] * scale
        found.append(
            (
                f"{label} linear in the food count",
                f"{before:,.0f} → {after:,.0f} {unit} per food ({base['factor']:,}x → {large['factor']:,}x)",
                after <= 1.5 * before,
                "met when the cost per food grows at most 1.5x",
            )
        )
    return found


_FOOD_PARTS = "first `foods_rich_in` + first `food` + first `search_foods` + every other nutrient and basis"
_ALL_PARTS = "first `nutrients_for_symptom` (knowledge base) + the whole food table + the person data"


# --- writing -----------------------------------------------------------------------------


def render(results: Results) -> str:
    env = results["environment"]
    parts = [
        BEGIN,
        "",
        f"Measured {env['date']} on {env['machine']}, {env['implementation']} {env['python']}, "
        f"cramps {env['cramps']}, attrs {env['attrs']}, cattrs {env['cattrs']}, SQLite {env['sqlite']}"
        + (" (**quick run: fewer samples**)." if env["quick"] else "."),
        "",
        "### Targets",
        "",
        table(
            ["target", "measured", "met", "note"],
            [
                [t, m, "-" if ok is None else ("**yes**" if ok else "**no**"), note]
                for t, m, ok, note in targets(results)
            ],
            "llll",
        ),
    ]
    if "import" in results:
        imp = results["import"]
        parts += [
            "",
            f"### 1. Import (fresh interpreter each, median of {imp['runs']})",
            "",
            table(
                ["statement", "wall time"],
                [
                    ["`import cramps`", fmt_time(imp["cramps"])],
                    ["`import attrs`", fmt_time(imp["attrs"])],
                    ["`import typing` (part of both)", fmt_time(imp["typing"])],
                ],
            ),
        ]
    if "lazy" in results:
        lazy = results["lazy"]
        foods = lazy["foods_rich_in"] + lazy["food"] + lazy["search_foods"] + lazy["every_order"]
        rows = [
            ["`import cramps`", fmt_time(lazy["import"]), "names only; nothing is loaded"],
            [
                'first `nutrients_for_symptom("leg cramps")`',
                fmt_time(lazy["nutrients_for_symptom"]),
                "imports the record modules, reads and validates the knowledge base, ranks",
            ],
            [
                'then first `foods_rich_in("magnesium")`',
                fmt_time(lazy["foods_rich_in"]),
                "loads the food table, reads one order",
            ],
            ['then first `food("Spinach, raw")`', fmt_time(lazy["food"]), "reads the name index"],
            ['then first `search_foods("spinach")`', fmt_time(lazy["search_foods"]), "reads the word index"],
            [
                "then every other nutrient and `per`",
                fmt_time(lazy["every_order"]),
                "reads the other orders (every nutrient on every basis) and ranks by each",
            ],
            ["then the person data", fmt_time(lazy["person"]), "`profile`, `daily_target`, `lab_tests_for`, `triage`"],
            ["**whole food table**", f"**{fmt_time(foods)}**", "the four food rows above"],
            [
                "**everything**",
                f"**{fmt_time(lazy['nutrients_for_symptom'] + foods + lazy['person'])}**",
                "all rows after the import",
            ],
            [
                '`foods_rich_in("magnesium")` as the very first call',
                fmt_time(lazy["foods_first"]),
                "loads the knowledge base too (to resolve the nutrient's name)",
            ],
        ]
        parts += [
            "",
            f"### 2. Lazy load: the first questions in a fresh interpreter (median of {lazy['runs']})",
            "",
            table(["first call", "wall time", "what it loads"], rows, "lrl"),
        ]
    if "steady" in results:
        steady = results["steady"]
        rows = [
            [
                f"`{r['question']}`",
                fmt_time(r["computed"]),
                fmt_time(r["cached"]),
                fmt_time(r["sqlite"]),
                fmt_ratio(r["sqlite"] / r["computed"]) if r["sqlite"] else "-",
                fmt_ratio(r["sqlite"] / r["cached"]) if r["sqlite"] else "-",
                "-" if r["agrees"] is None else ("yes" if r["agrees"] else "**NO**"),
            ]
            for r in steady
        ]
        lists = [
            [
                f"`{r['question']}`",
                fmt_time(r["computed"]),
                fmt_time(r["cached"]),
                fmt_time(r["plain_list"]),
                fmt_time(r["sorting"]),
            ]
            for r in steady
            if r["plain_list"] is not None or r["sorting"] is not None
        ]
        notes = sorted({r["note"] for r in steady if r["note"] and r["group"] != "foods_rich_in"})
        plans = sorted({r["note"].split(" USING ")[0] for r in steady if r["group"] == "foods_rich_in"})
        parts += [
            "",
            "### 3. Steady state, per call",
            "",
            _STEADY_NOTE,
            "",
            table(
                [
                    "question",
                    "cramps computed",
                    "cramps cached",
                    "SQLite",
                    "vs SQLite (computed)",
                    "vs SQLite (cached)",
                    "same answer",
                ],
                rows,
            ),
            "",
            _LISTS_NOTE,
            "",
            table(
                ["question", "cramps computed", "cramps cached", "list (sorted once)", "list (sort per call)"],
                lists,
            ),
            "",
            "Notes: "
            + "; ".join(notes)
            + f". SQLite query plans for `foods_rich_in`: {', '.join(plans)} USING an index.",
        ]
    if "cohort" in results:
        rows = [
            [
                ", ".join(f'"{s}"' for s in row["symptoms"]),
                f"{fmt_time(row['default'])} ({1 / row['default']:,.0f}/s)",
                f"{fmt_time(row['new_facts'])} ({1 / row['new_facts']:,.0f}/s)",
                f"{fmt_time(row['classic'])} ({1 / row['classic']:,.0f}/s)",
                fmt_ratio(row["classic"] / row["default"]),
            ]
            for row in results["cohort"]
        ]
        first = results["cohort"][0]
        parts += [
            "",
            "### 4. A cohort: one ranking per distinct person",
            "",
            f"`nutrients_for_symptom(symptoms, profile)` for {first['profiles']:,} distinct random profiles "
            f"(after a warm-up over {first['warm_profiles']:,} others), per profile; facts never seen: every "
            f"answer kept for a person forgotten before each call ({first['classic_profiles']:,} profiles); "
            "the classic scorer "
            f'(`scorer="classic"`, the default before the pattern scorer) over {first["classic_profiles"]:,} profiles.',
            "",
            table(
                ["symptoms", "default scorer", "default, facts never seen", "classic scorer", "default vs classic"],
                rows,
            ),
        ]
    if "assess" in results:
        found_assess = results["assess"]
        rows = [
            [
                "rows_for, one process",
                f"{fmt_time(found_assess['one_process'])} ({1 / found_assess['one_process']:,.0f}/s)",
            ],
            [
                "baseline: plain dict sums, no targets",
                f"{fmt_time(found_assess['plain_sums'])} ({1 / found_assess['plain_sums']:,.0f}/s)",
            ],
            [
                f"baseline: full assess() per person ({found_assess['full_people']:,} people)",
                f"{fmt_time(found_assess['full_assess'])} ({1 / found_assess['full_assess']:,.0f}/s)",
            ],
        ]
        if found_assess.get("cluster"):
            agrees = "rows equal one process's" if found_assess.get("cluster_agrees") else "ROWS DIFFER"
            rows.append(
                [
                    f"Dask LocalCluster, 2 worker processes, reading JSON lines ({agrees})",
                    f"{fmt_time(found_assess['cluster'])} ({1 / found_assess['cluster']:,.0f}/s)",
                ]
            )
        parts += [
            "",
            "### 4b. A cohort assessed: one row of statuses per person",
            "",
            f"{found_assess['people']:,} made-up people, each with a structured diary of {found_assess['entries']} "
            "entries (one day) and a profile, to one row of intakes, percents of target and statuses "
            "(`cramps.cohort.rows_for`), per person. On this 2-CPU machine the cluster's client, scheduler and "
            "two workers share the two cores, and the workers also parse the JSON: the cluster shows that the "
            "recipe works and agrees, not a speed-up; past one machine each worker adds its own cores.",
            "",
            table(["how", "per person"], rows),
        ]
    if "scale" in results:
        scale = results["scale"]["rows"]
        loads = [
            [
                f"{r['factor']:,}x",
                f"{r['foods']:,}",
                f"{r['values']:,}",
                fmt_time(r["load"]),
                f"{r['rss_load']:.1f} MiB",
                fmt_time(r["first_rich_in"]),
                str(r["runs"]),
            ]
            for r in scale
        ]
        queries = [
            [
                f"{r['factor']:,}x",
                fmt_time(r["rich_in_uncached"]),
                fmt_time(r["rich_in_cached"]),
                fmt_time(r["rich_in_vegan_uncached"]),
                fmt_time(r["food"]),
                fmt_time(r["sort_per_call"]),
                str(r["runs"]),
            ]
            for r in scale
        ]
        parts += [
            "",
            "### 5. Scale: synthetic food tables",
            "",
            _SCALE_NOTE,
            "",
            "Loading the table, and its first question:",
            "",
            table(
                ["scale", "foods", "food-nutrient values", "load", "memory after load", "first `rich_in`", "runs"],
                loads,
            ),
            "",
            "Per call, once loaded:",
            "",
            table(
                [
                    "scale",
                    "`rich_in` computed",
                    "`rich_in` cached",
                    "`rich_in` vegan, computed",
                    "`food(name)`",
                    "sort per call (`heapq.nlargest`)",
                    "runs",
                ],
                queries,
            ),
        ]
    if "memory" in results:
        mem = results["memory"]
        parts += [
            "",
            f"### 6. Resident memory (fresh interpreter, median of {mem['runs']})",
            "",
            table(
                ["after", "resident memory (RSS)"],
                [
                    ["interpreter start-up", f"{mem['start']:.1f} MiB"],
                    ["`import cramps`", f"{mem['import']:.1f} MiB"],
                    ['`nutrients_for_symptom("leg cramps")` (knowledge base loaded)', f"{mem['knowledge']:.1f} MiB"],
                    ["the whole food table (every order, name and word index)", f"{mem['foods']:.1f} MiB"],
                    ["**everything** (plus rankings, person data, searches)", f"**{mem['everything']:.1f} MiB**"],
                    ["peak (`VmHWM`)", f"{mem['peak']:.1f} MiB"],
                ],
            ),
        ]
    parts += ["", END]
    return "\n".join(parts)


_STEADY_NOTE = (
    "Seconds per call (median of 5 batches). **computed**: every result cache (the knowledge "
    "base's ranking cache, the food table's result cache) is emptied before each call, so cramps "
    "works the answer out; what loading built stays. **cached**: the same question again. "
    "SQLite: an in-memory database with the same data and an index for each question (per "
    "nutrient and basis, expression indexes for per portion and per 100 kcal; claims by target "
    "and subject; folded names; FTS5 on names); the ranking scores are computed in Python from "
    "the rows it returns, with the same arithmetic. cramps returns records (with reasons, "
    "citations, portions and %DV); the baselines return bare tuples. *same answer*: the "
    "baselines return the same ids in the same order with the same scores or amounts."
)
_LISTS_NOTE = (
    "Against plain Python lists, for the questions they can answer. List (sorted once): plain "
    "Python lists kept in the order each question needs (a slice or a bisection answers). List "
    "(sort per call): `heapq.nsmallest` over every food."
)
_SCALE_NOTE = (
    "`benchmarks/synthetic.py` writes the packaged SR28 table repeated N times (each food N "
    "times, with its own id; the names repeat, so `food(name)` finds the first copy) in the "
    "packaged format, with the precomputed orders and indexes, into a temporary folder; "
    "`FoodTable.load(folder)` loads it in a fresh interpreter. Times are medians over the "
    "runs shown; the memory is the growth of resident memory over the load. The queries use "
    "magnesium per portion; `rich_in` vegan (computed) builds its food mask on the first "
    "call and keeps it."
)


def write(markdown: str, path: Path) -> None:
    """Replace the generated block of ``path`` (or create the page) with ``markdown``."""
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            before, rest = text.split(BEGIN, 1)
            _, after = rest.split(END, 1)
            path.write_text(before + markdown + after, encoding="utf-8")
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Performance\n\n" + markdown + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples: a smoke test, not a measurement")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS), help="sections to run")
    parser.add_argument("--scales", default="1,10,100,1000", help="synthetic scale factors, comma-separated")
    parser.add_argument("--json", type=Path, help="also save the raw results here")
    parser.add_argument("--from-json", type=Path, help="render results saved by --json instead of measuring")
    parser.add_argument(
        "--write-docs", action="store_true", help="write the results into the page (default: only print them)"
    )
    parser.add_argument("--out", type=Path, default=DOC, help="the page --write-docs rewrites (%(default)s)")
    args = parser.parse_args(argv)
    if args.from_json:
        results = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        factors = [int(f) for f in args.scales.split(",") if f.strip()]
        results = measure(args.only, args.quick, factors)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    markdown = render(results)
    print(markdown)
    if args.write_docs:
        write(markdown, args.out)
        print(f"\nwrote {args.out}", file=sys.stderr)
    else:
        print(f"\n{args.out} is unchanged (pass --write-docs to write these results into it)", file=sys.stderr)
    missed = [t for t, _, ok, _ in targets(results) if ok is False]
    if missed:
        print(f"{len(missed)} target(s) not met: " + "; ".join(missed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
