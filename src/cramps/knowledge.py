"""The knowledge base: every record, the indexes over them, and the queries they answer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import attrs

from cramps import _fields, scoring
from cramps._fields import check_limit
from cramps._index import NameIndex
from cramps._text import close_matches, fold, require_text
from cramps.catalogue import KNOWLEDGE, file_name
from cramps.citations import Citation
from cramps.errors import DataError, UnknownTermError
from cramps.evidence import Claim, Relation
from cramps.factors import Factor
from cramps.fuzzy import SearchHit, match_score
from cramps.guidance import Guidance
from cramps.nutrients import Nutrient
from cramps.ranking import Ranked, Ranking, Score
from cramps.remedies import Remedy, RemedyKind
from cramps.symptoms import Symptom

if TYPE_CHECKING:
    from cramps._food_overlay import FoodOverlay
    from cramps.food_table import FoodTable
    from cramps.foods import Food, FoodResult, TypicalSource
    from cramps.intakes import DailyTarget
    from cramps.lab_tests import LabTests
    from cramps.person_data import PersonData
    from cramps.profiles import Profile
    from cramps.questions import Question
    from cramps.red_flags import RedFlag, Triage

__all__ = ["KINDS", "KnowledgeBase"]

KINDS = ("nutrient", "factor")
_REMEDY_ORDER = {kind: position for position, kind in enumerate(RemedyKind)}


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


V = TypeVar("V")


class _Lazy(Generic[V]):
    """A value loaded by ``load()`` the first time it is needed, once, under a lock;
    pickled as its loader, so an unpickled copy loads on its own first use."""

    __slots__ = ("_load", "_lock", "_value")

    def __init__(self, load: Callable[[], V]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._value: V | None = None

    def get(self) -> V:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._load()
                value = self._value
        return value

    def __reduce__(self) -> tuple[type[_Lazy[V]], tuple[Callable[[], V]]]:
        return (_Lazy, (self._load,))


def _load_foods() -> FoodTable:
    from cramps.food_table import FoodTable

    return FoodTable.load()


def _load_person() -> PersonData:
    """The packaged person data (importing :mod:`cramps.person_data` and its record
    modules only then)."""
    from cramps.person_data import read_person_data

    return read_person_data()


class _Answers:
    """Answers a knowledge base has given, by question: bounded (the oldest goes first),
    thread-safe, never pickled. Answers are immutable, so a repeated question gets the
    same object back."""

    __slots__ = ("_lock", "_results")
    SIZE = 128

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._results: dict[Hashable, Any] = {}

    def get(self, key: Hashable) -> Any:
        return self._results.get(key)

    def put(self, key: Hashable, answer: object) -> None:
        with self._lock:
            if len(self._results) >= self.SIZE:
                del self._results[next(iter(self._results))]
            self._results[key] = answer

    def clear(self) -> None:
        with self._lock:
            self._results.clear()

    def __len__(self) -> int:
        return len(self._results)

    def __reduce__(self) -> tuple[type[_Answers], tuple[()]]:
        return (_Answers, ())


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


@attrs.frozen(kw_only=True)
class KnowledgeBase:
    """Every record of the knowledge base, validated and indexed on construction.

    The module-level query functions (:func:`cramps.nutrient`,
    :func:`cramps.nutrients_for_symptom` ...) call the methods of :func:`default_kb`.
    Constructing one checks every reference: an unknown id, a duplicate id or name, or a
    claim without a known citation raises :class:`~cramps.DataError`.

    ``extension_foods`` are a team's own :class:`~cramps.foods.Food` records (see
    :func:`cramps.load`); the food queries rank them with the packaged USDA foods, and
    one whose id is a packaged food's id takes that food's place.
    """

    nutrients: tuple[Nutrient, ...] = attrs.field(converter=_fields.to_tuple)
    symptoms: tuple[Symptom, ...] = attrs.field(converter=_fields.to_tuple)
    factors: tuple[Factor, ...] = attrs.field(converter=_fields.to_tuple)
    remedies: tuple[Remedy, ...] = attrs.field(converter=_fields.to_tuple)
    claims: tuple[Claim, ...] = attrs.field(converter=_fields.to_tuple)
    citations: tuple[Citation, ...] = attrs.field(converter=_fields.to_tuple)
    guidance: tuple[Guidance, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    extension_foods: tuple[Food, ...] = attrs.field(default=(), converter=_fields.to_tuple)
    data_version: str = attrs.field(default="unversioned", validator=_fields.text)
    _nutrient_index: NameIndex[Nutrient] = attrs.field(init=False, eq=False, repr=False)
    _symptom_index: NameIndex[Symptom] = attrs.field(init=False, eq=False, repr=False)
    _factor_index: NameIndex[Factor] = attrs.field(init=False, eq=False, repr=False)
    _remedy_index: NameIndex[Remedy] = attrs.field(init=False, eq=False, repr=False)
    _claims_by_id: Mapping[str, Claim] = attrs.field(init=False, eq=False, repr=False)
    _claims_by_subject: Mapping[str, tuple[Claim, ...]] = attrs.field(init=False, eq=False, repr=False)
    _citations_by_id: Mapping[str, Citation] = attrs.field(init=False, eq=False, repr=False)
    _broader: Mapping[str, frozenset[str]] = attrs.field(init=False, eq=False, repr=False)
    _narrower: Mapping[str, frozenset[str]] = attrs.field(init=False, eq=False, repr=False)
    _broader_factors: Mapping[str, frozenset[str]] = attrs.field(init=False, eq=False, repr=False)
    _foods: _Lazy[FoodTable] = attrs.field(init=False, eq=False, repr=False)
    _food_overlay: FoodOverlay | None = attrs.field(init=False, eq=False, repr=False)
    _person: _Lazy[PersonData] = attrs.field(init=False, eq=False, repr=False)
    _rankings: _Answers = attrs.field(init=False, eq=False, repr=False)
    _food_answers: _Answers = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        built: dict[str, Any] = {
            "nutrient_index": NameIndex("nutrient", self.nutrients, file=file_name("nutrients")),
            "symptom_index": NameIndex("symptom", self.symptoms, file=file_name("symptoms")),
            "factor_index": NameIndex("factor", self.factors, file=file_name("factors")),
            "remedy_index": NameIndex("remedy", self.remedies, file=file_name("remedies")),
            "citations_by_id": _unique(self.citations, "citations"),
            "claims_by_id": _unique(self.claims, "claims"),
        }
        for name, value in built.items():
            object.__setattr__(self, "_" + name, value)
        self._check_references()
        broader_edges = {s.id: s.broader for s in self.symptoms}
        broader = {s.id: _closure(s.id, broader_edges, "symptom") for s in self.symptoms}
        narrower: dict[str, set[str]] = {s.id: set() for s in self.symptoms}
        for symptom_id, ancestors in broader.items():
            for ancestor in ancestors:
                narrower[ancestor].add(symptom_id)
        factor_edges = {f.id: f.broader for f in self.factors}
        broader_factors = {f.id: _closure(f.id, factor_edges, "factor") for f in self.factors}
        by_subject: dict[str, list[Claim]] = {}
        for claim in sorted(self.claims, key=lambda c: c.id):
            by_subject.setdefault(claim.subject, []).append(claim)
        object.__setattr__(self, "_broader", broader)
        object.__setattr__(self, "_narrower", {k: frozenset(v) for k, v in narrower.items()})
        object.__setattr__(self, "_broader_factors", broader_factors)
        object.__setattr__(self, "_claims_by_subject", {k: tuple(v) for k, v in by_subject.items()})
        object.__setattr__(self, "_foods", _Lazy(_load_foods))
        overlay = None
        if self.extension_foods:  # only then: a knowledge base without them never imports the overlay
            from cramps._food_overlay import FoodOverlay

            overlay = FoodOverlay(self.extension_foods)
            overlay.check_against(self._foods.get())
        object.__setattr__(self, "_food_overlay", overlay)
        object.__setattr__(self, "_person", _Lazy(_load_person))
        object.__setattr__(self, "_rankings", _Answers())
        object.__setattr__(self, "_food_answers", _Answers())

    def _check_references(self) -> None:
        def require(ids: Iterable[str], known: Any, what: str, collection: str, record: str, field: str) -> None:
            for ref in ids:
                if ref not in known:
                    raise DataError(
                        f"{ref!r} is not a known {what}", file=file_name(collection), record=record, field=field
                    )

        subjects = {r.id for group in (self.nutrients, self.factors, self.remedies, self.symptoms) for r in group}
        for claim in self.claims:
            require([claim.subject], subjects, "nutrient, factor, remedy or symptom id", "claims", claim.id, "subject")
            if claim.relation is Relation.DEPLETES:
                require(claim.targets, self._nutrient_index, "nutrient id", "claims", claim.id, "targets")
            else:
                require(claim.targets, self._symptom_index, "symptom id", "claims", claim.id, "targets")
            require(claim.citations, self._citations_by_id, "citation id", "claims", claim.id, "citations")
        for factor in self.factors:
            require(factor.affects, self._nutrient_index, "nutrient id", "factors", factor.id, "affects")
            require(factor.broader, self._factor_index, "factor id", "factors", factor.id, "broader")
        for symptom in self.symptoms:
            require(symptom.broader, self._symptom_index, "symptom id", "symptoms", symptom.id, "broader")
        for item in self.guidance:
            require(item.citations, self._citations_by_id, "citation id", "guidance", item.id, "citations")

    def merge(self, other: KnowledgeBase, *, replace: bool = False) -> KnowledgeBase:
        """A new knowledge base holding the records of both; neither is changed.

        A record of ``other`` whose id is already here raises :class:`~cramps.DataError`
        unless ``replace`` is true, in which case it takes the place of the old one.
        The result is validated as a whole, so a bad merge adds nothing.
        """
        if not isinstance(other, KnowledgeBase):
            raise TypeError(f"can only merge another KnowledgeBase, not {type(other).__name__}")
        same = other.data_version == self.data_version
        version = self.data_version if same else f"{self.data_version}+{other.data_version}"
        collections: dict[str, Iterable[Any]] = {c: getattr(other, c) for c in KNOWLEDGE}
        collections["foods"] = other.extension_foods
        return self.extended(collections, replace=replace, data_version=version)

    def extended(
        self,
        collections: Mapping[str, Iterable[Any]],
        *,
        replace: bool = False,
        data_version: str | None = None,
    ) -> KnowledgeBase:
        """A new knowledge base with more records, given per collection name
        (``"nutrients"``, ``"claims"`` ... and ``"foods"`` for :class:`~cramps.foods.Food`
        records); the rules of :meth:`merge` apply, and a food whose id is a packaged
        food's is taken only with ``replace``."""
        known = {*KNOWLEDGE, "foods"}
        unknown = set(collections) - known
        if unknown:
            raise ValueError(f"unknown collection(s) {sorted(unknown)}; expected some of {sorted(known)}")
        merged: dict[str, tuple[Any, ...]] = {}
        for collection in KNOWLEDGE:
            records: dict[str, Any] = {record.id: record for record in getattr(self, collection)}
            for record in collections.get(collection, ()):
                if record.id in records and not replace:
                    raise DataError(
                        "id already in the base knowledge base; pass replace=True to replace it",
                        file=file_name(collection),
                        record=record.id,
                        field="id",
                    )
                records[record.id] = record
            merged[collection] = tuple(records.values())
        foods = {food.id: food for food in self.extension_foods}
        added = tuple(collections.get("foods", ()))
        if added:
            from cramps.foods import Food

            foods_file = file_name("foods")

            table = self.foods
            new: set[str] = set()
            for food in added:
                if not isinstance(food, Food):
                    raise TypeError(f"foods must be cramps.foods.Food records, not {type(food).__name__}")
                food_id = food.id
                if food_id in new:
                    raise DataError("duplicate id in foods", file=foods_file, record=food_id, field="id")
                new.add(food_id)
                if not replace:
                    taken = "a food of the base knowledge base" if food_id in foods else None
                    if taken is None and table.by_id(food_id) is not None:
                        taken = "a packaged food"
                    if taken is not None:
                        raise DataError(
                            f"id of {taken}; pass replace=True to replace it",
                            file=foods_file,
                            record=food_id,
                            field="id",
                        )
                foods[food_id] = food
        return KnowledgeBase(
            **merged, extension_foods=tuple(foods.values()), data_version=data_version or self.data_version
        )

    # Lookups -----------------------------------------------------------------

    def nutrient(self, name: str) -> Nutrient:
        """The nutrient named ``name`` (id, name, alias or code; case, space and accent blind)."""
        return self._nutrient_index.lookup(name)

    def symptom(self, name: str) -> Symptom:
        """The symptom named ``name`` (id, name, alias, HPO or ICD-10-CM code)."""
        return self._symptom_index.lookup(name)

    def factor(self, name: str) -> Factor:
        """The contributing factor named ``name`` (id, name, alias or code)."""
        return self._factor_index.lookup(name)

    def remedy(self, name: str) -> Remedy:
        """The remedy named ``name``."""
        return self._remedy_index.lookup(name)

    def citation(self, citation_id: str) -> Citation:
        """The citation with this id."""
        return _by_id(self._citations_by_id, citation_id, "citation")

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id."""
        return _by_id(self._claims_by_id, claim_id, "claim")

    def claims_about(self, subject: str) -> tuple[Claim, ...]:
        """Every claim whose subject is this id, sorted by claim id."""
        return self._claims_by_subject.get(subject, ())

    def citations_for(self, claim: Claim) -> tuple[Citation, ...]:
        """The citations behind ``claim``, in the claim's order."""
        return tuple(self._citations_by_id[c] for c in claim.citations)

    def broader_symptoms(self, symptom_id: str) -> frozenset[str]:
        """Ids of every symptom ``symptom_id`` is a kind of, transitively."""
        return self._broader.get(symptom_id, frozenset())

    def narrower_symptoms(self, symptom_id: str) -> frozenset[str]:
        """Ids of every symptom that is a kind of ``symptom_id``, transitively."""
        return self._narrower.get(symptom_id, frozenset())

    def broader_factors(self, factor_id: str) -> frozenset[str]:
        """Ids of every factor ``factor_id`` belongs to, transitively (a thiazide is a diuretic)."""
        return self._broader_factors.get(factor_id, frozenset())

    def search(self, text: str, *, limit: int | None = 10) -> tuple[SearchHit, ...]:
        """Nutrients, symptoms, factors and remedies matching ``text``, best first.

        Matches names, aliases and codes; tolerates typos. Ties are broken by kind
        and id, so the order is deterministic.
        """
        query = fold(require_text(text, "search text"))
        limit = check_limit(limit)
        best: dict[tuple[str, str], SearchHit] = {}
        for index in (self._nutrient_index, self._symptom_index, self._factor_index, self._remedy_index):
            for key, label, record in index.labels():
                score = match_score(query, key)
                if score <= 0.0:
                    continue
                hit_key = (index.kind, record.id)
                current = best.get(hit_key)
                if current is None or score > current.score:
                    best[hit_key] = SearchHit(kind=index.kind, record=record, score=round(score, 6), matched=label)
        hits = sorted(best.values(), key=lambda h: (-h.score, h.kind, h.record.id))
        return tuple(hits[:limit])

    # Rankings ----------------------------------------------------------------

    def rank(
        self,
        symptoms: str | Symptom | Iterable[str | Symptom],
        profile: Profile | None = None,
        *,
        scorer: scoring.Scorer | str | None = None,
        kinds: Iterable[str] = KINDS,
        limit: int | None = None,
    ) -> Ranking[Nutrient | Factor]:
        """Nutrients and factors (``kinds``) ranked for ``symptoms`` and an optional
        ``profile``, best first.

        Each candidate with a non-zero score or any reason is kept; ties are broken by
        id. ``scorer`` is a :class:`~cramps.scoring.Scorer`, a registered name, or
        ``None`` for the default (the evidence, raised by what the profile makes likely).
        Rankings by the default scorer, a pure function of the question, are kept (up to
        128 questions per knowledge base), so a repeated question costs a lookup.
        """
        found = self._symptoms(symptoms)
        who = _profile(profile)
        chosen = _kinds(kinds)
        limit = check_limit(limit)
        key: Hashable = None
        if scorer is None:
            key = (tuple(sorted({s.id for s in found})), who, chosen, limit)
            try:
                cached: Ranking[Nutrient | Factor] | None = self._rankings.get(key)
            except TypeError:  # an unhashable Profile subclass: no caching
                key = None
            else:
                if cached is not None:
                    return cached
        query = scoring.Query(symptoms=found, profile=who)
        candidates: list[Nutrient | Factor] = []
        if "nutrient" in chosen:
            candidates.extend(self.nutrients)
        if "factor" in chosen:
            candidates.extend(self.factors)
        ranking = _ranked(candidates, query, self, scoring.resolve(scorer), limit)
        if key is not None:
            self._rankings.put(key, ranking)
        return ranking

    def nutrients_for_symptom(
        self,
        symptom: str | Symptom | Iterable[str | Symptom],
        profile: Profile | None = None,
        *,
        limit: int | None = None,
        scorer: scoring.Scorer | str | None = None,
    ) -> Ranking[Nutrient]:
        """Nutrients linked to ``symptom`` (one or several), best evidenced first."""
        return self.rank(symptom, profile, scorer=scorer, kinds=("nutrient",), limit=limit)  # type: ignore[return-value]

    def factors_for_symptom(
        self,
        symptom: str | Symptom | Iterable[str | Symptom],
        profile: Profile | None = None,
        *,
        limit: int | None = None,
        scorer: scoring.Scorer | str | None = None,
    ) -> Ranking[Factor]:
        """Contributing factors linked to ``symptom`` (one or several), best evidenced first."""
        return self.rank(symptom, profile, scorer=scorer, kinds=("factor",), limit=limit)  # type: ignore[return-value]

    def suggest(
        self,
        symptoms: str | Symptom | Iterable[str | Symptom],
        profile: Profile | None = None,
        *,
        limit: int | None = 5,
    ) -> tuple[Question, ...]:
        """The next questions that would best tell the leading candidates apart (for
        example tingling, to separate vitamin B12 from magnesium), most telling first."""
        from cramps.questions import suggest

        return suggest(self, self._symptoms(symptoms), _profile(profile), limit=check_limit(limit))

    def relief_for(self, symptom: str | Symptom, *, limit: int | None = None) -> Ranking[Remedy]:
        """Remedies for ``symptom``: immediate relief first, then prevention, then what a
        clinician may offer; within each group the best evidenced first."""
        query = scoring.Query(symptoms=self._symptoms(symptom))
        scored = _scored(self.remedies, query, self, scoring.get("evidence"))
        scored.sort(key=lambda item: (_REMEDY_ORDER[item[1].kind], -item[0].value, item[1].id))
        return _as_ranking(scored, check_limit(limit))

    # Foods -------------------------------------------------------------------

    @property
    def foods(self) -> FoodTable:
        """The packaged USDA SR28 food table, loaded on first use (without
        ``extension_foods``, which the food queries below include)."""
        return self._foods.get()

    def food(self, name_or_id: str) -> Food:
        """The food with this id, NDB number or description; extension foods first."""
        overlay = self._food_overlay
        if overlay is None:
            return self.foods.food(name_or_id)
        return overlay.food(self.foods, name_or_id)

    def search_foods(self, text: str, *, limit: int = 10) -> tuple[Food, ...]:
        """Foods whose description matches ``text``, best first."""
        overlay = self._food_overlay
        if overlay is None:
            return self.foods.search(text, limit=limit)
        return overlay.search(self.foods, text, limit=limit)

    def foods_rich_in(
        self,
        nutrient: str | Nutrient,
        *,
        limit: int | None = 10,
        per: str = "100g",
        groups: Iterable[str] | None = None,
        exclude_groups: Iterable[str] | None = None,
        diet: str | None = None,
    ) -> tuple[FoodResult, ...]:
        """Foods ranked by their measured amount of ``nutrient`` (USDA SR28 and any
        extension foods, by the same rules).

        ``per`` is ``"100g"``, ``"portion"`` (the food's first household portion) or
        ``"100kcal"``; ``diet`` is ``"vegan"``, ``"vegetarian"`` or ``None``. Answers to
        questions asked by name without group filters are kept (up to 128 per knowledge
        base), so a repeated question costs a lookup.
        """
        asked: Hashable = None
        if (
            groups is None
            and exclude_groups is None
            and type(nutrient) is str
            and type(per) is str
            and (limit is None or type(limit) is int)
            and (diet is None or type(diet) is str)
        ):  # exact types only, so True never passes for limit=1
            asked = (nutrient, per, limit, diet)
            answer: tuple[FoodResult, ...] | None = self._food_answers.get(asked)
            if answer is not None:
                return answer
        record = nutrient if isinstance(nutrient, Nutrient) else self.nutrient(nutrient)
        overlay = self._food_overlay
        if overlay is None:
            answer = self.foods.rich_in(
                record.id, limit=limit, per=per, groups=groups, exclude_groups=exclude_groups, diet=diet
            )
        else:
            answer = overlay.rich_in(
                self.foods, record.id, limit=limit, per=per, groups=groups, exclude_groups=exclude_groups, diet=diet
            )
        if asked is not None:
            self._food_answers.put(asked, answer)
        return answer

    def typical_sources(self, nutrient: str | Nutrient) -> tuple[TypicalSource, ...]:
        """The food kinds commonly named as sources of ``nutrient`` (its
        ``typical_sources``), each linked to the USDA SR28 food that best represents it
        where one does with confidence (see :meth:`~cramps.food_table.FoodTable.best_match`),
        with that food's measured amount per 100 g."""
        record = nutrient if isinstance(nutrient, Nutrient) else self.nutrient(nutrient)
        key = ("typical sources", record.id, record.typical_sources)
        kept: tuple[TypicalSource, ...] | None = self._food_answers.get(key)
        if kept is None:
            from cramps.foods import TypicalSource

            linked = []
            for name in record.typical_sources:
                food = self.foods.best_match(name)
                amount = None if food is None else food.nutrients.get(record.id)
                linked.append(TypicalSource(nutrient=record.id, name=name, food=food, amount=amount))
            kept = tuple(linked)
            self._food_answers.put(key, kept)
        return kept

    # People: profiles, reference intakes, lab tests, red flags ------------------

    def profile(self, **fields: Any) -> Profile:
        """A :class:`~cramps.Profile` from keyword fields, with ``medications`` and
        ``conditions`` given by name, alias or code and resolved to factor ids.

        An unknown name, or a medication name that is not a medication (a condition that
        is not a condition), raises :class:`~cramps.UnknownTermError` with suggestions; the
        condition ``pregnancy`` sets ``pregnant=True``. Invalid fields raise ``TypeError``
        or ``ValueError`` naming the field.
        """
        from cramps.profiles import build_profile

        return build_profile(self, fields)

    def daily_target(self, nutrient: str | Nutrient, profile: Profile) -> DailyTarget:
        """The Dietary Reference Intake of ``nutrient`` for ``profile``'s life-stage group:
        the RDA or AI, the upper limit and what it covers, and the label Daily Value.

        Raises :class:`~cramps.ProfileError` naming the missing field (age; sex from age 9)
        or when the DRIs have no group for the profile (pregnancy or lactation outside
        ages 14-50), and :class:`~cramps.NoReferenceError` for a nutrient without a DRI.
        """
        record = self._known_nutrient(nutrient)
        return self._person.get().targets.for_profile(record, profile)

    def lab_tests_for(self, subject: str | Nutrient | Factor) -> LabTests:
        """The blood tests, with LOINC codes, that measure a nutrient (or look for a
        condition such as thyroid disease), as a tuple that carries the disclaimer."""
        tests = self._person.get().tests
        if isinstance(subject, Factor):
            return tests.for_factor(self.factor(subject.id).id)
        if isinstance(subject, Nutrient):
            return tests.for_nutrient(self._known_nutrient(subject).id)
        try:
            return tests.for_nutrient(self.nutrient(subject).id)
        except UnknownTermError as error:
            try:
                factor = self.factor(subject)
            except UnknownTermError:
                raise error from None
            return tests.for_factor(factor.id)

    def triage(self, symptoms: str | Iterable[str], profile: Profile | None = None) -> Triage:
        """How urgently to get help for ``symptoms`` (names of red flags or symptoms), given
        an optional profile: the most urgent level matched, the red flags and the advice.

        Unknown names raise :class:`~cramps.UnknownTermError` with suggestions.
        """
        from cramps.red_flags import triage

        return triage(self, self._person.get().flags, symptoms, profile)

    @property
    def red_flags(self) -> tuple[RedFlag, ...]:
        """Every red flag, most urgent first (loaded on first use)."""
        return self._person.get().flags.all()

    @property
    def person_data(self) -> PersonData:
        """The reference intakes, lab tests and red flags, loaded on first use."""
        return self._person.get()

    # Helpers -----------------------------------------------------------------

    def _known_nutrient(self, nutrient: object) -> Nutrient:
        if isinstance(nutrient, Nutrient):
            known = self._nutrient_index.get(nutrient.id)
            if known is None:
                raise UnknownTermError(nutrient.id, "nutrient")
            return known
        return self.nutrient(nutrient)  # type: ignore[arg-type]

    def _symptoms(self, given: str | Symptom | Iterable[str | Symptom]) -> tuple[Symptom, ...]:
        items: Iterable[object] = (given,) if isinstance(given, (str, Symptom)) else given
        if not isinstance(items, Iterable):
            raise TypeError(f"symptoms must be a name, a Symptom or several of them, not {type(given).__name__}")
        found = tuple(self._one_symptom(item) for item in items)
        if not found:
            raise ValueError("give at least one symptom")
        return found

    def _one_symptom(self, item: object) -> Symptom:
        if isinstance(item, Symptom):
            known = self._symptom_index.get(item.id)
            if known is None:
                raise UnknownTermError(item.id, "symptom")
            return known
        return self.symptom(item)  # type: ignore[arg-type]


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


