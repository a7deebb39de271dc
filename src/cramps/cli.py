"""The ``cramps`` command line: ``why``, ``foods``, ``nutrient``, ``relief`` and ``search``."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from typing import Any

from cramps.errors import CrampsError
from cramps.explanation import explain
from cramps.guidance import DISCLAIMER
from cramps.knowledge import KnowledgeBase, default_kb

WIDTH = 80


def _print_json(data: Any) -> None:
    from cramps.serialize import to_dict

    print(json.dumps(to_dict(data), indent=2, ensure_ascii=False, sort_keys=True))


def _disclaimer() -> None:
    print()
    print(textwrap.fill("Note: " + DISCLAIMER, width=WIDTH))


def _why(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    ranking = kb.rank(args.symptoms, limit=args.limit)
    if args.json:
        _print_json({"results": ranking, "disclaimer": DISCLAIMER})
        return
    names = ", ".join(kb.symptom(s).name for s in args.symptoms)
    print(f"What may lie behind: {names}\n")
    for result in ranking:
        print(explain(result, width=WIDTH))
        print()
    if not ranking:
        print("Nothing in the knowledge base is linked to these symptoms.")
    print("Only a clinician, often with a blood test, can confirm a deficiency.")
    _disclaimer()


def _foods(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    results = kb.foods_rich_in(args.nutrient, limit=args.limit, per=args.per, diet=args.diet)
    if args.json:
        _print_json({"results": results, "disclaimer": DISCLAIMER})
        return
    nutrient = kb.nutrient(args.nutrient)
    print(f"Foods richest in {nutrient.name.lower()} per {args.per} (USDA SR28)\n")
    print(f"{'#':>3}  {'amount':>11}  {'%DV':>5}  food")
    for result in results:
        dv = "" if result.percent_daily_value is None else f"{result.percent_daily_value:.0f}%"
        name = result.food.name if result.portion is None else f"{result.food.name} [{result.portion.description}]"
        print(f"{result.rank:>3}  {result.amount!s:>11}  {dv:>5}  {textwrap.shorten(name, WIDTH - 27)}")
    _disclaimer()


def _nutrient(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    nutrient = kb.nutrient(args.name)
    if args.json:
        _print_json({"nutrient": nutrient, "claims": kb.claims_about(nutrient.id), "disclaimer": DISCLAIMER})
        return
    print(f"{nutrient.name} ({nutrient.kind.value})")
    for label, body in (("Summary", nutrient.summary), ("Role", nutrient.role)):
        print(textwrap.fill(f"{label}: {body}", width=WIDTH, subsequent_indent="  "))
    for label, items in (
        ("Why people run low", nutrient.deficiency_causes),
        ("Signs of a deficiency", nutrient.deficiency_signs),
        ("Typical sources", nutrient.typical_sources),
    ):
        if items:
            print(textwrap.fill(f"{label}: {'; '.join(items)}", width=WIDTH, subsequent_indent="  "))
    claims = kb.claims_about(nutrient.id)
    if claims:
        print("\nEvidence:")
    for claim in claims:
        body = f"{claim.statement} [grade {claim.grade.value}, {claim.direction.value.replace('_', ' ')}]"
        print(textwrap.fill(body, width=WIDTH, initial_indent="  - ", subsequent_indent="    "))
    _disclaimer()


def _relief(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    ranking = kb.relief_for(args.symptom, limit=args.limit)
    if args.json:
        _print_json({"results": ranking, "disclaimer": DISCLAIMER})
        return
    for result in ranking:
        remedy = result.record
        print(f"{result.rank}. [{remedy.kind.value}] {remedy.name}")
        print(textwrap.fill(remedy.instructions, width=WIDTH, initial_indent="   ", subsequent_indent="   "))
        if remedy.caution:
            print(
                textwrap.fill("Caution: " + remedy.caution, width=WIDTH, initial_indent="   ", subsequent_indent="   ")
            )
    _disclaimer()


def _search(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    hits = kb.search(args.text, limit=args.limit)
    if args.json:
        _print_json({"results": hits})
        return
    for hit in hits:
        print(f"{hit.score:5.2f}  {hit.kind:<9} {hit.record.id:<28} (matched {hit.matched!r})")
    if not hits:
        print("No match.")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the documentation and the tests)."""
    parser = argparse.ArgumentParser(
        prog="cramps", description="Leg cramps: linked nutrients, foods, factors and relief."
    )
    parser.add_argument("--version", action="store_true", help="print the package version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        return p

    why = command("why", "rank the nutrients and factors linked to symptoms, with the evidence")
    why.add_argument("symptoms", nargs="+", metavar="SYMPTOM")
    why.add_argument("--limit", type=_positive, default=None)
    why.set_defaults(run=_why)
    foods = command("foods", "foods richest in a nutrient, from USDA SR28")
    foods.add_argument("nutrient")
    foods.add_argument("--per", choices=("100g", "portion", "100kcal"), default="100g")
    foods.add_argument("--diet", choices=("vegan", "vegetarian", "omnivore"), default=None)
    foods.add_argument("--limit", type=_positive, default=10)
    foods.set_defaults(run=_foods)
    nutrient = command("nutrient", "what a nutrient does, why people run low, and the evidence")
    nutrient.add_argument("name")
    nutrient.set_defaults(run=_nutrient)
    relief = command("relief", "what eases a cramp now and what helps prevent the next")
    relief.add_argument("symptom", nargs="?", default="leg cramps")
    relief.add_argument("--limit", type=_positive, default=None)
    relief.set_defaults(run=_relief)
    search = command("search", "find nutrients, symptoms, factors and remedies by name")
    search.add_argument("text")
    search.add_argument("--limit", type=_positive, default=10)
    search.set_defaults(run=_search)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for a user error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from importlib.metadata import version

        print(f"cramps {version('cramps')}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    try:
        args.run(default_kb(), args)
    except (CrampsError, ValueError, TypeError) as exc:
        print(f"cramps: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
    return 0
