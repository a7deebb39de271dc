"""A team's own foods at scale: load time, peak memory and the first questions.

    python benchmarks/team_load.py [N] [--baseline REV]

Writes N synthetic team foods (default 200,000: a few nutrients, one or two portions,
varied names built from food words and made-up variety words, packaged and new groups)
to a temporary ``foods.json`` and measures, each in a fresh subprocess (peak RSS is the
child's ``ru_maxrss``), for the code here and for the baseline side by side:
``cramps.load(folder)``, the first search, the same search repeated, another search, and
the first ``foods_rich_in`` (per serving, everyday) and a second one (per 100 g, vegan).

The baseline is the git revision ``REV`` (default ``c31b34e``, the code before the
team-foods hardening of issue 17: every record through the converter, the whole file
parsed at once, every derived value and every nutrient x basis order made eagerly),
exported with ``git archive`` into a temporary folder and imported from there.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

_GROUPS = [
    "Team Snacks",
    "Team Drinks",
    "Team Breads",
    "Legumes and Legume Products",
    "Vegetables and Vegetable Products",
    "Dairy and Egg Products",
    "Beverages",
    "Cereal Grains and Pasta",
    "Snacks",
    "Nut and Seed Products",
]
_BASES = [
    "Oat bar",
    "Lentil soup",
    "Spinach",
    "Yogurt, plain",
    "Bread, rye",
    "Almonds",
    "Beans, black",
    "Rice, brown",
    "Tofu",
    "Milk, oat",
    "Juice, orange",
    "Crackers, whole grain",
    "Chickpeas",
    "Cheese, goat",
    "Seeds, pumpkin",
]
_FORMS = ["raw", "cooked", "roasted", "dried", "canned", "with salt", "plain", "low fat", "homemade", "frozen"]
_SYLLABLES = ("ka", "lo", "mi", "re", "su", "ta", "ven", "dor", "bel", "fi", "no", "ra", "sel", "tu", "mar", "pe")
_PORTIONS = [
    ("1 cup", 240.0),
    ("1 bar", 40.0),
    ("1 oz", 28.35),
    ("1/2 cup", 120.0),
    ("1 tbsp", 15.0),
    ("1 slice", 32.0),
]


def _variety(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3))))


def team_foods(count: int, seed: int = 1) -> list[dict[str, object]]:
    """``count`` foods.json records with distinct, varied names."""
    rng = random.Random(seed)
    names: set[str] = set()
    foods: list[dict[str, object]] = []
    while len(foods) < count:
        name = f"{rng.choice(_BASES)}, {rng.choice(_FORMS)}, {_variety(rng)} {_variety(rng)}"
        if rng.random() < 0.05:
            name += ", TEAMCO"
        if name.lower() in names:
            continue
        names.add(name.lower())
        nutrients = {
            "magnesium": {"value": round(rng.uniform(0, 400), 1), "unit": "mg"},
            "potassium": {"value": round(rng.uniform(0, 1500), 1), "unit": "mg"},
            "energy": {"value": round(rng.uniform(20, 600)), "unit": "kcal"},
        }
        if rng.random() < 0.5:
            nutrients["calcium"] = {"value": round(rng.uniform(0, 900), 1), "unit": "mg"}
        portions = [{"description": d, "grams": g} for d, g in rng.sample(_PORTIONS, rng.choice((1, 1, 2)))]
        foods.append(
            {
                "id": f"team-food-{len(foods):06d}",
                "name": name,
                "group": _GROUPS[len(foods) % len(_GROUPS)],
                "source": {"dataset": "Team lab", "id": str(len(foods))},
                "nutrients": nutrients,
                "portions": portions,
            }
        )
    return foods


_CHILD = r"""
import json, resource, sys, time
import cramps
folder = sys.argv[1]
base = cramps.default_kb()
base.foods_rich_in("magnesium")  # the packaged table loaded: only the team's foods are timed
out = {}
start = time.perf_counter()
kb = cramps.load(folder)
kb.catalogue
out["load"] = time.perf_counter() - start
def timed(label, call):
    start = time.perf_counter(); call(); out[label] = time.perf_counter() - start
timed("first search", lambda: kb.search_foods("oat bar"))
timed("repeated search", lambda: kb.search_foods("oat bar"))
timed("other search", lambda: kb.search_foods("lentil soup cooked"))
timed("first rich_in", lambda: kb.catalogue.rich_in("magnesium"))
timed("second rich_in", lambda: kb.catalogue.rich_in("potassium", per="100g", diet="vegan"))
out["peak MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def measure(folder: Path, src: Path | None = None) -> dict[str, float]:
    """The numbers of one child process, importing cramps from ``src`` if given."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder)], check=True, capture_output=True, text=True, env=env
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def export(revision: str, into: Path) -> Path:
    """The ``src`` folder of ``revision`` of this repository, written under ``into``."""
    root = Path(__file__).resolve().parents[1]
    archive = subprocess.run(["git", "archive", revision, "src"], cwd=root, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=200_000)
    parser.add_argument("--baseline", default="c31b34e", help="the git revision to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "team"
        folder.mkdir()
        (folder / "foods.json").write_text(json.dumps(team_foods(args.count)), encoding="utf-8")
        size = (folder / "foods.json").stat().st_size / 2**20
        print(f"{args.count:,} team foods, foods.json {size:.0f} MiB")
        columns = {
            "now": measure(folder),
            f"baseline {args.baseline}": measure(folder, export(args.baseline, Path(tmp))),
        }
    labels = ["load", "peak MiB", "first search", "repeated search", "other search", "first rich_in", "second rich_in"]
    print(f"{'':18}" + "".join(f"{name:>22}" for name in columns))
    for label in labels:
        unit = "" if label == "peak MiB" else " s"
        print(f"{label:18}" + "".join(f"{values[label]:>20.2f}{unit:2}" for values in columns.values()))


if __name__ == "__main__":
    main()
