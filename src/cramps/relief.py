"""Relief: the remedies for a symptom, scored by their net benefit and tailored to the person.

:func:`relief` answers :meth:`cramps.KnowledgeBase.relief_for`. Two things set it apart
from the rankings of causes:

* **Net benefit.** A remedy's score weighs what the evidence says it does for the
  symptom against its harms (:class:`ReliefScorer`). A remedy under a regulatory safety
  warning for this use (a ``harms`` claim graded R, such as the FDA warning on quinine
  for leg cramps) has a net benefit of 0, so it never outscores a safe remedy that any
  claim supports; the warning stays in its reasons.
* **Tailoring.** A specialist treatment (a remedy with
  :attr:`~cramps.Remedy.for_conditions`, such as the cramp treatments tried in liver
  cirrhosis) is offered only to a person whose profile has one of those conditions.
  Without a profile it is left out: a general answer does not offer a liver team's
  treatments to everyone.

Results come immediate relief first, then prevention, then what a clinician may offer;
within each kind, the highest score first (ties by id), so the order never contradicts
the scores inside a kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from cramps.evidence import Claim, Direction, Grade, Relation
from cramps.ranking import Ranking, Reason, Score, rank_records, scored
from cramps.remedies import Remedy, RemedyKind
from cramps.scoring import REMEDY_RELATIONS, EvidenceScorer, Query

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase
    from cramps.profiles import Profile
    from cramps.symptoms import Symptom

__all__ = ["KIND_ORDER", "ReliefScorer", "is_offered", "is_regulatory_warning", "relief", "remedy_order"]

#: The position of each kind of remedy in a relief ranking.
KIND_ORDER: Mapping[RemedyKind, int] = {kind: position for position, kind in enumerate(RemedyKind)}

_WARNING = (
    " A regulator warns against this use: its harms outweigh its benefit, so the net benefit counts as 0"
    " whatever the evidence of effect."
)


def _unit(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be a number in [0, 1], got {value!r}")


@attrs.frozen(kw_only=True)
class ReliefScorer:
    """Scores a remedy by its net benefit for the query's symptoms.

    Each claim about the remedy that bears on the symptoms is weighed as
    :class:`~cramps.scoring.EvidenceScorer` weighs it: ``w = grade x direction x
    relevance x context`` (grade A 1.0 ... E 0.15; supports 1, mechanism only 0.5,
    mixed 0.2, no effect -1; relevance 1 for the symptom or a broader one,
    ``narrower_relevance`` for a narrower one; ``context_weight`` when the evidence comes
    from a narrower population). Then:

    * **benefit** ``B = 1 - prod(1 - w_i)`` over the ``treats`` claims with ``w_i > 0``;
    * **evidence against** ``A = 1 - prod(1 - |w_j|)`` over ``treats`` claims with
      ``w_j < 0`` (trials that found no effect): ``B' = B x (1 - against_weight x A)``;
    * **harms**: each ``harms`` claim weighs ``h_k = grade x direction x relevance x
      context``, and ``net = B' x prod(1 - h_k)``; a ``harms`` claim graded R (a
      regulatory safety communication) that supports its warning sets ``net = 0``.

    The score is ``net``, in [0, 1]. It never rises with more harm or more evidence
    against, and never falls with more support (unless a regulatory warning applies).

    The reasons add up to the score exactly: the support claims, largest weight first
    (ties by claim id), each contribute ``w_i x prod(1 - w_j)`` over the claims before
    them; each claim against, then each harm (regulatory warnings last) contributes the
    change it makes to the running value, a negative number.
    """

    narrower_relevance: float = attrs.field(default=0.8, validator=_unit)
    context_weight: float = attrs.field(default=0.7, validator=_unit)
    against_weight: float = attrs.field(default=0.5, validator=_unit)

    def score(self, candidate: Any, query: Query, kb: KnowledgeBase) -> Score:
        """The net benefit of ``candidate`` (a :class:`~cramps.Remedy`) for ``query``."""
        if not isinstance(candidate, Remedy):
            raise TypeError(f"ReliefScorer scores remedies, not {type(candidate).__name__}")
        evidence = EvidenceScorer(
            narrower_relevance=self.narrower_relevance,
            context_weight=self.context_weight,
            against_weight=self.against_weight,
        )
        relevance = evidence.relevance(query, kb)
        support: list[tuple[Claim, float]] = []
        against: list[tuple[Claim, float]] = []
        harms: list[tuple[Claim, float]] = []
        for claim in kb.claims_about(candidate.id):
            weight = evidence.weigh(claim, REMEDY_RELATIONS, relevance)
            if claim.relation is Relation.TREATS and weight > 0:
                support.append((claim, weight))
            elif claim.relation is Relation.TREATS and weight < 0:
                against.append((claim, -weight))
            elif claim.relation is Relation.HARMS and weight < 0:
                harms.append((claim, -weight))
        return _net_benefit(support, against, harms, self.against_weight)


def is_regulatory_warning(claim: Claim) -> bool:
    """Whether ``claim`` is a regulator's safety warning that its evidence supports."""
    return claim.relation is Relation.HARMS and claim.grade is Grade.R and claim.direction is Direction.SUPPORTS


