"""The pattern scorer: evidence from every presented finding, weighed by how specific it is.

A small likelihood-ratio model over the graded claims, in the manner of a naive Bayes
diagnostic engine. For a candidate ``c`` (a nutrient or a factor), every piece of
evidence ``i`` has a log-likelihood ratio ``v_i``; they add up, and the candidate's
posterior is ``post = sigmoid(logit(prior) + sum(v_i))``. The score is the share of
the way from the prior to certainty that the evidence moves it::

    score = max(0, (post - prior) / (1 - prior))

so a candidate without evidence scores 0 and more support never lowers a score.

The evidence (``K`` is :attr:`PatternScorer.scale`):

* a **finding** ``s`` the person has, and the claims ``k`` linking ``c`` to it, each of
  strength ``a_k = w_k x r_ks``: ``v = K x spec_c(s) x (1 - prod(1 - a_k))`` (claims
  restating one link combine as a noisy-or, not as independent evidence), shared among
  the claims in proportion to ``a_k``; supporting and contrary claims are combined
  apart, a contrary one giving a negative ``v``.

  ``w_k = grade x direction x relation x context``: the weights of
  :data:`cramps.scoring.GRADE_WEIGHTS`, :data:`~cramps.scoring.DIRECTION_WEIGHTS` and
  :data:`~cramps.scoring.CAUSE_RELATIONS`, and
  ``context_weight`` for a claim from a narrower population or a later stage.
  ``r_ks`` is 1 for a claim about ``s`` itself, ``broader_relevance`` for one about a
  broader symptom (a claim about tingling says less about tingling around the mouth)
  and ``narrower_relevance`` for one about a narrower symptom.
  ``spec_c(s) = ln(1 + N / (1 + m)) / ln(1 + N)`` is how specific the finding is for
  ``c``: ``N`` counts the candidates of ``c``'s kind and ``m`` the *other* candidates
  linked to ``s``, each by the relevance of its best supporting claim. It is 1 for a
  finding only ``c`` explains and about 0.3 for one that all explain (cramps); a
  candidate's own claims never change it, so a supporting claim never lowers a score.
* a finding the person says is **absent**: ``v = -absent_weight x K x spec(s) x (1 -
  prod(1 - a_k))`` over the supporting claims that would have explained it.
* for a nutrient, a **risk factor** the person has, with a ``depletes`` claim naming the
  nutrient: ``v = risk_weight x K x grade x direction``. The most specific class speaks:
  a broader factor's claim counts only when no narrower factor under it is present (a
  loop diuretic's own claims replace those of diuretics in general).
* a factor the person **has** scores ``floor + (1 - floor) x score``, where ``floor`` is
  :attr:`PatternScorer.own_factor_floor`: the person's own linked factors come first.
  The floor is shared among its supporting claims in proportion to their ``v``. A factor
  the profile **rules out** scores 0.

Only a candidate that some supporting claim links to a presented finding is scored: the
profile makes a linked cause more likely, it does not make an unrelated one relevant. A
candidate whose score comes to 0 (contrary evidence outweighs the support) is left out
of rankings.

Each claim's reasons add up exactly to the score: the claims are taken in a fixed order
(support, largest first, then contrary evidence, largest first; ties by claim id) and
each reason's weight is the rise (or fall) of the score when its evidence is added to
what came before it.
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from cramps._cache import Answers
from cramps.evidence import Claim, Direction, Grade, Relation
from cramps.factors import Factor
from cramps.nutrients import Nutrient
from cramps.ranking import Ranked, Ranking, Reason, Score

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase
    from cramps.profiles import Profile, ProfileFacts
    from cramps.scoring import Query

__all__ = [
    "CAUSE_RELATIONS",
    "DEFAULT",
    "DIRECTION_WEIGHTS",
    "GRADE_WEIGHTS",
    "Evidence",
    "Model",
    "PatternScorer",
    "attribute",
    "factor_value",
    "final",
    "lift",
    "order",
    "total_of",
]

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

#: One piece of evidence: the claim and its log-likelihood ratio.
Evidence = tuple[Claim, float]
#: A question as the knowledge base resolved it: the factor ids named present and
#: absent, the key ``(symptom ids, absent symptom ids, named, absent factors)`` and its
#: number (see :meth:`Model.question`).
Resolved = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, ...], ...], int]


@attrs.frozen(kw_only=True, cache_hash=True)
class PatternScorer:
    """The default scorer: the likelihood-ratio model of this module's description.

    ``scale`` is ``K``, ``prior`` the probability every candidate starts from; the other
    parameters weigh narrower claims, claims from a narrower population, absent findings,
    risk factors and the person's own factors.
    """

    scale: float = 6.0
    prior: float = 0.1
    broader_relevance: float = 0.6
    narrower_relevance: float = 0.8
    context_weight: float = 0.7
    absent_weight: float = 0.5
    risk_weight: float = 0.5
    own_factor_floor: float = 0.5

    def score(self, candidate: object, query: Query, kb: KnowledgeBase) -> Score:
        """The candidate's score and its reasons, which add up to it."""
        if not isinstance(candidate, (Nutrient, Factor)):
            return Score(value=0.0)
        model = Model.of(kb, self)
        findings = model.findings([s.id for s in query.symptoms], [s.id for s in query.absent])
        facts = model.facts_for(query.profile, query.factors, query.absent_factors)
        evidence = model.evidence(candidate, findings, facts)
        if evidence is None:
            return Score(value=0.0)
        labels, floor = model.labels(candidate, facts), model.floor(candidate, facts)
        value, reasons = attribute(*evidence, self.prior, labels, floor=floor)
        return Score(value=value, reasons=reasons) if value > 0.0 else Score(value=0.0)


