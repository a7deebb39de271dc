"""Scoring: the :class:`Scorer` protocol, the built-in evidence scorer and a registry.

A scorer rates one candidate (a nutrient, factor or remedy) for a :class:`Query` and
explains itself with :class:`~cramps.ranking.Reason` objects. Rankings call it once per
candidate and sort by ``(-score, id)``, leaving out a candidate scored 0 whose score gives
no reasons (one scored 0 with reasons is kept).
"""

from __future__ import annotations

import math
import threading
import warnings
import weakref
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from cramps import _fields
from cramps.errors import UnknownTermError
from cramps.evidence import Claim, Relation
from cramps.factors import Factor
from cramps.nutrients import Nutrient
from cramps.pattern import CAUSE_RELATIONS, DIRECTION_WEIGHTS, GRADE_WEIGHTS, PatternScorer
from cramps.ranking import Reason, Score
from cramps.remedies import Remedy
from cramps.symptoms import Symptom
from cramps.text import close_matches, fold

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase
    from cramps.profiles import Profile

__all__ = [
    "CAUSE_RELATIONS",
    "DIRECTION_WEIGHTS",
    "GRADE_WEIGHTS",
    "REMEDY_RELATIONS",
    "AnyOf",
    "Candidate",
    "EvidenceScorer",
    "PatternScorer",
    "ProfileScorer",
    "Product",
    "Query",
    "Scorer",
    "WeightedMean",
    "combine",
    "get",
    "is_default",
    "names",
    "present_factors",
    "problems",
    "register",
    "resolve",
    "symptom_relevance",
    "unregister",
]

Candidate = Nutrient | Factor | Remedy


def _sorted_symptoms(items: Iterable[Symptom]) -> tuple[Symptom, ...]:
    return tuple(sorted(dict.fromkeys(items), key=lambda s: s.id))


def _sorted_ids(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(items)))


@attrs.frozen(kw_only=True)
class Query:
    """What is being ranked for: the symptoms (sorted by id, so their order never
    matters), optionally the person's :class:`~cramps.Profile`, the symptoms the
    person says are ``absent``, and factor ids named present (``factors``, e.g. "since
    I started furosemide") or absent (``absent_factors``; ``"medications"`` for "not on
    any medicines") outside the profile."""

    symptoms: tuple[Symptom, ...] = attrs.field(converter=_sorted_symptoms, validator=_fields.non_empty)
    profile: Profile | None = None
    absent: tuple[Symptom, ...] = attrs.field(default=(), converter=_sorted_symptoms)
    factors: tuple[str, ...] = attrs.field(default=(), converter=_sorted_ids, validator=_fields.slugs)
    absent_factors: tuple[str, ...] = attrs.field(default=(), converter=_sorted_ids, validator=_fields.slugs)


@runtime_checkable
class Scorer(Protocol):
    """Anything with this ``score`` method can rank candidates."""

    def score(self, candidate: Candidate, query: Query, kb: KnowledgeBase) -> Score:
        """Rate ``candidate`` for ``query`` in ``kb``; a pure function of its arguments."""
        ...


REMEDY_RELATIONS: Mapping[Relation, float] = MappingProxyType({Relation.TREATS: 1.0, Relation.HARMS: -1.0})


def combine(weighed: Iterable[tuple[Claim, float]], *, against_weight: float = 0.5, scale: float = 1.0) -> Score:
    """A score from signed claim weights: ``support x (1 - against_weight x against)``,
    where ``support = 1 - prod(1 - w)`` over positive weights and ``against`` likewise
    over negative ones; claims of weight 0 give no reason. ``scale`` labels the reasons
    as belonging to a part of a combined score."""
    support_left = against_left = 1.0
    reasons: list[Reason] = []
    for claim, weight in weighed:
        if weight == 0.0:
            continue
        if weight > 0:
            support_left *= 1.0 - weight
        else:
            against_left *= 1.0 + weight
        reasons.append(
            Reason(
                claim=claim.id, citations=claim.citations, weight=round(weight * scale, 6), text=claim.graded_statement
            )
        )
    value = (1.0 - support_left) * (1.0 - against_weight * (1.0 - against_left))
    return Score(value=_clamp(value), reasons=tuple(reasons))


def _clamp(value: float) -> float:
    return round(min(max(value, 0.0), 1.0), 12)


