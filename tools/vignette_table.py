"""Run the clinical vignettes of ``tests/vignettes.toml``; print the result table, or write it to ``docs/vignettes.md``.

Usage (from the repository root)::

    python tools/vignette_table.py [--cases PATH] [--write-docs [--out PAGE] | --check [--out PAGE]]

For each case the package is asked what a person would ask it, the way a new user would::

    kb = cramps.default_kb()
    profile = kb.profile(**case.profile)
    ranking = kb.nutrients_for_symptom(case.text, profile)
    triage = kb.triage(case.text, profile)

and the answer is judged against the case: is the leading nutrient first, is it in the top
3, did a nutrient the case names as a wrong first answer come first, and is the triage level
within the case's range (at least ``triage_min``; for ordinary cramps at most
``triage_max``). An exception from the package never stops the run: the case is recorded as
an error with the exception's type, and an error counts as a miss.

The table and the totals are printed as Markdown. ``--write-docs`` writes the whole page
``docs/vignettes.md`` (it is generated: edit this tool or the cases, not the page);
``--check`` exits 1 when the page differs from what the current package gives. The page
holds no date or machine detail, so it changes only when the answers change.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "vignettes.toml"
DOC = ROOT / "docs" / "vignettes.md"

LEVELS = ("self-care", "see-a-clinician-soon", "see-a-clinician-today", "seek-care-now")
"""The triage levels, lowest first (their index is their rank)."""
LEVEL_LABELS = {
    "self-care": "self-care",
    "see-a-clinician-soon": "soon",
    "see-a-clinician-today": "today",
    "seek-care-now": "now",
}
NUTRIENTS = (
    "magnesium",
    "potassium",
    "calcium",
    "sodium",
    "vitamin-d",
    "thiamin",
    "vitamin-b12",
    "vitamin-k",
    "vitamin-k2",
)
PROFILE_FIELDS = frozenset(
    {
        "age",
        "sex",
        "pregnant",
        "lactating",
        "medications",
        "conditions",
        "diet",
        "activity",
        "hot_climate",
        "sun_exposure",
        "alcohol",
    }
)
PUBLISHERS = (
    ("ods.od.nih.gov", "NIH ODS"),
    ("medlineplus.gov", "MedlinePlus"),
    ("merckmanuals.com", "Merck"),
    ("msdmanuals.com", "MSD"),
    ("mayoclinic.org", "Mayo Clinic"),
    ("middlesexhealth.org", "Mayo Clinic (licensed copy)"),
    ("wales.nhs.uk", "NHS Wales"),
    ("nhs.wales", "NHS Wales"),
    ("scot.nhs.uk", "NHS Scotland"),
    ("nhs.uk", "NHS"),
    ("nidirect.gov.uk", "NI Direct"),
    ("nice.org.uk", "NICE"),
    ("fda.gov", "FDA"),
)


class CaseError(ValueError):
    """A case in the vignette file is malformed (names the case and the field)."""


@dataclass(frozen=True)
class Case:
    """One vignette: what a person says, who they are, and what a careful clinician expects."""

    id: str
    text: tuple[str, ...]
    profile: Mapping[str, Any]
    triage_min: str
    sources: tuple[str, ...]
    note: str
    leading: str | None = None
    top3: tuple[str, ...] = ()
    wrong_first: tuple[str, ...] = ()
    triage_max: str | None = None

    @property
    def ordinary(self) -> bool:
        """Whether this is an ordinary cramp: one with a highest acceptable level."""
        return self.triage_max is not None


@dataclass(frozen=True)
class Result:
    """What the package answered for one case, and how that compares with the case."""

    case: Case
    top3: tuple[str, ...] = ()
    level: str | None = None
    errors: tuple[str, ...] = field(default=())

    @property
    def ranked(self) -> bool:
        """Whether the ranking was answered (no error before or in it)."""
        return not any(e.startswith(("profile:", "ranking:")) for e in self.errors)

    @property
    def triaged(self) -> bool:
        """Whether the triage was answered with a known level."""
        return self.level in LEVELS

    @property
    def leading_first(self) -> bool | None:
        """Whether the leading nutrient came first (None when the case names none)."""
        if self.case.leading is None:
            return None
        return bool(self.top3) and self.top3[0] == self.case.leading

    @property
    def leading_in_top3(self) -> bool | None:
        """Whether the leading nutrient is in the top 3 (None when the case names none)."""
        if self.case.leading is None:
            return None
        return self.case.leading in self.top3

    @property
    def top3_acceptable(self) -> bool | None:
        """Whether every nutrient of the top 3 is one the case accepts (None without a list)."""
        if not self.case.top3:
            return None
        return self.ranked and all(n in self.case.top3 for n in self.top3)

    @property
    def wrong_first(self) -> str | None:
        """The nutrient that came first although the case says it must not, if any."""
        if self.top3 and self.top3[0] in self.case.wrong_first:
            return self.top3[0]
        return None

    @property
    def under_triage(self) -> bool:
        """Whether the level is below the case's minimum."""
        return self.triaged and _rank(self.level) < _rank(self.case.triage_min)

    @property
    def over_triage(self) -> bool:
        """Whether an ordinary cramp was given a level above the case's maximum."""
        return self.triaged and self.case.triage_max is not None and _rank(self.level) > _rank(self.case.triage_max)

    @property
    def triage_ok(self) -> bool:
        """Whether the triage level is within the case's range (an error is a miss)."""
        return self.triaged and not self.under_triage and not self.over_triage

    @property
    def passed(self) -> bool:
        """Whether every check of the case passed, without an error."""
        return (
            not self.errors
            and self.leading_first is not False
            and self.leading_in_top3 is not False
            and self.wrong_first is None
            and self.triage_ok
        )


