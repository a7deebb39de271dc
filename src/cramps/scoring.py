"""Scoring: the :class:`Scorer` protocol, the built-in evidence scorer and a registry.

A scorer rates one candidate (a nutrient, factor or remedy) for a :class:`Query` and
explains itself with :class:`~cramps.ranking.Reason` objects. Rankings call it once per
candidate and sort by ``(-score, id)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import attrs

from cramps import _fields
from cramps._text import close_matches, fold
from cramps.errors import UnknownTermError
from cramps.evidence import Claim, Direction, Grade, Relation
from cramps.factors import Factor
from cramps.nutrients import Nutrient
from cramps.ranking import Reason, Score
from cramps.remedies import Remedy
from cramps.symptoms import Symptom

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase

__all__ = [
    "Candidate",
    "EvidenceScorer",
    "Query",
    "Scorer",
    "get",
    "names",
    "register",
    "unregister",
]

Candidate = Nutrient | Factor | Remedy


def _sorted_symptoms(items: Iterable[Symptom]) -> tuple[Symptom, ...]:
    return tuple(sorted(dict.fromkeys(items), key=lambda s: s.id))


@attrs.frozen(kw_only=True)
class Query:
    """What is being ranked for: the symptoms, sorted by id so order never matters."""

    symptoms: tuple[Symptom, ...] = attrs.field(converter=_sorted_symptoms, validator=_fields.non_empty)


@runtime_checkable
class Scorer(Protocol):
    """Anything with this ``score`` method can rank candidates."""

    def score(self, candidate: Candidate, query: Query, kb: KnowledgeBase) -> Score:
        """Rate ``candidate`` for ``query`` in ``kb``; a pure function of its arguments."""
        ...


GRADE_WEIGHTS: Mapping[Grade, float] = MappingProxyType(
    {
        Grade.A: 1.0,
        Grade.A_LOW: 0.6,
        Grade.B: 0.6,
        Grade.C: 0.45,
        Grade.R: 0.45,
        Grade.D: 0.3,
        Grade.E: 0.15,
        Grade.INSUFFICIENT: 0.0,
    }
)
DIRECTION_WEIGHTS: Mapping[Direction, float] = MappingProxyType(
    {
        Direction.SUPPORTS: 1.0,
        Direction.MECHANISM_ONLY: 0.5,
        Direction.MIXED: 0.2,
        Direction.NO_EFFECT: -1.0,
    }
)
CAUSE_RELATIONS: Mapping[Relation, float] = MappingProxyType(
    {Relation.CAUSES: 1.0, Relation.ASSOCIATED: 0.8, Relation.TREATS: 0.35}
)
REMEDY_RELATIONS: Mapping[Relation, float] = MappingProxyType({Relation.TREATS: 1.0, Relation.HARMS: -1.0})


@attrs.frozen(kw_only=True)
class EvidenceScorer:
    """Scores a candidate by the graded claims that link it to the query's symptoms.

    Each relevant claim contributes ``w = grade x direction x relation x relevance x
    context``: grade from :data:`GRADE_WEIGHTS` (A 1.0 ... E 0.15), direction from
    :data:`DIRECTION_WEIGHTS` (supports 1, mechanism only 0.5, mixed 0.2, no effect -1),
    relation from :data:`CAUSE_RELATIONS` for nutrients and factors (a deficiency that
    may cause the symptom 1, an association 0.8, a supplement trial 0.35, because relief
    in people who are not deficient says little about a deficiency) or
    :data:`REMEDY_RELATIONS` for remedies (relieves 1, a safety warning -1), relevance 1
    for a claim about the symptom or a broader one and ``narrower_relevance`` for a claim
    about a narrower one, and ``context_weight`` when the claim comes from a narrower
    population. Positive contributions combine as ``support = 1 - prod(1 - w)``,
    negative ones as ``against = 1 - prod(1 - |w|)``, and the score is
    ``support x (1 - against_weight x against)``: more support never lowers it and
    more contrary evidence never raises it.
    """

    narrower_relevance: float = 0.8
    context_weight: float = 0.7
    against_weight: float = 0.5

    def score(self, candidate: Candidate, query: Query, kb: KnowledgeBase) -> Score:
        relations = REMEDY_RELATIONS if isinstance(candidate, Remedy) else CAUSE_RELATIONS
        relevance = self.relevance(query, kb)
        support_left = against_left = 1.0
        reasons: list[Reason] = []
        for claim in kb.claims_about(candidate.id):
            weight = self.weigh(claim, relations, relevance)
            if weight == 0.0:
                continue
            if weight > 0:
                support_left *= 1.0 - weight
            else:
                against_left *= 1.0 + weight
            reasons.append(
                Reason(claim=claim.id, citations=claim.citations, weight=round(weight, 6), text=_reason_text(claim))
            )
        value = (1.0 - support_left) * (1.0 - self.against_weight * (1.0 - against_left))
        return Score(value=round(min(max(value, 0.0), 1.0), 12), reasons=tuple(reasons))

    def relevance(self, query: Query, kb: KnowledgeBase) -> dict[str, float]:
        """How much a claim about each symptom id bears on the query's symptoms."""
        relevance: dict[str, float] = {}
        for symptom in query.symptoms:
            for narrower in kb.narrower_symptoms(symptom.id):
                relevance[narrower] = self.narrower_relevance
        for symptom in query.symptoms:
            relevance[symptom.id] = 1.0
            for broader in kb.broader_symptoms(symptom.id):
                relevance[broader] = 1.0
        return relevance

    def weigh(self, claim: Claim, relations: Mapping[Relation, float], relevance: Mapping[str, float]) -> float:
        """The signed contribution of one claim (0 when it does not bear on the query)."""
        relation = relations.get(claim.relation, 0.0)
        target = max((relevance.get(t, 0.0) for t in claim.targets), default=0.0)
        if relation == 0.0 or target == 0.0:
            return 0.0
        direction = DIRECTION_WEIGHTS[claim.direction]
        context = self.context_weight if claim.context else 1.0
        return GRADE_WEIGHTS[claim.grade] * direction * relation * target * context


