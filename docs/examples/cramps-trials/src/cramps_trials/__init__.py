"""A cramps scorer that counts randomised-trial evidence only (grades A, A-low, B)."""

from __future__ import annotations

import attrs

import cramps
from cramps import scoring

TRIAL_GRADES = frozenset({cramps.Grade.A, cramps.Grade.A_LOW, cramps.Grade.B})


@attrs.frozen
class TrialsOnly:
    """Weighs claims as the evidence scorer does, but skips every claim not graded
    A, A-low or B."""

    evidence: scoring.EvidenceScorer = attrs.field(factory=scoring.EvidenceScorer)

    def score(
        self,
        candidate: scoring.Candidate,
        query: scoring.Query,
        kb: cramps.KnowledgeBase,
    ) -> cramps.Score:
        remedy = isinstance(candidate, cramps.Remedy)
        relations = scoring.REMEDY_RELATIONS if remedy else scoring.CAUSE_RELATIONS
        relevance = self.evidence.relevance(query, kb)
        weighed = [
            (claim, self.evidence.weigh(claim, relations, relevance))
            for claim in kb.claims_about(candidate.id)
            if claim.grade in TRIAL_GRADES
        ]
        return scoring.combine(weighed, against_weight=self.evidence.against_weight)