@dataclass(frozen=True)
class Totals:
    """The totals of a run: the issue's targets are computed from these."""

    cases: int
    with_leading: int
    leading_first: int
    leading_in_top3: int
    top3_acceptable: int
    wrong_first: int
    triage_ok: int
    under_triage: int
    ordinary: int
    over_triage: int
    errors: int
    passed: int

    def share(self, count: int, of: int) -> float:
        """``count / of`` as a percentage (0 when ``of`` is 0)."""
        return 100.0 * count / of if of else 0.0


# --- reading the cases ---------------------------------------------------------------------


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - the project's own checks run on 3.11+
        import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]
    with path.open("rb") as handle:
        data: dict[str, Any] = tomllib.load(handle)
    return data


def _strings(case_id: str, key: str, value: object, *, allow_empty: bool = True) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CaseError(f"case {case_id!r}: {key} must be a list of non-empty strings")
    if not allow_empty and not value:
        raise CaseError(f"case {case_id!r}: {key} must not be empty")
    return tuple(value)


def _level(case_id: str, key: str, value: object) -> str:
    if value not in LEVELS:
        raise CaseError(f"case {case_id!r}: {key} must be one of {', '.join(LEVELS)}, got {value!r}")
    return str(value)


def _nutrients(case_id: str, key: str, values: Sequence[str]) -> None:
    unknown = [v for v in values if v not in NUTRIENTS]
    if unknown:
        raise CaseError(f"case {case_id!r}: {key} names unknown nutrient ids {unknown}")


