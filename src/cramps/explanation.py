"""Plain-text explanations of ranked results, for people to read."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from typing import Any

from cramps._fields import whole_number
from cramps.foods import FoodResult
from cramps.ranking import Ranked, Reason

__all__ = ["adds_up", "by_effect", "explain"]


def by_effect(reasons: Iterable[Reason]) -> tuple[Reason, ...]:
    """``reasons`` in the order :func:`cramps.explain` gives them: the largest effect on the score
    first (raising or lowering), ties by claim id. The command line lists them so too."""
    return tuple(sorted(reasons, key=lambda r: (-abs(r.weight), r.claim)))


def adds_up(result: Ranked[Any]) -> bool:
    """Whether ``result``'s reasons add up to its score (to 6 decimals), as the default
    scorer's do; other scorers' weights need not."""
    reasons = result.reasons
    return bool(reasons) and math.isclose(math.fsum(r.weight for r in reasons), result.score, abs_tol=1e-6)


def explain(result: Ranked[Any] | FoodResult, *, width: int = 80) -> str:
    """Say why ``result`` ranks where it does.

    For a :class:`Ranked` result: each reason, how much it added to or took off the score
    (when the weights add up to the score, as the default scorer's do; otherwise whether
    it raised or lowered the score), and the citations behind it. For a :class:`~cramps.foods.FoodResult` (a row of
    :func:`cramps.foods_rich_in`): the amount on its basis (per 100 g, per portion with
    the portion's weight, or per 100 kcal), the share of the Daily Value, and the measured
    value per 100 g with its source.
    """
    _check_width(width)
    if isinstance(result, FoodResult):
        return _explain_food(result, width)
    if not isinstance(result, Ranked):
        raise TypeError(
            f"explain() takes a cramps.Ranked result or a cramps.foods.FoodResult, not {type(result).__name__}"
        )
    record = result.record
    reasons = result.reasons
    exact = adds_up(result)
    head = f"{result.rank}. {getattr(record, 'name', record)} (score {result.score:.2f}"
    lines = [head + ("; the reasons add up to the score)" if exact else ")")]
    if not reasons:
        lines.append("   No graded claim bears on this result.")
    for reason in by_effect(reasons):
        sources = ", ".join(reason.citations)
        if exact:
            effect = "adds" if reason.weight > 0 else "takes off"
            share = f"This {effect} {abs(reason.weight):.2f}."
        else:
            effect = "raises" if reason.weight > 0 else "lowers"
            share = (
                f"This {effect} the score (weight {abs(reason.weight):.2f}; this scorer's weights do not add up to it)."
            )
        body = f"{reason.text} {share} Sources: {sources}."
        lines.append(textwrap.fill(body, width=width, initial_indent="   - ", subsequent_indent="     "))
    return "\n".join(lines)


def _check_width(width: object) -> None:
    """Refuse a ``width`` that is not a whole number >= 1 (``textwrap`` would fail on it,
    or loop forever for NaN)."""
    whole_number(width, "width", kind="a whole number of characters", least="at least 1 character")


def _explain_food(result: FoodResult, width: int) -> str:
    food = result.food
    if result.basis == "portion" and result.portion is not None:
        basis = f"in {result.portion.description} ({result.portion.grams:g} g)"
    elif result.basis == "100kcal":
        basis = "per 100 kcal"
    elif result.basis == "serving" and result.serving is not None:
        measure = "" if result.serving.measure is None else f", about {result.serving.measure}"
        basis = f"in a serving of {result.serving.grams:.3g} g{measure}"
    else:
        basis = "per 100 g"
    head = f"{result.rank}. {food.name}: {result.amount} of {result.nutrient} {basis}"
    lines = [textwrap.fill(head, width=width, subsequent_indent="   ")]
    notes = []
    if result.percent_daily_value is not None:
        notes.append(
            f"That is {result.percent_daily_value:.0f}% of the Daily Value for {result.nutrient}"
            " (FDA, for adults and children 4 years and over)."
        )
    else:
        notes.append(f"No Daily Value is set for {result.nutrient}.")
    measured = food.nutrients.get(result.nutrient)
    source = food.source
    ident = f"NDB {source.ndb_number}" if source.ndb_number else f"id {source.id}"
    where = ", ".join(part for part in (source.dataset, source.release, ident) if part)
    if measured is not None:
        notes.append(f"Measured: {measured} per 100 g ({where}).")
    if result.basis == "serving" and result.serving is not None:
        notes.append(
            f"The serving is FDA's reference amount for its category ({result.serving.category}),"
            " the amount people aged 4 and over usually eat at one time (21 CFR 101.12)."
        )
    if food.revised_in_later_release:
        notes.append("USDA revised this food after this release; later values may differ.")
    for note in notes:
        lines.append(textwrap.fill(note, width=width, initial_indent="   - ", subsequent_indent="     "))
    return "\n".join(lines)