def symptom_relevance(query: Query, kb: KnowledgeBase, *, narrower: float = 0.8) -> dict[str, float]:
    """How much a claim about each symptom id bears on the query: 1 for the query's
    symptoms and the broader ones they are kinds of, ``narrower`` for narrower ones."""
    relevance: dict[str, float] = {}
    for symptom in query.symptoms:
        for narrower_id in kb.narrower_symptoms(symptom.id):
            relevance[narrower_id] = narrower
    for symptom in query.symptoms:
        relevance[symptom.id] = 1.0
        for broader_id in kb.broader_symptoms(symptom.id):
            relevance[broader_id] = 1.0
    return relevance


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
        weighed = ((claim, self.weigh(claim, relations, relevance)) for claim in kb.claims_about(candidate.id))
        return combine(weighed, against_weight=self.against_weight)

    def relevance(self, query: Query, kb: KnowledgeBase) -> dict[str, float]:
        """How much a claim about each symptom id bears on the query's symptoms."""
        return symptom_relevance(query, kb, narrower=self.narrower_relevance)

    def weigh(self, claim: Claim, relations: Mapping[Relation, float], relevance: Mapping[str, float]) -> float:
        """The signed contribution of one claim (0 when it does not bear on the query)."""
        relation = relations.get(claim.relation, 0.0)
        target = max((relevance.get(t, 0.0) for t in claim.targets), default=0.0)
        if relation == 0.0 or target == 0.0:
            return 0.0
        direction = DIRECTION_WEIGHTS[claim.direction]
        context = self.context_weight if claim.context else 1.0
        return GRADE_WEIGHTS[claim.grade] * direction * relation * target * context


def present_factors(profile: Profile | None, kb: KnowledgeBase) -> frozenset[str]:
    """The ids of the knowledge base's factors that ``profile`` says are present, with
    every broader factor of each (a thiazide is a diuretic): see
    ``cramps.profiles.profile_facts``, where this logic lives. An unknown medication
    or condition id raises :class:`~cramps.UnknownTermError`."""
    from cramps.profiles import profile_factors

    return profile_factors(kb, profile)


@attrs.frozen(kw_only=True)
class ProfileScorer:
    """Scores a candidate by what the person's profile makes likely.

    A factor the profile says is present (see :func:`present_factors`) contributes the
    weight of each of its claims that bear on the query, as the evidence scorer weighs
    them. A nutrient gains from each ``depletes`` claim of a present factor that names it
    (a diuretic may lower potassium and magnesium): ``w = grade x direction``, counting
    only claims whose direction is not "no effect", and skipping a broader factor's claim
    that a narrower present factor restates from the same sources (a vegan diet is also a
    vegetarian one). Contributions combine as
    ``1 - prod(1 - w)``, so adding a risk factor never lowers a score. Only candidates
    that some claim supports linking to the query's symptoms are scored: the profile makes
    a cause more likely, it does not make an unrelated nutrient relevant, and evidence
    against a link cannot open that door. Without a profile every
    score is 0.
    """

    narrower_relevance: float = 0.8
    context_weight: float = 0.7

    def score(self, candidate: Candidate, query: Query, kb: KnowledgeBase) -> Score:
        present, depleting = _profile_context(query, kb)
        if not present or isinstance(candidate, Remedy):
            return Score(value=0.0)
        evidence = EvidenceScorer(narrower_relevance=self.narrower_relevance, context_weight=self.context_weight)
        relevance = evidence.relevance(query, kb)
        linked = [(c, evidence.weigh(c, CAUSE_RELATIONS, relevance)) for c in kb.claims_about(candidate.id)]
        if not any(weight > 0 for _, weight in linked):
            return Score(value=0.0)
        weighed: list[tuple[Claim, float]] = []
        if isinstance(candidate, Factor):
            if candidate.id in present:
                weighed.extend((claim, weight) for claim, weight in linked if weight > 0)
        else:
            found = depleting.get(candidate.id, ())
            for factor_id, claim in found:
                restated = any(
                    other.citations == claim.citations and factor_id in kb.broader_factors(narrower)
                    for narrower, other in found
                )
                if not restated:
                    weighed.append((claim, max(GRADE_WEIGHTS[claim.grade] * DIRECTION_WEIGHTS[claim.direction], 0.0)))
        return combine(weighed)


_Depleting = Mapping[str, tuple[tuple[str, Claim], ...]]
_context: tuple[weakref.ref[Query], weakref.ref[KnowledgeBase], frozenset[str], _Depleting] | None = None


