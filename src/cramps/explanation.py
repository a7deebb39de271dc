"""Plain-text explanations of ranked results, for people to read."""

from __future__ import annotations

import textwrap
from typing import Any

from cramps.ranking import Ranked

__all__ = ["explain"]


def explain(result: Ranked[Any], *, width: int = 80) -> str:
    """Say why ``result`` ranks where it does: each reason, whether it raised or lowered
    the score, and the citations behind it."""
    if not isinstance(result, Ranked):
        raise TypeError(f"explain() takes a cramps.Ranked result, not {type(result).__name__}")
    record = result.record
    lines = [f"{result.rank}. {getattr(record, 'name', record)} (score {result.score:.2f})"]
    if not result.reasons:
        lines.append("   No graded claim bears on this result.")
    for reason in sorted(result.reasons, key=lambda r: (-abs(r.weight), r.claim)):
        effect = "raises" if reason.weight > 0 else "lowers"
        sources = ", ".join(reason.citations)
        body = f"{reason.text} This {effect} the score by {abs(reason.weight):.2f}. Sources: {sources}."
        lines.append(textwrap.fill(body, width=width, initial_indent="   - ", subsequent_indent="     "))
    return "\n".join(lines)