def _reason_text(claim: Claim) -> str:
    direction = claim.direction.value.replace("_", " ")
    return f"{claim.statement} [evidence grade {claim.grade.value}: {claim.grade.description}; {direction}]"


_BUILTIN: Mapping[str, Callable[[], Scorer]] = MappingProxyType({"evidence": EvidenceScorer})
_registered: dict[str, Scorer] = {}


def register(name: str, scorer: Scorer, *, replace: bool = False) -> None:
    """Make ``scorer`` available as ``get(name)``; refuses to overwrite unless ``replace``."""
    if not isinstance(scorer, Scorer):
        raise TypeError(f"a scorer needs a score(candidate, query, kb) method; got {type(scorer).__name__}")
    key = fold(name) if isinstance(name, str) else ""
    if not key:
        raise ValueError(f"a scorer name must be non-empty text, got {name!r}")
    if not replace and (key in _BUILTIN or key in _registered):
        raise ValueError(f"a scorer named {name!r} exists; pass replace=True to replace it")
    _registered[key] = scorer


def unregister(name: str) -> None:
    """Remove a scorer added with :func:`register` (built-in scorers stay)."""
    if _registered.pop(fold(name), None) is None:
        raise UnknownTermError(name, "registered scorer", tuple(sorted(_registered)))


def names() -> tuple[str, ...]:
    """The names :func:`get` accepts, sorted."""
    return tuple(sorted({*_BUILTIN, *_registered}))


def get(name: str) -> Scorer:
    """The scorer registered as ``name``."""
    if not isinstance(name, str):
        raise TypeError(f"scorer name must be a str, not {type(name).__name__}")
    key = fold(name)
    if key in _registered:
        return _registered[key]
    if key in _BUILTIN:
        return _BUILTIN[key]()
    suggestions = close_matches(key, names()) or list(names())
    raise UnknownTermError(name, "scorer", tuple(suggestions))


def resolve(scorer: Scorer | str | None) -> Scorer:
    """A scorer from an object, a registered name, or ``None`` for the default."""
    if scorer is None:
        return get("evidence")
    if isinstance(scorer, str):
        return get(scorer)
    if isinstance(scorer, Scorer):
        return scorer
    raise TypeError(f"scorer must be a Scorer, a registered scorer name or None, not {type(scorer).__name__}")
