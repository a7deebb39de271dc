"""Claims and the grading of the evidence behind them."""

from __future__ import annotations

import enum

import attrs

from cramps import _fields

__all__ = ["Claim", "Direction", "Grade", "Relation"]


class Grade(enum.Enum):
    """How strong the best evidence behind a claim is (the evidence pack's scale).

    A systematic review of RCTs; A-low the same rated low or very-low certainty;
    B one or a few small RCTs; C observational studies; D expert opinion, guidelines,
    patient information, narrative reviews; E mechanism or physiology only;
    R a regulatory safety communication built on adverse-event reports;
    insufficient: no trials at all.
    """

    A = "A"
    A_LOW = "A-low"
    B = "B"
    C = "C"
    R = "R"
    D = "D"
    E = "E"
    INSUFFICIENT = "insufficient"

    @property
    def description(self) -> str:
        """One line saying what the grade stands for."""
        return _GRADE_DESCRIPTIONS[self]


_GRADE_DESCRIPTIONS = {
    Grade.A: "systematic review of randomised trials",
    Grade.A_LOW: "systematic review of randomised trials, low or very-low certainty",
    Grade.B: "a single or a few small randomised trials",
    Grade.C: "observational studies (association only)",
    Grade.R: "regulatory safety communication based on adverse-event reports",
    Grade.D: "expert opinion, guidelines or patient-information sources",
    Grade.E: "mechanism or physiology only",
    Grade.INSUFFICIENT: "no trials found",
}


class Direction(enum.Enum):
    """What the cited evidence says about the claim as worded."""

    SUPPORTS = "supports"
    NO_EFFECT = "no_effect"
    MIXED = "mixed"
    MECHANISM_ONLY = "mechanism_only"


class Relation(enum.Enum):
    """How a claim's subject bears on its targets.

    ``causes``: a lack or excess of the subject (or the subject itself, for a factor)
    may bring on the target symptoms. ``associated``: the subject is linked to the
    symptoms without a shown cause. ``treats``: taking or doing the subject relieves or
    prevents the symptoms. ``depletes``: the subject lowers the target nutrients.
    ``harms``: the subject carries a safety warning. ``prevalence``: how common the
    target symptom is.
    """

    CAUSES = "causes"
    ASSOCIATED = "associated"
    TREATS = "treats"
    DEPLETES = "depletes"
    HARMS = "harms"
    PREVALENCE = "prevalence"


@attrs.frozen(kw_only=True)
class Claim:
    """A graded, cited statement linking ``subject`` to ``targets``.

    ``subject`` is the id of a nutrient, factor, remedy or symptom; ``targets`` are
    symptom ids (or nutrient ids for ``depletes``). ``context`` names the population
    or setting the evidence comes from, when it is narrower than everyone.
    """

    id: str = attrs.field(validator=_fields.slug)
    subject: str = attrs.field(validator=_fields.slug)
    relation: Relation = attrs.field(converter=Relation)
    targets: tuple[str, ...] = attrs.field(converter=_fields.to_tuple, validator=[_fields.slugs, _fields.non_empty])
    statement: str = attrs.field(validator=_fields.text)
    direction: Direction = attrs.field(converter=Direction)
    grade: Grade = attrs.field(converter=Grade)
    grade_detail: str = attrs.field(validator=_fields.text)
    citations: tuple[str, ...] = attrs.field(converter=_fields.to_tuple, validator=[_fields.slugs, _fields.non_empty])
    context: str | None = attrs.field(default=None, validator=_fields.optional_text)
    note: str | None = attrs.field(default=None, validator=_fields.optional_text)

    @property
    def graded_statement(self) -> str:
        """The statement with its evidence grade and direction, as a reason shows it."""
        direction = self.direction.value.replace("_", " ")
        return f"{self.statement} [evidence grade {self.grade.value}: {self.grade.description}; {direction}]"
