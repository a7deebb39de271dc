"""Sphinx extension for the cramps docs: figures and help text made from the package itself.

Directives (all computed at build time, so they never drift from the code or the data):

``.. cramps-foods-chart::``
    An inline SVG bar chart of the five foods richest in each nutrient per household
    serving, from :func:`cramps.foods_rich_in` (the default: everyday foods per serving, ``limit=5``).
``.. cramps-pattern-chart::``
    An inline SVG chart of how a pattern of symptoms moves the nutrient ranking of the
    default (pattern) scorer: one column per question (:data:`PATTERN_PANELS`: leg cramps
    alone, then with tingling, numbness and fatigue added one by one, then the same four
    for a vegan aged 70), one row per nutrient in the knowledge base's fixed order, each bar
    the score from :func:`cramps.nutrients_for_symptom`, its value written beside it. The
    top three of each column are drawn in full colour, the rest faded, and each bar carries
    its rank in its tooltip.
``.. cramps-intake-chart::``
    An inline SVG chart of the worked example of the "What am I lacking?" page
    (:data:`EXAMPLE_PERSON`, :data:`EXAMPLE_DIARY`): per nutrient, the intake as a
    percentage of the person's target from :func:`cramps.assess`, the target at 100%
    marked, and the upper limit marked where one is set.
``.. cramps-link-diagram::``
    An inline SVG diagram of how symptoms, nutrients, factors, remedies, foods, daily
    targets, lab tests and red flags link, with the packaged record counts.
``.. cramps-help:: [SUBCOMMAND]``
    The ``--help`` text of the ``cramps`` command line or one of its subcommands.
``.. cramps-write-file:: PATH``
    A doctest (shown and run like any other) that writes the file ``PATH`` (relative to
    ``docs/``) where the ``:to:`` option's expression says, for example
    ``:to: package / "__init__.py"``. The file's text is written out in the example, so a
    reader who pastes the page's examples into a Python session gets the file too, and the
    example cannot drift from the file the tests use.

The examples must run as a reader pastes them, so the build also rejects hidden doctest
setup: ``doctest_global_setup``, ``testsetup`` and ``:hide:`` (``testcleanup``, which only
undoes what the examples did, is allowed).

No plotting library is needed: the SVG is written by hand.
"""

from __future__ import annotations

import argparse
import codeop
import doctest
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.ext.doctest import DoctestDirective
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

PALETTE = ("#2f6f9f", "#b5542c", "#3f8f4f", "#8a5aa8", "#a8862a", "#2b8a8a", "#b04a72", "#5b6b7b", "#6f8f2f")
CHART_WIDTH = 760
LABEL_WIDTH = 430
BAR_AREA = 240
ROW = 22
PANEL_HEAD = 30
PANEL_GAP = 14


