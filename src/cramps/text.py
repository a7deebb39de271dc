"""Text folding shared by every name index (and by the build, which folds food names the
same way), and checks on text a caller passes in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_QUERY_LENGTH = 1_000
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_SEPARATORS = re.compile(r"[\s\-_/,.;:()'\"\u2019]+")


def fold(text: str) -> str:
    """Fold text to its index key: compatibility-normalised, accents and case removed,
    punctuation and runs of white space turned into one space."""
    if text.isascii():
        # the common case, and the same result: ASCII is its own NFKD form, casefolds as it
        # lowercases and has no combining marks; only control characters need the long way
        spaced = _SEPARATORS.sub(" ", text.lower())
        if spaced.isprintable():
            return " ".join(spaced.split())
    decomposed = unicodedata.normalize("NFKD", text)
    spaced = _SEPARATORS.sub(" ", decomposed.casefold())
    kept = "".join(ch for ch in spaced if not unicodedata.combining(ch) and unicodedata.category(ch) not in _INVISIBLE)
    return " ".join(kept.split())


def require_text(value: object, what: str) -> str:
    """Return ``value`` if it is usable query text, else raise ``TypeError``/``ValueError``."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if len(value) > MAX_QUERY_LENGTH:
        raise ValueError(f"{what} is {len(value):,} characters long; at most {MAX_QUERY_LENGTH:,} are accepted")
    if not any(ch.isalnum() for ch in fold(value)):
        raise ValueError(f"{what} must contain letters or digits, got {value!r}")
    return value


def close_matches(key: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``candidates`` closest to ``key`` (both already folded), best first."""
    import difflib  # only when a name is not found: a first answer does not pay for it

    return difflib.get_close_matches(key, list(candidates), n=n, cutoff=0.6)
