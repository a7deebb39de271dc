"""Build the packaged USDA SR28 food table from the source CSVs in the repository.

Usage::

    python tools/build_foods.py [--data PATH] [--out PATH] [--check]

Reads ``PATH/usda-sr28/foods.csv``, ``portions.csv`` and
``sr28_revision_differences.csv``, ``PATH/dri/daily_values.csv`` and ``PATH/racc/``
(``racc.csv``, ``fsis.csv``, ``categories.csv`` and ``verification.csv``) (default
``PATH`` = ``<repo>/data``) and writes, under ``--out`` (default
``<repo>/src/cramps/data``):

* ``food-table.json`` - the header: source and release, the revision caveat, food groups,
  nutrients (column, unit, decimal scale), the 23 foods revised after SR28 (with the
  columns that differ), the Daily Values, and where each column sits: ``[file,
  offset, length]``;
* ``foods.bin`` - uncompressed little-endian columns read at load (inflating them cost
  the first food question most of its load time): NDB numbers
  (``ndb_width`` = 5 ASCII bytes each), names and portion descriptions (UTF-8,
  ``\\n``-separated, each with a uint32 column of the byte offset where every line
  starts, plus one past the end, so one line is decoded without splitting them all),
  group and diet codes (uint8), nutrient values as uint32 integers scaled by
  10**decimals (``0xFFFFFFFF`` = missing; value = integer / scale reproduces the
  USDA decimal exactly), portions (uint32 start offsets per food, grams x 100 as
  uint32, seq as uint16);
* ``foods-search.bin`` - zlib-compressed, read on the first name lookup or search:
  the folded names (with line offsets) and the word index: the sorted stems of every
  folded name
  (``\\n``-separated), uint32 offsets into the postings, and the postings (the rows
  holding each stem, ascending);
* ``foods-order.bin`` - uncompressed (it hardly compresses): per nutrient and basis
  the food order by amount, largest first, ties by id, read on the first ranking;
* ``food-servings.json`` - the serving categories (each with its reference amount and how
  it was checked), the reasons behind each food's serving and everyday code, and the
  groups that waive a reason; read on first use;
* ``daily_values.json`` - FDA Daily Values keyed by cramps nutrient id;
* ``diary-foods.json`` - the plain names a food diary uses ("banana", "cooked spinach")
  and the SR28 food each means, with the form meant, from the curated
  ``tools/curated/diary_foods.csv`` (every NDB number checked against foods.csv).

Row numbers (orders and postings) are ``row_typecode`` integers in the
header: uint16 (``H``) while the table has at most 65,536 foods, else uint32 (``I``).

The output depends only on the input (same input -> same bytes). ``--check`` writes
nothing and exits 1 when the packaged files differ from a fresh build; the zlib files
are compared after decompression (the header holds the SHA-256 of each uncompressed
file), so a different zlib build does not count as a difference.
"""

from __future__ import annotations

import argparse
import array
import csv
import hashlib
import io
import json
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / "data"
#: The curated plain names of a food diary (written here, not a public input).
DIARY_FOODS_CSV = REPO / "tools" / "curated" / "diary_foods.csv"
sys.path.insert(0, str(REPO / "src"))

from cramps import servings  # noqa: E402
from cramps.catalogue import DIARY_FOODS_FILE, FOOD_SERVINGS_FILE, FOOD_TABLE_FILE  # noqa: E402
from cramps.food_columns import row_typecode  # noqa: E402
from cramps.food_search import stem as stem_of  # noqa: E402
from cramps.foods import (  # noqa: E402
    BASES,
    DATASET,
    NUTRIENT_UNITS,
    RELEASE,
    classify_diet,
    per_100kcal,
    per_portion,
    per_serving,
)
from cramps.text import fold  # noqa: E402

