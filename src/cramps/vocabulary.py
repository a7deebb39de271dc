"""The records of a knowledge base, indexed and checked: names, ids, claims by subject and
the broader/narrower hierarchies of symptoms and factors.

Building a :class:`Vocabulary` checks every cross-reference: an unknown id, a duplicate
id or name, a claim without a known citation or a hierarchy that loops raises
:class:`~cramps.DataError` naming the file, record and field.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import Any, Protocol, TypeVar

from cramps._index import NameIndex, code_note
from cramps.catalogue import file_name
from cramps.citations import Citation
from cramps.errors import DataError, UnknownTermError
from cramps.evidence import Claim, Relation
from cramps.factors import Factor, FactorKind
from cramps.guidance import Guidance
from cramps.nutrients import Nutrient
from cramps.remedies import Remedy
from cramps.symptoms import Symptom
from cramps.text import close_matches, fold, require_text

__all__ = ["Vocabulary", "merged_records", "what_it_is"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


class Vocabulary:
    """Name indexes of the nutrients, symptoms, factors and remedies; citations and claims
    by id; claims by subject (sorted by id); and each symptom's and factor's broader and
    narrower kin, transitively."""

    __slots__ = (
        "_broader",
        "_broader_factors",
        "_claims_by_subject",
        "_narrower",
        "_narrower_factors",
        "citations",
        "claims",
        "factors",
        "nutrients",
        "remedies",
        "symptoms",
    )

    def __init__(
        self,
        *,
        nutrients: Iterable[Nutrient],
        symptoms: Iterable[Symptom],
        factors: Iterable[Factor],
        remedies: Iterable[Remedy],
        claims: Iterable[Claim],
        citations: Iterable[Citation],
        guidance: Iterable[Guidance],
    ) -> None:
        self.nutrients = NameIndex("nutrient", nutrients, file=file_name("nutrients"))
        self.symptoms = NameIndex("symptom", symptoms, file=file_name("symptoms"))
        self.factors = NameIndex("factor", factors, file=file_name("factors"))
        self.remedies = NameIndex("remedy", remedies, file=file_name("remedies"))
        self.citations = _unique(citations, "citations")
        self.claims = _unique(claims, "claims")
        self._check_references(guidance)
        symptom_edges = {s.id: s.broader for s in self.symptoms.records()}
        self._broader = {s: _closure(s, symptom_edges, "symptom") for s in symptom_edges}
        narrower: dict[str, set[str]] = {s: set() for s in symptom_edges}
        for symptom_id, ancestors in self._broader.items():
            for ancestor in ancestors:
                narrower[ancestor].add(symptom_id)
        self._narrower = {k: frozenset(v) for k, v in narrower.items()}
        factor_edges = {f.id: f.broader for f in self.factors.records()}
        self._broader_factors = {f: _closure(f, factor_edges, "factor") for f in factor_edges}
        narrower_factors: dict[str, set[str]] = {f: set() for f in factor_edges}
        for factor_id, ancestors in self._broader_factors.items():
            for ancestor in ancestors:
                narrower_factors[ancestor].add(factor_id)
        self._narrower_factors = {k: frozenset(v) for k, v in narrower_factors.items()}
        by_subject: dict[str, list[Claim]] = {}
        for claim in sorted(self.claims.values(), key=lambda c: c.id):
            by_subject.setdefault(claim.subject, []).append(claim)
        self._claims_by_subject = {k: tuple(v) for k, v in by_subject.items()}

    def _check_references(self, guidance: Iterable[Guidance]) -> None:
        def require(
            ids: Iterable[str], known: Container[str], what: str, collection: str, record: str, field: str
        ) -> None:
            for ref in ids:
                if ref not in known:
                    raise DataError(
                        f"{ref!r} is not a known {what}", file=file_name(collection), record=record, field=field
                    )

        subjects = {
            r.id for index in (self.nutrients, self.factors, self.remedies, self.symptoms) for r in index.records()
        }
        for claim in self.claims.values():
            require([claim.subject], subjects, "nutrient, factor, remedy or symptom id", "claims", claim.id, "subject")
            if claim.relation is Relation.DEPLETES:
                require(claim.targets, self.nutrients, "nutrient id", "claims", claim.id, "targets")
            else:
                require(claim.targets, self.symptoms, "symptom id", "claims", claim.id, "targets")
            require(claim.citations, self.citations, "citation id", "claims", claim.id, "citations")
        for factor in self.factors.records():
            require(factor.affects, self.nutrients, "nutrient id", "factors", factor.id, "affects")
            require(factor.broader, self.factors, "factor id", "factors", factor.id, "broader")
        for symptom in self.symptoms.records():
            require(symptom.broader, self.symptoms, "symptom id", "symptoms", symptom.id, "broader")
        for remedy in self.remedies.records():
            require(remedy.for_conditions, self.factors, "factor id", "remedies", remedy.id, "for_conditions")
        for item in guidance:
            require(item.citations, self.citations, "citation id", "guidance", item.id, "citations")

    def known_nutrient(self, nutrient: object) -> Nutrient:
        """The nutrient ``nutrient`` names, or this knowledge base's own record of a given
        :class:`~cramps.Nutrient` (:class:`~cramps.UnknownTermError` if it has none)."""
        if isinstance(nutrient, Nutrient):
            return _known(self.nutrients.get(nutrient.id), nutrient.id, "nutrient")
        return self.nutrients.lookup(nutrient)

    def nutrient_or_factor(self, subject: object, kind: str) -> Nutrient | Factor:
        """The nutrient or factor ``subject`` is or names (a name is tried as a nutrient
        first); a name of neither raises :class:`~cramps.UnknownTermError` of ``kind``,
        with the close names of both kinds."""
        if isinstance(subject, Factor):
            return self.factors.lookup(subject.id)
        if isinstance(subject, Nutrient):
            return self.known_nutrient(subject)
        if type(subject) is str:
            exact = self.nutrients.get(subject) or self.factors.get(subject)
            if exact is not None:
                return exact
        text = require_text(subject, f"{kind} name")
        found = self.nutrients.find_term(text) or self.factors.find_term(text)
        if found is not None:
            return found
        both = (self.nutrients, self.factors)
        suggestions = tuple(dict.fromkeys(s for index in both for s in index.suggestions(text)))
        raise UnknownTermError(text, kind, suggestions, code_note(both, text, kind))

    def symptoms_named(self, given: object) -> tuple[Symptom, ...]:
        """The symptoms ``given`` names: a name, a :class:`~cramps.Symptom` or several of
        them, at least one. A name of a nutrient, factor or remedy raises
        :class:`~cramps.UnknownTermError` with a hint that says so."""
        items = (given,) if isinstance(given, (str, Symptom)) else given
        if not isinstance(items, Iterable):
            raise TypeError(f"symptoms must be a name, a Symptom or several of them, not {type(given).__name__}")
        found = tuple(
            _known(self.symptoms.get(item.id), item.id, "symptom") if isinstance(item, Symptom) else self._symptom(item)
            for item in items
        )
        if not found:
            raise ValueError("give at least one symptom")
        return found

    def _symptom(self, item: object) -> Symptom:
        try:
            return self.symptoms.lookup(item)
        except UnknownTermError as error:
            raise self.explained(error, _NOT_A_SYMPTOM) from None

    def other_record(self, text: str, kind: str) -> Nutrient | Symptom | Factor | Remedy | None:
        """The nutrient, symptom, factor or remedy ``text`` names, other than one of
        ``kind`` (``"nutrient"`` ...), or ``None``: for an error that says what a
        name given in the wrong place is."""
        indexes: tuple[NameIndex[Any], ...] = (self.symptoms, self.nutrients, self.factors, self.remedies)
        for index in indexes:
            if index.kind != kind:
                found: Nutrient | Symptom | Factor | Remedy | None = index.find_term(text)
                if found is not None:
                    return found
        return None

    def explained(self, error: UnknownTermError, hints: Mapping[type, str]) -> UnknownTermError:
        """``error`` with a hint, when it has none, that its term names a record of
        another kind (:func:`what_it_is`) followed by ``hints`` for that record type (what
        to do instead); else ``error`` as it is."""
        if error.hint:
            return error
        found = self.other_record(error.term, error.kind)
        if found is None or type(found) not in hints:
            return error
        hint = f"{what_it_is(error.term, found)}{hints[type(found)]}"
        return UnknownTermError(error.term, error.kind, error.suggestions, hint)

    def citation(self, citation_id: object) -> Citation:
        """The citation with this id; :class:`~cramps.UnknownTermError` with close ids if none."""
        return _by_id(self.citations, citation_id, "citation")

    def claim(self, claim_id: object) -> Claim:
        """The claim with this id; :class:`~cramps.UnknownTermError` with close ids if none."""
        return _by_id(self.claims, claim_id, "claim")

    def claims_about(self, subject: str) -> tuple[Claim, ...]:
        """Every claim whose subject is this id, sorted by claim id."""
        return self._claims_by_subject.get(subject, ())

    def broader_symptoms(self, symptom_id: str) -> frozenset[str]:
        """Ids of every symptom ``symptom_id`` is a kind of, transitively."""
        return self._broader.get(symptom_id, frozenset())

    def narrower_symptoms(self, symptom_id: str) -> frozenset[str]:
        """Ids of every symptom that is a kind of ``symptom_id``, transitively."""
        return self._narrower.get(symptom_id, frozenset())

    def narrower_factors(self, factor_id: str) -> frozenset[str]:
        """Ids of every factor that is a kind of ``factor_id``, transitively."""
        return self._narrower_factors.get(factor_id, frozenset())

    def broader_factors(self, factor_id: str) -> frozenset[str]:
        """Ids of every factor ``factor_id`` belongs to, transitively."""
        return self._broader_factors.get(factor_id, frozenset())


#: What to do with a name given where a symptom is wanted, by the kind of record it names.
_NOT_A_SYMPTOM: Mapping[type, str] = {
    Nutrient: ", not a symptom; see cramps.nutrient() for it, or cramps.search() for the symptom names",
    Factor: ", not a symptom; a profile carries it (see cramps.profile())",
    Remedy: ", not a symptom; see cramps.relief_for() for the remedies for a symptom",
}
_FACTOR_KINDS = {
    FactorKind.MEDICATION: "a medication",
    FactorKind.MEDICAL_CONDITION: "a medical condition",
    FactorKind.PHYSIOLOGICAL_STATE: "a physiological state",
    FactorKind.LIFESTYLE: "a lifestyle factor",
}


def what_it_is(term: str, record: Nutrient | Symptom | Factor | Remedy) -> str:
    """``"'tingling' is a symptom"``, with the record's name when the term is not it
    (``"'Mg' is a nutrient (Magnesium)"``); a factor says its kind (``"a medication"``)."""
    if isinstance(record, Factor):
        what = _FACTOR_KINDS[record.kind]
    else:
        what = {Nutrient: "a nutrient", Symptom: "a symptom", Remedy: "a remedy"}[type(record)]
    named = "" if fold(record.name) == fold(term) else f" ({record.name})"
    return f"{term!r} is {what}{named}"


def merged_records(
    current: Mapping[str, Iterable[Any]], added: Mapping[str, Iterable[Any]], *, replace: bool
) -> dict[str, tuple[Any, ...]]:
    """Each collection of ``current`` with the records of ``added`` (by collection name);
    an added id already there raises :class:`~cramps.DataError` unless ``replace``, in
    which case the added record takes the old one's place."""
    merged: dict[str, tuple[Any, ...]] = {}
    for collection, records in current.items():
        by_id: dict[str, Any] = {record.id: record for record in records}
        for record in added.get(collection, ()):
            if record.id in by_id and not replace:
                message = "id already in the base knowledge base; pass replace=True to replace it"
                raise DataError(message, file=file_name(collection), record=record.id, field="id")
            by_id[record.id] = record
        merged[collection] = tuple(by_id.values())
    return merged


def _known(record: T | None, record_id: str, kind: str) -> T:
    if record is None:
        raise UnknownTermError(record_id, kind)
    return record


def _unique(records: Iterable[T], collection: str) -> dict[str, T]:
    found: dict[str, T] = {}
    for record in records:
        record_id: str = record.id
        if record_id in found:
            raise DataError(f"duplicate id in {collection}", file=file_name(collection), record=record_id, field="id")
        found[record_id] = record
    return found


def _by_id(table: Mapping[str, T], record_id: object, kind: str) -> T:
    text = require_text(record_id, f"{kind} id")
    found = table.get(text.strip())
    if found is None:
        raise UnknownTermError(text, kind, tuple(close_matches(text.strip(), table)))
    return found


def _closure(start: str, edges: Mapping[str, tuple[str, ...]], kind: str) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(edges.get(start, ()))
    while stack:
        node = stack.pop()
        if node == start:
            raise DataError(
                f"{kind} {start!r} is, through 'broader', broader than itself",
                file=file_name(kind + "s"),
                record=start,
                field="broader",
            )
        if node not in seen:
            seen.add(node)
            stack.extend(edges.get(node, ()))
    return frozenset(seen)
