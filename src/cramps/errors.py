"""The exceptions cramps raises; each subclasses :class:`CrampsError` and a built-in."""

from __future__ import annotations

__all__ = [
    "CrampsError",
    "DataError",
    "DiaryError",
    "LabUnitError",
    "NoReferenceError",
    "ProfileError",
    "UnknownTermError",
    "where_to_look",
]


class CrampsError(Exception):
    """Base class of every error cramps raises on purpose."""


class UnknownTermError(CrampsError, LookupError):
    """A name, alias or code that the knowledge base does not know.

    ``term`` is the text as the caller gave it, ``kind`` what was looked up
    (``"nutrient"``, ``"symptom"`` ...) and ``suggestions`` the closest known
    names, best first (possibly empty). ``hint`` ends the message with what to do
    instead, when there is more to say than the suggestions; a message with neither
    ends with ``cramps.errors.where_to_look(kind)`` (the function that finds its names).
    """

    def __init__(self, term: str, kind: str, suggestions: tuple[str, ...] = (), hint: str = "") -> None:
        self.term = term
        self.kind = kind
        self.suggestions = tuple(suggestions)
        self.hint = hint
        message = f"unknown {kind}: {term!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        elif not hint:
            message += f"; {where_to_look(kind)}"
        if hint:
            message += f" ({hint})" if self.suggestions else f"; {hint}"
        super().__init__(message)

    def __reduce__(self) -> tuple[type[UnknownTermError], tuple[str, str, tuple[str, ...], str]]:
        return (type(self), (self.term, self.kind, self.suggestions, self.hint))


#: Where to find the known names of a kind of term that :func:`cramps.search` does not
#: search (it searches nutrients, symptoms, factors and remedies).
_WHERE_TO_LOOK = {
    "food": "see cramps.search_foods() to find foods by name",
    "food group": "see cramps.default_kb().foods.groups() for the known food groups",
    "LOINC code": "see cramps.lab_tests_for() for the lab tests of a nutrient and their LOINC codes",
    "nutrient lab test": "see cramps.lab_tests_for() for the lab tests of a nutrient and their LOINC codes",
    "nutrient or condition": "see cramps.search() for the known nutrient and condition names",
    "scorer": "see cramps.scoring.names() for the known scorer names",
    "registered scorer": "only a scorer added with cramps.scoring.register() can be unregistered",
    "citation": "see cramps.default_kb().citations for the known citations",
    "claim": "see cramps.default_kb().claims for the known claims",
    "red flag": "see cramps.default_kb().red_flags for the known red flags",
}


def where_to_look(kind: str) -> str:
    """The end of an :class:`UnknownTermError` message without suggestions or a hint:
    the public function that finds the known names of ``kind`` (``cramps.search()`` for
    nutrients, symptoms, factors, remedies, medications and conditions,
    ``cramps.search_foods()`` for foods ...)."""
    return _WHERE_TO_LOOK.get(kind, f"see cramps.search() for the known {kind} names")


class DataError(CrampsError, ValueError):
    """A data file that cannot be loaded: names the file, the record and the field."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.record = record
        self.field = field
        where = ", ".join(
            f"{label} {value}"
            for label, value in (("file", file), ("record", record), ("field", field))
            if value is not None
        )
        self.reason = message
        super().__init__(f"{where}: {message}" if where else message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_data_error, (self.reason, self.file, self.record, self.field))


def _rebuild_data_error(message: str, file: str | None, record: str | None, field: str | None) -> DataError:
    return DataError(message, file=file, record=record, field=field)


class ProfileError(CrampsError, ValueError):
    """A profile that lacks what a question needs (for example no age to pick a
    life-stage group), or asks what the reference data cannot answer.

    ``field`` names the profile field at fault, or ``None`` when no single field is.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        self.reason = message
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_profile_error, (self.reason, self.field))


def _rebuild_profile_error(message: str, field: str | None) -> ProfileError:
    return ProfileError(message, field=field)


class NoReferenceError(CrampsError, LookupError):
    """A known record that the reference data say nothing about (vitamin K2 has no DRI).

    ``record`` is the record's id, ``what`` the missing reference (``"DRI"`` ...) and
    ``covered`` the ids that do have one.
    """

    def __init__(self, record: str, what: str, covered: tuple[str, ...] = ()) -> None:
        self.record = record
        self.what = what
        self.covered = tuple(covered)
        message = f"no {what} exists for {record!r}"
        if self.covered:
            message += f"; {what}s exist for " + ", ".join(repr(c) for c in self.covered)
        super().__init__(message)

    def __reduce__(self) -> tuple[type[NoReferenceError], tuple[str, str, tuple[str, ...]]]:
        return (type(self), (self.record, self.what, self.covered))


class DiaryError(CrampsError, ValueError):
    """A diary entry or CSV row that cannot be read: ``entry`` is its text as given,
    ``line`` its CSV line number (``None`` outside a CSV), ``reason`` what was wrong and
    what would be right."""

    def __init__(self, reason: str, *, entry: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.entry = entry
        self.line = line
        where = []
        if line is not None:
            where.append(f"line {line}")
        if entry is not None:
            where.append(f"entry {entry!r}")
        super().__init__(f"{', '.join(where)}: {reason}" if where else reason)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_diary_error, (self.reason, self.entry, self.line))


def _rebuild_diary_error(reason: str, entry: str | None, line: int | None) -> DiaryError:
    return DiaryError(reason, entry=entry, line=line)


class LabUnitError(CrampsError, ValueError):
    """A unit that is not known, or does not fit the test: ``unit`` as given and
    ``expected``, the units that would be right."""

    def __init__(self, message: str, *, unit: str, expected: tuple[str, ...]) -> None:
        self.unit = unit
        self.expected = tuple(expected)
        self.reason = message
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_unit_error, (self.reason, self.unit, self.expected))


def _rebuild_unit_error(message: str, unit: str, expected: tuple[str, ...]) -> LabUnitError:
    return LabUnitError(message, unit=unit, expected=expected)
