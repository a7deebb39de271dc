"""O(1) name indexes: ids, names, aliases and codes folded to one key each, and codes by
system, so that a system-prefixed code (``"ICD-10-CM:K74.60"``) finds only a record that
carries that code in that system."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, Protocol, TypeVar

from cramps._cache import Answers, Caches
from cramps.codes import Code, CodeSystem, prefixed, split_code
from cramps.errors import DataError, UnknownTermError
from cramps.text import close_matches, fold, require_text


class Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


R = TypeVar("R", bound=Named)

#: How many texts an index keeps the suggestions of.
SUGGESTED = 256


def _codes(record: Named) -> Iterable[Code]:
    for code in getattr(record, "codes", ()):
        if isinstance(code, Code):
            yield code


def _keys(record: Named) -> Iterable[str]:
    yield record.id
    yield record.name
    yield from getattr(record, "aliases", ())
    for code in _codes(record):
        yield code.code


class NameIndex(Generic[R]):
    """Resolves any name, alias, id or code of one kind of record to the record."""

    __slots__ = ("_by_code", "_by_id", "_by_key", "_labels", "_suggested", "kind")

    def __init__(self, kind: str, records: Iterable[R], *, file: str | None = None) -> None:
        self.kind = kind
        self._by_id: dict[str, R] = {}
        self._by_key: dict[str, R] = {}
        self._labels: dict[str, str] = {}
        self._by_code: dict[tuple[CodeSystem, str], tuple[Code, R]] = {}
        self._suggested = Answers(SUGGESTED)
        for record in records:
            if record.id in self._by_id:
                raise DataError(f"duplicate {kind} id", file=file, record=record.id, field="id")
            self._by_id[record.id] = record
        for record in self._by_id.values():
            for label in _keys(record):
                key = fold(label)
                other = self._by_key.get(key)
                if other is not None and other.id != record.id:
                    raise DataError(
                        f"name {label!r} would name both {other.id!r} and {record.id!r}",
                        file=file,
                        record=record.id,
                        field="aliases",
                    )
                self._by_key[key] = record
                self._labels.setdefault(key, label)
            for code in _codes(record):  # unique: the folded code is a key above as well
                self._by_code.setdefault((code.system, fold(code.code)), (code, record))

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def records(self) -> Iterable[R]:
        """Every record, in the order given."""
        return self._by_id.values()

    def get(self, record_id: str) -> R | None:
        """The record with exactly this id, or ``None``."""
        return self._by_id.get(record_id)

    def labels(self) -> Iterable[tuple[str, str, R]]:
        """Every (folded key, label as written, record) the index answers to."""
        for key, record in self._by_key.items():
            yield key, self._labels[key], record

    def codes(self) -> Iterable[tuple[Code, R]]:
        """Every (code, record carrying it) of the index."""
        return self._by_code.values()

    def has_code(self, system: CodeSystem, code: str) -> bool:
        """Whether a record of the index carries ``code`` (folded) in ``system``."""
        return (system, fold(code)) in self._by_code

    def find_term(self, text: str) -> R | None:
        """The record ``text`` names (id, name, alias, code, or a code prefixed with its
        system, which names only a record carrying that code in that system; see
        ``cramps.codes.split_code()``), or ``None``."""
        system, code = split_code(text)
        if system is not None:
            found = self._by_code.get((system, fold(code)))
            if found is not None:
                return found[1]
        return self._by_key.get(fold(text))

    def lookup(self, term: object) -> R:
        """The record ``term`` names; ``UnknownTermError`` with suggestions if none."""
        if type(term) is str:
            found = self._by_id.get(term)  # an exact id folds to its own record's key
            if found is not None:
                return found
        text = require_text(term, f"{self.kind} name")
        found = self.find_term(text)
        if found is not None:
            return found
        raise UnknownTermError(text, self.kind, self.suggestions(text), code_note((self,), text, self.kind))

    def suggestions(self, text: str) -> tuple[str, ...]:
        """The names closest to ``text``, best first; for a system-prefixed code, the
        closest prefixed codes of that system. Those of the last :data:`SUGGESTED` texts
        are kept: comparing a text with every name takes milliseconds, and a service is
        asked the same wrong names again and again."""
        return Caches.kept(self._suggested, text, lambda: self._suggest(text))

    def _suggest(self, text: str) -> tuple[str, ...]:
        system, code = split_code(text)
        if system is None:
            matches = close_matches(fold(text), self._by_key)
            return tuple(dict.fromkeys(self._by_key[m].name for m in matches))
        codes = {key: found for (within, key), (found, _record) in self._by_code.items() if within is system}
        return tuple(prefixed(codes[key]) for key in close_matches(fold(code), codes))

    def find(self, key: str) -> R | None:
        """The record for an already folded key, or ``None``."""
        return self._by_key.get(key)


def code_note(indexes: Iterable[NameIndex[Any]], text: str, kind: str) -> str:
    """What to tell a caller whose ``text`` is a system-prefixed code that no record of
    ``indexes`` carries in that system (``""`` for other text): that none does, and in
    which other system a record carries that code, if one does ("ATC:K74.60": no factor has
    the ATC code 'K74.60'; 'K74.60' is the ICD-10-CM code of 'Liver cirrhosis')."""
    system, code = split_code(text)
    if system is None:
        return ""
    indexes = tuple(indexes)
    key = fold(code)
    if any(index.has_code(system, code) for index in indexes):
        return ""
    note = f"no {kind} has the {system.value} code {code!r}"
    for index in indexes:
        for found, record in index.codes():
            if fold(found.code) == key:
                note += f"; {found.code!r} is the {found.system.value} code of {record.name!r}"
    return note