_NUTRIENTS = frozenset({"nutrient"})

#: The pattern scorer with its default parameters (the package's default scorer).
DEFAULT = PatternScorer()


@functools.lru_cache(maxsize=16)
def _logit(prior: float) -> float:
    return math.log(prior / (1.0 - prior))


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def lift(total: float, prior: float) -> float:
    """``max(0, (sigmoid(logit(prior) + total) - prior) / (1 - prior))``."""
    if total <= 0.0:
        return 0.0
    post = _logistic(_logit(prior) + total)
    return max(0.0, (post - prior) / (1.0 - prior))


def order(items: Iterable[Evidence]) -> list[Evidence]:
    """Evidence merged per claim and put in the order of attribution: support, largest
    first, then contrary evidence, largest first; ties by claim id."""
    merged: dict[str, Evidence] = {}
    for claim, value in items:
        kept = merged.get(claim.id)
        merged[claim.id] = (claim, value if kept is None else kept[1] + value)
    pairs = [pair for pair in merged.values() if pair[1] != 0.0]
    return sorted(pairs, key=lambda pair: (pair[1] < 0, -abs(pair[1]), pair[0].id))


def final(total: float, prior: float, floor: float = 0.0) -> float:
    """The score for a total log-likelihood ratio: ``floor + (1 - floor) x lift``, rounded
    to 6 decimals (the precision of reason weights), at most 1."""
    return min(round(floor + (1.0 - floor) * lift(total, prior), 6), 1.0)


def factor_value(total: float, facts: ProfileFacts, cid: str, prior: float, own: float) -> float:
    """A factor's score for the ``total`` of its evidence and the profile's ``facts``: 0
    when they rule it out, else :func:`final` with ``own`` as the floor when they say it
    is present."""
    if cid in facts.ruled_out:
        return 0.0
    return final(total + 0.0, prior, own if cid in facts.present else 0.0)


def total_of(findings: Iterable[Evidence], risk: Iterable[Evidence] = ()) -> float:
    """The total log-likelihood ratio: the sum over the findings' evidence plus the sum
    over the risk factors' (each an exactly rounded ``fsum``)."""
    return math.fsum(v for _, v in findings) + math.fsum(v for _, v in risk)


