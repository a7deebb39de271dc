"""The next questions worth asking: the answers that would best tell the leading
candidates apart."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from cramps import _fields
from cramps.guidance import DISCLAIMER
from cramps.symptoms import Symptom

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase
    from cramps.profiles import Profile

__all__ = ["Question"]

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
    """Questions about other symptoms, medications and the profile, the most telling first."""
    from cramps.profiles import Profile

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
    current = profile or Profile()
    variants: list[tuple[str, str, str, Profile]] = []
    for text, field, changes in PROFILE_ANSWERS:
        if getattr(current, field) in (None, False):
            variants.append((text, field, str(next(iter(changes.values()))), attrs.evolve(current, **changes)))
    for factor in _candidate_medications(kb, top):
        if factor.id not in current.medications:
            changed = attrs.evolve(current, medications=(*current.medications, factor.id))
            variants.append((f"Do you take {_lower_first(factor.name)}?", "medications", factor.id, changed))
    for text, field, value, changed in variants:
        question = _question(text, field, value, top, before, kb.rank(symptoms, changed))
        if question is not None:
            questions.append(question)
    questions.sort(key=lambda q: (-q.separation, q.field, q.value))
    return tuple(questions[:limit])


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
