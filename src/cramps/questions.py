"""The next questions worth asking: the answers that would best tell the leading
candidates apart.

:func:`suggest` ranks the candidates again as they would stand after each answer;
:class:`Suggester` gives the same questions for the built-in (pattern) scorer from what its
model keeps, and keeps them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from cramps import _fields
from cramps._cache import Answers, Caches, question_key
from cramps.guidance import DISCLAIMER
from cramps.symptoms import Symptom

if TYPE_CHECKING:
    from cramps.factors import Factor
    from cramps.knowledge import KnowledgeBase
    from cramps.pattern import Model
    from cramps.profiles import Profile, ProfileFacts

__all__ = ["KEEP", "SUGGESTER", "Question", "Suggester"]

TOP = 5
PROFILE_ANSWERS: tuple[tuple[str, str, Mapping[str, Any]], ...] = (
    ("Do you follow a vegan diet?", "diet", {"diet": "vegan"}),
    ("Do you get little sun on your skin?", "sun_exposure", {"sun_exposure": "little"}),
    ("Do you drink alcohol heavily?", "alcohol", {"alcohol": "heavy"}),
    ("Do you exercise hard, or work, in the heat?", "activity", {"activity": "heavy", "hot_climate": True}),
    ("Are you 65 or older?", "age", {"age": 70.0}),
)


@attrs.frozen(kw_only=True)
class Question:
    """A question to ask next.

    ``field`` is ``"symptoms"`` or the :class:`~cramps.Profile` field the answer would
    fill, ``value`` the answer tested (a symptom, factor id or field value),
    ``separation`` how far a "yes" would move the leading candidates apart (the spread of
    their score changes), and ``moves`` the candidates it would raise most, best first.
    """

    text: str = attrs.field(validator=_fields.text)
    field: str = attrs.field(validator=_fields.text)
    value: str = attrs.field(validator=_fields.text)
    separation: float
    moves: tuple[str, ...] = attrs.field(converter=_fields.to_tuple)

    @property
    def disclaimer(self) -> str:
        """The medical disclaimer."""
        return DISCLAIMER


def suggest(
    kb: KnowledgeBase,
    symptoms: tuple[Symptom, ...],
    profile: Profile | None,
    *,
    limit: int | None,
) -> tuple[Question, ...]:
    """Questions about other symptoms, medications and the profile, the most telling first:
    each candidate answer is ranked (by the default scorer, whichever is registered) and
    compared with the ranking now. :class:`Suggester` gives the same questions faster for
    the built-in default scorer."""
    base = kb.rank(symptoms, profile)
    top = [r.record.id for r in base[:TOP]]
    if len(top) < 2:
        return ()
    before = {r.record.id: r.score for r in base}
    asked = {s.id for s in symptoms}
    related = set(asked)
    for symptom in symptoms:
        related |= kb.broader_symptoms(symptom.id) | kb.narrower_symptoms(symptom.id)
    questions: list[Question] = []
    for symptom in kb.symptoms:
        if symptom.id in related:
            continue
        after = kb.rank((*symptoms, symptom), profile)
        question = _question(
            f"Do you also have {_lower_first(symptom.name)}?", "symptoms", symptom.id, top, before, after
        )
        if question is not None:
            questions.append(question)
    for text, field, value, changed in _variants(profile, _candidate_medications(kb, top)):
        question = _question(text, field, value, top, before, kb.rank(symptoms, changed))
        if question is not None:
            questions.append(question)
    questions.sort(key=lambda q: (-q.separation, q.field, q.value))
    return tuple(questions[:limit])


def _variants(profile: Profile | None, medications: Iterable[Factor]) -> list[tuple[str, str, str, Profile]]:
    """The profile as each question about it would change it, if the answer is yes: its
    text, field, value and the changed profile (for fields not yet given, and for the
    ``medications`` not yet listed)."""
    from cramps.profiles import Profile

    current = profile or Profile()
    variants: list[tuple[str, str, str, Profile]] = []
    for text, field, changes in PROFILE_ANSWERS:
        if getattr(current, field) in (None, False):
            variants.append((text, field, str(next(iter(changes.values()))), attrs.evolve(current, **changes)))
    for factor in medications:
        if factor.id not in current.medications:
            changed = attrs.evolve(current, medications=(*current.medications, factor.id))
            variants.append((f"Do you take {_lower_first(factor.name)}?", "medications", factor.id, changed))
    return variants


def _candidate_medications(kb: KnowledgeBase, top: Iterable[str]) -> list[Any]:
    """Medication factors among the leading candidates, or that deplete one of them."""
    from cramps.evidence import Relation
    from cramps.factors import FactorKind

    leading = set(top)
    found = []
    for factor in kb.factors:
        if factor.kind is not FactorKind.MEDICATION:
            continue
        depletes = any(c.relation is Relation.DEPLETES and leading & set(c.targets) for c in kb.claims_about(factor.id))
        if factor.id in leading or depletes:
            found.append(factor)
    return found


def _lower_first(name: str) -> str:
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _question(
    text: str, field: str, value: str, top: list[str], before: Mapping[str, float], after: Iterable[Any]
) -> Question | None:
    """The question, if a "yes" would move the leading candidates (before or after) apart."""
    ranked = list(after)
    scores = {r.record.id: r.score for r in ranked}
    contenders = dict.fromkeys([*top, *(r.record.id for r in ranked[:TOP])])
    deltas = {c: scores.get(c, 0.0) - before.get(c, 0.0) for c in contenders}
    separation = round(max(deltas.values()) - min(deltas.values()), 9)
    if separation <= 0:
        return None
    moves = tuple(c for c in sorted(deltas, key=lambda c: (-deltas[c], c)) if deltas[c] > 0)
    return Question(text=text, field=field, value=value, separation=separation, moves=moves)


#: How many answers one knowledge base's :class:`Suggester` keeps (the oldest goes first).
KEEP = 1024
#: The key a knowledge base keeps its :class:`Suggester` under (see
#: :meth:`~cramps.KnowledgeBase.derived`).
SUGGESTER = ("cramps.questions", "Suggester")

#: Both kinds of candidate, as :meth:`~cramps.KnowledgeBase.rank` ranks them by default.
_BOTH = frozenset({"nutrient", "factor"})
#: A question before it is made: minus its separation, its field, value, text and moves
#: (sorted as the questions are: the most telling first, ties by field and value).
_Found = tuple[float, str, str, str, tuple[str, ...]]


class Suggester:
    """The questions :func:`suggest` gives when the built-in default scorer
    (:class:`~cramps.pattern.PatternScorer`) ranks, worked out from its model
    (:class:`~cramps.pattern.Model`) instead of ranking every candidate answer: a symptom
    unrelated to those given adds its own evidence to theirs, so the evidence each symptom
    gives alone is worked out once per knowledge base, and only the candidates whose score
    a "yes" would change are scored again (the same sums, so the same scores).

    :meth:`~cramps.KnowledgeBase.suggest` keeps its answers in :attr:`answers`, per set of
    symptom ids, profile and limit, and the symptom ids each symptoms argument named in
    :attr:`asked`, and the facts of the profiles a yes would make in :attr:`variants` (at
    most :data:`KEEP` of each); :meth:`clear` forgets them (the knowledge base's caches call
    it when cleared)."""

    __slots__ = ("answers", "asked", "kb", "medications", "singles", "variants")

    def __init__(self, kb: KnowledgeBase, model: Model) -> None:
        from cramps.evidence import Relation
        from cramps.factors import FactorKind

        self.kb = kb
        self.answers = Answers(KEEP)
        self.asked = Answers(KEEP)
        self.variants = Answers(KEEP)
        singles = []
        for symptom in kb.symptoms:
            alone = model.findings((symptom.id,), ())
            entries = tuple(
                (cid, tuple(v for _, v in items), alone.totals[cid], cid in alone.linked)
                for cid, items in alone.evidence.items()
            )
            singles.append((symptom.id, f"Do you also have {_lower_first(symptom.name)}?", entries))
        #: Per symptom: its id, its question, and per candidate with evidence from it alone
        #: the id, the values of that evidence, their total and whether it links them.
        self.singles: tuple[tuple[str, str, tuple[tuple[str, tuple[float, ...], float, bool], ...]], ...]
        self.singles = tuple(singles)
        #: The medication factors, each with the ids its ``depletes`` claims name.
        self.medications: tuple[tuple[Factor, frozenset[str]], ...] = tuple(
            (
                factor,
                frozenset(t for c in kb.claims_about(factor.id) if c.relation is Relation.DEPLETES for t in c.targets),
            )
            for factor in kb.factors
            if factor.kind is FactorKind.MEDICATION
        )

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Suggester:
        """The suggester of ``kb``, made once and kept with its caches
        (:meth:`~cramps.KnowledgeBase.derived`)."""
        from cramps.pattern import DEFAULT, Model

        made: Suggester = kb.derived(SUGGESTER, lambda: cls(kb, Model.of(kb, DEFAULT)))
        return made

    def kept(
        self, symptoms: object, profile: Profile | None, limit: int | None, read: Callable[[], tuple[Symptom, ...]]
    ) -> tuple[Question, ...]:
        """The answer kept for these (checked) arguments of
        :meth:`~cramps.KnowledgeBase.suggest`, else :meth:`suggest`'s, kept per set of
        symptom ids, profile and limit. ``read()`` reads the symptoms; the ids a ``str``,
        ``tuple``, ``list`` or :class:`~cramps.Symptom` argument named are kept too (never an
        iterator's), so a repeated question is not read again. A profile that cannot be
        hashed is answered afresh, never kept."""
        asked = question_key(symptoms, (str, Symptom))
        ids: frozenset[str] | None = self.asked.lookup(asked)
        if ids is not None:  # asked before in these words
            answer: tuple[Question, ...] | None = self.answers.lookup((ids, profile, limit))
            if answer is not None:
                return answer
        found = read()
        ids = frozenset(s.id for s in found)
        self.asked.keep(asked, ids)
        return Caches.kept(self.answers, (ids, profile, limit), lambda: self.suggest(found, profile, limit))

    def clear(self) -> None:
        """Forget the answers kept, how questions were read and the profiles their answers
        would make (what construction worked out stays)."""
        for kept in (self.answers, self.asked, self.variants):
            kept.clear()

    def suggest(
        self, symptoms: tuple[Symptom, ...], profile: Profile | None, limit: int | None
    ) -> tuple[Question, ...]:
        """:func:`suggest` by the built-in default scorer, whichever scorer is registered
        as the default (computed afresh, not kept)."""
        from cramps.pattern import DEFAULT, Model, factor_value, final

        kb = self.kb
        model = Model.of(kb, DEFAULT)
        asked = {s.id for s in symptoms}
        ids = tuple(sorted(asked))
        question = (ids, (), (), ())  # as KnowledgeBase.rank resolves it: the same ranking, kept
        base = model.rank(((), (), question, model.question(question)), profile, _BOTH, None)  # checks the profile
        top = [r.record.id for r in base[:TOP]]
        if len(top) < 2:
            return ()
        before = {r.record.id: r.score for r in base}
        rows = [(-r.score, r.record.id) for r in base]  # the ranking's order
        findings = model.findings(ids, ())  # as the ranking asked for them
        facts = model.facts_for(profile)
        prior, own, kind_of = model.scorer.prior, model.scorer.own_factor_floor, model.kind_of
        evidence, linked, risks = findings.evidence, findings.linked, model.risk(facts).totals
        related = set(asked)
        for sid in asked:
            related |= kb.broader_symptoms(sid) | kb.narrower_symptoms(sid)
        found: list[_Found] = []
        given: dict[str, list[float]] = {}
        for sid, text, entries in self.singles:
            if sid in related:  # unrelated symptoms only: their evidence just adds to the rest
                continue
            changed: dict[str, float] = {}
            for cid, values, total, links in entries:
                if not (links or cid in linked):
                    continue  # not ranked before, nor after
                items = evidence.get(cid)
                if items is not None:
                    known = given.get(cid)
                    if known is None:
                        known = given[cid] = [v for _, v in items]
                    total = math.fsum([*known, *values])  # exact: the same total in any order
                if kind_of[cid] == "nutrient":
                    value = final(total + risks.get(cid, 0.0), prior, 0.0)
                else:
                    value = factor_value(total, facts, cid, prior, own)
                if value != before.get(cid, 0.0):
                    changed[cid] = value
            _judge(found, text, "symptoms", sid, top, before, rows, changed)
        totals = findings.totals
        for text, field, answer, other, other_risks in self._profile_answers(model, profile, top):
            changed = {}
            for cid in risks.keys() | other_risks.keys():  # nutrients: only their risk evidence changes
                risk = other_risks.get(cid, 0.0)
                if cid in linked and kind_of[cid] == "nutrient" and risk != risks.get(cid, 0.0):
                    value = final(totals[cid] + risk, prior, 0.0)
                    if value != before.get(cid, 0.0):
                        changed[cid] = value
            for cid in (facts.present ^ other.present) | (facts.ruled_out ^ other.ruled_out):
                if cid in linked and kind_of[cid] == "factor":
                    value = factor_value(totals[cid], other, cid, prior, own)
                    if value != before.get(cid, 0.0):
                        changed[cid] = value
            _judge(found, text, field, answer, top, before, rows, changed)
        found.sort(key=lambda q: q[:3])
        return tuple(
            Question(text=text, field=field, value=value, separation=-negative, moves=moves)
            for negative, field, value, text, moves in found[:limit]
        )

    def _profile_answers(
        self, model: Model, profile: Profile | None, top: Iterable[str]
    ) -> tuple[tuple[str, str, str, ProfileFacts, Mapping[str, float]], ...]:
        """Per question about the profile (see :func:`_variants`; its medications those of
        :func:`_candidate_medications`), its text, field and value, and the facts and risk
        totals of the profile a yes would make (kept per profile and medications asked
        about, at most :data:`KEEP`)."""
        leading = set(top)
        medications = [f for f, depleted in self.medications if f.id in leading or not depleted.isdisjoint(leading)]

        def work_out() -> tuple[tuple[str, str, str, ProfileFacts, Mapping[str, float]], ...]:
            found = []
            for text, field, value, variant in _variants(profile, medications):
                facts = model.facts_for(variant)
                found.append((text, field, value, facts, model.risk(facts).totals))
            return tuple(found)

        return Caches.kept(self.variants, (profile, *(f.id for f in medications)), work_out)


def _judge(
    found: list[_Found],
    text: str,
    field: str,
    value: str,
    top: list[str],
    before: Mapping[str, float],
    rows: list[tuple[float, str]],
    changed: Mapping[str, float],
) -> None:
    """:func:`_question` from the scores a "yes" would change (``changed``; the rest stay
    as ``before``, ranked as ``rows``), added to ``found`` if it moves the leading
    candidates apart."""
    if not changed:
        return
    leaders = [(-score, cid) for cid, score in changed.items() if score > 0.0]
    kept = 0
    for row in rows:  # the best of the unchanged, in the order they were ranked
        if row[1] not in changed:
            leaders.append(row)
            kept += 1
            if kept == TOP:
                break
    leaders.sort()
    contenders = dict.fromkeys([*top, *(cid for _, cid in leaders[:TOP])])
    deltas = {c: changed[c] - before.get(c, 0.0) if c in changed else 0.0 for c in contenders}
    separation = round(max(deltas.values()) - min(deltas.values()), 9)
    if separation <= 0:
        return
    moves = tuple(c for c in sorted(deltas, key=lambda c: (-deltas[c], c)) if deltas[c] > 0)
    found.append((-separation, field, value, text, moves))
