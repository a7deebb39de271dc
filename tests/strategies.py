"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import settings
from hypothesis import strategies as st

from cramps import (
    Citation,
    Claim,
    Code,
    Direction,
    Factor,
    FactorKind,
    Grade,
    Guidance,
    Nutrient,
    NutrientKind,
    Relation,
    Remedy,
    RemedyKind,
    Symptom,
)


def scaled(factor: float) -> settings:
    """The loaded hypothesis profile (``ci`` or ``dev``, see conftest.py) with ``factor``
    times its number of examples, for a property that needs more (or affords fewer)
    examples than most. Every property test takes its size from the profile this way."""
    return settings(settings.default, max_examples=max(1, round(settings.default.max_examples * factor)))


slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
texts = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30).filter(str.strip)
optional_texts = st.none() | texts
text_tuples = st.lists(texts, max_size=3).map(tuple)
slug_tuples = st.lists(slugs, max_size=3).map(tuple)
codes = st.builds(Code, system=st.sampled_from(["HPO", "ICD-10-CM", "LOINC", "ATC"]), code=texts, label=texts)


def _kw(cls: type, **fields: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.fixed_dictionaries(fields).map(lambda kw: cls(**kw))


records = st.one_of(
    _kw(
        Nutrient,
        id=slugs,
        name=texts,
        kind=st.sampled_from(NutrientKind),
        summary=texts,
        role=texts,
        aliases=text_tuples,
        deficiency_causes=text_tuples,
        deficiency_signs=text_tuples,
        typical_sources=text_tuples,
        codes=st.lists(codes, max_size=2),
        notes=text_tuples,
    ),
    _kw(
        Symptom,
        id=slugs,
        name=texts,
        description=texts,
        aliases=text_tuples,
        broader=slug_tuples,
        codes=st.lists(codes, max_size=2),
    ),
    _kw(
        Factor,
        id=slugs,
        name=texts,
        kind=st.sampled_from(FactorKind),
        description=texts,
        aliases=text_tuples,
        affects=slug_tuples,
        broader=slug_tuples,
    ),
    _kw(
        Remedy,
        id=slugs,
        name=texts,
        kind=st.sampled_from(RemedyKind),
        instructions=texts,
        aliases=text_tuples,
        caution=optional_texts,
    ),
    _kw(
        Claim,
        id=slugs,
        subject=slugs,
        relation=st.sampled_from(Relation),
        targets=st.lists(slugs, min_size=1, max_size=3),
        statement=texts,
        direction=st.sampled_from(Direction),
        grade=st.sampled_from(Grade),
        grade_detail=texts,
        citations=st.lists(slugs, min_size=1, max_size=3),
        context=optional_texts,
        note=optional_texts,
    ),
    _kw(
        Citation,
        id=slugs,
        title=texts,
        venue=texts,
        study_type=texts,
        finding=texts,
        authors=optional_texts,
        year=st.none() | st.integers(1900, 2100),
        doi=optional_texts,
        pmid=optional_texts,
        url=optional_texts,
        caveats=text_tuples,
    ),
    _kw(Guidance, id=slugs, title=texts, text=texts, citations=st.lists(slugs, min_size=1, max_size=2)),
)


def respell(text: str) -> st.SearchStrategy[str]:
    """Spellings of ``text`` a lookup must treat as the same: case, spacing, hyphens."""
    words = text.split()
    separators = st.lists(
        st.sampled_from([" ", "  ", "-", "_", " - "]), min_size=len(words) - 1, max_size=len(words) - 1
    )
    cases = st.lists(st.sampled_from([str.lower, str.upper, str.title, str]), min_size=len(words), max_size=len(words))
    padding = st.sampled_from(["", " ", "\t"])

    def spell(seps: list[str], case: list[Callable[[str], str]], pad: str) -> str:
        spelled = [change(word) for change, word in zip(case, words, strict=True)]
        return pad + "".join(word + sep for word, sep in zip(spelled, [*seps, ""], strict=True)) + pad

    return st.builds(spell, separators, cases, padding)


__all__ = ["records", "respell", "slugs"]