def _profile(profile: object) -> Profile | None:
    if profile is None:  # before the import: rankings without a profile never load cramps.profiles
        return None
    from cramps.profiles import Profile

    if isinstance(profile, Profile):
        return profile
    raise TypeError(f"profile must be a cramps.Profile or None, not {type(profile).__name__}")


def _kinds(kinds: Iterable[str]) -> frozenset[str]:
    if isinstance(kinds, str):
        kinds = (kinds,)
    chosen = frozenset(kinds)
    unknown = chosen - set(KINDS)
    if unknown or not chosen:
        raise ValueError(f"kinds must be a non-empty selection of {KINDS}, got {sorted(unknown) or 'nothing'}")
    return chosen


def _scored(
    candidates: Iterable[T], query: scoring.Query, kb: KnowledgeBase, scorer: scoring.Scorer
) -> list[tuple[Score, T]]:
    results = []
    for candidate in candidates:
        score = scorer.score(candidate, query, kb)  # type: ignore[arg-type]
        if not isinstance(score, Score):
            raise TypeError(f"{type(scorer).__name__}.score() must return a cramps.Score, got {type(score).__name__}")
        if score.value > 0.0 or score.reasons:
            results.append((score, candidate))
    return results


def _ranked(
    candidates: Iterable[T], query: scoring.Query, kb: KnowledgeBase, scorer: scoring.Scorer, limit: int | None
) -> Ranking[T]:
    scored = _scored(candidates, query, kb, scorer)
    scored.sort(key=lambda item: (-item[0].value, item[1].id))
    return _as_ranking(scored, limit)


def _as_ranking(scored: list[tuple[Score, T]], limit: int | None) -> Ranking[T]:
    return Ranking(
        Ranked(record=record, score=score.value, rank=position, reasons=score.reasons)
        for position, (score, record) in enumerate(scored[:limit], start=1)
    )