def _profile_context(query: Query, kb: KnowledgeBase) -> tuple[frozenset[str], _Depleting]:
    """The factors ``query``'s profile makes present and, per nutrient id, the
    ``depletes`` claims of those factors that name it (by factor id, then claim order).

    They are the same for every candidate of one ranking, so the last query's are kept
    (by identity, through weak references: a ranking makes a new query)."""
    global _context
    kept = _context
    if kept is not None and kept[0]() is query and kept[1]() is kb:
        return kept[2], kept[3]
    present = present_factors(query.profile, kb)
    depleting: dict[str, list[tuple[str, Claim]]] = {}
    for factor_id in sorted(present):
        for claim in kb.claims_about(factor_id):
            if claim.relation is Relation.DEPLETES:
                for target in dict.fromkeys(claim.targets):
                    depleting.setdefault(target, []).append((factor_id, claim))
    frozen = {target: tuple(pairs) for target, pairs in depleting.items()}
    _context = (weakref.ref(query), weakref.ref(kb), present, frozen)
    return present, frozen


def _merge_reasons(parts: Iterable[tuple[Score, float]]) -> tuple[Reason, ...]:
    merged: dict[str, Reason] = {}
    for score, factor in parts:
        for reason in score.reasons:
            weight = round(reason.weight * factor, 6)
            known = merged.get(reason.claim)
            if known is None:
                # reasons are immutable: keep the same one when its weight does not change
                merged[reason.claim] = reason if weight == reason.weight else attrs.evolve(reason, weight=weight)
            else:
                merged[reason.claim] = attrs.evolve(known, weight=round(known.weight + weight, 6))
    return tuple(r for r in merged.values() if r.weight != 0.0)


def _check_parts(parts: object, what: str) -> tuple[Scorer, ...]:
    if isinstance(parts, (str, bytes)) or not isinstance(parts, Iterable):
        raise TypeError(f"{what} takes a sequence of scorers")
    scorers = tuple(resolve(p) for p in parts)
    if not scorers:
        raise ValueError(f"{what} needs at least one scorer")
    return scorers


def _to_parts(value: Iterable[Scorer | str]) -> tuple[Scorer, ...]:
    return _check_parts(value, "a combined scorer")