#: cramps nutrient id -> foods.csv column.
COLUMNS = {
    "magnesium": "magnesium_mg",
    "potassium": "potassium_mg",
    "calcium": "calcium_mg",
    "sodium": "sodium_mg",
    "vitamin-d": "vitamin_d_d2_d3_ug",
    "thiamin": "thiamin_mg",
    "vitamin-b12": "vitamin_b12_ug",
    "vitamin-k": "vitamin_k1_phylloquinone_ug",
    "vitamin-k2": "menaquinone_4_ug",
    "energy": "energy_kcal",
    "water": "water_g",
}
#: daily_values.csv nutrient name -> cramps nutrient id (vitamin K DV: phylloquinone).
DV_NAMES = {
    "calcium": "calcium",
    "magnesium": "magnesium",
    "potassium": "potassium",
    "sodium": "sodium",
    "vitamin D": "vitamin-d",
    "vitamin K": "vitamin-k",
    "thiamin": "thiamin",
    "vitamin B12": "vitamin-b12",
}
DV_UNITS = {"mg": "mg", "mcg": "ug", "µg": "ug", "ug": "ug", "g": "g"}
GROUPS = (
    "American Indian/Alaska Native Foods",
    "Baby Foods",
    "Baked Products",
    "Beef Products",
    "Beverages",
    "Breakfast Cereals",
    "Cereal Grains and Pasta",
    "Dairy and Egg Products",
    "Fast Foods",
    "Fats and Oils",
    "Finfish and Shellfish Products",
    "Fruits and Fruit Juices",
    "Lamb, Veal, and Game Products",
    "Legumes and Legume Products",
    "Meals, Entrees, and Side Dishes",
    "Nut and Seed Products",
    "Pork Products",
    "Poultry Products",
    "Restaurant Foods",
    "Sausages and Luncheon Meats",
    "Snacks",
    "Soups, Sauces, and Gravies",
    "Spices and Herbs",
    "Sweets",
    "Vegetables and Vegetable Products",
)
FOOD_COUNT = 8789
#: payload section -> packaged file. Only the search file is compressed: the main file is
#: read by the first food question, and inflating it took most of that question's load
#: time (about 4.5 of 5 ms); the order file hardly compresses.
SECTIONS = {"main": "foods.bin", "search": "foods-search.bin", "order": "foods-order.bin"}
COMPRESSED = frozenset({"foods-search.bin"})
MISSING = 0xFFFFFFFF
CAVEAT = (
    "Values are the original USDA SR28 values (National Nutrient Database for Standard "
    "Reference, Release 28, September 2015), per 100 g edible portion. They are not the "
    "later SR Legacy (April 2018) values, which differ for some foods. USDA revised 23 "
    "SR28 foods after September 2015 (a later SR28 abbreviated file differs for them); "
    "those foods are flagged revised_in_later_release and keep the original values here. "
    "Vitamin K2 is menaquinone-4 only (SR28 has no MK-7)."
)


class BuildError(Exception):
    """The input does not look like the documented SR28 extract."""


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise BuildError(f"{path}: not found (is {path.parents[1]} a copy of the data/ folder? pass --data)")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _scaled(text: str, scale: int) -> int:
    whole, _, fraction = text.partition(".")
    digits = len(str(scale)) - 1
    value = int(whole) * scale + (int(fraction.ljust(digits, "0")) if digits else 0)
    if value < 0 or value >= MISSING:
        raise BuildError(f"value {text!r} out of range")
    return value


def _ranked(rows: list[int], nutrient: str, basis: str, amount: Callable[[str, str, int], float]) -> list[int]:
    """``rows`` by amount on ``basis``, largest first; ties by row (rows are in id order)."""

    def key(row: int) -> tuple[float, int]:
        return (-amount(nutrient, basis, row), row)

    return sorted(rows, key=key)


def _starts(texts: list[str]) -> list[int]:
    """Byte offset where each line of ``"\\n".join(texts)`` starts, plus one past the end."""
    starts = [0]
    for text in texts:
        starts.append(starts[-1] + len(text.encode("utf-8")) + 1)
    return starts


def _word_index(folded: list[str]) -> tuple[list[str], list[int], list[int]]:
    """The sorted stems of the folded names, the start of each stem's postings, and the
    postings: the rows whose name holds the stem, ascending."""
    postings: dict[str, list[int]] = {}
    for row, name in enumerate(folded):
        for stem in sorted({stem_of(word) for word in name.split()}):
            postings.setdefault(stem, []).append(row)
    vocabulary = sorted(postings)
    starts = [0]
    rows: list[int] = []
    for stem in vocabulary:
        rows.extend(postings[stem])
        starts.append(len(rows))
    return vocabulary, starts, rows


def _u(typecode: str, values: list[int]) -> bytes:
    column = array.array(typecode, values)
    if sys.byteorder != "little":  # pragma: no cover
        column.byteswap()
    return column.tobytes()


