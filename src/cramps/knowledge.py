"""The knowledge base: every record, and the questions it answers.

:class:`KnowledgeBase` is a façade: it holds the records and hands each question to the
module of its concept (:mod:`cramps.vocabulary` for names and hierarchies,
:mod:`cramps.fuzzy` for search, :mod:`cramps.scoring` and :mod:`cramps.ranking` for
rankings, :mod:`cramps.food_table` for foods, :mod:`cramps.intakes`,
:mod:`cramps.lab_tests`, :mod:`cramps.profiles` and :mod:`cramps.red_flags` for people).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from cramps import _fields
from cramps._cache import Caches, Lazy, question_key
from cramps._fields import check_limit
from cramps.assess_queries import AssessQueries
from cramps.catalogue import KNOWLEDGE, TEAM
from cramps.citations import Citation
from cramps.evidence import Claim
from cramps.factors import Factor
from cramps.food_queries import FoodQueries
from cramps.guidance import Guidance
from cramps.nutrients import Nutrient
from cramps.person_queries import PersonQueries
from cramps.remedies import Remedy
from cramps.symptoms import Symptom
from cramps.text import fold
from cramps.vocabulary import Vocabulary, merged_records

if TYPE_CHECKING:
    from cramps import scoring
    from cramps.food_catalogue import FoodCatalogue
    from cramps.food_table import FoodTable
    from cramps.foods import Food
    from cramps.fuzzy import SearchHit
    from cramps.person_data import PersonData
    from cramps.profiles import Profile
    from cramps.questions import Question
    from cramps.ranking import Ranking

__all__ = ["KINDS", "KnowledgeBase"]

V = TypeVar("V")

#: The kinds of candidate :meth:`KnowledgeBase.rank` ranks.
KINDS = ("nutrient", "factor")
SymptomArg = str | Symptom | Iterable[str | Symptom]


def _load_foods() -> FoodTable:
    from cramps.food_table import FoodTable

    return FoodTable.load()


def _load_person() -> PersonData:
    from cramps.person_data import read_person_data

    return read_person_data()


@attrs.frozen(kw_only=True)
class KnowledgeBase(FoodQueries, PersonQueries, AssessQueries):
    """Every record of the knowledge base, validated and indexed on construction.

    The module-level queries (:func:`cramps.nutrient`, :func:`cramps.nutrients_for_symptom`
    ...) call the methods of :func:`default_kb`. Construction checks every reference: an
    unknown id, a duplicate id or name, or a claim without a known citation raises
    :class:`~cramps.DataError`. ``extension_foods`` are a team's own
    :class:`~cramps.foods.Food` records (see :func:`cramps.load`), ranked with the packaged
    USDA foods; one with a packaged food's id takes that food's place. ``person_data``
    replaces the packaged reference intakes, lab tests and red flags (for tests).
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
    _person_data: PersonData | None = attrs.field(default=None, alias="person_data", eq=False, repr=False)
    _vocabulary: Vocabulary = attrs.field(init=False, eq=False, repr=False)
    _caches: Caches = attrs.field(init=False, eq=False, repr=False)

    @_vocabulary.default
    def _index_records(self) -> Vocabulary:
        return Vocabulary(**{name: getattr(self, name) for name in KNOWLEDGE})

    @_caches.default
    def _new_caches(self) -> Caches:
        return Caches(Lazy(_load_foods), Lazy(_load_person, self._person_data))

    def __attrs_post_init__(self) -> None:
        if self.extension_foods:  # validated now, so that a bad team food fails the load
            from cramps.catalogue import file_name
            from cramps.foods import check_food_nutrients

            check_food_nutrients(self.extension_foods, (n.id for n in self.nutrients), file=file_name("foods"))
            self.catalogue  # noqa: B018

    @property
    def catalogue(self) -> FoodCatalogue:
        """The food catalogue every food question goes to: the packaged USDA table and
        ``extension_foods`` behind one object (made on the first food question)."""
        return self._caches.catalogue.get(self._new_catalogue)

    def _new_catalogue(self) -> FoodCatalogue:
        from cramps.food_catalogue import FoodCatalogue

        return FoodCatalogue(self.extension_foods, self._caches.foods)

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
        self, collections: Mapping[str, Iterable[Any]], *, replace: bool = False, data_version: str | None = None
    ) -> KnowledgeBase:
        """A new knowledge base with more records, given per collection name
        (``"nutrients"``, ``"claims"`` ... and ``"foods"`` for :class:`~cramps.foods.Food`
        records); the rules of :meth:`merge` apply, and a food whose id is a packaged
        food's is taken only with ``replace``."""
        unknown = set(collections) - set(TEAM)
        if unknown:
            raise ValueError(f"unknown collection(s) {sorted(unknown)}; expected some of {sorted(TEAM)}")
        current = {collection: getattr(self, collection) for collection in KNOWLEDGE}
        merged: dict[str, Any] = merged_records(current, collections, replace=replace)
        foods = self.extension_foods
        added = tuple(collections.get("foods", ()))
        if added:
            from cramps._team_foods import merged_foods

            foods = merged_foods(foods, added, self.foods, replace=replace)
        version = data_version or self.data_version
        return KnowledgeBase(**merged, extension_foods=foods, data_version=version, person_data=self._person_data)

    # Lookups -----------------------------------------------------------------

    def nutrient(self, name: str) -> Nutrient:
        """The nutrient named ``name`` (id, name, alias or code; case, space and accent blind)."""
        return self._vocabulary.nutrients.lookup(name)

    def symptom(self, name: str) -> Symptom:
        """The symptom named ``name`` (id, name, alias, HPO or ICD-10-CM code)."""
        return self._vocabulary.symptoms.lookup(name)

    def factor(self, name: str) -> Factor:
        """The contributing factor named ``name`` (id, name, alias or code)."""
        return self._vocabulary.factors.lookup(name)

    def remedy(self, name: str) -> Remedy:
        """The remedy named ``name``."""
        return self._vocabulary.remedies.lookup(name)

    def citation(self, citation_id: str) -> Citation:
        """The citation with this id."""
        return self._vocabulary.citation(citation_id)

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id."""
        return self._vocabulary.claim(claim_id)

    def claims_about(self, subject: str) -> tuple[Claim, ...]:
        """Every claim whose subject is this id, sorted by claim id."""
        return self._vocabulary.claims_about(subject)

    def citations_for(self, claim: Claim) -> tuple[Citation, ...]:
        """The citations behind ``claim``, in the claim's order."""
        return tuple(self._vocabulary.citations[c] for c in claim.citations)

    def broader_symptoms(self, symptom_id: str) -> frozenset[str]:
        """Ids of every symptom ``symptom_id`` is a kind of, transitively."""
        return self._vocabulary.broader_symptoms(symptom_id)

    def narrower_symptoms(self, symptom_id: str) -> frozenset[str]:
        """Ids of every symptom that is a kind of ``symptom_id``, transitively."""
        return self._vocabulary.narrower_symptoms(symptom_id)

    def narrower_factors(self, factor_id: str) -> frozenset[str]:
        """Ids of every factor that is a kind of ``factor_id``, transitively (thiazides and
        loop diuretics are diuretics)."""
        return self._vocabulary.narrower_factors(factor_id)

    def broader_factors(self, factor_id: str) -> frozenset[str]:
        """Ids of every factor ``factor_id`` belongs to, transitively (a thiazide is a diuretic)."""
        return self._vocabulary.broader_factors(factor_id)

    def derived(self, key: Hashable, make: Callable[[], V]) -> V:
        """A value worked out from this knowledge base (a scorer's model of it), made by
        ``make()`` the first time ``key`` is asked for and kept with the knowledge base's
        caches: at most 8 keys, the oldest going first, each asked to forget its own
        answers (its ``clear()``) when the caches are cleared. ``make`` must be a pure
        function of the knowledge base: two threads may both make it once."""
        return self._caches.kept(self._caches.derived, key, make)

    def search(self, text: str, *, limit: int | None = 10) -> tuple[SearchHit, ...]:
        """Nutrients, symptoms, factors and remedies whose names, aliases or codes match
        ``text``, best first; tolerates typos; ties are broken by kind and id. Answers are
        kept (up to 1,024 per knowledge base, with triage)."""
        from cramps import fuzzy

        words = self._vocabulary
        most = check_limit(limit)
        key = ("search", text, most) if type(text) is str else None  # kept, as rankings are
        return self._caches.kept(
            self._caches.answers,
            key,
            lambda: fuzzy.search((words.nutrients, words.symptoms, words.factors, words.remedies), text, limit=most),
        )

    # Rankings ----------------------------------------------------------------

    def rank(
        self,
        symptoms: SymptomArg,
        profile: Profile | None = None,
        *,
        scorer: scoring.Scorer | str | None = None,
        kinds: Iterable[str] = KINDS,
        limit: int | None = None,
        absent: SymptomArg = (),
    ) -> Ranking[Nutrient | Factor]:
        """Nutrients and factors (``kinds``) ranked for ``symptoms`` and an optional
        ``profile``, best first.

        ``symptoms`` are names, ids, codes, :class:`~cramps.Symptom` records, or plain
        text ("tingling in my feet", "cramps keep me awake", "since I started
        furosemide"): text that is not a name is read (see :meth:`read`) for the symptoms
        it mentions, those it says are absent and the factors it names. Text in which
        nothing can be read raises :class:`~cramps.UnknownTermError` with suggestions when
        no other text gives a symptom; otherwise it is listed in the ranking's
        ``unrecognised`` (see :class:`~cramps.Ranking`). Text read only as red flags or factors gives
        an empty ranking (see :meth:`triage` for what the flags mean).

        ``absent`` names findings the person does not have (symptoms, or factors such as
        ``"diuretics"``; ``"medications"`` for none at all): they rule out what they would
        have raised. Each candidate scored above 0, or scored 0 with reasons, is kept; ties are broken by id.
        ``scorer`` is a :class:`~cramps.scoring.Scorer`, a registered name, or ``None`` for
        the default (:class:`~cramps.pattern.PatternScorer`). Rankings by the default
        scorer are kept per question and per set of facts that matter (up to 8,192), and
        their reasons are made on first access.
        """
        who, chosen, limit = _profile(profile), _kinds(kinds), check_limit(limit)
        if _is_default(scorer):
            model = self._pattern_model()
            given, without = question_key(symptoms, _SYMPTOM_KEYS), question_key(absent, _SYMPTOM_KEYS)
            asked = None if given is None or without is None else (given, without)
            resolved = model.resolved.lookup(asked)  # None for a question not to keep
            if resolved is None:
                found, missing, named, absent_factors, unread = self._findings(symptoms, absent)
                ids = (tuple(s.id for s in found), tuple(s.id for s in missing), named, absent_factors)
                resolved = (named, absent_factors, ids, model.question(ids), unread)
                model.resolved.keep(asked, resolved)
            ranking: Ranking[Nutrient | Factor] = model.rank(resolved[:4], who, chosen, limit)
            return ranking.with_unrecognised(resolved[4]) if resolved[4] else ranking
        from cramps import scoring

        found, missing, named, absent_factors, unread = self._findings(symptoms, absent)
        from cramps.ranking import Ranking, rank_records, scored

        if not found:  # only red flags or factors were read
            return Ranking().with_unrecognised(unread)

        candidates: list[Nutrient | Factor] = [*(self.nutrients if "nutrient" in chosen else ())]
        candidates.extend(self.factors if "factor" in chosen else ())
        query = scoring.Query(symptoms=found, profile=who, absent=missing, factors=named, absent_factors=absent_factors)
        ranking = rank_records(scored(candidates, query, self, scoring.resolve(scorer)), limit)
        return ranking.with_unrecognised(unread) if unread else ranking

    def _pattern_model(self) -> Any:
        """The default scorer's model of this knowledge base (:class:`cramps.pattern.Model`,
        kept by :meth:`derived` under the default scorer)."""
        global _DEFAULT_SCORER
        model = self._caches.derived.get(_DEFAULT_SCORER)
        if model is None:
            from cramps.pattern import DEFAULT, Model

            _DEFAULT_SCORER = DEFAULT
            model = Model.of(self, DEFAULT)
        return model

    def _findings(
        self, symptoms: SymptomArg, absent: SymptomArg
    ) -> tuple[tuple[Symptom, ...], tuple[Symptom, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The presented symptoms (sorted by id), the absent ones, the factor ids named
        present and absent, from names and plain text, and the texts in which nothing
        could be read. When no symptom at all is found, the first unknown text raises
        :class:`~cramps.UnknownTermError` with suggestions."""
        present: dict[str, Symptom] = {}
        missing: dict[str, Symptom] = {}
        named: set[str] = set()
        not_named: set[str] = set()
        items = (symptoms,) if isinstance(symptoms, (str, Symptom)) else symptoms
        if not isinstance(items, Iterable):
            raise TypeError(f"symptoms must be a name, a Symptom or several of them, not {type(symptoms).__name__}")
        items = tuple(items)
        if not items:
            raise ValueError("give at least one symptom")
        unread: list[str] = []
        heard = False  # whether any text was read at all (a red flag, a factor ...)
        names = self._vocabulary.symptoms
        for item in items:
            # text that names no symptom is read, without building the error it would raise
            symptom = names.find_term(item) if type(item) is str else None
            if symptom is None and type(item) is not str:
                symptom = self._vocabulary.symptoms_named((item,))[0]
            if symptom is None:
                reading = self.read(item)  # type: ignore[arg-type]  # only text is not found
                if reading.unrecognised and not reading.read_anything:
                    unread.append(item)  # type: ignore[arg-type]
                else:
                    heard = True
                present.update((sid, self.symptom(sid)) for sid in reading.symptoms)
                missing.update((sid, self.symptom(sid)) for sid in reading.absent_symptoms)
                named.update(reading.factors)
                not_named.update(reading.absent_factors)
            else:
                present[symptom.id] = symptom
        gone = (absent,) if isinstance(absent, (str, Symptom)) else absent
        if not isinstance(gone, Iterable):
            raise TypeError(f"absent must be a name, a Symptom or several of them, not {type(absent).__name__}")
        for item in gone:
            self._absent(item, missing, not_named)
        if not present and not heard and unread:
            self._vocabulary.symptoms_named((unread[0],))  # raises UnknownTermError with suggestions
        for sid in present:
            missing.pop(sid, None)
        ordered = tuple(present[k] for k in sorted(present))
        found = (ordered, tuple(missing[k] for k in sorted(missing)), tuple(sorted(named)), tuple(sorted(not_named)))
        return (*found, tuple(unread))

    def _absent(self, item: object, missing: dict[str, Symptom], not_named: set[str]) -> None:
        """Record one finding the person does not have: a symptom, a factor, "medications",
        or text read for either."""
        from cramps.profiles import NO_MEDICATIONS

        if isinstance(item, Symptom):
            missing[item.id] = self._vocabulary.symptoms_named((item,))[0]
            return
        if not isinstance(item, str):
            raise TypeError(f"absent must hold names or Symptoms, not {type(item).__name__}")
        if fold(item) in _NO_MEDICINE_WORDS:
            not_named.add(NO_MEDICATIONS)
            return
        for index in (self._vocabulary.symptoms, self._vocabulary.factors):
            record = index.find_term(item)
            if record is None:
                continue
            if isinstance(record, Symptom):
                missing[record.id] = record
            else:
                not_named.add(record.id)
            return
        reading = self.read(item)
        if not reading.read_anything:
            self._vocabulary.symptoms.lookup(item)  # raises UnknownTermError with suggestions
        words = (*reading.symptoms, *reading.absent_symptoms)
        missing.update((sid, self.symptom(sid)) for sid in words)
        not_named.update((*reading.factors, *reading.absent_factors))

    def nutrients_for_symptom(
        self,
        symptom: SymptomArg,
        profile: Profile | None = None,
        *,
        limit: int | None = None,
        scorer: scoring.Scorer | str | None = None,
        absent: SymptomArg = (),
    ) -> Ranking[Nutrient]:
        """Nutrients linked to ``symptom`` (one or several names, or plain text), best
        evidenced first; ``absent`` as for :meth:`rank`."""
        ranking = self.rank(symptom, profile, scorer=scorer, kinds=("nutrient",), limit=limit, absent=absent)
        return ranking  # type: ignore[return-value]

    def factors_for_symptom(
        self,
        symptom: SymptomArg,
        profile: Profile | None = None,
        *,
        limit: int | None = None,
        scorer: scoring.Scorer | str | None = None,
        absent: SymptomArg = (),
    ) -> Ranking[Factor]:
        """Contributing factors linked to ``symptom`` (one or several names, or plain
        text): the person's own factors first, then the best evidenced; factors the
        profile rules out are left out. ``absent`` as for :meth:`rank`."""
        ranking = self.rank(symptom, profile, scorer=scorer, kinds=("factor",), limit=limit, absent=absent)
        return ranking  # type: ignore[return-value]

    def suggest(
        self, symptoms: SymptomArg, profile: Profile | None = None, *, limit: int | None = 5
    ) -> tuple[Question, ...]:
        """The next questions that would best tell the leading candidates apart (for
        example tingling, to separate vitamin B12 from magnesium), most telling first.
        Answers by the default scorer are kept like rankings (up to 1,024 per knowledge
        base), so a repeated question costs a lookup; a new one costs a few rankings."""
        from cramps import questions

        who, most = _profile(profile), check_limit(limit)
        if not _is_default(None):  # a scorer registered as "default": each answer ranked by it, nothing kept
            return questions.suggest(self, self._vocabulary.symptoms_named(symptoms), who, limit=most)
        return questions.Suggester.of(self).kept(symptoms, who, most, lambda: self._vocabulary.symptoms_named(symptoms))

    def relief_for(
        self, symptom: str | Symptom, profile: Profile | None = None, *, limit: int | None = None
    ) -> Ranking[Remedy]:
        """Remedies for ``symptom``, tailored to an optional ``profile``: immediate relief
        first, then prevention, then what a clinician may offer; within each kind the
        highest score first (ties by id), so the order never contradicts the scores.

        A remedy's score is its net benefit (:class:`~cramps.relief.ReliefScorer`): the
        evidence that it helps, ``1 - prod(1 - w)`` over its supporting claims with ``w =
        grade x direction x relevance x context``, lowered by trials that found no effect
        and by its harms; a remedy under a regulatory safety warning for this use (quinine)
        scores 0, so it never outscores a safe remedy with support, and its warning stays
        in the reasons, which add up to the score. Specialist treatments (those with
        :attr:`~cramps.Remedy.for_conditions`, such as the cramp treatments tried in liver
        cirrhosis) are offered only when the profile has one of those conditions, and never
        without a profile. A profile with an unknown medication or condition id raises
        :class:`~cramps.UnknownTermError`.
        """
        from cramps.relief import relief

        found = self._vocabulary.symptoms_named(symptom)
        return relief(self, found, _profile(profile), limit=check_limit(limit))


#: Words that, given as ``absent``, mean the person takes no medicines at all.
_NO_MEDICINE_WORDS = frozenset(
    fold(w) for w in ("medications", "medication", "medicines", "medicine", "any medicines", "drugs", "tablets")
)


#: The values a symptoms argument is kept by (see :func:`~cramps._cache.question_key`).
_SYMPTOM_KEYS = (str, Symptom)


def _is_default(scorer: object) -> bool:
    """:func:`cramps.scoring.is_default`. Until :mod:`cramps.scoring` is imported, no
    scorer can have been registered under "default", so ``None`` asks for the built-in
    one and the first ranking need not import the scoring module at all."""
    global _IS_DEFAULT
    if _IS_DEFAULT is None:
        if scorer is None and "cramps.scoring" not in sys.modules:
            return True
        from cramps.scoring import is_default

        _IS_DEFAULT = is_default
    decided: bool = _IS_DEFAULT(scorer)
    return decided


_IS_DEFAULT: Any = None


_PROFILE: Any = None
#: The key the default scorer's model is kept under (``cramps.pattern.DEFAULT``, set on the
#: first ranking; ``None`` before, which no model is kept under).
_DEFAULT_SCORER: Any = None


def _profile(profile: object) -> Profile | None:
    if profile is None:
        return None
    global _PROFILE
    if _PROFILE is None:  # imported on the first ranking with a profile
        from cramps.profiles import Profile

        _PROFILE = Profile
    if isinstance(profile, _PROFILE):
        return profile  # type: ignore[no-any-return]
    raise TypeError(f"profile must be a cramps.Profile or None, not {type(profile).__name__}")


_KINDS_GIVEN: dict[object, frozenset[str]] = {
    ("nutrient",): frozenset({"nutrient"}),
    ("factor",): frozenset({"factor"}),
    KINDS: frozenset(KINDS),
}


def _kinds(kinds: Iterable[str]) -> frozenset[str]:
    if isinstance(kinds, tuple) and all(type(kind) is str for kind in kinds):
        known = _KINDS_GIVEN.get(kinds)
        if known is not None:
            return known
    if isinstance(kinds, str):
        kinds = (kinds,)
    if not isinstance(kinds, Iterable):
        raise TypeError(f"kinds must be a selection of {KINDS}, not {type(kinds).__name__}")
    given = tuple(kinds)
    for kind in given:
        if not isinstance(kind, str):
            raise TypeError(
                f"kinds must be a selection of {KINDS}, not a {type(kinds).__name__} holding a {type(kind).__name__}"
            )
    chosen = frozenset(given)
    unknown = chosen - set(KINDS)
    if unknown or not chosen:
        raise ValueError(f"kinds must be a non-empty selection of {KINDS}, got {sorted(unknown) or 'nothing'}")
    return chosen
