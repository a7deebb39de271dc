"""O(1) name indexes: ids, names, aliases and codes folded to one key each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar

from cramps.codes import Code
from cramps.errors import DataError, UnknownTermError
from cramps.text import close_matches, fold, require_text


class Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


R = TypeVar("R", bound=Named)


def _keys(record: Named) -> Iterable[str]:
    yield record.id
    yield record.name
    yield from getattr(record, "aliases", ())
    for code in getattr(record, "codes", ()):
        if isinstance(code, Code):
            yield code.code


class NameIndex(Generic[R]):
    """Resolves any name, alias, id or code of one kind of record to the record."""

    __slots__ = ("_by_id", "_by_key", "_labels", "kind")

    def __init__(self, kind: str, records: Iterable[R], *, file: str | None = None) -> None:
        self.kind = kind
        self._by_id: dict[str, R] = {}
        self._by_key: dict[str, R] = {}
        self._labels: dict[str, str] = {}
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

    def lookup(self, term: object) -> R:
        """The record ``term`` names; ``UnknownTermError`` with suggestions if none."""
        if type(term) is str:
            found = self._by_id.get(term)  # an exact id folds to its own record's key
            if found is not None:
                return found
        text = require_text(term, f"{self.kind} name")
        found = self._by_key.get(fold(text))
        if found is not None:
            return found
        matches = close_matches(fold(text), self._by_key)
        suggestions = tuple(dict.fromkeys(self._by_key[m].name for m in matches))
        raise UnknownTermError(text, self.kind, suggestions)

    def find(self, key: str) -> R | None:
        """The record for an already folded key, or ``None``."""
        return self._by_key.get(key)