def _by_weight(weighed: list[tuple[Claim, float]]) -> list[tuple[Claim, float]]:
    return sorted(weighed, key=lambda item: (-item[1], item[0].id))


def _net_benefit(
    support: list[tuple[Claim, float]],
    against: list[tuple[Claim, float]],
    harms: list[tuple[Claim, float]],
    against_weight: float,
) -> Score:
    reasons: list[Reason] = []
    value, left = 0.0, 1.0
    for claim, weight in _by_weight(support):
        part = left * weight
        value += part
        left *= 1.0 - weight
        reasons.append(_reason(claim, part))
    benefit, against_left = value, 1.0
    for claim, weight in _by_weight(against):
        against_left *= 1.0 - weight
        after = benefit * (1.0 - against_weight * (1.0 - against_left))
        reasons.append(_reason(claim, after - value))
        value = after
    ordered = sorted(_by_weight(harms), key=lambda item: is_regulatory_warning(item[0]))
    for claim, weight in ordered:
        after = 0.0 if is_regulatory_warning(claim) else value * (1.0 - weight)
        reasons.append(_reason(claim, after - value))
        value = after
    return Score(value=round(min(max(value, 0.0), 1.0), 12), reasons=tuple(reasons))


def _reason(claim: Claim, weight: float) -> Reason:
    text = claim.graded_statement
    if is_regulatory_warning(claim):
        text += _WARNING
    return Reason(claim=claim.id, citations=claim.citations, weight=weight, text=text)


def is_offered(remedy: Remedy, present: Iterable[str]) -> bool:
    """Whether ``remedy`` is offered to a person with the factors ``present``: a remedy
    for anyone always is; a specialist one only with one of its ``for_conditions``."""
    if not remedy.for_conditions:
        return True
    return not set(remedy.for_conditions).isdisjoint(present)


def remedy_order(item: tuple[Score, Remedy]) -> tuple[int, float, str]:
    """Sort key of a relief ranking: immediate relief first, then prevention, then
    clinician options; within each kind the highest score first; ties by id."""
    score, remedy = item
    return (KIND_ORDER[remedy.kind], -score.value, remedy.id)


def relief(
    kb: KnowledgeBase,
    symptoms: tuple[Symptom, ...],
    profile: Profile | None = None,
    *,
    limit: int | None = None,
    scorer: ReliefScorer | None = None,
) -> Ranking[Remedy]:
    """The remedies of ``kb`` for ``symptoms``, tailored to ``profile`` and ordered by
    kind, then net benefit (see the module description). A profile naming a medication
    or condition id ``kb`` does not know raises :class:`~cramps.UnknownTermError`."""
    from cramps.profiles import profile_factors

    present = profile_factors(kb, profile)
    offered = [remedy for remedy in kb.remedies if is_offered(remedy, present)]
    query = Query(symptoms=symptoms, profile=profile)
    results = scored(offered, query, kb, scorer or ReliefScorer())
    return rank_records(results, limit, remedy_order)
