"""The plain-language corpus: phrases people write about cramps, read and triaged as they must be.

``tests/plain_language_corpus.toml`` holds the phrasings (first person, informal, some
typos, negated forms, mixed sentences), each with the page it was written from and what it
must be read as. For every case: :meth:`KnowledgeBase.read` finds the expected symptoms (or
narrower ones) and the expected absent ids, and reads none of the absent ids as present;
:meth:`KnowledgeBase.triage` on the text never raises, matches the expected red flags and
gives a level no lower than ``min_level`` and, for ordinary cramps, no higher than
``max_level``. A summary test checks the corpus itself: its size, that it covers every red
flag and symptom of the knowledge base, and that every source is a web address.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

import cramps
from cramps import KnowledgeBase, Profile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - CI runs 3.11
    tomllib = pytest.importorskip("tomli")

CORPUS = Path(__file__).resolve().with_name("plain_language_corpus.toml")
RANKS = {"self-care": 0, "see-a-clinician-soon": 1, "see-a-clinician-today": 2, "seek-care-now": 3}
FIELDS = {"text", "source", "symptoms", "flags", "absent", "min_level", "max_level", "profile"}
MIN_CASES = 150
MIN_ORDINARY = 20
MIN_NEGATED = 15


@dataclass(frozen=True)
class Case:
    """One phrase of the corpus and what it must be read as."""

    text: str
    source: str
    symptoms: tuple[str, ...]
    flags: tuple[str, ...]
    absent: tuple[str, ...]
    min_level: str
    max_level: str | None = None
    profile: Mapping[str, Any] = field(default_factory=dict)


def _case(raw: Mapping[str, Any]) -> Case:
    unknown = set(raw) - FIELDS
    assert not unknown, f"unknown fields {sorted(unknown)} in case {raw.get('text')!r}"
    return Case(
        text=raw["text"],
        source=raw["source"],
        symptoms=tuple(raw["symptoms"]),
        flags=tuple(raw["flags"]),
        absent=tuple(raw["absent"]),
        min_level=raw["min_level"],
        max_level=raw.get("max_level"),
        profile=dict(raw.get("profile", {})),
    )


def _load() -> tuple[Case, ...]:
    with CORPUS.open("rb") as handle:
        return tuple(_case(raw) for raw in tomllib.load(handle)["case"])


CASES = _load()


def _case_id(case: Case) -> str:
    return re.sub(r"[^a-z0-9]+", "-", case.text.lower()).strip("-")[:70]


@pytest.fixture(scope="module")
def default_kb() -> KnowledgeBase:
    """The packaged knowledge base."""
    return cramps.default_kb()


def _profile(kb: KnowledgeBase, case: Case) -> Profile | None:
    return kb.profile(**case.profile) if case.profile else None


def _is_read(kb: KnowledgeBase, symptom_id: str, read: tuple[str, ...]) -> bool:
    """``symptom_id`` or a narrower symptom (a night cramp is a leg cramp) was read."""
    return symptom_id in read or bool(kb.narrower_symptoms(symptom_id) & set(read))


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_reading(default_kb: KnowledgeBase, case: Case) -> None:
    reading = default_kb.read(case.text)
    missing = [s for s in case.symptoms if not _is_read(default_kb, s, reading.symptoms)]
    assert not missing, f"{case.text!r}: symptoms {missing} not read (read {reading.symptoms})"
    absent_read = {*reading.absent_symptoms, *reading.absent_flags, *reading.absent_factors}
    not_absent = [a for a in case.absent if a not in absent_read]
    assert not not_absent, f"{case.text!r}: {not_absent} not read as absent (absent read: {sorted(absent_read)})"
    present = {*reading.symptoms, *reading.flags, *reading.factors}
    negated_but_present = [a for a in case.absent if a in present]
    assert not negated_but_present, f"{case.text!r}: negated {negated_but_present} read as present"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_triage(default_kb: KnowledgeBase, case: Case) -> None:
    result = default_kb.triage([case.text], _profile(default_kb, case))
    matched = [flag.id for flag in result.flags]
    missing = [f for f in case.flags if f not in matched]
    assert not missing, f"{case.text!r}: red flags {missing} not matched (matched {matched})"
    negated = [a for a in case.absent if a in matched]
    assert not negated, f"{case.text!r}: negated {negated} matched as red flags"
    assert result.level.rank >= RANKS[case.min_level], (
        f"{case.text!r}: under-triaged as {result.level.value} (at least {case.min_level}; flags {matched})"
    )
    if case.max_level is not None:
        assert result.level.rank <= RANKS[case.max_level], (
            f"{case.text!r}: over-triaged as {result.level.value} (at most {case.max_level}; flags {matched})"
        )


def test_triage_never_raises_on_corpus_text(default_kb: KnowledgeBase) -> None:
    """Every text, alone, all together, and with noise around it, gets a triage."""
    texts = [case.text for case in CASES]
    for text in texts:
        assert default_kb.triage([text]).level.rank in RANKS.values()
        assert default_kb.triage([f"zxqv {text} qwzx"]).level.rank in RANKS.values()
    assert default_kb.triage(texts).level.rank == max(RANKS.values())


def test_corpus_covers_the_knowledge_base(default_kb: KnowledgeBase) -> None:
    assert len(CASES) >= MIN_CASES
    texts = [case.text.casefold() for case in CASES]
    assert len(set(texts)) == len(texts), "each text appears once"
    flag_ids = {flag.id for flag in default_kb.red_flags}
    symptom_ids = {symptom.id for symptom in default_kb.symptoms}
    factor_ids = {factor.id for factor in default_kb.factors}
    assert flag_ids - {f for case in CASES for f in case.flags} == set(), "every red flag has phrasings"
    assert symptom_ids - {s for case in CASES for s in case.symptoms} == set(), "every symptom has phrasings"
    for case in CASES:
        assert set(case.flags) <= flag_ids, f"{case.text!r}: unknown red flags {set(case.flags) - flag_ids}"
        assert set(case.symptoms) <= symptom_ids, f"{case.text!r}: unknown symptoms {set(case.symptoms) - symptom_ids}"
        unknown_absent = set(case.absent) - (flag_ids | symptom_ids | factor_ids)
        assert not unknown_absent, f"{case.text!r}: unknown absent ids {unknown_absent}"
        url = urlparse(case.source)
        assert url.scheme in {"http", "https"}, f"{case.text!r}: source {case.source!r} is not a web address"
        assert url.netloc, f"{case.text!r}: source {case.source!r} names no host"
        assert case.min_level in RANKS, case.text
        assert case.max_level is None or RANKS[case.min_level] <= RANKS[case.max_level], case.text
        assert case.symptoms or case.flags or case.absent, f"{case.text!r} expects nothing"
    assert {level.value for level in cramps.TriageLevel} == set(RANKS)
    assert sum(case.max_level == "self-care" for case in CASES) >= MIN_ORDINARY
    assert sum(bool(case.absent) for case in CASES) >= MIN_NEGATED


def test_corpus_profiles_are_valid(default_kb: KnowledgeBase) -> None:
    for case in CASES:
        if case.profile:
            assert isinstance(_profile(default_kb, case), Profile), case.text