def attribute(
    findings: Iterable[Evidence],
    risk: Iterable[Evidence],
    prior: float,
    labels: Mapping[str, str],
    *,
    floor: float = 0.0,
) -> tuple[float, tuple[Reason, ...]]:
    """The score and one reason per claim, whose weights add up to the score (to 6
    decimals): each weight is the change of the score when the claim's evidence is
    added, in the order of :func:`order`, plus its share of ``floor`` (the person's own
    factor); rounding is settled on the largest weight. ``labels`` prefixes a claim's
    text (for example with the profile fact that brought it in)."""
    findings, risk = list(findings), list(risk)
    value = final(total_of(findings, risk), prior, floor)
    ordered = order([*findings, *risk])
    support = math.fsum(v for _, v in ordered if v > 0)
    weights: list[float] = []
    total = before = 0.0
    for _claim, part in ordered:
        total += part
        after = lift(total, prior)
        share = floor * part / support if floor and support and part > 0 else 0.0
        weights.append(round(share + (1.0 - floor) * (after - before), 6))
        before = after
    if weights:
        largest = max(range(len(weights)), key=lambda i: abs(weights[i]))
        weights[largest] = round(weights[largest] + value - math.fsum(weights), 6)
    reasons = tuple(
        Reason(claim=claim.id, citations=claim.citations, weight=weight, text=_text(claim, labels.get(claim.id)))
        for (claim, _), weight in zip(ordered, weights, strict=True)
        if weight != 0.0
    )
    return value, reasons


def _text(claim: Claim, label: str | None) -> str:
    return f"{label} {claim.graded_statement}" if label else claim.graded_statement


class _Findings:
    """Per candidate id, the evidence from the presented and absent findings and its
    total, and the ids of candidates that some supporting claim links to a presented
    finding (a plain class: it is made on the first ranking, where every millisecond of
    class creation counts)."""

    __slots__ = ("_nutrients", "evidence", "linked", "totals")

    def __init__(
        self, *, evidence: Mapping[str, tuple[Evidence, ...]], totals: Mapping[str, float], linked: frozenset[str]
    ) -> None:
        self.evidence, self.totals, self.linked = evidence, totals, linked
        self._nutrients: tuple[tuple[str, float, float], ...] | None = None

    def nutrient_values(self, model: Model) -> tuple[tuple[str, float, float], ...]:
        """Per linked nutrient (in a fixed order): its id, its total from the findings and
        its value without risk factors (worked out once)."""
        found = self._nutrients
        if found is None:
            prior = model.scorer.prior
            found = tuple(
                (cid, self.totals[cid], final(self.totals[cid] + 0.0, prior, 0.0))
                for cid in sorted(self.linked)
                if model.kind_of[cid] == "nutrient"
            )
            self._nutrients = found
        return found


class _Risk:
    """The risk factors that speak (present, with no narrower present factor), and per
    nutrient id their evidence and its total."""

    __slots__ = ("items", "speaking", "totals")

    def __init__(
        self, *, speaking: frozenset[str], items: Mapping[str, tuple[Evidence, ...]], totals: Mapping[str, float]
    ) -> None:
        self.speaking, self.items, self.totals = speaking, items, totals


