"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

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


# -- nasty values: what a caller may pass where it should not --------------------------


class BrokenObjectError(Exception):
    """What the broken objects below raise from their own methods: the caller's own error,
    which cramps may let through unchanged (it is never cramps' to document)."""


class BrokenHash:
    """An object whose ``__hash__`` and ``__eq__`` raise."""

    def __hash__(self) -> int:
        raise BrokenObjectError("broken __hash__")

    def __eq__(self, other: object) -> bool:
        raise BrokenObjectError("broken __eq__")

    def __repr__(self) -> str:
        return "BrokenHash()"


class BrokenStr:
    """An object whose ``__str__``, ``__repr__`` and ``__format__`` raise."""

    def __str__(self) -> str:
        raise BrokenObjectError("broken __str__")

    def __repr__(self) -> str:
        raise BrokenObjectError("broken __repr__")

    def __format__(self, spec: str) -> str:
        raise BrokenObjectError("broken __format__")


class BrokenContainer:
    """An object whose ``__bool__``, ``__len__``, ``__iter__`` and ``__contains__`` raise."""

    def __bool__(self) -> bool:
        raise BrokenObjectError("broken __bool__")

    def __len__(self) -> int:
        raise BrokenObjectError("broken __len__")

    def __iter__(self) -> Any:
        raise BrokenObjectError("broken __iter__")

    def __contains__(self, item: object) -> bool:
        raise BrokenObjectError("broken __contains__")

    def __repr__(self) -> str:
        return "BrokenContainer()"


class LyingStr(str):
    """Text that says it equals everything and hashes to 0: broken, but it raises nothing."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return 0


class HugeInt(int):
    """An ``int`` subclass (a numpy-like integer type passes ``isinstance(x, int)`` too)."""

    __slots__ = ()


def deeply_nested(kind: str, depth: int) -> object:
    """A list, tuple or dict nested ``depth`` levels deep around ``"leg cramps"``, built
    iteratively (building it recursively would itself overflow the stack)."""
    value: object = "leg cramps"
    for _ in range(depth):
        value = [value] if kind == "list" else (value,) if kind == "tuple" else {"key": value}
    return value


#: Depth of the nested values: far beyond the recursion limit, so that any recursion
#: over them (repr included) fails.
DEEP = 100_000
#: Nasty values by name; a strategy draws the name (so that a failing example prints
#: readably) and :func:`resolve` turns it into the value.
NASTY: dict[str, object] = {
    # integers of any size
    "10**400": 10**400,
    "-10**400": -(10**400),
    "2**2000": 2**2000,
    "-2**2000": -(2**2000),
    "2**63": 2**63,
    "-2**63-1": -(2**63) - 1,
    "2**1024": 2**1024,
    "10**5000": 10**5000,
    "-10**5000": -(10**5000),
    "HugeInt(10**400)": HugeInt(10**400),
    "-1": -1,
    "0": 0,
    # floats: subnormal, huge, non-finite, signed zero
    "5e-324": 5e-324,
    "-5e-324": -5e-324,
    "2.2e-308": 2.2e-308,
    "1e308": 1e308,
    "max float": sys.float_info.max,
    "inf": float("inf"),
    "-inf": float("-inf"),
    "nan": float("nan"),
    "-0.0": -0.0,
    # bools where numbers are expected, and numbers of other types
    "True": True,
    "False": False,
    "complex": complex(1, 1),
    # numeric text
    "5000 digits": "1" * 5000,
    "4301 nines": "9" * 4301,
    "-5000 digits": "-" + "1" * 5000,
    "1e400 text": "1e400",
    "10**400 text": "10**400",
    "401 digits": "1" + "0" * 400,
    "0.000...1 (5000 digits)": "0." + "0" * 5000 + "1",
    "999 digits": "9" * 999,
    "nan text": "nan",
    "-inf text": "-inf",
    # nesting
    "deep list": deeply_nested("list", DEEP),
    "deep tuple": deeply_nested("tuple", DEEP),
    "deep dict": deeply_nested("dict", DEEP),
    "wide list": ["leg cramps"] * 10_000,
    "self-containing list": (lambda x: (x.append(x), x)[1])([]),
    # text
    "1 MB text": "x" * 1_000_000,
    "1 MB words": "leg cramps " * 100_000,
    "empty": "",
    "blank": " \t\n ",
    "NUL": "\x00",
    "NUL in a name": "magne\x00sium",
    "controls": "".join(chr(c) for c in range(32)) + "\x7f",
    "bidi": "\u202emagnesium\u202c",
    "BOM": "\ufeffmagnesium",
    "zero width": "mag\u200bnesium",
    "combining marks": "a" + "\u0301" * 1000,
    "math letters": "\U0001d55e\U0001d552\U0001d558",
    "dotted I": "\u0130\u0131",
    "sharp s": "\u00df" * 500,
    "last code point": "\U0010ffff",
    "emoji": "\U0001f9b5" * 300,
    "arabic digits": "\u0663/\u0660 cup milk",
    "superscript": "\u00b3 cups milk",
    "vulgar fractions": "\u00bd" * 400 + " cup milk",
    "lying str": LyingStr("magnesium"),
    # not text, not numbers
    "None": None,
    "bytes": b"magnesium",
    "bad utf-8": b"\xff\xfe" * 10,
    "bytearray": bytearray(b"magnesium"),
    "list": [],
    "tuple": (),
    "dict": {},
    "set": set(),
    "frozenset": frozenset({"magnesium"}),
    "object": object(),
    "type": int,
    "BrokenHash": BrokenHash(),
    "BrokenStr": BrokenStr(),
    "BrokenContainer": BrokenContainer(),
}


class Pooled:
    """A named value of :data:`NASTY` (printed by its name in a failing example)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"NASTY[{self.name!r}]"