def _to_weights(value: Iterable[float]) -> tuple[float, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError("weights must be a sequence of numbers")
    weights = []
    for weight in value:
        checked = _fields.number(weight)  # None for an int beyond float range (10**400)
        if checked is None or checked < 0:
            raise ValueError(f"weights must be finite numbers >= 0, got {_fields.shown(weight)}")
        weights.append(checked)
    if weights and sum(weights) <= 0:
        raise ValueError("at least one weight must be above 0")
    return tuple(weights)


@attrs.frozen(kw_only=True)
class WeightedMean:
    """``sum(w_i x s_i) / sum(w_i)`` over its scorers; weights are finite, >= 0, not all 0.

    One scorer at any positive weight equals that scorer; scaling every weight by the
    same positive number changes nothing. Reasons keep their claims, with weights scaled
    by ``w_i / sum(w)``.
    """

    scorers: tuple[Scorer, ...] = attrs.field(converter=_to_parts)
    weights: tuple[float, ...] = attrs.field(converter=_to_weights)

    @weights.validator
    def _same_length(self, attribute: attrs.Attribute[tuple[float, ...]], value: tuple[float, ...]) -> None:
        if len(value) != len(self.scorers):
            raise ValueError(f"weights: {len(value)} given for {len(self.scorers)} scorers")

    def score(self, candidate: Candidate, query: Query, kb: KnowledgeBase) -> Score:
        total = sum(self.weights)
        shares = [w / total for w in self.weights]
        scores = [_checked(s, candidate, query, kb) for s in self.scorers]
        value = sum(share * score.value for share, score in zip(shares, scores, strict=True))
        return Score(value=_clamp(value), reasons=_merge_reasons(zip(scores, shares, strict=True)))


@attrs.frozen(kw_only=True)
class Product:
    """``prod(s_i)``: every scorer must agree for a high score (a veto-style combination)."""

    scorers: tuple[Scorer, ...] = attrs.field(converter=_to_parts)

    def score(self, candidate: Candidate, query: Query, kb: KnowledgeBase) -> Score:
        scores = [_checked(s, candidate, query, kb) for s in self.scorers]
        value = math.prod(score.value for score in scores)
        return Score(value=_clamp(value), reasons=_merge_reasons((score, 1.0) for score in scores))


@attrs.frozen(kw_only=True)
class AnyOf:
    """``1 - prod(1 - s_i)``: each scorer can only add to the score (a noisy-or).

    The ``"classic"`` scorer (the default before 0.x) is ``AnyOf(evidence, profile)``:
    without a profile it equals the evidence scorer, and a profile can only raise what
    the evidence already links.
    """

    scorers: tuple[Scorer, ...] = attrs.field(converter=_to_parts)

    def score(self, candidate: Candidate, query: Query, kb: KnowledgeBase) -> Score:
        scores = [_checked(s, candidate, query, kb) for s in self.scorers]
        value = 1.0 - math.prod(1.0 - score.value for score in scores)
        return Score(value=_clamp(value), reasons=_merge_reasons((score, 1.0) for score in scores))


def _checked(scorer: Scorer, candidate: Candidate, query: Query, kb: KnowledgeBase) -> Score:
    score = scorer.score(candidate, query, kb)
    if not isinstance(score, Score):
        raise TypeError(f"{type(scorer).__name__}.score() must return a cramps.Score, got {type(score).__name__}")
    return score


def _default() -> Scorer:
    return PatternScorer()


def _classic() -> Scorer:
    return AnyOf(scorers=(EvidenceScorer(), ProfileScorer()))


ENTRY_POINT_GROUP = "cramps.scorers"
_BUILTIN: Mapping[str, Callable[[], Scorer]] = MappingProxyType(
    {
        "default": _default,
        "classic": _classic,
        "evidence": EvidenceScorer,
        "profile": ProfileScorer,
        "pattern": PatternScorer,
    }
)
_registered: dict[str, tuple[str, Scorer]] = {}


@attrs.frozen(eq=False)
class _Broken:
    """Why an entry point gives no scorer: ``reason`` for people, and ``cause``, the
    exception behind it (``None`` for an entry point named like a built-in scorer)."""

    reason: str
    cause: BaseException | None


#: What each entry point gave, by (name, value, group): its scorer, or why it gives none.
#: Each is loaded once per process; the lock guards the dict, not the loading, so that a
#: plug-in whose import asks for a scorer cannot deadlock.
_loaded: dict[tuple[str, str, str], Scorer | _Broken] = {}
_loaded_lock = threading.Lock()


def _plugins() -> dict[str, Any]:
    """Folded name -> entry point of the ``cramps.scorers`` group, found anew on each
    call (a distribution may be installed while the process runs)."""
    from importlib.metadata import entry_points

    return {fold(ep.name): ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _cause(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _try_load(key: str, plugin: Any) -> Scorer | _Broken:
    """Load ``plugin`` and make its scorer; anything that goes wrong is returned, not raised."""
    where = f"entry point {plugin.name} = {plugin.value}"
    if key in _BUILTIN:
        return _Broken(
            f"{where} is named like the built-in scorer {key!r}: it is ignored, and "
            f"get({plugin.name!r}) gives the built-in one; rename the entry point",
            None,
        )
    try:
        loaded = plugin.load()
    except Exception as error:
        return _Broken(f"{where} cannot be loaded: {_cause(error)}", error)
    if isinstance(loaded, Scorer) and not isinstance(loaded, type):
        return loaded
    if not callable(loaded):
        unusable = TypeError(
            f"{type(loaded).__name__} object is neither a scorer (no score(candidate, query, kb) method) "
            "nor a class or function that makes one"
        )
        return _Broken(f"{where} gives no scorer: {_cause(unusable)}", unusable)
    try:
        made = loaded()
    except Exception as error:
        return _Broken(f"{where} gives no scorer: calling it without arguments raised {_cause(error)}", error)
    if not isinstance(made, Scorer):
        unusable = TypeError(
            f"calling it returned {type(made).__name__}, which has no score(candidate, query, kb) method"
        )
        return _Broken(f"{where} gives no scorer: {_cause(unusable)}", unusable)
    return made


def _outcome(key: str, plugin: Any, *, stacklevel: int = 3) -> Scorer | _Broken:
    """The scorer the entry point ``plugin`` (folded name ``key``) gives, or why it
    gives none: loaded on first use and kept. Two threads may load one entry point at
    the same time; both get the result kept first. A problem is warned of once, when
    it is first found (``stacklevel`` points the warning at the caller of the public
    function)."""
    ident = (str(plugin.name), str(plugin.value), str(getattr(plugin, "group", ENTRY_POINT_GROUP)))
    with _loaded_lock:
        known = _loaded.get(ident)
    if known is not None:
        return known
    made = _try_load(key, plugin)
    with _loaded_lock:
        known = _loaded.setdefault(ident, made)
    if known is made and isinstance(made, _Broken):
        warnings.warn(
            f"cramps scorer plug-in {plugin.name!r} left out: {made.reason}", RuntimeWarning, stacklevel=stacklevel
        )
    return known


def _display_names() -> dict[str, str]:
    """Folded key -> the name as registered, for every scorer :func:`get` can find."""
    shown = {key: key for key in _BUILTIN}
    for key, plugin in _plugins().items():
        if key in _BUILTIN:
            _outcome(key, plugin, stacklevel=4)  # a conflict: found, warned of, and left out
        elif key not in _registered and not isinstance(_outcome(key, plugin, stacklevel=4), _Broken):
            shown[key] = plugin.name
    shown.update({key: name for key, (name, _) in _registered.items()})
    return shown


def register(name: str, scorer: Scorer, *, replace: bool = False) -> None:
    """Make ``scorer`` available as ``get(name)`` in this process.

    A name already taken, by a registered scorer or a built-in one (``"default"``,
    ``"classic"``, ``"evidence"``, ``"pattern"``, ``"profile"``; names are compared
    folded, so ``"Default"`` is taken too), raises ``ValueError`` unless ``replace``;
    :func:`unregister` brings a replaced built-in back.
    """
    if not isinstance(scorer, Scorer):
        raise TypeError(f"a scorer needs a score(candidate, query, kb) method; got {type(scorer).__name__}")
    key = fold(name) if isinstance(name, str) else ""
    if not key:
        raise ValueError(f"a scorer name must be non-empty text, got {name!r}")
    if not replace and key in _registered:
        raise ValueError(f"a scorer named {name!r} exists; pass replace=True to replace it")
    if not replace and key in _BUILTIN:
        raise ValueError(
            f"a built-in scorer named {name!r} exists; register yours under another name, "
            "or pass replace=True to replace the built-in in this process"
        )
    _registered[key] = (name.strip(), scorer)


def unregister(name: str) -> None:
    """Remove a scorer added with :func:`register` (built-in scorers stay)."""
    if _registered.pop(fold(name), None) is None:
        raise UnknownTermError(name, "registered scorer", tuple(sorted(n for n, _ in _registered.values())))


def names() -> tuple[str, ...]:
    """The names :func:`get` accepts, sorted: built-in, registered, and those that
    installed distributions declare in the ``cramps.scorers`` entry-point group.

    Each plug-in is loaded, once, to check that it gives a scorer. One that does not
    (its entry point fails to load, or names something that makes no scorer) or that is
    named like a built-in scorer is left out, with a ``RuntimeWarning`` the first time;
    ``problems()`` says why.
    """
    return tuple(sorted(_display_names().values()))


def problems() -> dict[str, str]:
    """The entry points of the ``cramps.scorers`` group that :func:`names` leaves out,
    by name as declared, each with the reason: it fails to load (the exception's type
    and message), it names something that makes no scorer, or it is named like a
    built-in scorer (which :func:`get` gives instead). Empty when every plug-in works."""
    found: dict[str, str] = {}
    for key, plugin in sorted(_plugins().items()):
        outcome = _outcome(key, plugin)
        if isinstance(outcome, _Broken):
            found[plugin.name] = outcome.reason
    return found


def get(name: str) -> Scorer:
    """The scorer registered as ``name``.

    A plug-in's entry point may name a scorer object, or a class or function that
    makes one when called without arguments; it is loaded (and the scorer made) once,
    on first use, and kept. A plug-in that gives no scorer raises
    :class:`~cramps.UnknownTermError` naming the entry point and why, chained from the
    exception behind it; an entry point named like a built-in scorer is ignored (see
    ``problems()``).
    """
    if not isinstance(name, str):
        raise TypeError(f"scorer name must be a str, not {type(name).__name__}")
    key = fold(name)
    if key in _registered:
        return _registered[key][1]
    if key in _BUILTIN:
        return _BUILTIN[key]()
    plugin = _plugins().get(key)
    if plugin is not None:
        outcome = _outcome(key, plugin)
        if isinstance(outcome, _Broken):
            raise UnknownTermError(name, "scorer", hint=f"its plug-in is broken: {outcome.reason}") from outcome.cause
        return outcome
    shown = _display_names()
    close = [shown[k] for k in close_matches(key, shown)]
    raise UnknownTermError(name, "scorer", tuple(close or sorted(shown.values())))


def is_default(scorer: Scorer | str | None) -> bool:
    """Whether ``scorer`` asks for the built-in default scorer: ``None`` or the name
    ``"default"`` while no other scorer is registered under that name."""
    named = scorer is None or (isinstance(scorer, str) and fold(scorer) == "default")
    return named and "default" not in _registered


def resolve(scorer: Scorer | str | None) -> Scorer:
    """A scorer from an object, a registered name, or ``None`` for the scorer registered
    as ``"default"`` (the built-in one unless :func:`register` replaced it)."""
    if scorer is None:
        return get("default")
    if isinstance(scorer, str):
        return get(scorer)
    if isinstance(scorer, Scorer):
        return scorer
    raise TypeError(f"scorer must be a Scorer, a registered scorer name or None, not {type(scorer).__name__}")