def parse_case(raw: Mapping[str, Any]) -> Case:
    """A :class:`Case` from one ``[[case]]`` table; a malformed one raises :class:`CaseError`."""
    case_id = raw.get("id")
    if not isinstance(case_id, str) or not case_id:
        raise CaseError(f"a case has no id: {dict(raw)!r}")
    known = {"id", "text", "profile", "leading", "top3", "wrong_first", "triage_min", "triage_max", "sources", "note"}
    extra = sorted(set(raw) - known)
    if extra:
        raise CaseError(f"case {case_id!r}: unknown fields {extra}")
    profile = raw.get("profile", {})
    if not isinstance(profile, dict) or not set(profile) <= PROFILE_FIELDS:
        raise CaseError(f"case {case_id!r}: profile must be a table of cramps.profile() arguments")
    leading = raw.get("leading")
    if leading is not None and not isinstance(leading, str):
        raise CaseError(f"case {case_id!r}: leading must be a nutrient id")
    top3 = _strings(case_id, "top3", raw.get("top3", []))
    wrong_first = _strings(case_id, "wrong_first", raw.get("wrong_first", []))
    _nutrients(case_id, "leading", [leading] if leading else [])
    _nutrients(case_id, "top3", top3)
    _nutrients(case_id, "wrong_first", wrong_first)
    if leading is not None and (leading not in top3 or leading in wrong_first):
        raise CaseError(f"case {case_id!r}: leading must be in top3 and not in wrong_first")
    note = raw.get("note")
    if not isinstance(note, str) or not note.strip():
        raise CaseError(f"case {case_id!r}: note must be a one-line explanation")
    sources = _strings(case_id, "sources", raw.get("sources", []), allow_empty=False)
    if not all(urlsplit(s).scheme in ("http", "https") and urlsplit(s).netloc for s in sources):
        raise CaseError(f"case {case_id!r}: every source must be an http(s) URL")
    triage_min = _level(case_id, "triage_min", raw.get("triage_min"))
    triage_max = raw.get("triage_max")
    if triage_max is not None:
        triage_max = _level(case_id, "triage_max", triage_max)
        if _rank(triage_max) < _rank(triage_min):
            raise CaseError(f"case {case_id!r}: triage_max is below triage_min")
    return Case(
        id=case_id,
        text=_strings(case_id, "text", raw.get("text", []), allow_empty=False),
        profile=dict(profile),
        triage_min=triage_min,
        triage_max=triage_max,
        leading=leading,
        top3=top3,
        wrong_first=wrong_first,
        sources=sources,
        note=note.strip(),
    )


def load_cases(path: Path = CASES) -> tuple[Case, ...]:
    """Every case of the vignette file, in file order; duplicate ids raise :class:`CaseError`."""
    cases = tuple(parse_case(raw) for raw in _load_toml(path).get("case", []))
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise CaseError(f"duplicate case id {case.id!r}")
        seen.add(case.id)
    return cases


# --- running them --------------------------------------------------------------------------


def _rank(level: str | None) -> int:
    return LEVELS.index(level) if level in LEVELS else -1


def _default_kb() -> Any:
    import cramps

    return cramps.default_kb()


def _describe(stage: str, exc: BaseException) -> str:
    return f"{stage}: {type(exc).__name__}"


def run_case(case: Case, kb_factory: Callable[[], Any] = _default_kb) -> Result:
    """Ask the package about ``case``; any exception is recorded in ``Result.errors``, never raised.

    Each error names the stage it came from (``kb``, ``profile``, ``ranking``, ``triage``)
    and the exception's type. A failed profile stops both questions (they need it)."""
    try:
        kb = kb_factory()
    except Exception as exc:  # the run records every failure of the library, never stops
        return Result(case=case, errors=(_describe("kb", exc),))
    try:
        profile = kb.profile(**case.profile)
    except Exception as exc:
        return Result(case=case, errors=(_describe("profile", exc),))
    errors: list[str] = []
    top3: tuple[str, ...] = ()
    try:
        ranking = kb.nutrients_for_symptom(list(case.text), profile)
        top3 = tuple(str(ranked.record.id) for ranked in list(ranking)[:3])
    except Exception as exc:
        errors.append(_describe("ranking", exc))
    level: str | None = None
    try:
        triage = kb.triage(list(case.text), profile)
        value = getattr(triage.level, "value", triage.level)
        if value in LEVELS:
            level = str(value)
        else:
            errors.append(f"triage: unknown level {value!r}")
    except Exception as exc:
        errors.append(_describe("triage", exc))
    return Result(case=case, top3=top3, level=level, errors=tuple(errors))


def run(cases: Sequence[Case], kb_factory: Callable[[], Any] = _default_kb) -> tuple[Result, ...]:
    """Run every case (never stops on an error)."""
    return tuple(run_case(case, kb_factory) for case in cases)