def _fmt(value: float) -> str:
    """A value with three significant digits at most, without a trailing .0."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" ,") + "\u2026"


def foods_chart_svg(limit: int = 5) -> str:
    """The SVG of the top ``limit`` everyday foods per serving for every nutrient with food data."""
    import cramps

    panels: list[tuple[Any, tuple[Any, ...]]] = []
    for nutrient in cramps.default_kb().nutrients:
        try:
            results = cramps.foods_rich_in(nutrient, limit=limit)
        except (LookupError, ValueError):
            continue
        if results:
            panels.append((nutrient, results))
    height = sum(PANEL_HEAD + ROW * len(results) + PANEL_GAP for _, results in panels) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cramps-chart" role="img" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" width="100%" aria-labelledby="foods-chart-title foods-chart-desc">',
        '<title id="foods-chart-title">Top everyday foods for each nutrient per serving (USDA SR28)</title>',
        '<desc id="foods-chart-desc">For each nutrient, a bar per food, its length the measured amount in one '
        "serving, on a scale of its own for each nutrient.</desc>",
        '<g font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12" fill="currentColor">',
    ]
    y = 4
    for index, (nutrient, results) in enumerate(panels):
        colour = PALETTE[index % len(PALETTE)]
        unit = str(results[0].amount.unit)
        top = max(r.amount.value for r in results) or 1.0
        parts.append(
            f'<text x="0" y="{y + 18}" font-size="14" font-weight="600">{escape(nutrient.name)}'
            f'<tspan font-weight="400" font-size="12" dx="8" opacity="0.75">{escape(unit)} per serving</tspan></text>'
        )
        y += PANEL_HEAD
        for result in results:
            serving = result.serving
            portion = "100 g" if serving is None else f"{serving.grams:.0f} g"
            label = _shorten(f"{result.food.name} ({portion})", 56)
            full = f"{result.food.name}, {portion}: {_fmt(result.amount.value)} {unit}"
            width = max(1.0, BAR_AREA * result.amount.value / top)
            parts.append(f"<g><title>{escape(full)}</title>")
            parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width:.1f}" height="{ROW - 6}" rx="2" fill="{colour}"/>'
            )
            parts.append(f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 14}">{_fmt(result.amount.value)}</text>')
            parts.append("</g>")
            y += ROW
        y += PANEL_GAP
    parts.append("</g></svg>")
    return "\n".join(parts)


#: The questions of the pattern chart: a heading (two lines), the symptoms, and the
#: keyword arguments of :func:`cramps.profile` (``None``: no profile).
PATTERN_PANELS: tuple[tuple[tuple[str, str], tuple[str, ...], dict[str, Any] | None], ...] = (
    (("leg cramps", "alone"), ("leg cramps",), None),
    (("+ tingling", ""), ("leg cramps", "tingling"), None),
    (("+ numbness", ""), ("leg cramps", "tingling", "numbness"), None),
    (("+ fatigue", ""), ("leg cramps", "tingling", "numbness", "fatigue"), None),
    (
        ("the same four,", "vegan, aged 70"),
        ("leg cramps", "tingling", "numbness", "fatigue"),
        {"diet": "vegan", "age": 70},
    ),
)
PATTERN_LABEL = 150
PATTERN_HEAD = 44
PATTERN_BAR = 72
PATTERN_TOP = 3


def pattern_chart_svg(
    panels: tuple[tuple[tuple[str, str], tuple[str, ...], dict[str, Any] | None], ...] = PATTERN_PANELS,
) -> str:
    """The SVG of the nutrient scores of the default scorer for each question of ``panels``
    (columns), one row per nutrient in the knowledge base's order."""
    import cramps

    nutrients = cramps.default_kb().nutrients
    column = (CHART_WIDTH - PATTERN_LABEL) // len(panels)
    scores: list[dict[str, tuple[float, int]]] = []
    for _, symptoms, person in panels:
        profile = cramps.profile(**person) if person is not None else None
        ranking = cramps.nutrients_for_symptom(list(symptoms), profile)
        scores.append({r.record.id: (r.score, r.rank) for r in ranking})
    height = PATTERN_HEAD + ROW * len(nutrients) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cramps-chart cramps-pattern-chart" role="img" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" width="100%" aria-labelledby="pattern-chart-title pattern-chart-desc">',
        '<title id="pattern-chart-title">How a pattern of symptoms moves the nutrient ranking</title>',
        '<desc id="pattern-chart-desc">One column per question, one row per nutrient; each bar is the '
        "nutrient's score (0 to 1) from the default scorer, its value written beside it. The three "
        "highest of each column are in full colour.</desc>",
        '<g font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12" fill="currentColor">',
    ]
    for index, ((first, second), _, _) in enumerate(panels):
        x = PATTERN_LABEL + index * column
        parts.append(f'<text x="{x}" y="16" font-weight="600">{escape(first)}</text>')
        if second:
            parts.append(f'<text x="{x}" y="32" font-weight="600">{escape(second)}</text>')
        parts.append(
            f'<line x1="{x - 0.5}" y1="{PATTERN_HEAD - 4}" x2="{x - 0.5}" y2="{height - 4}" '
            'stroke="currentColor" stroke-opacity="0.25"/>'
        )
    y = PATTERN_HEAD
    for row, nutrient in enumerate(nutrients):
        colour = PALETTE[row % len(PALETTE)]
        short = nutrient.name.split(" (", 1)[0]
        parts.append(f'<text x="{PATTERN_LABEL - 10}" y="{y + 14}" text-anchor="end">{escape(short)}</text>')
        for index, found in enumerate(scores):
            x = PATTERN_LABEL + index * column
            value, rank = found.get(nutrient.id, (0.0, 0))
            where = f"rank {rank}" if rank else "not ranked (no evidence links it)"
            question = " + ".join(panels[index][1]) + (" (vegan, aged 70)" if panels[index][2] else "")
            shown = f"{value:.2f}"
            parts.append(f"<g><title>{escape(f'{nutrient.name}, {question}: {shown}, {where}')}</title>")
            if value > 0:
                opacity = "1" if rank and rank <= PATTERN_TOP else "0.35"
                width = max(1.0, PATTERN_BAR * value)
                parts.append(
                    f'<rect x="{x + 2}" y="{y + 4}" width="{width:.1f}" height="{ROW - 8}" rx="2" '
                    f'fill="{colour}" fill-opacity="{opacity}"/>'
                )
            else:
                width = 0.0
            weight = ' font-weight="600"' if rank and rank <= PATTERN_TOP else ' opacity="0.75"'
            label = shown if value > 0 else "\u2013"
            parts.append(f'<text x="{x + width + 6:.1f}" y="{y + 14}" font-size="11"{weight}>{label}</text>')
            parts.append("</g>")
        y += ROW
    parts.append("</g></svg>")
    return "\n".join(parts)


