"""Build the person-aware data of cramps: reference intakes, lab tests and red flags.

Usage::

    python tools/build_intakes.py [--data PATH] [--out PATH] [--check]

Reads the DRI files (``data/dri/intakes.csv``, ``upper_limits.csv``,
``daily_values.csv``), the LOINC rows of ``data/evidence/identifiers.csv`` and the
citations of ``data/evidence/citations.csv`` in the repository (``--data PATH`` reads
another copy of its ``data/`` folder), and the curated ``tools/curated/red_flags.toml`` and
``tools/curated/lab_tests.toml``. Builds every record with the cramps record classes (so
their validators run), checks every nutrient, factor, symptom, code and citation it names
against the packaged knowledge base and the data files, and writes ``intakes.json``,
``lab_tests.json`` and ``red_flags.json`` into ``src/cramps/data``. The output is
deterministic. ``--check`` writes nothing and exits 1 if any file would change.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib
import json
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

REPO = Path(__file__).resolve().parents[1]
CURATED_DIR = REPO / "tools" / "curated"
DEFAULT_DATA = REPO / "data"
DEFAULT_OUT = REPO / "src" / "cramps" / "data"
GENERATED_BY = "tools/build_intakes.py"

INTAKES_CSV = "data/dri/intakes.csv"
LIMITS_CSV = "data/dri/upper_limits.csv"
DAILY_VALUES_CSV = "data/dri/daily_values.csv"
IDENTIFIERS_CSV = "data/evidence/identifiers.csv"
CITATIONS_CSV = "data/evidence/citations.csv"
RED_FLAGS_MD = "data/evidence/red_flags.md"
DRI_README = "data/dri/README.md"

INTAKES_HEADER = (
    "nutrient", "life_stage", "sex", "age_min_years", "age_max_years", "condition", "kind", "amount", "unit",
    "source_url", "verification", "cross_check_sources", "note",
)  # fmt: skip
LIMITS_HEADER = (
    "nutrient", "life_stage", "sex", "age_min_years", "age_max_years", "condition", "amount", "unit", "applies_to",
    "note", "source_url", "limit_type", "verification", "cross_check_sources",
)  # fmt: skip
DAILY_VALUES_HEADER = (
    "nutrient", "population", "amount", "unit", "source", "verification", "cross_check_sources", "note",
)  # fmt: skip
IDENTIFIERS_HEADER = ("system", "code", "label", "applies_to", "verified_in")

#: Nutrient names in the DRI files -> cramps nutrient ids.
NUTRIENT_IDS = {
    "magnesium": "magnesium",
    "potassium": "potassium",
    "calcium": "calcium",
    "sodium": "sodium",
    "vitamin D": "vitamin-d",
    "thiamin": "thiamin",
    "vitamin B12": "vitamin-b12",
    "vitamin K": "vitamin-k",
}
UNITS = {"mg": "mg", "mcg": "ug"}
#: The Daily Values apply to adults and children from this age (completed years).
DAILY_VALUE_MIN_AGE = 4
PREGNANCY_DV_NOTE = (
    "FDA sets separate Daily Values for pregnancy and lactation; they were not collected, so the"
    " Daily Value shown is the one for adults and children aged 4 and over."
)
YOUNG_CHILD_DV_NOTE = (
    "No Daily Value is given: FDA Daily Values for infants and children under 4 were not collected"
    " (the label Daily Values here apply to adults and children aged 4 and over)."
)
CONDITION_ORDER = {"none": 0, "pregnancy": 1, "lactation": 2}
SEX_ORDER = {"any": 0, "female": 1, "male": 2}
#: The levels a flag of each section of red_flags.md may take: section A ("seek help urgently or
#: the same day") splits into the emergency and the same-day level; section B is routine.
LEVELS = {"A": ("seek-care-now", "see-a-clinician-today"), "B": ("see-a-clinician-soon",)}
SECONDARY = re.compile(r"^\s*(secondary only|lab catalogues only)", re.IGNORECASE)
URL = re.compile(r"https?://\S+")


class BuildError(Exception):
    """The inputs are inconsistent; ``problems`` lists each one."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the person-data inputs:\n{lines}")