def _overrides(
    data: Path, descriptions: dict[str, str], categories: dict[str, dict[str, object]]
) -> dict[str, tuple[str | None, str]]:
    """The curated exceptions to the serving rules (``racc/overrides.csv``): NDB number ->
    (category or ``None``, reason). Each row must name an SR28 food by its number and exact
    description, and a known category (or none)."""
    found: dict[str, tuple[str | None, str]] = {}
    for row in _read_csv(data / "racc" / "overrides.csv"):
        ndb = row["ndb_number"]
        if descriptions.get(ndb) != row["description"]:
            raise BuildError(f"overrides.csv: {ndb} is not {row['description']!r} in SR28")
        category = row["category"] or None
        if category is not None and category not in categories:
            raise BuildError(f"overrides.csv: {ndb}: unknown category {category!r}")
        if not row["reason"].strip():
            raise BuildError(f"overrides.csv: {ndb}: say why the rule does not fit")
        found[ndb] = (category, f"an exception to the rules: {row['reason']}")
    return found


def _seen_in(source: str) -> str:
    """Where a RACC amount was seen, in short (the full record is data/racc/verification.csv)."""
    if "ESHA" in source:
        return "seen in a post-2016 copy (ESHA Genesis R&D manual, after FDA's 2017 draft guidance)"
    if "PRE-2016" in source or "2015" in source:
        return "seen in the 2015 text of 21 CFR 101.12(b); no post-2016 copy of this row was found"
    return "seen in a post-2016 secondary source"


def _categories(data: Path) -> dict[str, dict[str, object]]:
    """The serving categories of ``racc/categories.csv``, each with its reference amount from
    the regulation's table (``racc.csv`` or ``fsis.csv``) and how that amount was checked
    (``verification.csv``). A category whose amount is not confirmed stops the build."""
    racc = data / "racc"
    fda = {(row["product_category"], row["subcategory"]): row for row in _read_csv(racc / "racc.csv")}
    checks = {(row["product_category"], row["subcategory"]): row for row in _read_csv(racc / "verification.csv")}
    fsis = {(row["product_category"], row["condition"]): row for row in _read_csv(racc / "fsis.csv")}
    categories: dict[str, dict[str, object]] = {}
    for row in _read_csv(racc / "categories.csv"):
        key = (row["product_category"], row["subcategory"])
        if row["table"] == "21 CFR 101.12(b)":
            source = fda.get(key)
            check = checks.get(key)
            if source is None or check is None:
                raise BuildError(f"categories.csv: {row['id']}: no such row in racc.csv and verification.csv")
            if check["verdict"] == "confirmed":
                verified = _seen_in(check["source"])
            elif check["verdict"] == "differs" and "sources=none" not in source["notes"]:
                old = check["source_value"].replace("[PRE-2016 text]", "").strip()
                verified = (
                    f"changed in 2016 (the 2015 text has {old}); the current amount is from"
                    " the post-2016 sources of data/racc/README.md"
                )
            else:
                raise BuildError(f"categories.csv: {row['id']}: its amount is not confirmed ({check['verdict']})")
            amount, unit = source["reference_amount"], source["unit"]
        else:
            found = fsis.get(key)
            if found is None:
                raise BuildError(f"categories.csv: {row['id']}: no such row in fsis.csv")
            amount, unit = found["reference_amount"], found["unit"]
            verified = (
                f"seen in {'the 2015 text' if '2015' in found['source'] else 'an undated copy'} of {row['table']}"
            )
        if unit not in ("g", "mL") or not amount:
            raise BuildError(f"categories.csv: {row['id']}: no fixed amount")
        name = f"{row['product_category']}" + (f" ({row['subcategory']})" if row["subcategory"] else "")
        categories[row["id"]] = {
            "name": name,
            "table": row["table"],
            "amount": float(amount),
            "unit": unit,
            "verified": verified,
        }
    if tuple(categories) != servings.CATEGORY_IDS:
        raise BuildError(
            "categories.csv does not match cramps.servings.CATEGORY_IDS:"
            f" {sorted(set(categories) ^ set(servings.CATEGORY_IDS))}"
        )
    return categories


