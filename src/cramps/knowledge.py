"""The knowledge base: every record, and the questions it answers.

:class:`KnowledgeBase` is a façade: it holds the records and hands each question to the
module of its concept (:mod:`cramps.vocabulary` for names and hierarchies,
:mod:`cramps.fuzzy` for search, :mod:`cramps.scoring` and :mod:`cramps.ranking` for
rankings, :mod:`cramps.food_table` for foods, :mod:`cramps.intakes`,
:mod:`cramps.lab_tests`, :mod:`cramps.profiles` and :mod:`cramps.red_flags` for people).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from cramps import _fields
from cramps._cache import Caches, Lazy
from cramps._fields import check_limit
from cramps.catalogue import KNOWLEDGE, TEAM
from cramps.citations import Citation
from cramps.evidence import Claim
from cramps.factors import Factor
from cramps.food_queries import FoodQueries
from cramps.guidance import Guidance
from cramps.nutrients import Nutrient
from cramps.person_queries import PersonQueries
from cramps.remedies import Remedy, RemedyKind
from cramps.symptoms import Symptom
from cramps.vocabulary import Vocabulary, merged_records

if TYPE_CHECKING:
    from cramps import scoring
    from cramps._food_overlay import FoodOverlay
    from cramps.food_table import FoodTable
    from cramps.foods import Food
    from cramps.fuzzy import SearchHit
    from cramps.person_data import PersonData
    from cramps.profiles import Profile
    from cramps.questions import Question
    from cramps.ranking import Ranking

__all__ = ["KINDS", "KnowledgeBase"]

#: The kinds of candidate :meth:`KnowledgeBase.rank` ranks.
KINDS = ("nutrient", "factor")
_REMEDY_ORDER = {kind: position for position, kind in enumerate(RemedyKind)}
SymptomArg = str | Symptom | Iterable[str | Symptom]


def _load_foods() -> FoodTable:
    from cramps.food_table import FoodTable

    return FoodTable.load()


def _load_person() -> PersonData:
    from cramps.person_data import read_person_data

    return read_person_data()


@attrs.frozen(kw_only=True)
class KnowledgeBase(FoodQueries, PersonQueries):
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
    _overlay: FoodOverlay | None = attrs.field(init=False, eq=False, repr=False)

    @_vocabulary.default
    def _index_records(self) -> Vocabulary:
        return Vocabulary(**{name: getattr(self, name) for name in KNOWLEDGE})

    @_caches.default
    def _new_caches(self) -> Caches:
        return Caches(Lazy(_load_foods), Lazy(_load_person, self._person_data))

    @_overlay.default
    def _lay_foods_over(self) -> FoodOverlay | None:
        if not self.extension_foods:  # only then: a knowledge base without them never imports the overlay
            return None
        from cramps._food_overlay import FoodOverlay

        return FoodOverlay(self.extension_foods, self._caches.foods)

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
            from cramps._food_overlay import merged_foods

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

    def broader_factors(self, factor_id: str) -> frozenset[str]:
        """Ids of every factor ``factor_id`` belongs to, transitively (a thiazide is a diuretic)."""
        return self._vocabulary.broader_factors(factor_id)

    def search(self, text: str, *, limit: int | None = 10) -> tuple[SearchHit, ...]:
        """Nutrients, symptoms, factors and remedies whose names, aliases or codes match
        ``text``, best first; tolerates typos; ties are broken by kind and id."""
        from cramps import fuzzy

        words = self._vocabulary
        return fuzzy.search((words.nutrients, words.symptoms, words.factors, words.remedies), text, limit=limit)

    # Rankings ----------------------------------------------------------------

    def rank(
        self,
        symptoms: SymptomArg,
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
        from cramps import scoring

        found = self._vocabulary.symptoms_named(symptoms)
        who, chosen, limit = _profile(profile), _kinds(kinds), check_limit(limit)
        key = (tuple(sorted({s.id for s in found})), who, chosen, limit) if scoring.is_default(scorer) else None
        kept: Ranking[Nutrient | Factor] | None = self._caches.rankings.lookup(key)
        if kept is not None:
            return kept
        from cramps.ranking import rank_records, scored

        candidates: list[Nutrient | Factor] = [*(self.nutrients if "nutrient" in chosen else ())]
        candidates.extend(self.factors if "factor" in chosen else ())
        query = scoring.Query(symptoms=found, profile=who)
        ranking = rank_records(scored(candidates, query, self, scoring.resolve(scorer)), limit)
        self._caches.rankings.keep(key, ranking)
        return ranking

    def nutrients_for_symptom(
        self,
        symptom: SymptomArg,
        profile: Profile | None = None,
        *,
        limit: int | None = None,
        scorer: scoring.Scorer | str | None = None,
    ) -> Ranking[Nutrient]:
        """Nutrients linked to ``symptom`` (one or several), best evidenced first."""
        return self.rank(symptom, profile, scorer=scorer, kinds=("nutrient",), limit=limit)  # type: ignore[return-value]

    def factors_for_symptom(
        self,
        symptom: SymptomArg,
        profile: Profile | None = None,
        *,
        limit: int | None = None,
        scorer: scoring.Scorer | str | None = None,
    ) -> Ranking[Factor]:
        """Contributing factors linked to ``symptom`` (one or several), best evidenced first."""
        return self.rank(symptom, profile, scorer=scorer, kinds=("factor",), limit=limit)  # type: ignore[return-value]

    def suggest(
        self, symptoms: SymptomArg, profile: Profile | None = None, *, limit: int | None = 5
    ) -> tuple[Question, ...]:
        """The next questions that would best tell the leading candidates apart (for
        example tingling, to separate vitamin B12 from magnesium), most telling first."""
        from cramps.questions import suggest

        return suggest(self, self._vocabulary.symptoms_named(symptoms), _profile(profile), limit=check_limit(limit))

    def relief_for(self, symptom: str | Symptom, *, limit: int | None = None) -> Ranking[Remedy]:
        """Remedies for ``symptom``: immediate relief first, then prevention, then what a
        clinician may offer; within each group the best evidenced first."""
        from cramps import scoring
        from cramps.ranking import rank_records, scored

        query = scoring.Query(symptoms=self._vocabulary.symptoms_named(symptom))
        results = scored(self.remedies, query, self, scoring.get("evidence"))
        return rank_records(results, check_limit(limit), _remedy_order)

def _remedy_order(item: tuple[Any, Remedy]) -> tuple[int, float, str]:
    """Immediate relief first, then prevention, then clinician options; the best score
    first within each; ties by id."""
    return (_REMEDY_ORDER[item[1].kind], -item[0].value, item[1].id)


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
