"""Build the packaged knowledge data of cramps from curated TOML and the evidence pack.

Usage::

    python tools/build_knowledge.py [--data PATH] [--out PATH] [--check]

Reads ``tools/curated/*.toml`` and the evidence CSVs under the repository's ``data/``
folder (or ``--data PATH``, another copy of it), checks every id, reference, code and
citation (those of citations.csv and the curated ``citations.toml``, for sources documented
elsewhere in ``data/``), builds
each record with the cramps record classes (so their validators run) and writes one JSON
file per record kind plus ``manifest.json`` into ``src/cramps/data``. The output is
deterministic: the same inputs give the same bytes. ``--check`` writes nothing and exits 1
if any file would change.
"""

from __future__ import annotations

import argparse
import copy
import csv
import hashlib
import importlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs

REPO = Path(__file__).resolve().parents[1]
CURATED_DIR = REPO / "tools" / "curated"
DEFAULT_DATA = REPO / "data"
DEFAULT_OUT = REPO / "src" / "cramps" / "data"

DATA_VERSION = "2026.12.05"
GENERATED_BY = "tools/build_knowledge.py"

CLAIMS_CSV = "data/evidence/claims.csv"
CITATIONS_CSV = "data/evidence/citations.csv"
IDENTIFIERS_CSV = "data/evidence/identifiers.csv"
#: Texts the curated TOML was written from; hashed into the manifest so that a change to
#: them shows up as a data change to review.
REFERENCE_FILES = (
    "data/dri/nutrient_facts.md",
    "data/evidence/README.md",
    "data/evidence/red_flags.md",
)

#: Curated file stem -> the TOML array-of-tables name inside it.
CURATED_TABLES = {
    "citations": "citation",
    "nutrients": "nutrient",
    "symptoms": "symptom",
    "factors": "factor",
    "remedies": "remedy",
    "claims": "claim",
    "guidance": "guidance",
}
#: Curated kinds whose ids a claim may name as its subject (ids must be unique across them).
SUBJECT_KINDS = ("nutrients", "symptoms", "factors", "remedies")
#: Record class of each output kind, as (module, class) inside the cramps package.
RECORD_CLASSES = {
    "citations": ("citations", "Citation"),
    "claims": ("evidence", "Claim"),
    "nutrients": ("nutrients", "Nutrient"),
    "symptoms": ("symptoms", "Symptom"),
    "factors": ("factors", "Factor"),
    "remedies": ("remedies", "Remedy"),
    "guidance": ("guidance", "Guidance"),
}

#: Grade letters from strongest to weakest.
GRADE_ORDER = ("A", "A-low", "B", "C", "R", "D", "E", "insufficient")
_GRADE_HEAD = re.compile(r"(?:^|;\s*|\bvs\s+)(A-low|A|B|C|R|D|E|none):")
#: How an authored claim is graded from a cited source's study type: first match wins.
STUDY_TYPE_GRADES = (
    ("regulatory", "R"),
    ("systematic review of rcts", "A"),
    ("guideline", "D"),
    ("guidance", "D"),
    ("patient information", "D"),
    ("narrative", "D"),
    ("clinical answer", "D"),
    ("fact sheet", "D"),
    ("expert consensus", "D"),
    ("rct", "B"),
    ("cohort", "C"),
    ("cross-sectional", "C"),
    ("observational", "C"),
)
#: Claim fields a row of claims.csv supplies; a mapped curated claim must not set them.
ROW_FIELDS = frozenset({"direction", "grade", "grade_detail", "citations", "note"})
#: Fields a curated citation must give (``authors``, ``year``, ``doi`` and ``pmid`` are optional), and
#: ``source_files``: the files of ``data/`` that document it (recorded in the manifest).
CURATED_CITATION_REQUIRED = ("id", "title", "venue", "study_type", "finding", "url", "caveats", "source_files")

CLAIMS_HEADER = ("subject", "claim", "direction", "grade", "citation_keys", "note")
CITATIONS_HEADER = ("key", "authors", "title", "venue", "year", "doi", "pmid", "url", "study_type", "finding")
IDENTIFIERS_HEADER = ("system", "code", "label", "applies_to", "verified_in")