def _cramps(module: str) -> Any:
    """Import ``cramps.<module>`` from this repository's ``src``."""
    src = str(REPO / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    return importlib.import_module(f"cramps.{module}")


def source_path(data: Path, relative: str) -> Path:
    """Where the input ``relative`` (a repository path such as ``data/dri/intakes.csv``, as
    the manifests record it) is found in the data folder ``data``."""
    return data / Path(relative).relative_to("data")


def _read_csv(data: Path, relative: str, header: Sequence[str]) -> list[dict[str, str]]:
    path = source_path(data, relative)
    if not path.is_file():
        raise BuildError([f"{path}: not found (is {data} a copy of the repository's data/ folder? pass --data)"])
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != tuple(header):
            raise BuildError([f"{relative}: expected columns {', '.join(header)}, found {reader.fieldnames}"])
        return [{key: (value or "").strip() for key, value in row.items()} for row in reader]


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info < (3, 11):
        raise BuildError(["reading the curated TOML needs Python 3.11 or later (tomllib)"])
    import tomllib

    with path.open("rb") as handle:
        return tomllib.load(handle)


def _plain(record: object) -> Any:
    """A record as written in the packaged files: through :func:`cramps.to_dict`, the path
    every record takes to plain data."""
    return _cramps("serialize").to_dict(record)


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _number(text: str) -> float:
    return float(text)


#: A note giving an equivalent of one of a target's amounts the way the DRI tables print
#: it beside the amount ("= 800 IU", "Daily Value: = 800 IU"), which reads as nonsense alone.
EQUIVALENT = re.compile(r"(?P<label>(?:Daily Value|UL|CDRR): )?= (?P<rest>\S.*)", re.DOTALL)
#: The target field a labelled note's equivalent is of.
LABELLED = {"Daily Value: ": "daily_value", "UL: ": "upper_limit", "CDRR: ": "upper_limit"}


def _write_out(note: str, target: Any, default: str) -> str:
    """``note`` with the amount its equivalent is of written out: "= 800 IU" on a 20 µg row
    reads "20 µg = 800 IU"; ``default`` names the field an unlabelled note is about. Any
    other note is returned as it is."""
    found = EQUIVALENT.fullmatch(note)
    if found is None:
        return note
    label = found["label"] or ""
    amount = getattr(target, LABELLED.get(label, default))
    return f"{label}{amount} = {found['rest']}" if amount is not None else f"{label}{found['rest']}"


def written_out(target: Any) -> Any:
    """The daily target with every equivalent in its notes written out in full."""
    notes = [_write_out(note, target, "amount") for note in target.notes]
    limit_note = target.upper_limit_note
    if limit_note is not None:
        limit_note = _write_out(limit_note, target, "upper_limit")
    return attrs.evolve(target, notes=notes, upper_limit_note=limit_note)


class _Builder:
    def __init__(self, data: Path) -> None:
        self.data = data
        self.problems: list[str] = []
        self.kb = _cramps("loading").load_packaged()

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def check(self) -> None:
        if self.problems:
            raise BuildError(self.problems)

    def construct(self, cls: type[Any], fields: Mapping[str, Any], where: str) -> Any:
        try:
            return cls(**fields)
        except (TypeError, ValueError) as exc:
            self.problem(where, f"invalid {cls.__name__}: {exc}")
            return None

    def sources(self, *paths: str) -> list[dict[str, str]]:
        found = {path: source_path(self.data, path) for path in sorted(paths)}
        missing = [f"{file}: not found" for file in found.values() if not file.is_file()]
        if missing:
            raise BuildError(missing)
        return [{"path": path, "sha256": _sha256(file)} for path, file in found.items()]

    # -- intakes ----------------------------------------------------------------------

    def nutrient_id(self, where: str, name: str) -> str | None:
        ident = NUTRIENT_IDS.get(name)
        if ident is None:
            self.problem(where, f"unknown nutrient name {name!r} (add it to NUTRIENT_IDS)")
            return None
        if ident not in {n.id for n in self.kb.nutrients}:
            self.problem(where, f"nutrient id {ident!r} is not in the packaged knowledge base")
            return None
        return ident

    def life_stage(self, row: Mapping[str, str]) -> Any:
        stage_cls = _cramps("intakes").LifeStage
        return stage_cls(
            label=row["life_stage"],
            sex=row["sex"],
            condition=row["condition"],
            age_min=_number(row["age_min_years"]),
            age_max=_number(row["age_max_years"]) if row["age_max_years"] else None,
        )

    def intakes(self) -> bytes:
        amount_cls = _cramps("amount").Amount
        target_cls = _cramps("intakes").DailyTarget
        intakes = _read_csv(self.data, INTAKES_CSV, INTAKES_HEADER)
        limits = _read_csv(self.data, LIMITS_CSV, LIMITS_HEADER)
        values = _read_csv(self.data, DAILY_VALUES_CSV, DAILY_VALUES_HEADER)

        def key(row: Mapping[str, str]) -> tuple[str, str, str, str]:
            return (row["nutrient"], row["life_stage"], row["sex"], row["condition"])

        limit_rows: dict[tuple[str, str, str, str], dict[str, dict[str, str]]] = {}
        for number, row in enumerate(limits, start=1):
            kinds = limit_rows.setdefault(key(row), {})
            if row["limit_type"] in kinds:
                self.problem(f"{LIMITS_CSV} row {number}", f"duplicate {row['limit_type']} row for {key(row)}")
            if row["limit_type"] not in ("UL", "CDRR"):
                self.problem(f"{LIMITS_CSV} row {number}", f"unknown limit_type {row['limit_type']!r}")
            kinds[row["limit_type"]] = row
        daily_values = {}
        for number, row in enumerate(values, start=1):
            if row["population"] != "adults and children >=4 years":
                self.problem(f"{DAILY_VALUES_CSV} row {number}", f"unexpected population {row['population']!r}")
            daily_values[row["nutrient"]] = row

        targets = []
        seen: set[tuple[str, str, str, str]] = set()
        for number, row in enumerate(intakes, start=1):
            where = f"{INTAKES_CSV} row {number}"
            ident = self.nutrient_id(where, row["nutrient"])
            if ident is None:
                continue
            if key(row) in seen:
                self.problem(where, f"duplicate life-stage row {key(row)}")
            seen.add(key(row))
            unit = UNITS.get(row["unit"])
            if unit is None:
                self.problem(where, f"unknown unit {row['unit']!r}")
                continue
            try:
                stage = self.life_stage(row)
            except (TypeError, ValueError) as exc:
                self.problem(where, f"invalid life stage: {exc}")
                continue
            notes = [row["note"]] if row["note"] else []
            verification = [f"intake: {row['verification']} ({row['cross_check_sources'].replace(';', ', ')})"]
            sources = [row["source_url"]]
            fields: dict[str, Any] = {
                "nutrient": ident,
                "life_stage": stage,
                "kind": row["kind"],
                "amount": amount_cls(value=_number(row["amount"]), unit=unit),
            }
            fields.update(self.upper_limit(where, limit_rows.get(key(row), {}), notes, verification, sources))
            dv = daily_values.get(row["nutrient"])
            if dv is None:
                self.problem(where, f"no Daily Value row for {row['nutrient']!r}")
            elif stage.age_max is not None and stage.age_max < DAILY_VALUE_MIN_AGE:
                notes.append(YOUNG_CHILD_DV_NOTE)
            else:
                fields["daily_value"] = amount_cls(value=_number(dv["amount"]), unit=UNITS[dv["unit"]])
                fields["daily_value_population"] = dv["population"]
                verification.append(
                    f"daily value: {dv['verification']} ({dv['cross_check_sources'].replace(';', ', ')})"
                )
                if dv["note"]:
                    notes.append(f"Daily Value: {dv['note']}")
                sources.extend(URL.findall(dv["source"]))
                if stage.condition != "none":
                    notes.append(PREGNANCY_DV_NOTE)
            fields["notes"] = notes
            fields["verification"] = verification
            fields["sources"] = list(dict.fromkeys(sources))
            target = self.construct(target_cls, fields, where)
            if target is not None:
                targets.append(written_out(target))
        for missing in sorted(set(limit_rows) - seen):
            self.problem(LIMITS_CSV, f"limit rows for {missing} have no intake row")
        self.check()
        targets.sort(
            key=lambda t: (
                t.nutrient,
                CONDITION_ORDER[t.life_stage.condition],
                SEX_ORDER[t.life_stage.sex],
                t.life_stage.age_min,
            )
        )
        rows = [_plain(target) for target in targets]
        return _json_bytes(
            {
                "generated_by": GENERATED_BY,
                "sources": self.sources(INTAKES_CSV, LIMITS_CSV, DAILY_VALUES_CSV, DRI_README),
                "targets": rows,
            }
        )

    def upper_limit(
        self,
        where: str,
        rows: Mapping[str, Mapping[str, str]],
        notes: list[str],
        verification: list[str],
        sources: list[str],
    ) -> dict[str, Any]:
        """The upper-limit fields: the UL, else sodium's CDRR, else none (with the reasons as notes)."""
        amount_cls = _cramps("amount").Amount
        if "UL" not in rows:
            self.problem(where, "no UL row in upper_limits.csv")
            return {}
        chosen = next((rows[kind] for kind in ("UL", "CDRR") if kind in rows and rows[kind]["amount"]), None)
        if chosen is None:
            reasons = [row["note"] for row in rows.values() if row["note"]]
            for kind, row in sorted(rows.items()):
                verification.append(
                    f"no {kind}: {row['verification']} ({row['cross_check_sources'].replace(';', ', ')})"
                )
                sources.append(row["source_url"])
            return {"upper_limit_note": "; ".join(reasons) or None}
        kind = chosen["limit_type"]
        for other_kind, row in sorted(rows.items()):
            if row is not chosen and row["note"]:
                notes.append(f"{other_kind}: {row['note']}")
        verification.append(f"{kind}: {chosen['verification']} ({chosen['cross_check_sources'].replace(';', ', ')})")
        sources.append(chosen["source_url"])
        return {
            "upper_limit": amount_cls(value=_number(chosen["amount"]), unit=UNITS[chosen["unit"]]),
            "upper_limit_kind": kind,
            "upper_limit_applies_to": chosen["applies_to"] or None,
            "upper_limit_note": chosen["note"] or None,
        }

    # -- codes and citations -------------------------------------------------------------

    def identifiers(self) -> dict[tuple[str, str], dict[str, str]]:
        found: dict[tuple[str, str], dict[str, str]] = {}
        for row in _read_csv(self.data, IDENTIFIERS_CSV, IDENTIFIERS_HEADER):
            found[(row["system"], row["code"])] = row
        return found

    def citation_ids(self) -> set[str]:
        path = source_path(self.data, CITATIONS_CSV)
        if not path.is_file():
            raise BuildError([f"{path}: not found"])
        with path.open(encoding="utf-8", newline="") as handle:
            return {row["key"].replace("_", "-").lower() for row in csv.DictReader(handle)}

    def references(self, where: str, values: object, known: set[str] | frozenset[str], what: str) -> None:
        for value in values if isinstance(values, list) else [values]:
            if value not in known:
                self.problem(where, f"unknown {what} {value!r}")

    # -- lab tests ----------------------------------------------------------------------

    def lab_tests(self) -> bytes:
        code_cls = _cramps("codes").Code
        test_cls = _cramps("lab_tests").LabTest
        identifiers = self.identifiers()
        # the evidence pack's citations and those curated in tools/curated/citations.toml
        curated = _read_toml(CURATED_DIR / "citations.toml").get("citation", [])
        citations = self.citation_ids() | {str(record.get("id")) for record in curated}
        document = _read_toml(CURATED_DIR / "lab_tests.toml")
        allowed = {"id", "name", "loinc", "nutrient", "factors", "measures", "caveats", "citations", "reference_range"}
        tests = []
        used: set[str] = set()
        for record in document.get("lab_test", []):
            where = f"lab_tests.toml: {record.get('id', '?')}"
            extra = set(record) - allowed
            if extra:
                self.problem(where, f"unknown field(s) {', '.join(sorted(extra))}")
            loinc = str(record.get("loinc", ""))
            row = identifiers.get(("LOINC", loinc))
            if row is None:
                self.problem(where, f"LOINC {loinc!r} is not in {IDENTIFIERS_CSV}")
                continue
            if loinc in used:
                self.problem(where, f"LOINC {loinc} is used twice")
            used.add(loinc)
            caveats = list(record.get("caveats", []))
            if SECONDARY.match(row["verified_in"]):
                caveats.insert(
                    0,
                    "The code and label were confirmed only in secondary sources or laboratory catalogues,"
                    " not in an official LOINC table.",
                )
            if record.get("nutrient") is not None:
                self.references(where, record["nutrient"], {n.id for n in self.kb.nutrients}, "nutrient")
            self.references(where, record.get("factors", []), {f.id for f in self.kb.factors}, "factor")
            self.references(where, record.get("citations", []), citations, "citation")
            reference_range = record.get("reference_range")
            if reference_range is not None:
                self.references(where, reference_range.get("citations", []), citations, "citation")
                if not reference_range.get("citations"):
                    self.problem(where, "a reference range must cite its source")
            fields = {
                "id": record.get("id"),
                "name": record.get("name"),
                "code": code_cls(system="LOINC", code=loinc, label=row["label"]),
                "measures": record.get("measures"),
                "verified_in": row["verified_in"],
                "nutrient": record.get("nutrient"),
                "factors": record.get("factors", []),
                "caveats": caveats,
                "citations": record.get("citations", []),
                "reference_range": reference_range,
            }
            tests.append(self.construct(test_cls, fields, where))
        nutrient_loinc = {code.code for n in self.kb.nutrients for code in n.codes if code.system.value == "LOINC"}
        missing = sorted(nutrient_loinc - used)
        if missing:
            self.problem("lab_tests.toml", f"nutrient LOINC codes without a lab test: {', '.join(missing)}")
        self.check()
        return _json_bytes(
            {
                "generated_by": GENERATED_BY,
                "sources": self.sources(IDENTIFIERS_CSV, CITATIONS_CSV, RED_FLAGS_MD),
                "tests": [_plain(test) for test in tests],
            }
        )

    # -- red flags ----------------------------------------------------------------------

    def red_flags(self) -> bytes:
        code_cls = _cramps("codes").Code
        triage = _cramps("red_flags")
        identifiers = self.identifiers()
        # the evidence pack's citations and those curated in tools/curated/citations.toml
        curated = _read_toml(CURATED_DIR / "citations.toml").get("citation", [])
        citations = self.citation_ids() | {str(record.get("id")) for record in curated}
        document = _read_toml(CURATED_DIR / "red_flags.toml")
        markdown = source_path(self.data, RED_FLAGS_MD).read_text(encoding="utf-8")
        items = set(re.findall(r"^\|\s*(\d+)\s*\|", markdown, flags=re.MULTILINE))
        section_of = {}
        section = ""
        for line in markdown.splitlines():
            heading = re.match(r"^## ([A-D])\.", line)
            if heading:
                section = heading.group(1)
            cell = re.match(r"^\|\s*(\d+)\s*\|", line)
            if cell:
                section_of[cell.group(1)] = section
        allowed = {
            "id", "source", "name", "level", "description", "advice", "aliases", "symptoms", "factors", "contexts",
            "signs", "codes", "citations", "sources",
        }  # fmt: skip
        symptom_ids = {s.id for s in self.kb.symptoms}
        factor_ids = {f.id for f in self.kb.factors}
        flags = []
        covered = set()
        for record in document.get("red_flag", []):
            where = f"red_flags.toml: {record.get('id', '?')}"
            extra = set(record) - allowed
            if extra:
                self.problem(where, f"unknown field(s) {', '.join(sorted(extra))}")
            source = str(record.get("source", ""))
            number = source[1:]
            if "source" not in record:  # a flag from a page outside the red-flag list: it must cite one
                if not record.get("citations") and not record.get("sources"):
                    self.problem(where, f"a red flag without a {RED_FLAGS_MD} source must cite its page")
            elif number not in items or section_of.get(number) != source[:1]:
                self.problem(where, f"source {source!r} is not an item of {RED_FLAGS_MD} sections A or B")
            elif record.get("level") not in LEVELS.get(source[:1], ()):
                self.problem(where, f"level must be one of {LEVELS.get(source[:1])} for section {source[:1]}")
            covered.add(number)
            self.references(where, record.get("symptoms", []), symptom_ids, "symptom")
            self.references(where, record.get("factors", []), factor_ids, "factor")
            self.references(where, record.get("citations", []), citations, "citation")
            codes = []
            for entry in record.get("codes", []):
                system, _, code = str(entry).partition(" ")
                row = identifiers.get((system, code))
                if row is None:
                    self.problem(where, f"code {entry!r} is not in {IDENTIFIERS_CSV}")
                    continue
                codes.append(code_cls(system=system, code=code, label=row["label"]))
            fields = {key: value for key, value in record.items() if key in allowed - {"source"}}
            fields["codes"] = codes
            flags.append(self.construct(triage.RedFlag, fields, where))
        expected = {number for number, sec in section_of.items() if sec in LEVELS}
        for number in sorted(expected - covered, key=int):
            self.problem("red_flags.toml", f"item {number} of {RED_FLAGS_MD} has no red flag")
        (care,) = document.get("self_care", [{}])[:1] or [{}]
        self.references("red_flags.toml: self_care", care.get("citations", []), citations, "citation")
        self_care = self.construct(
            triage.SelfCare, {k: v for k, v in care.items() if k != "source"}, "red_flags.toml: self_care"
        )
        self.check()
        try:
            _cramps("red_flags").RedFlags([f for f in flags if f is not None], self_care)
        except ValueError as exc:
            raise BuildError([f"red_flags.toml: {exc}"]) from exc
        flags.sort(key=lambda flag: flag.id)
        return _json_bytes(
            {
                "generated_by": GENERATED_BY,
                "sources": self.sources(RED_FLAGS_MD, CITATIONS_CSV, IDENTIFIERS_CSV),
                "red_flags": [_plain(flag) for flag in flags],
                "self_care": _plain(self_care),
            }
        )


def build(data: Path = DEFAULT_DATA) -> dict[str, bytes]:
    """Every person-data file (name -> bytes) built from the data folder ``data`` and the curated TOML.

    Raises :class:`BuildError` listing the problems found.
    """
    builder = _Builder(data)
    files = {
        "intakes.json": builder.intakes(),
        "lab_tests.json": builder.lab_tests(),
        "red_flags.json": builder.red_flags(),
    }
    builder.check()
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the raw inputs (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any file would change")
    args = parser.parse_args(argv)
    try:
        files = build(args.data)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.check:
        stale = [name for name, data in files.items() if _read_or_none(args.out / name) != data]
        for name in stale:
            print(f"would change: {args.out / name}")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
    print(f"wrote {len(files)} files to {args.out}")
    return 0


def _read_or_none(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


if __name__ == "__main__":
    sys.exit(main())
