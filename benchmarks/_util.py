"""Shared helpers: fresh interpreters, per-call timing, resident memory, formatting."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).resolve().with_name("_probe.py")

#: Byte-code for the fresh interpreters goes here, not into the checkout, and is kept
#: (an installed package has its .pyc files; PYTHONDONTWRITEBYTECODE would make every
#: fresh interpreter compile cramps from source and inflate the import times).
PYCACHE = Path(tempfile.gettempdir()) / "cramps-bench-pycache"


def fresh_env() -> dict[str, str]:
    """The environment for a fresh interpreter: byte-code cached, ``src`` importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONPATH"] = str(ROOT / "src")
    env["PYTHONHASHSEED"] = "0"
    return env


def run_fresh(args: Sequence[str]) -> Any:
    """Run ``benchmarks/_probe.py args`` in a fresh interpreter; its JSON output."""
    done = subprocess.run(
        [sys.executable, str(PROBE), *args], capture_output=True, text=True, env=fresh_env(), check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"probe {' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def median_fresh(args: Sequence[str], runs: int) -> dict[str, float]:
    """The median of each number a probe reports, over ``runs`` fresh interpreters."""
    samples: list[dict[str, float]] = [run_fresh(args) for _ in range(runs)]
    return {key: statistics.median(sample[key] for sample in samples) for key in samples[0]}


def per_call(action: Callable[[], object], *, budget: float = 0.05, repeat: int = 5) -> float:
    """Median seconds per call of ``action`` over ``repeat`` batches of about ``budget`` s."""
    action()
    number = 1
    while True:
        elapsed = timeit.timeit(action, number=number)
        if elapsed >= budget / 4 or number >= 1_000_000:
            break
        number *= 4
    number = max(1, int(number * (budget / max(elapsed, 1e-9))))
    return statistics.median(t / number for t in timeit.repeat(action, number=number, repeat=repeat))


def once(action: Callable[[], object]) -> float:
    """Seconds for one call of ``action``."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def rss_mb() -> float:
    """Resident memory of this process now, in MiB (``/proc/self/statm``)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # pragma: no cover - not Linux: fall back to the peak
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fmt_time(seconds: float | None) -> str:
    """A duration with a unit that keeps 2-3 significant figures."""
    if seconds is None:
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e9:.0f} ns"


def fmt_ratio(value: float | None) -> str:
    """``3.2x``."""
    return "-" if value is None else f"{value:.1f}x" if value < 100 else f"{value:,.0f}x"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A Markdown table; ``align`` has one of ``l``/``r`` per column (default: first left)."""
    align = align or "l" + "r" * (len(headers) - 1)
    marks = ["---:" if a == "r" else ":---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(marks) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)