def totals(results: Sequence[Result]) -> Totals:
    """Count what the issue's targets are computed from."""
    leading = [r for r in results if r.case.leading is not None]
    ordinary = [r for r in results if r.case.ordinary]
    return Totals(
        cases=len(results),
        with_leading=len(leading),
        leading_first=sum(bool(r.leading_first) for r in leading),
        leading_in_top3=sum(bool(r.leading_in_top3) for r in leading),
        top3_acceptable=sum(bool(r.top3_acceptable) for r in leading),
        wrong_first=sum(r.wrong_first is not None for r in results),
        triage_ok=sum(r.triage_ok for r in results),
        under_triage=sum(r.under_triage for r in results),
        ordinary=len(ordinary),
        over_triage=sum(r.over_triage for r in ordinary),
        errors=sum(bool(r.errors) for r in results),
        passed=sum(r.passed for r in results),
    )


# --- writing the table ---------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def publisher(url: str) -> str:
    """A short label for a source URL (its publisher), for the table's links."""
    host = urlsplit(url).netloc.lower()
    for suffix, label in PUBLISHERS:
        if host == suffix or host.endswith("." + suffix):
            return label
    return host.removeprefix("www.")


def _profile_text(profile: Mapping[str, Any]) -> str:
    parts: list[str] = []
    for key in sorted(profile):
        value = profile[key]
        if isinstance(value, list):
            parts.append(f"{key}: {', '.join(str(v) for v in value)}")
        elif value is True:
            parts.append(key.replace("_", " "))
        else:
            parts.append(f"{key} {value}")
    return "; ".join(parts) if parts else "no profile"


def _expected(case: Case) -> str:
    parts = []
    if case.leading is not None:
        parts.append(f"**{case.leading}**")
        others = [n for n in case.top3 if n != case.leading]
        if others:
            parts.append(f"top 3 from {', '.join(others)}")
        if case.wrong_first:
            parts.append(f"not first: {', '.join(case.wrong_first)}")
    else:
        parts.append("no nutrient expected")
    low = LEVEL_LABELS[case.triage_min]
    if case.triage_max is None:
        parts.append(f"triage ≥ {low}")
    elif case.triage_max == case.triage_min:
        parts.append(f"triage = {low}")
    else:
        parts.append(f"triage {low} to {LEVEL_LABELS[case.triage_max]}")
    return "; ".join(parts)


def _got(result: Result) -> str:
    if not result.ranked:
        return "error"
    if not result.top3:
        return "(none)"
    marked = []
    for nutrient in result.top3:
        outside = result.case.top3 and nutrient not in result.case.top3
        marked.append(f"{nutrient}*" if outside else nutrient)
    return ", ".join(marked)


def _mark(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "**no**")


def _pass_marks(result: Result) -> str:
    marks = []
    if result.case.leading is not None:
        marks.append(f"first {_mark(result.leading_first)}")
        marks.append(f"top 3 {_mark(result.leading_in_top3)}")
    if result.wrong_first is not None:
        marks.append(f"**wrong first: {result.wrong_first}**")
    if result.under_triage:
        marks.append("**under-triage**")
    elif result.over_triage:
        marks.append("**over-triage**")
    else:
        marks.append(f"triage {_mark(result.triage_ok)}")
    if result.errors:
        marks.append("**error: " + "; ".join(result.errors) + "**")
    return "<br>".join(marks)


def table(results: Sequence[Result]) -> str:
    """The Markdown table of every case."""
    head = "| case | sources | expected | got top 3 | triage | pass |"
    rule = "|---|---|---|---|---|---|"
    rows = [head, rule]
    for number, result in enumerate(results, 1):
        case = result.case
        said = "; ".join(f"“{t}”" for t in case.text)
        who = _profile_text(case.profile)
        sources = ", ".join(f"[{publisher(url)}]({url})" for url in case.sources)
        level = "error" if not result.triaged else LEVEL_LABELS[str(result.level)]
        cells = [
            f"{number}. `{case.id}`<br>{said}<br>*{who}*<br>{case.note}",
            sources,
            _expected(case),
            _got(result),
            level,
            ("**pass**" if result.passed else "fail") + "<br>" + _pass_marks(result),
        ]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows)