def _box(x: int, y: int, w: int, h: int, title: str, note: str, fill: str) -> str:
    return (
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8" fill="{fill}" fill-opacity="0.16" '
        f'stroke="{fill}" stroke-width="1.5"/>'
        f'<text x="{x + w / 2}" y="{y + 22}" text-anchor="middle" font-weight="600" font-size="14">'
        f"{escape(title)}</text>"
        f'<text x="{x + w / 2}" y="{y + 40}" text-anchor="middle" font-size="11" opacity="0.8">'
        f"{escape(note)}</text>"
    )


def _arrow(x1: float, y1: float, x2: float, y2: float, label: str, dx: float = 0, dy: float = -6) -> str:
    mx, my = (x1 + x2) / 2 + dx, (y1 + y2) / 2 + dy
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="currentColor" stroke-width="1.3" '
        f'marker-end="url(#cramps-arrow)"/>'
        f'<text x="{mx}" y="{my}" text-anchor="middle" font-size="11" font-style="italic">{escape(label)}</text>'
    )


def link_diagram_svg() -> str:
    """The SVG of how the record kinds link, with the packaged counts."""
    import cramps

    kb = cramps.default_kb()
    foods = len(kb.foods)
    flags = len(kb.red_flags)
    w, h = 180, 52
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="cramps-diagram" role="img" viewBox="0 -4 760 392" '
        'width="100%" aria-labelledby="link-diagram-title">',
        '<title id="link-diagram-title">How symptoms, nutrients, factors, remedies and foods link in cramps</title>',
        '<defs><marker id="cramps-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="currentColor"/></marker></defs>',
        '<g font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" fill="currentColor">',
        _box(10, 40, w, h, "Factors", f"{len(kb.factors)} (drugs, conditions, life)", "#b5542c"),
        _box(290, 40, w, h, "Nutrients", f"{len(kb.nutrients)} (minerals, vitamins)", "#2f6f9f"),
        _box(570, 0, w, h, "Foods", f"{foods:,} USDA SR28 foods", "#3f8f4f"),
        _box(570, 80, w, h, "Daily targets", "DRI RDA / AI, UL, DV", "#a8862a"),
        _box(570, 160, w, h, "Lab tests", "LOINC-coded blood tests", "#2b8a8a"),
        _box(290, 200, w, h, "Symptoms", f"{len(kb.symptoms)} (HPO, ICD-10-CM)", "#8a5aa8"),
        _box(10, 200, w, h, "Remedies", f"{len(kb.remedies)} (now, prevent, clinician)", "#3f8f4f"),
        _box(290, 330, w, h, "Red flags", f"{flags} warning signs", "#b04a72"),
        _box(570, 280, w, 70, "Claims", f"{len(kb.claims)} graded, each citing", "#5b6b7b"),
        f'<text x="660" y="338" text-anchor="middle" font-size="11" opacity="0.8">some of '
        f"{len(kb.citations)} citations</text>",
        _arrow(190, 66, 288, 66, "depletes"),
        _arrow(470, 58, 568, 30, "foods_rich_in", dy=-10),
        _arrow(470, 70, 568, 106, "daily_target", dy=-8),
        _arrow(470, 84, 568, 180, "lab_tests_for", dx=34, dy=2),
        _arrow(380, 92, 380, 198, "causes / associated", dx=62, dy=4),
        _arrow(150, 92, 300, 200, "causes / associated", dx=-38, dy=10),
        _arrow(190, 226, 288, 226, "treats"),
        _arrow(380, 252, 380, 328, "triage", dx=26, dy=4),
        "</g></svg>",
    ]
    return "\n".join(parts)