def build(data: Path = DEFAULT_DATA) -> dict[str, bytes]:
    """The packaged files (name -> bytes) built from the source CSVs in the data folder ``data``."""
    usda = data / "usda-sr28"
    foods = _read_csv(usda / "foods.csv")
    portions = _read_csv(usda / "portions.csv")
    revisions = _read_csv(usda / "sr28_revision_differences.csv")
    dv_rows = _read_csv(data / "dri" / "daily_values.csv")

    if len(foods) != FOOD_COUNT:
        raise BuildError(f"foods.csv has {len(foods)} foods, expected {FOOD_COUNT}")
    foods.sort(key=lambda row: row["ndb_number"])
    ndbs = [row["ndb_number"] for row in foods]
    if len(set(ndbs)) != len(ndbs) or not all(len(n) == 5 and n.isdigit() for n in ndbs):
        raise BuildError("NDB numbers must be unique 5-digit strings")
    found_groups = sorted({row["food_group"] for row in foods})
    if tuple(found_groups) != GROUPS:
        raise BuildError(f"unexpected food groups: {sorted(set(found_groups) ^ set(GROUPS))}")
    group_code = {name: i for i, name in enumerate(GROUPS)}
    position = {ndb: i for i, ndb in enumerate(ndbs)}
    names = [row["description"] for row in foods]
    if any("\n" in name for name in names):
        raise BuildError("a description contains a newline")

    # nutrient columns as scaled integers
    values: dict[str, list[int]] = {}
    scales: dict[str, int] = {}
    for nutrient, column in COLUMNS.items():
        texts = [row[column].strip() for row in foods]
        scale = 10 ** max((_decimals(t) for t in texts if t), default=0)
        scales[nutrient] = scale
        values[nutrient] = [MISSING if not t else _scaled(t, scale) for t in texts]

    # portions, each food's sorted by seq
    by_food: dict[int, list[dict[str, str]]] = {}
    for row in portions:
        if row["ndb_number"] not in position:
            raise BuildError(f"portion for unknown food {row['ndb_number']}")
        by_food.setdefault(position[row["ndb_number"]], []).append(row)
    starts: list[int] = [0]
    grams: list[int] = []
    seqs: list[int] = []
    descriptions: list[str] = []
    for index in range(len(foods)):
        for row in sorted(by_food.get(index, []), key=lambda r: int(r["seq"])):
            description = f"{row['amount'].strip()} {row['measure'].strip()}"
            if "\n" in description:
                raise BuildError("a portion description contains a newline")
            descriptions.append(description)
            grams.append(_scaled(row["grams"].strip(), 100))
            seqs.append(int(row["seq"]))
        starts.append(len(grams))

    # servings (cramps.servings rules over each food's name, group and portions)
    categories = _categories(data)
    records = {
        name: servings.ServingCategory(
            id=name,
            name=str(c["name"]),
            amount=float(str(c["amount"])),
            unit="g" if c["unit"] == "g" else "mL",
            verified=str(c["verified"]),
        )
        for name, c in categories.items()
    }
    category_code = {name: i for i, name in enumerate(categories)}
    reasons: dict[str, int] = {}
    everyday_codes: dict[str | None, int] = {None: 0}
    kinds: dict[str, int] = {}
    serving_grams: list[float] = []
    serving_category: list[int] = []
    serving_reason: list[int] = []
    serving_measure: list[str] = []
    everyday: list[int] = []
    kind: list[int] = []
    overrides = _overrides(data, {row["ndb_number"]: row["description"] for row in foods}, categories)
    for index, row in enumerate(foods):
        measures = servings.measures((descriptions[p], grams[p] / 100) for p in range(starts[index], starts[index + 1]))
        category, why = servings.category_of(row["description"], row["food_group"], measures)
        if row["ndb_number"] in overrides:
            category, why = overrides[row["ndb_number"]]
        serving = None if category is None else servings.serving_in(category, measures, records)
        if category is not None and serving is None:
            why = f"{why}; its amount is a volume and USDA gives no portion by volume to weigh it"
        serving_reason.append(reasons.setdefault(why, len(reasons)))
        serving_category.append(255 if serving is None else category_code[serving.category])
        serving_grams.append(0.0 if serving is None else serving.grams)
        serving_measure.append("" if serving is None or serving.measure is None else serving.measure)
        reason = servings.everyday_reason(row["description"], row["food_group"])
        everyday.append(everyday_codes.setdefault(reason, len(everyday_codes)))
        kind.append(kinds.setdefault(servings.kind_of(row["description"], row["food_group"]), len(kinds)))

    # precomputed orders: the same arithmetic as cramps.foods at query time
    def per_100g(nutrient: str, index: int) -> float:
        return values[nutrient][index] / scales[nutrient]

    def amount(nutrient: str, basis: str, index: int) -> float:
        value = per_100g(nutrient, index)
        if basis == "portion":
            return per_portion(value, grams[starts[index]] / 100)
        if basis == "100kcal":
            return per_100kcal(value, per_100g("energy", index))
        if basis == "serving":
            return per_serving(value, serving_grams[index])
        return value

    orders: dict[str, dict[str, list[int]]] = {}
    for nutrient in COLUMNS:
        present = [i for i in range(len(foods)) if values[nutrient][i] != MISSING]
        eligible = {
            "100g": present,
            "portion": [i for i in present if starts[i + 1] > starts[i]],
            "100kcal": [i for i in present if values["energy"][i] not in (0, MISSING)],
            "serving": [i for i in present if serving_category[i] != 255],
        }
        orders[nutrient] = {basis: _ranked(eligible[basis], nutrient, basis, amount) for basis in BASES}

    # daily values
    daily: dict[str, dict[str, object]] = {}
    for row in dv_rows:
        dv_nutrient = DV_NAMES.get(row["nutrient"])
        if dv_nutrient is None:
            raise BuildError(f"unknown Daily Value nutrient {row['nutrient']!r}")
        unit = DV_UNITS[row["unit"]]
        if unit != NUTRIENT_UNITS[dv_nutrient].value:
            raise BuildError(f"Daily Value unit {row['unit']} does not match {dv_nutrient}")
        daily[dv_nutrient] = {
            "amount": float(row["amount"]),
            "unit": unit,
            "population": row["population"],
            "source": row["source"],
        }
    daily = dict(sorted(daily.items()))

    revised: dict[str, dict[str, object]] = {}
    for row in revisions:
        if row["ndb_number"] not in position:
            raise BuildError(f"revision for unknown food {row['ndb_number']}")
        entry = revised.setdefault(row["ndb_number"], {"row": position[row["ndb_number"]], "columns": []})
        columns_changed = entry["columns"]
        assert isinstance(columns_changed, list)
        if row["column"] not in columns_changed:
            columns_changed.append(row["column"])
    revised = {ndb: revised[ndb] for ndb in sorted(revised)}

    # assemble the three binary files: main (zlib), search (zlib), order (raw, lazily read)
    sections = {name: io.BytesIO() for name in SECTIONS}
    columns: dict[str, list[object]] = {}

    def put(section: str, name: str, data: bytes, length: int) -> list[object]:
        out = sections[section]
        offset = out.tell()
        out.write(data)
        out.write(b"\0" * (-out.tell() % 4))
        spec: list[object] = [SECTIONS[section], offset, length]
        if name:
            columns[name] = spec
        return spec

    rows = row_typecode(len(foods))
    folded = [fold(n) for n in names]
    put("main", "ndb", "".join(ndbs).encode("ascii"), len(ndbs))
    for section, name, texts in (
        ("main", "names", names),
        ("main", "portion_desc", descriptions),
        ("search", "folded", folded),
    ):
        data = "\n".join(texts).encode("utf-8")
        put(section, name, data, len(data))
        starts_of = _starts(texts)
        put(section, f"{name}_starts", _u("I", starts_of), len(starts_of))
    vocabulary, postings_start, postings = _word_index(folded)
    data = "\n".join(vocabulary).encode("utf-8")
    put("search", "vocabulary", data, len(data))
    put("search", "postings_start", _u("I", postings_start), len(postings_start))
    put("search", "postings", _u(rows, postings), len(postings))
    put("main", "group", _u("B", [group_code[row["food_group"]] for row in foods]), len(foods))
    diet_codes = {"omnivore": 0, "vegetarian": 1, "vegan": 2}
    diets = [diet_codes[classify_diet(row["description"], row["food_group"])] for row in foods]
    put("main", "diet", _u("B", diets), len(foods))
    put("main", "portion_start", _u("I", starts), len(starts))
    put("main", "portion_grams", _u("I", grams), len(grams))
    put("main", "portion_seq", _u("H", seqs), len(seqs))
    put("main", "serving_grams", _u("d", serving_grams), len(foods))
    put("main", "serving_category", _u("B", serving_category), len(foods))
    put("main", "serving_reason", _u("B", serving_reason), len(foods))
    put("main", "everyday", _u("B", everyday), len(foods))
    put("order", "kind", _u("H", kind), len(foods))
    for name, texts in (("serving_measure", serving_measure), ("kinds", list(kinds))):
        data = "\n".join(texts).encode("utf-8")
        put("order", name, data, len(data))
        starts_of = _starts(texts)
        put("order", f"{name}_starts", _u("I", starts_of), len(starts_of))
    nutrients: dict[str, dict[str, object]] = {}
    for nutrient, column in COLUMNS.items():
        nutrients[nutrient] = {
            "column": column,
            "unit": NUTRIENT_UNITS[nutrient].value,
            "scale": scales[nutrient],
            "values": put("main", "", _u("I", values[nutrient]), len(foods)),
            "order": {b: put("order", "", _u(rows, order), len(order)) for b, order in orders[nutrient].items()},
        }
    raw = {SECTIONS[name]: out.getvalue() for name, out in sections.items()}
    # read only when a serving's category, a reason or a group's waiver is asked for
    raw[FOOD_SERVINGS_FILE] = _json(
        {
            "categories": categories,
            "reasons": list(reasons),
            "everyday_reasons": [reason for reason in everyday_codes if reason is not None],
            "waived_by_group": dict(servings.WAIVED_BY_GROUP),
        }
    )
    header = {
        "format": 4,
        "dataset": DATASET,
        "release": RELEASE,
        "citation": (
            "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
            "USDA National Nutrient Database for Standard Reference, Release 28. "
            "Version Current: September 2015."
        ),
        "caveat": CAVEAT,
        "count": len(foods),
        "portion_count": len(grams),
        "ndb_width": 5,
        "row_typecode": rows,
        "groups": list(GROUPS),
        "nutrients": nutrients,
        "revised": revised,
        "daily_values": daily,
        "servings": {"category_ids": list(categories), "file": FOOD_SERVINGS_FILE},
        "columns": columns,
        "files": {
            name: {
                "compressed": name in COMPRESSED,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            for name, data in raw.items()
        },
    }
    files = {FOOD_TABLE_FILE: _json(header)}
    for name, data in raw.items():
        files[name] = zlib.compress(data, 9) if name in COMPRESSED else data
    files["daily_values.json"] = _json(daily)
    files[DIARY_FOODS_FILE] = _json(diary_foods(position, names))
    return files


def diary_foods(position: dict[str, int], names: list[str]) -> dict[str, object]:
    """The plain names a food diary uses ("banana", "cooked spinach") and the SR28 food
    each means, from ``tools/curated/diary_foods.csv``: one row per food, its names
    separated by "|", singular and lower case (the diary reader folds plurals), the
    form meant (``note``) and, where a count of the food means a size other than
    medium, that size (``piece``: a counted egg is a large egg)."""
    rows = _read_csv(DIARY_FOODS_CSV)
    by_name: dict[str, str] = {}
    notes: dict[str, str] = {}
    pieces: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        ndb = row["ndb_number"].strip()
        if ndb not in position:
            raise BuildError(f"{DIARY_FOODS_CSV.name} line {line}: no SR28 food {ndb!r}")
        note = row["note"].strip()
        if not note:
            raise BuildError(f"{DIARY_FOODS_CSV.name} line {line}: say which form of the food is meant (note)")
        for name in row["names"].split("|"):
            key = " ".join(fold(name).split())
            if not key or key in by_name:
                raise BuildError(f"{DIARY_FOODS_CSV.name} line {line}: name {name!r} is empty or given twice")
            by_name[key] = f"usda-{ndb}"
        notes[f"usda-{ndb}"] = f"{names[position[ndb]]}: {note}"
        if row.get("piece", "").strip():
            pieces[f"usda-{ndb}"] = row["piece"].strip()
    return {"source": "tools/curated/diary_foods.csv", "names": by_name, "notes": notes, "pieces": pieces}


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def same(name: str, built: bytes, packaged: bytes) -> bool:
    """Whether a packaged file equals the built one (zlib files compared decompressed)."""
    if built == packaged:
        return True
    if name in COMPRESSED:
        try:
            return zlib.decompress(built) == zlib.decompress(packaged)
        except zlib.error:
            return False
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the raw inputs (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "cramps" / "data", help="output folder")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the packaged files differ")
    args = parser.parse_args(argv)
    try:
        files = build(args.data)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.check:
        stale = [
            name
            for name, data in files.items()
            if not (args.out / name).is_file() or not same(name, data, (args.out / name).read_bytes())
        ]
        for name in stale:
            print(f"out of date: {args.out / name}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