def summary(result_totals: Totals) -> str:
    """The totals as a Markdown table, with the issue's targets."""
    t = result_totals

    def pct(count: int, of: int) -> str:
        return f"{t.share(count, of):.0f}% ({count} of {of})"

    def met(ok: bool) -> str:
        return "**yes**" if ok else "**no**"

    rows = [
        "| measure | result | target | met |",
        "|---|---|---|---|",
        f"| leading nutrient first | {pct(t.leading_first, t.with_leading)} | at least 60% | "
        f"{met(t.share(t.leading_first, t.with_leading) >= 60)} |",
        f"| leading nutrient in the top 3 | {pct(t.leading_in_top3, t.with_leading)} | at least 90% | "
        f"{met(t.share(t.leading_in_top3, t.with_leading) >= 90)} |",
        f"| a wrong first answer came first | {t.wrong_first} | 0 | {met(t.wrong_first == 0)} |",
        f"| triage appropriate | {pct(t.triage_ok, t.cases)} | - | - |",
        f"| under-triage | {t.under_triage} | 0 | {met(t.under_triage == 0)} |",
        f"| ordinary cramps over-triaged | {t.over_triage} of {t.ordinary} | 0 | {met(t.over_triage == 0)} |",
        f"| errors | {t.errors} | 0 | {met(t.errors == 0)} |",
        f"| top 3 within the acceptable list | {pct(t.top3_acceptable, t.with_leading)} | - | - |",
        f"| cases passing every check | {pct(t.passed, t.cases)} | - | - |",
    ]
    return "\n".join(rows)


PAGE_INTRO = """\
# Clinical vignettes

<!-- Generated by tools/vignette_table.py from tests/vignettes.toml: do not edit by hand. -->

These are plain-language cases, each written from the patient-information or fact-sheet
pages it links: what a person would say ("tingling in my feet", "tired all the time"), who
they are (age, medicines, diet, sun, alcohol), the nutrient a careful clinician would
suspect first from the source's deficiency signs and groups at risk, the nutrients that
must not come first, and how urgently the source says to get help. Cases where the source
points to no nutrient (a clot, a blocked artery, an infection) check only the triage.
Ordinary cramps also have a highest acceptable level: over-triage is a failure too.

cramps informs; it never diagnoses. These cases test that its answers follow the sources;
they are not advice.

Each case asks what a new user would ask:

```python
import cramps

kb = cramps.default_kb()
profile = kb.profile(**case.profile)
ranking = kb.nutrients_for_symptom(case.text, profile)
triage = kb.triage(case.text, profile)
```

Triage levels, lowest first: self-care, see a clinician soon (days), see a clinician
today, seek care now. An exception counts as a miss and is shown with its type. The
`tests/test_vignettes.py` suite checks the targets of issue 14 on every run and that this
page matches the current answers; rebuild it with
`python tools/vignette_table.py --write-docs`.
"""


def render(results: Sequence[Result]) -> str:
    """The whole page: introduction, totals and the table (a nutrient marked * in the top 3
    is outside the case's acceptable list)."""
    return "\n".join(
        [
            PAGE_INTRO,
            "## Totals",
            "",
            summary(totals(results)),
            "",
            "## Cases",
            "",
            "In the top 3, a nutrient marked * is outside the list the case accepts.",
            "",
            table(results),
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--cases", type=Path, default=CASES, help="the vignette file (TOML)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write-docs", action="store_true", help="write the page instead of printing it")
    mode.add_argument("--check", action="store_true", help="exit 1 if the page is not up to date")
    parser.add_argument("--out", type=Path, default=DOC, help="the page to write or check")
    args = parser.parse_args(argv)
    page = render(run(load_cases(args.cases)))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != page:
            print(f"{args.out} is not up to date: run python tools/vignette_table.py --write-docs", file=sys.stderr)
            return 1
        return 0
    if args.write_docs:
        args.out.write_text(page, encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
    sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