class Model:
    """What the pattern scorer knows of one knowledge base, worked out once: each
    candidate's claims and their weights, each finding's specificity, and the risk
    factors' ``depletes`` claims. Findings and profile facts are kept, bounded."""

    _KEEP = 256
    _KEEP_FACTS = 8192
    _KEEP_RANKINGS = 8192

    def __init__(self, kb: KnowledgeBase, scorer: PatternScorer) -> None:
        self.kb = kb
        self.scorer = scorer
        self.kinds: dict[str, tuple[str, ...]] = {
            "nutrient": tuple(n.id for n in kb.nutrients),
            "factor": tuple(f.id for f in kb.factors),
        }
        self.kind_of = {cid: kind for kind, ids in self.kinds.items() for cid in ids}
        self.links: dict[str, tuple[tuple[Claim, float], ...]] = {}
        for cid in self.kind_of:
            weighed = []
            for claim in kb.claims_about(cid):
                weight = self._weight(claim)
                if weight != 0.0:
                    weighed.append((claim, weight))
            self.links[cid] = tuple(weighed)
        self.narrower_factors = {f.id: kb.narrower_factors(f.id) for f in kb.factors}
        depleting: dict[str, list[tuple[str, Claim, float]]] = {}
        for factor in kb.factors:
            for claim in kb.claims_about(factor.id):
                if claim.relation is Relation.DEPLETES:
                    strength = GRADE_WEIGHTS[claim.grade] * DIRECTION_WEIGHTS[claim.direction]
                    if strength > 0:
                        for target in dict.fromkeys(claim.targets):
                            depleting.setdefault(factor.id, []).append((target, claim, strength))
        self.depleting = {k: tuple(v) for k, v in depleting.items()}
        self.factor_names = {f.id: f.name for f in kb.factors}
        self.records: dict[str, Nutrient | Factor] = {n.id: n for n in kb.nutrients}
        self.records.update((f.id, f) for f in kb.factors)
        self._lock = threading.Lock()
        self._findings = Answers(self._KEEP)
        self._spec: dict[tuple[str, str], dict[str, float]] = {}
        self._facts = Answers(self._KEEP_FACTS)
        self._risk_by_speaking = Answers(self._KEEP_FACTS)
        self.upward = {f.id: frozenset({f.id, *kb.broader_factors(f.id)}) for f in kb.factors}
        #: Factors that are, or belong to, a factor with a depletes claim.
        self.risky = frozenset(f for f, up in self.upward.items() if not up.isdisjoint(self.depleting))
        #: How the knowledge base resolved each question asked (its symptoms and absent
        #: findings as given), kept for the next time it is asked.
        self.resolved = Answers(self._KEEP)
        self._speaking = Answers(self._KEEP_FACTS)
        self._questions = Answers(self._KEEP)
        self._counter = 0
        #: The rankings given, per question and the facts that matter to it.
        self.rankings = Answers(self._KEEP_RANKINGS)

    @classmethod
    def of(cls, kb: KnowledgeBase, scorer: PatternScorer) -> Model:
        """The model of ``kb`` for ``scorer``'s parameters, made once and kept with the
        knowledge base's caches (:meth:`~cramps.KnowledgeBase.derived`)."""
        model: Model = kb.derived(scorer, lambda: cls(kb, scorer))
        return model

    def _weight(self, claim: Claim) -> float:
        relation = CAUSE_RELATIONS.get(claim.relation, 0.0)
        if relation == 0.0:
            return 0.0
        context = self.scorer.context_weight if claim.context else 1.0
        return GRADE_WEIGHTS[claim.grade] * DIRECTION_WEIGHTS[claim.direction] * relation * context

    def relevance(self, claim: Claim, symptom_id: str) -> float:
        """How much ``claim`` bears on the finding ``symptom_id``."""
        kb = self.kb
        best = 0.0
        broader = kb.broader_symptoms(symptom_id)
        for target in claim.targets:
            if target == symptom_id:
                return 1.0
            if target in broader:
                best = max(best, self.scorer.broader_relevance)
            elif symptom_id in kb.broader_symptoms(target):
                best = max(best, self.scorer.narrower_relevance)
        return best

    def _relevant(self, claim: Claim, group: Sequence[str]) -> float:
        return max(self.relevance(claim, sid) for sid in group)

    def specificity(self, symptom_id: str, candidate: str) -> float:
        """``ln(1 + N / (1 + m)) / ln(1 + N)`` for ``candidate`` (see the module's
        description): ``N`` counts the candidates of its kind, ``m`` the *other* ones
        linked to the finding, each by the relevance of its best supporting claim, so a
        candidate's own claims never change how specific a finding is for it."""
        kind = self.kind_of[candidate]
        key = (symptom_id, kind)
        relevances = self._spec.get(key)
        if relevances is None:
            relevances = {}
            for cid in self.kinds[kind]:
                supports = [c for c, w in self.links[cid] if w > 0]
                relevances[cid] = max((self.relevance(c, symptom_id) for c in supports), default=0.0)
            self._spec[key] = relevances
        count = len(self.kinds[kind])
        others = math.fsum(relevances.values()) - relevances[candidate]
        return math.log1p(count / (1.0 + others)) / math.log1p(count)

    def findings(self, symptoms: Sequence[str], absent: Sequence[str] = ()) -> _Findings:
        """The evidence the presented and absent findings (symptom ids) give each
        candidate (kept)."""
        key = (tuple(symptoms), tuple(absent))
        found: _Findings | None = self._findings.get(key)
        if found is not None:
            return found
        given = list(dict.fromkeys(symptoms))
        present = _minimal(given, self.kb)
        # each finding with the broader symptoms also given: "leg cramps" and "cramps" are one
        groups = [(sid, *(g for g in given if g in self.kb.broader_symptoms(sid))) for sid in present]
        missing = [s for s in dict.fromkeys(absent) if s not in given]
        scale, absent_weight = self.scorer.scale, self.scorer.absent_weight
        evidence: dict[str, tuple[Evidence, ...]] = {}
        linked: set[str] = set()
        for cid, weighed in self.links.items():
            items: list[Evidence] = []
            for group in groups:
                support = [(c, w * r) for c, w in weighed if w > 0 and (r := self._relevant(c, group))]
                contrary = [(c, w * r) for c, w in weighed if w < 0 and (r := self._relevant(c, group))]
                spec = max(self.specificity(sid, cid) for sid in group)
                items.extend(_shared(support, scale * spec))
                items.extend(_shared(contrary, scale * spec))
                if support:
                    linked.add(cid)
            for sid in missing:
                support = [(c, w * r) for c, w in weighed if w > 0 and (r := self.relevance(c, sid))]
                items.extend(_shared(support, -absent_weight * scale * self.specificity(sid, cid)))
            if items:
                evidence[cid] = tuple(items)
        totals = {cid: math.fsum(v for _, v in items) for cid, items in evidence.items()}
        found = _Findings(
            evidence=MappingProxyType(evidence), totals=MappingProxyType(totals), linked=frozenset(linked)
        )
        self._findings.put(key, found)
        return found

    def clear(self, *, people_only: bool = False) -> None:
        """Forget the answers kept so far (what construction worked out stays); with
        ``people_only``, only what depends on the person (facts, risk factors, rankings),
        keeping how questions were read and the evidence of their findings."""
        for kept in (self._facts, self._risk_by_speaking, self.rankings, self._speaking):
            kept.clear()
        if not people_only:
            for kept in (self._findings, self.resolved, self._questions):
                kept.clear()

    def question(self, ids: object) -> int:
        """A small number standing for the resolved question ``ids`` (cheap to hash in the
        keys of kept rankings); a question forgotten and asked again gets a new one."""
        number: int | None = self._questions.get(ids)
        if number is None:
            with self._lock:
                self._counter += 1
                number = self._counter
            self._questions.put(ids, number)
        return number

    def facts_for(
        self, profile: Profile | None, named: tuple[str, ...] = (), absent: tuple[str, ...] = ()
    ) -> ProfileFacts:
        """``cramps.profiles.profile_facts``, kept by the profile's signature."""
        from cramps.profiles import profile_facts, signature

        key = (signature(profile), named, absent)
        found: ProfileFacts | None = self._facts.get(key)
        if found is None:
            found = profile_facts(self.kb, profile, named=named, absent=absent)
            self._facts.put(key, found)
        return found

    def speaking(self, profile: Profile | None, named: tuple[str, ...]) -> frozenset[str]:
        """The risk factors that speak for ``profile`` (and factor ids ``named`` present):
        the speaking factors of :meth:`risk`, worked out without the whole facts (the facts a
        nutrient ranking needs), kept by the set of risk-related factor ids."""
        ids: frozenset[str] = frozenset(named)
        if profile is not None:
            medications, conditions = self._profile_ids
            if not (medications.issuperset(profile.medications) and conditions.issuperset(profile.conditions)):
                from cramps.profiles import check_profile_ids

                check_profile_ids(self.kb, profile)  # raises for the unknown id
            ids = profile.factor_ids | ids if ids else profile.factor_ids
        return self._speaking_of(ids & self.risky)  # only risk-related factors matter

    @functools.cached_property
    def _profile_ids(self) -> tuple[frozenset[str], frozenset[str]]:
        """The factor ids a profile may list as medications and as conditions (worked out
        when a profile is first given: the profiles module is loaded then)."""
        from cramps.profiles import CONDITION_KINDS, MEDICATION_KINDS

        factors = self.kb.factors
        return (
            frozenset(f.id for f in factors if f.kind in MEDICATION_KINDS),
            frozenset(f.id for f in factors if f.kind in CONDITION_KINDS),
        )

    def _speaking_of(self, ids: frozenset[str]) -> frozenset[str]:
        found: frozenset[str] | None = self._speaking.get(ids)
        if found is None:
            closure: set[str] = set()
            for factor_id in ids:
                closure |= self.upward.get(factor_id, frozenset())
            found = frozenset(
                f for f in closure if f in self.depleting and closure.isdisjoint(self.narrower_factors[f])
            )
            self._speaking.put(ids, found)
        return found

    def rank(
        self,
        resolved: Resolved,
        profile: Profile | None,
        kinds: frozenset[str],
        limit: int | None,
    ) -> Ranking[Nutrient | Factor]:
        """The ranking of the candidates of ``kinds``, best first, ties by id; the same as
        scoring each with :meth:`PatternScorer.score`, with reasons made on first access.
        Kept per question (findings, the facts that matter, kinds, limit), at most 8,192
        of them."""
        named, absent_factors, asked, question = resolved
        facts: ProfileFacts | None = None
        if kinds == _NUTRIENTS:  # nutrients depend on the risk factors that speak, factors on every fact
            speaking = self.speaking(profile, named)
            key: tuple[object, ...] = (question, speaking, kinds, limit)
        else:
            facts = self.facts_for(profile, named, absent_factors)
            key = (question, facts, kinds, limit)
        kept: Ranking[Nutrient | Factor] | None = self.rankings.get(key)
        if kept is not None:
            return kept
        findings = self.findings(asked[0], asked[1])
        if facts is None:
            risk = self.risk_of(speaking)
            explain = _Explainer(self, findings, risk.speaking, None)
        else:
            risk = self.risk(facts)
            explain = _Explainer(self, findings, risk.speaking, facts)
        prior, own = self.scorer.prior, self.scorer.own_factor_floor
        rows: list[tuple[float, str]] = []
        if facts is None:  # nutrients: the value without risk factors is kept with the findings
            plain, risks = findings.nutrient_values(self), risk.totals
            for cid, total, value in plain:
                extra = risks.get(cid)
                if extra is not None:
                    value = final(total + extra, prior, 0.0)
                if value > 0.0:  # a candidate whose evidence nets to 0 is left out
                    rows.append((-value, cid))
        else:
            totals, risks, kind_of = findings.totals, risk.totals, self.kind_of
            for cid in findings.linked:
                kind = kind_of[cid]
                if kind not in kinds:
                    continue
                if kind == "nutrient":
                    value = final(totals[cid] + risks.get(cid, 0.0), prior, 0.0)
                else:  # 0 when ruled out, and so left out below
                    value = factor_value(totals[cid], facts, cid, prior, own)
                if value > 0.0:
                    rows.append((-value, cid))
        rows.sort()
        records, trusted = self.records, Ranked.trusted
        ranking: Ranking[Nutrient | Factor] = Ranking(
            trusted(records[cid], -negative, position, functools.partial(explain, cid))
            for position, (negative, cid) in enumerate(rows[:limit], start=1)
        )
        self.rankings.put(key, ranking)
        return ranking

    def risk(self, facts: ProfileFacts) -> _Risk:
        """The present risk factors' ``depletes`` evidence, per nutrient id (kept). A
        broader factor's claims count only when no narrower factor under it is present."""
        return self.risk_of(self._speaking_of(facts.present & self.risky))

    def risk_of(self, speaking: frozenset[str]) -> _Risk:
        """The evidence of the ``depletes`` claims of the risk factors that speak (kept)."""
        found: _Risk | None = self._risk_by_speaking.get(speaking)
        if found is None:
            scale = self.scorer.scale * self.scorer.risk_weight
            items: dict[str, list[Evidence]] = {}
            for factor_id in sorted(speaking):
                for target, claim, strength in self.depleting[factor_id]:
                    items.setdefault(target, []).append((claim, scale * strength))
            found = _Risk(
                speaking=speaking,
                items=MappingProxyType({k: tuple(v) for k, v in items.items()}),
                totals=MappingProxyType({k: math.fsum(x for _, x in v) for k, v in items.items()}),
            )
            self._risk_by_speaking.put(speaking, found)
        return found

    def evidence(
        self, candidate: Nutrient | Factor, findings: _Findings, facts: ProfileFacts
    ) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]] | None:
        """The candidate's evidence from the findings and from the risk factors, or
        ``None`` when it is not scored (not linked to a presented finding, or a factor
        the profile rules out)."""
        cid = candidate.id
        if cid not in findings.linked or cid in facts.ruled_out:
            return None
        risk = self.risk(facts).items.get(cid, ()) if isinstance(candidate, Nutrient) else ()
        return findings.evidence.get(cid, ()), risk

    def floor(self, candidate: Nutrient | Factor, facts: ProfileFacts) -> float:
        """The floor of the person's own factor, else 0."""
        own = isinstance(candidate, Factor) and candidate.id in facts.present
        return self.scorer.own_factor_floor if own else 0.0

    def labels(self, candidate: Nutrient | Factor, facts: ProfileFacts) -> dict[str, str]:
        """Text that prefixes a reason: the profile fact that brought its claim in."""
        labels: dict[str, str] = {}
        if isinstance(candidate, Factor):
            if candidate.id in facts.present:
                for claim, _ in self.links.get(candidate.id, ()):
                    labels[claim.id] = f"You have this ({candidate.name})."
            return labels
        return self.risk_labels(candidate.id, facts.present)

    def risk_labels(self, nutrient_id: str, factors: Iterable[str]) -> dict[str, str]:
        """Per ``depletes`` claim of ``factors`` naming the nutrient, the profile fact that
        brought it in."""
        labels: dict[str, str] = {}
        for factor_id in sorted(factors):
            for target, claim, _ in self.depleting.get(factor_id, ()):
                if target == nutrient_id:
                    labels.setdefault(claim.id, f"Your profile: {self.factor_names.get(factor_id, factor_id)}.")
        return labels