def resolve(value: object) -> Any:
    """``value`` with each :class:`Pooled` name replaced by its value, in the (shallow)
    lists, tuples and dicts a strategy builds."""
    if isinstance(value, Pooled):
        return NASTY[value.name]
    if type(value) is list:
        return [resolve(item) for item in value]
    if type(value) is tuple:
        return tuple(resolve(item) for item in value)
    if type(value) is dict:
        return {key: resolve(item) for key, item in value.items()}
    return value


#: Text made of digits, of any length, as people might write a number.
numeric_texts = st.one_of(
    st.integers().map(str),
    st.floats().map(repr),
    st.integers(1, 6000).map(lambda n: "1" * n),
    st.integers(1, 500).map(lambda n: "0." + "0" * n + "1"),
    st.sampled_from(["10**400", "1e400", "1/0", "0/0", "1/" + "0" * 400 + "1", "9" * 400 + "/3", "nan", "inf"]),
)
#: A value of any kind a caller might pass: a named nasty value or a generated one.
nasty = st.one_of(
    st.sampled_from(sorted(NASTY)).map(Pooled),
    st.integers(),
    st.integers(min_value=2**60).map(lambda n: n**5),
    st.floats(),
    st.floats(max_value=1e-300, min_value=-1e-300),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40),
    numeric_texts,
    st.binary(max_size=10),
    st.none(),
)


def nasty_or(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``valid`` values (half the time), nasty ones, and short lists and tuples mixing both."""
    either = st.one_of(valid, nasty)
    mixed = st.one_of(st.lists(either, max_size=3), st.lists(either, max_size=3).map(tuple))
    return st.one_of(valid, valid, nasty, mixed)  # valid half the time: the others then get as far as they can


def nasty_for(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Nasty values in place of ``valid`` ones: alone, or among valid ones in a short list
    or tuple."""
    either = st.one_of(valid, nasty)
    mixed = st.one_of(st.lists(either, min_size=1, max_size=3), st.lists(either, min_size=1, max_size=3).map(tuple))
    return st.one_of(nasty, nasty, mixed)


__all__ = [
    "NASTY",
    "BrokenObjectError",
    "Pooled",
    "deeply_nested",
    "nasty",
    "nasty_for",
    "nasty_or",
    "numeric_texts",
    "records",
    "resolve",
    "respell",
    "slugs",
]