def cli_help(command: str | None) -> str:
    """The ``--help`` text of ``cramps`` or one of its subcommands, as argparse prints it."""
    from cramps.cli import build_parser

    parser = build_parser()
    if command is None:
        return parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub = action.choices.get(command)
            if sub is not None:
                return sub.format_help()
    raise ValueError(f"cramps has no subcommand {command!r}")


#: The worked example of the "What am I lacking?" page (docs/lacking.rst shows the same).
EXAMPLE_PERSON: dict[str, Any] = {"age": 70, "sex": "female", "medications": ["omeprazole"]}
EXAMPLE_DIARY = (
    "1 cup oatmeal", "1 medium banana", "1 cup milk", "2 slices whole wheat bread", "3 oz chicken breast",
    "1 cup cooked rice", "1 cup cooked broccoli", "1 apple", "2 cups coffee",
)  # fmt: skip
INTAKE_SCALE = 300.0  # the chart's right edge, in percent of target


def intake_chart_svg() -> str:
    """The SVG of the example person's intake against target per nutrient, limits marked."""
    import cramps

    result = cramps.assess(cramps.profile(**EXAMPLE_PERSON), diary=list(EXAMPLE_DIARY))
    rows = [s for s in result.statuses if s.percent_of_target is not None and s.target is not None]
    rows.sort(key=lambda s: s.percent_of_target or 0.0)
    left, area = 300, 390
    height = 60 + ROW * len(rows) + 30

    def x_of(percent: float) -> float:
        return left + area * min(percent, INTAKE_SCALE) / INTAKE_SCALE

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cramps-chart" role="img" '
        f'viewBox="0 0 {CHART_WIDTH} {height}" width="100%" aria-labelledby="intake-chart-title intake-chart-desc">',
        '<title id="intake-chart-title">Intake against target per nutrient, for the worked example</title>',
        '<desc id="intake-chart-desc">One bar per nutrient: the diary\'s intake as a percentage of the '
        "person's target; a line at 100% (the target) and a diamond at the upper limit where one is set.</desc>",
        '<g font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="12" fill="currentColor">',
    ]
    y = 30
    for percent in (0, 100, 200, 300):
        parts.append(
            f'<text x="{x_of(percent):.1f}" y="{y - 10}" text-anchor="middle" opacity="0.7">{percent}%</text>'
        )
    for status in rows:
        assert status.target is not None
        assert status.intake is not None
        percent = status.percent_of_target or 0.0
        colour = PALETTE[0] if status.status == "meets target" else PALETTE[1]
        if status.status == "above the upper limit":
            colour = PALETTE[6]
        kind = status.target.kind.value
        label = f"{status.nutrient.name} ({kind} {status.target.amount})"
        full = f"{label}: {_fmt(status.intake.value)} {status.intake.unit} a day, {percent:.0f}%, {status.status}"
        parts.append(f"<g><title>{escape(full)}</title>")
        parts.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end">{escape(_shorten(label, 46))}</text>')
        width = max(1.0, x_of(percent) - left)
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{width:.1f}" height="{ROW - 6}" rx="2" fill="{colour}"/>')
        more = "+" if percent > INTAKE_SCALE else ""
        parts.append(f'<text x="{left + width + 6:.1f}" y="{y + 14}">{percent:.0f}%{more}</text>')
        limit = status.target.upper_limit
        if limit is not None:
            at = 100.0 * limit.to(status.intake.unit).value / status.target.amount.to(status.intake.unit).value
            if at <= INTAKE_SCALE:
                cx, cy = x_of(at), y + ROW / 2
                parts.append(
                    f'<path d="M{cx:.1f},{cy - 6:.1f} l6,6 l-6,6 l-6,-6 z" fill="none" stroke="currentColor">'
                    f"<title>{escape(f'upper limit {limit}: {at:.0f}% of the target')}</title></path>"
                )
        parts.append("</g>")
        y += ROW
    parts.append(
        f'<line x1="{x_of(100):.1f}" y1="24" x2="{x_of(100):.1f}" y2="{y + 4}" stroke="currentColor" '
        'stroke-dasharray="4 3" opacity="0.8"/>'
    )
    parts.append(f'<text x="{left}" y="{y + 22}" opacity="0.8">dashed: the target; diamond: the upper limit; '
                 "orange: below target</text>")  # fmt: skip
    parts.append("</g></svg>")
    return "\n".join(parts)