class _Explainer:
    """Makes a ranked candidate's reasons on first access, as :meth:`PatternScorer.score`
    would: from the findings, the risk factors that speak and (for factors) the facts."""

    __slots__ = ("facts", "findings", "model", "speaking")

    def __init__(self, model: Model, findings: _Findings, speaking: frozenset[str], facts: ProfileFacts | None) -> None:
        self.model, self.findings, self.speaking, self.facts = model, findings, speaking, facts

    def __call__(self, cid: str) -> tuple[Reason, ...]:
        model = self.model
        candidate = model.records[cid]
        found = self.findings.evidence.get(cid, ())
        if isinstance(candidate, Nutrient):
            risk = model.risk_of(self.speaking).items.get(cid, ())
            labels = model.risk_labels(cid, self.speaking)
            floor = 0.0
        else:
            facts = self.facts or _no_facts()
            risk, labels, floor = (), model.labels(candidate, facts), model.floor(candidate, facts)
        return attribute(found, risk, model.scorer.prior, labels, floor=floor)[1]


def _no_facts() -> ProfileFacts:
    from cramps.profiles import ProfileFacts

    return ProfileFacts()


def _shared(claims: Sequence[tuple[Claim, float]], scale: float) -> list[Evidence]:
    """The evidence of the claims that bear on one finding: their strengths ``a_k`` (signed)
    combine as a noisy-or, ``a = 1 - prod(1 - |a_k|)`` (claims restating one link are not
    independent evidence), ``v = scale x a`` with the sign of the claims, and each claim
    carries the share ``a_k / sum(a_k)`` of it."""
    if not claims:
        return []
    left = 1.0
    for _, strength in claims:
        left *= 1.0 - min(abs(strength), 1.0)
    combined = (1.0 - left) * scale
    total = math.fsum(abs(strength) for _, strength in claims)
    sign = -1.0 if claims[0][1] < 0 else 1.0
    return [(claim, sign * combined * abs(strength) / total) for claim, strength in claims]


def _minimal(symptom_ids: Iterable[str], kb: KnowledgeBase) -> tuple[str, ...]:
    """The presented findings, without one that is broader than another presented one
    (leg cramps and cramps are one finding: a claim bears on it as on the most relevant
    of the two, with the higher specificity of the two)."""
    ids = list(dict.fromkeys(symptom_ids))
    covered: set[str] = set()
    for sid in ids:
        covered |= kb.broader_symptoms(sid)
    return tuple(sid for sid in ids if sid not in covered)