Curated = Mapping[str, Sequence[Mapping[str, Any]]]

CITATION_HINT = f" (neither a key of {CITATIONS_CSV} nor an id in tools/curated/citations.toml)"


class BuildError(Exception):
    """The inputs are inconsistent; ``problems`` lists each one with its file and record."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the knowledge inputs:\n{lines}")


@dataclass(frozen=True)
class EvidenceRow:
    """One row of claims.csv (``number`` counts data rows from 1)."""

    number: int
    subject: str
    claim: str
    direction: str
    grade_detail: str
    citation_keys: tuple[str, ...]
    note: str | None

    def __str__(self) -> str:
        return f"{CLAIMS_CSV} row {self.number} ({self.subject}: {self.claim[:50]!r})"


def _cramps(module: str) -> Any:
    """Import ``cramps.<module>`` from this repository's ``src``."""
    src = str(REPO / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    return importlib.import_module(f"cramps.{module}")


def _record_class(kind: str) -> type[Any]:
    module, name = RECORD_CLASSES[kind]
    cls: type[Any] = getattr(_cramps(module), name)
    return cls


def citation_id(key: str) -> str:
    """The citation id for a citations.csv key (``garrison2020_cochrane_mg`` -> ``garrison2020-cochrane-mg``)."""
    return key.replace("_", "-").lower()


def best_grade(grade_text: str) -> str:
    """The strongest grade named in a claims.csv grade text, such as ``"D: ...; C: ..."``."""
    heads = _GRADE_HEAD.findall(grade_text)
    if not heads or not _GRADE_HEAD.match(grade_text):
        raise ValueError(f"cannot read a grade from {grade_text!r}")
    return min(("insufficient" if head == "none" else head for head in heads), key=GRADE_ORDER.index)


def grade_from_study_type(study_type: str) -> str | None:
    """The grade a source's study type stands for, or ``None`` if it is not recognised."""
    lowered = study_type.lower()
    return next((grade for needle, grade in STUDY_TYPE_GRADES if needle in lowered), None)


def source_path(data: Path, relative: str) -> Path:
    """Where the input ``relative`` (a repository path such as ``data/dri/intakes.csv``, as
    the manifest records it) is found in the data folder ``data``."""
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


def load_curated(directory: Path = CURATED_DIR) -> dict[str, list[dict[str, Any]]]:
    """The curated records, by kind (``"nutrients"``, ``"claims"`` ...)."""
    curated: dict[str, list[dict[str, Any]]] = {}
    for stem, table in CURATED_TABLES.items():
        path = directory / f"{stem}.toml"
        document = _read_toml(path)
        extra = set(document) - {table}
        if extra:
            raise BuildError([f"{path.name}: unexpected top-level keys {sorted(extra)}; use [[{table}]] tables"])
        curated[stem] = list(document.get(table, []))
    return curated


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib

        with path.open("rb") as handle:
            return tomllib.load(handle)
    raise BuildError(["reading the curated TOML needs Python 3.11 or later (tomllib)"])


def _dump(records: Iterable[Any]) -> bytes:
    """The records as written in the packaged file: through :func:`cramps.to_dict`, the
    path every record takes to plain data."""
    to_dict = _cramps("serialize").to_dict
    return _json_bytes([to_dict(record) for record in sorted(records, key=lambda r: r.id)])


def _json_bytes(data: object) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


class _Builder:
    """One build: collects every problem, then either raises them together or returns the files."""

    def __init__(self, data: Path, curated: Curated) -> None:
        self.data = data
        self.curated = curated
        self.problems: list[str] = []
        self.labels: dict[tuple[str, str], str] = {}
        self.study_types: dict[str, str] = {}
        self.key_to_id: dict[str, str] = {}
        self.rows: list[EvidenceRow] = []
        self.curated_sources: list[str] = []
        self.built: dict[str, list[Any]] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def check(self) -> None:
        if self.problems:
            raise BuildError(self.problems)

    # -- data inputs ----------------------------------------------------------------

    def read_identifiers(self) -> None:
        for number, row in enumerate(_read_csv(self.data, IDENTIFIERS_CSV, IDENTIFIERS_HEADER), start=1):
            key = (row["system"], row["code"])
            if key in self.labels:
                self.problem(f"{IDENTIFIERS_CSV} row {number}", f"duplicate code {key[0]} {key[1]}")
            self.labels[key] = row["label"]

    def read_citations(self) -> list[Any]:
        citation_cls = _record_class("citations")
        citations = []
        for number, row in enumerate(_read_csv(self.data, CITATIONS_CSV, CITATIONS_HEADER), start=1):
            ident = citation_id(row["key"])
            if ident in self.study_types:
                self.problem(f"{CITATIONS_CSV} row {number}", f"duplicate citation id {ident!r}")
            self.key_to_id[row["key"]] = ident
            self.study_types[ident] = row["study_type"]
            caveats = []
            authors: str | None = row["authors"] or None
            if authors and authors.upper().startswith("NOT CONFIRMED"):
                caveats.append(f"Authors not confirmed; the evidence pack records: {authors}")
                authors = None
            elif authors and "not confirmed" in authors.lower():
                caveats.append("Some authors are not confirmed (see the authors field).")
            year = int(row["year"]) if re.fullmatch(r"[0-9]+", row["year"]) else None
            if row["year"] and year is None:
                caveats.append(f"Year not confirmed; the evidence pack records: {row['year']}")
            fields = {
                "id": ident,
                "title": row["title"],
                "venue": row["venue"],
                "study_type": row["study_type"],
                "finding": row["finding"],
                "authors": authors,
                "year": year,
                "doi": row["doi"] or None,
                "pmid": row["pmid"] or None,
                "url": row["url"] or None,
                "caveats": caveats,
            }
            citations.append(self.construct(citation_cls, fields, f"{CITATIONS_CSV} row {number}"))
        return citations

    def read_curated_citations(self) -> list[Any]:
        """Citations from ``citations.toml``: sources that files of ``data/`` document outside citations.csv."""
        citation_cls = _record_class("citations")
        allowed = {field.name for field in attrs.fields(citation_cls)} | {"source_files"}
        records = self.curated.get("citations", ())
        self.check_unique("citations", records)
        csv_keys = set(self.key_to_id)
        csv_ids = set(self.study_types)
        citations = []
        for record in records:
            ident = record.get("id")
            where = f"citations.toml: {ident if isinstance(ident, str) else '?'}"
            self.check_keys(where, record, allowed, CURATED_CITATION_REQUIRED)
            if not isinstance(ident, str):
                continue
            if ident in csv_ids or ident in csv_keys:
                self.problem(where, f"id clashes with a citation of {CITATIONS_CSV}; choose another id")
            sources = record.get("source_files")
            if not isinstance(sources, list) or not sources:
                self.problem(where, "source_files must list the file(s) of data/ that document the source")
                sources = []
            for source in sources:
                if not isinstance(source, str) or not self.is_data_file(source):
                    self.problem(where, f"source file {source!r} is not a file of the data folder {self.data}")
                elif source not in self.curated_sources:
                    self.curated_sources.append(source)
            caveats = record.get("caveats")
            if not isinstance(caveats, list) or not caveats:
                self.problem(where, "caveats must list how the source was seen (at least one entry)")
                caveats = []
            provenance = (
                f"Not in the evidence pack's citations.csv; curated in tools/curated/citations.toml"
                f" from the repository's {' and '.join(map(str, sources))}."
            )
            values = {key: value for key, value in record.items() if key != "source_files"}
            values["caveats"] = [*caveats, provenance]
            self.study_types.setdefault(ident, str(record.get("study_type", "")))
            citations.append(self.construct(citation_cls, values, where))
        return citations

    def is_data_file(self, relative: str) -> bool:
        """Whether ``relative`` names a file of the data folder, as ``data/...`` (no absolute
        path, no ``..``)."""
        path = Path(relative)
        return (
            not path.is_absolute()
            and ".." not in path.parts
            and path.parts[:1] == ("data",)
            and source_path(self.data, relative).is_file()
        )

    def check_cited(self, citations: Iterable[Any]) -> None:
        """Every curated citation must be cited by some claim or guidance item, or by a
        lab test's reference range (``lab_tests.toml``, built by ``build_intakes.py``)."""
        cited: set[str] = set()
        for kind in ("claims", "guidance"):
            for record in self.built.get(kind, ()):
                if record is not None:
                    cited.update(record.citations)
        for test in _read_toml(CURATED_DIR / "lab_tests.toml").get("lab_test", []):
            cited.update((test.get("reference_range") or {}).get("citations", []))
        for citation in citations:
            if citation is not None and citation.id not in cited:
                self.problem(f"citations.toml: {citation.id}", "is cited by no claim, guidance item or reference range")

    def read_claim_rows(self) -> None:
        for number, row in enumerate(_read_csv(self.data, CLAIMS_CSV, CLAIMS_HEADER), start=1):
            keys = tuple(key.strip() for key in row["citation_keys"].split(";") if key.strip())
            evidence = EvidenceRow(
                number, row["subject"], row["claim"], row["direction"], row["grade"], keys, row["note"] or None
            )
            for key in keys:
                if key not in self.key_to_id:
                    self.problem(str(evidence), f"cites unknown citation key {key!r}")
            try:
                best_grade(evidence.grade_detail)
            except ValueError as exc:
                self.problem(str(evidence), str(exc))
            self.rows.append(evidence)

    # -- curated inputs -------------------------------------------------------------

    def construct(self, cls: type[Any], fields: Mapping[str, Any], where: str) -> Any:
        """``cls(**fields)``, with a failing validator reported as a problem (returns ``None``)."""
        try:
            return cls(**fields)
        except (TypeError, ValueError) as exc:
            self.problem(where, f"invalid {cls.__name__}: {exc}")
            return None

    def check_keys(
        self, where: str, record: Mapping[str, Any], allowed: Iterable[str], required: Iterable[str]
    ) -> None:
        unknown = sorted(set(record) - set(allowed))
        missing = sorted(set(required) - set(record))
        if unknown:
            self.problem(where, f"unknown field(s) {', '.join(unknown)}")
        if missing:
            self.problem(where, f"missing field(s) {', '.join(missing)}")

    def ids(self) -> dict[str, str]:
        """Every subject-able id -> its kind, reporting ids used twice."""
        owner: dict[str, str] = {}
        for kind in SUBJECT_KINDS:
            for record in self.curated.get(kind, ()):
                ident = record.get("id")
                if not isinstance(ident, str):
                    self.problem(f"{kind}.toml", f"a record has no id: {dict(record)!r:.80}")
                    continue
                if ident in owner:
                    self.problem(f"{kind}.toml: {ident}", f"id already used in {owner[ident]}.toml")
                owner[ident] = kind
        return owner

    def codes(self, where: str, entries: object, used: dict[tuple[str, str], str]) -> list[Any]:
        """Codes from ``"SYSTEM CODE"`` strings, each verified in identifiers.csv and used once."""
        code_cls: type[Any] = _cramps("codes").Code
        if not isinstance(entries, list):
            self.problem(where, "codes must be a list of 'SYSTEM CODE' strings")
            return []
        codes = []
        for entry in entries:
            system, _, code = str(entry).partition(" ")
            key = (system, code.strip())
            if key not in self.labels:
                self.problem(where, f"code {entry!r} is not in {IDENTIFIERS_CSV}")
                continue
            if key in used:
                self.problem(where, f"code {entry!r} is already used by {used[key]}")
            used[key] = where
            codes.append(code_cls(system=system, code=key[1], label=self.labels[key]))
        return codes

    def references(self, where: str, values: object, valid: Iterable[str], what: str, hint: str = "") -> None:
        known = set(valid)
        for value in values if isinstance(values, list) else [values]:
            if value not in known:
                self.problem(where, f"unknown {what} {value!r}{hint}")

    def records(self, kind: str, used_codes: dict[tuple[str, str], str], owner: Mapping[str, str]) -> list[Any]:
        cls = _record_class(kind)
        fields = attrs.fields(cls)
        allowed = [field.name for field in fields]
        required = [field.name for field in fields if field.default is attrs.NOTHING]
        built = []
        for record in self.curated.get(kind, ()):
            where = f"{kind}.toml: {record.get('id', '?')}"
            self.check_keys(where, record, allowed, required)
            values = {key: value for key, value in record.items() if key in allowed}
            if "codes" in values:
                values["codes"] = self.codes(where, values["codes"], used_codes)
            for name, target_kind in (("affects", "nutrients"), ("broader", kind)):
                if name in values:
                    targets = [ident for ident, owned in owner.items() if owned == target_kind]
                    self.references(where, values[name], targets, f"{target_kind[:-1]} in {name}")
                    if record.get("id") in values[name]:
                        self.problem(where, f"{name} names the record itself")
            built.append(self.construct(cls, values, where))
        self.check_names(kind, built)
        return built

    def check_names(self, kind: str, built: Iterable[Any]) -> None:
        """No name, alias, id or code may name two records of one kind (as the runtime index requires)."""
        fold = _cramps("text").fold
        seen: dict[str, str] = {}
        for record in built:
            if record is None:
                continue
            labels = [record.id, record.name, *record.aliases, *(code.code for code in getattr(record, "codes", ()))]
            for label in labels:
                key = fold(label)
                if seen.setdefault(key, record.id) != record.id:
                    self.problem(f"{kind}.toml: {record.id}", f"name {label!r} also names {seen[key]!r}")

    def claims(self, owner: Mapping[str, str]) -> list[Any]:
        cls = _record_class("claims")
        all_fields = {field.name for field in attrs.fields(cls)}
        citation_ids = set(self.study_types)
        mapped: Counter[int] = Counter()
        self.check_unique("claims", self.curated.get("claims", ()))
        built = []
        for record in self.curated.get("claims", ()):
            where = f"claims.toml: {record.get('id', '?')}"
            values = {key: value for key, value in record.items() if key != "csv"}
            if "csv" in record:
                required = ("id", "subject", "relation", "targets", "statement")
                self.check_keys(where, record, (all_fields - ROW_FIELDS) | {"csv"}, required)
                row = self.match_row(where, str(record["csv"]))
                if row is None:
                    continue
                mapped[row.number] += 1
                if values.get("statement", "").strip().lower() == row.claim.lower():
                    self.problem(where, "statement copies the CSV claim text; write it in your own words")
                values.update(
                    direction=row.direction,
                    grade=best_grade(row.grade_detail),
                    grade_detail=row.grade_detail,
                    citations=[self.key_to_id.get(key, key) for key in row.citation_keys],
                    note=row.note,
                )
            else:
                self.check_keys(
                    where,
                    record,
                    all_fields - {"grade_detail"},
                    ("id", "subject", "relation", "targets", "statement", "direction", "citations"),
                )
                self.references(where, values.get("citations", []), citation_ids, "citation", CITATION_HINT)
                graded = self.authored_grade(where, values.get("citations", []), citation_ids)
                if graded and values.get("grade", graded["grade"]) != graded["grade"]:
                    expected = graded["grade"]
                    self.problem(
                        where, f"grade {values['grade']!r} differs from {expected!r}, the grade of its sources"
                    )
                values.update(graded)
            subject = values.get("subject")
            self.references(where, subject, owner, "claim subject")
            target_kind = "nutrients" if values.get("relation") == "depletes" else "symptoms"
            valid_targets = [ident for ident, kind in owner.items() if kind == target_kind]
            self.references(where, values.get("targets", []), valid_targets, f"{target_kind[:-1]} target")
            built.append(self.construct(cls, values, where))
        for row in self.rows:
            if not mapped[row.number]:
                self.problem(str(row), "is not mapped to any curated claim (add one with csv = '<start of its claim>')")
        return built

    def match_row(self, where: str, prefix: str) -> EvidenceRow | None:
        matches = [row for row in self.rows if row.claim.startswith(prefix)] if prefix else []
        if len(matches) != 1:
            numbers = ", ".join(str(row.number) for row in matches)
            found = f"{len(matches)} rows ({numbers})" if matches else "no row"
            self.problem(where, f"csv = {prefix!r} matches {found} of {CLAIMS_CSV}; it must match exactly one")
            return None
        return matches[0]

    def authored_grade(self, where: str, citations: object, known: set[str]) -> dict[str, str]:
        """Grade and grade_detail of an authored claim, from the study types of its sources."""
        cited = [ident for ident in (citations if isinstance(citations, list) else []) if ident in known]
        grades = {}
        for ident in cited:
            grade = grade_from_study_type(self.study_types[ident])
            if grade is None:
                self.problem(where, f"cannot grade from the study type of {ident!r}: {self.study_types[ident]!r}")
            else:
                grades[ident] = grade
        if not grades:
            return {}
        best = min(grades.values(), key=GRADE_ORDER.index)
        types = "; ".join(dict.fromkeys(self.study_types[ident] for ident in grades))
        detail = f"{best}: graded from the study type of the cited source ({types}); not a row of the evidence pack"
        return {"grade": best, "grade_detail": detail}

    def guidance(self) -> list[Any]:
        cls = _record_class("guidance")
        allowed = [field.name for field in attrs.fields(cls)]
        citation_ids = set(self.study_types)
        self.check_unique("guidance", self.curated.get("guidance", ()))
        built = []
        for record in self.curated.get("guidance", ()):
            where = f"guidance.toml: {record.get('id', '?')}"
            self.check_keys(where, record, allowed, allowed)
            self.references(where, record.get("citations", []), citation_ids, "citation", CITATION_HINT)
            values = {key: value for key, value in record.items() if key in allowed}
            built.append(self.construct(cls, values, where))
        return built

    def check_unique(self, kind: str, records: Iterable[Mapping[str, Any]]) -> None:
        counts = Counter(str(record.get("id")) for record in records)
        for ident, count in sorted(counts.items()):
            if count > 1:
                self.problem(f"{kind}.toml: {ident}", f"id used by {count} records")

    def manifest(self) -> bytes:
        paths = sorted({CLAIMS_CSV, CITATIONS_CSV, IDENTIFIERS_CSV, *REFERENCE_FILES, *self.curated_sources})
        found = {path: source_path(self.data, path) for path in paths}
        missing = [f"{file}: not found" for file in found.values() if not file.is_file()]
        if missing:
            raise BuildError(missing)
        sources = [{"path": path, "sha256": _sha256(file)} for path, file in found.items()]
        return _json_bytes({"data_version": DATA_VERSION, "generated_by": GENERATED_BY, "sources": sources})


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(data: Path = DEFAULT_DATA, curated: Curated | None = None) -> dict[str, bytes]:
    """Every data file (name -> bytes) built from the data folder ``data`` and the curated records.

    ``curated`` defaults to :func:`load_curated`; pass a changed copy to test validation.
    Raises :class:`BuildError` listing every problem found.
    """
    builder = _Builder(data, copy.deepcopy(curated) if curated is not None else load_curated())
    builder.read_identifiers()
    citations = builder.read_citations()
    curated_citations = builder.read_curated_citations()
    citations += curated_citations
    builder.read_claim_rows()
    builder.check()
    owner = builder.ids()
    used_codes: dict[tuple[str, str], str] = {}
    records = {kind: builder.records(kind, used_codes, owner) for kind in SUBJECT_KINDS}
    records["claims"] = builder.claims(owner)
    records["guidance"] = builder.guidance()
    records["citations"] = citations
    builder.built = records
    builder.check_cited(curated_citations)
    builder.check()
    files = {f"{kind}.json": _dump(items) for kind, items in sorted(records.items())}
    files["manifest.json"] = builder.manifest()
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