def _figure(svg: str, caption: list[nodes.Node], name: str) -> nodes.Node:
    figure = nodes.figure(classes=["cramps-figure"], ids=[name])
    figure += nodes.raw("", svg, format="html")
    figure += nodes.caption("", "", *caption)
    return figure


def _code(text: str) -> nodes.Node:
    """Inline code: rendered as ``<code>``, and left alone by smartquotes (straight quotes)."""
    return nodes.literal(text, text)


class FoodsChart(SphinxDirective):
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"limit": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        limit = self.options.get("limit", 5)
        caption = [
            nodes.Text(
                f"The {limit} everyday foods richest in each nutrient per serving (USDA SR28 values, FDA "
                "reference amounts, one food of each kind), from "
            ),
            _code(f"cramps.foods_rich_in(n, limit={limit})"),
            nodes.Text(
                ". Each nutrient has its own scale. Hover a bar for the full name. Drawn when the docs are built."
            ),
        ]
        return [_figure(foods_chart_svg(limit), caption, "foods-chart")]


class PatternChart(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        caption = [
            nodes.Text("How a pattern moves the ranking. Each column asks "),
            _code("cramps.nutrients_for_symptom(symptoms, profile)"),
            nodes.Text(
                " with the default (pattern) scorer: leg cramps alone; then with tingling, numbness and fatigue "
                "added one at a time; then the same four symptoms for a vegan aged 70 ("
            ),
            _code('cramps.profile(diet="vegan", age=70)'),
            nodes.Text(
                "). Bars are scores from 0 to 1; the three highest of each column are in full colour. "
                "Hover a bar for its rank. Drawn when the docs are built."
            ),
        ]
        return [_figure(pattern_chart_svg(), caption, "pattern-chart")]


class IntakeChart(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        caption = [
            nodes.Text("Intake against target for the worked example: "),
            _code("cramps.assess(person, diary=day)"),
            nodes.Text(
                ", each bar the day's intake as a percentage of the person's RDA or AI, the dashed line the "
                "target, the diamond the upper limit where one is set (for magnesium it applies to supplements "
                "only; for sodium it is the CDRR). One day of diary does not measure usual intake. Drawn when "
                "the docs are built."
            ),
        ]
        return [_figure(intake_chart_svg(), caption, "intake-chart")]


class LinkDiagram(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        caption: list[nodes.Node] = [
            nodes.Text(
                "How the records link. Arrows between boxes are claims (each graded and cited) or queries; "
                "counts are those of the packaged data."
            )
        ]
        return [_figure(link_diagram_svg(), caption, "link-diagram")]


class CliHelp(SphinxDirective):
    has_content = False
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        command = self.arguments[0] if self.arguments else None
        text = cli_help(command)
        block = nodes.literal_block(text, text, language="text")
        return [block]


def write_file_doctest(text: str, target: str) -> list[str]:
    """The lines of a doctest that writes ``text`` to the path expression ``target``."""
    if "\\" in text or "'''" in text:
        raise ValueError("cannot quote a file with backslashes or ''' in a doctest")
    lines = [f">>> _ = ({target}).write_text('''\\"]
    lines += [f"... {line}".rstrip() for line in text.splitlines()]
    lines.append("... ''', encoding=\"utf-8\")")
    return lines


class WriteFile(DoctestDirective):
    """A doctest, in the page's ``default`` group, that writes a file of ``docs/`` out."""

    has_content = False
    required_arguments = 1
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"to": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        path = Path(self.env.srcdir) / self.arguments[0]
        self.env.note_dependency(str(path))
        target = self.options.get("to")
        if not target:
            raise self.error("cramps-write-file needs :to: (a path expression, such as package / 'x.py')")
        lines = write_file_doctest(path.read_text(encoding="utf-8"), target)
        self.content = StringList(lines, source=str(path))
        self.arguments = []
        self.name = "doctest"
        return super().run()


def ends_early_in_a_repl(source: str) -> bool:
    """Whether an interactive interpreter would run ``source`` (one example) before its end:
    it ends a statement at a blank line outside brackets and strings, so a blank line inside
    a class or function body breaks the pasted example."""
    lines = source.rstrip("\n").split("\n")
    for end, line in enumerate(lines[:-1], start=1):
        if line.strip():
            continue
        try:
            if codeop.compile_command("\n".join(lines[:end]) + "\n", symbol="single") is not None:
                return True
        except (SyntaxError, ValueError, OverflowError):
            return True
    return False


def _check_examples(app: Sphinx, doctree: nodes.document) -> None:
    """Warn (an error with ``-W``) about doctest code a reader cannot see, and about an
    example that would break when pasted into an interactive interpreter."""
    parser = doctest.DocTestParser()
    for node in doctree.findall(lambda n: isinstance(n, nodes.Element) and "testnodetype" in n):
        kind = node["testnodetype"]
        if kind == "testsetup" or (kind in {"doctest", "testcode"} and isinstance(node, nodes.comment)):
            what = "testsetup" if kind == "testsetup" else f"a hidden {kind} (:hide:)"
            logger.warning(
                "%s: the examples must run as shown, without hidden setup", what, location=node, type="cramps"
            )
        elif kind == "doctest":
            for example in parser.get_examples(node.astext()):
                if ends_early_in_a_repl(example.source):
                    logger.warning(
                        "an example with a blank line (a bare '...') inside a block, which ends the block "
                        "when pasted into a Python session: %s",
                        example.source.splitlines()[0],
                        location=node,
                        type="cramps",
                    )


def _reject_global_setup(app: Sphinx, config: Any) -> None:
    if getattr(config, "doctest_global_setup", ""):
        logger.warning("doctest_global_setup: the examples must run as shown, without hidden setup", type="cramps")


def _drop_missing_optional_docs(app: Sphinx, docname: str, source: list[str]) -> None:
    """Remove the lines naming an optional page (``cramps_optional_docs``) whose source
    file does not exist (its toctree entry, a ``:doc:`` link to it), so a page another tool
    writes later can be listed now."""
    if docname != app.config.root_doc:
        return
    missing = [
        name
        for name in app.config.cramps_optional_docs
        if not any((Path(app.srcdir) / f"{name}{suffix}").exists() for suffix in app.config.source_suffix)
    ]
    if missing:
        lines = source[0].splitlines(keepends=True)
        source[0] = "".join(
            line
            for line in lines
            if line.strip() not in missing and not any(f":doc:`{name}`" in line for name in missing)
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("cramps_optional_docs", [], "env", types=[list])
    app.connect("source-read", _drop_missing_optional_docs)
    # Re-read the root page on every build, so an optional page that appears is listed.
    app.connect("env-get-outdated", lambda app, env, added, changed, removed: [app.config.root_doc])
    app.add_directive("cramps-foods-chart", FoodsChart)
    app.add_directive("cramps-pattern-chart", PatternChart)
    app.add_directive("cramps-link-diagram", LinkDiagram)
    app.add_directive("cramps-intake-chart", IntakeChart)
    app.add_directive("cramps-help", CliHelp)
    app.add_directive("cramps-write-file", WriteFile)
    app.connect("doctree-read", _check_examples)
    app.connect("config-inited", _reject_global_setup)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
