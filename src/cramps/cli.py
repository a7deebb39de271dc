"""The ``cramps`` command line: why, foods, nutrient, target, triage, relief, suggest, search.

Every command prints text that fits 80 columns, red flags first and the disclaimer once
at the end, or with ``--json`` the same result as JSON through the library's converter.
A user error (an unknown name, a bad option) exits with status 2 and never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from cramps.errors import CrampsError
from cramps.guidance import DISCLAIMER
from cramps.knowledge import KnowledgeBase
from cramps.loading import default_kb, load

if TYPE_CHECKING:
    from cramps.foods import TypicalSource
    from cramps.profiles import Profile
    from cramps.red_flags import Triage

WIDTH = 80
Command = Callable[[KnowledgeBase, argparse.Namespace], Any]


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(text, width=WIDTH, initial_indent=indent if first is None else first, subsequent_indent=indent)


def _emit_json(payload: dict[str, Any]) -> None:
    from cramps.serialize import to_dict

    payload.setdefault("disclaimer", DISCLAIMER)
    print(json.dumps(to_dict(payload), indent=2, ensure_ascii=False, sort_keys=True))


def _disclaimer() -> None:
    print()
    print(_wrap("Note: " + DISCLAIMER))


def _profile(kb: KnowledgeBase, args: argparse.Namespace) -> Profile | None:
    fields = {
        "age": args.age,
        "sex": args.sex,
        "pregnant": args.pregnant or None,
        "lactating": args.lactating or None,
        "medications": args.med or None,
        "conditions": args.condition or None,
        "diet": args.diet,
        "activity": args.activity,
        "hot_climate": args.hot_climate or None,
        "sun_exposure": args.sun,
        "alcohol": args.alcohol,
    }
    given = {name: value for name, value in fields.items() if value is not None}
    return kb.profile(**given) if given else None


def _flags_banner(triage: Triage) -> None:
    """Red flags, first and impossible to miss."""
    if not triage.flags:
        return
    title = f" {str(triage.level).upper()} "
    print("!" * 3 + title + "!" * (WIDTH - len(title) - 3))
    for flag in triage.flags:
        print(_wrap(f"{flag.name}: {flag.advice}", indent="  ", first="! "))
    print("!" * WIDTH)
    print()


def _why(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    from cramps.explanation import explain

    profile = _profile(kb, args)
    triage = kb.triage(args.symptoms, profile)
    symptoms = _ranked_symptoms(kb, args.symptoms)
    ranking = kb.rank(symptoms, profile, limit=args.limit) if symptoms else ()
    questions = kb.suggest(symptoms, profile, limit=3) if symptoms else ()
    if args.json:
        _emit_json({"triage": triage, "results": ranking, "next_questions": questions})
        return
    _flags_banner(triage)
    names = ", ".join(s.name for s in symptoms) or "red flags only"
    print(_wrap(f"What may lie behind: {names}"))
    print()
    print(f"{'#':>3}  {'score':>5}  {'kind':<9} name")
    for result in ranking:
        kind = "nutrient" if type(result.record).__name__ == "Nutrient" else "factor"
        print(f"{result.rank:>3}  {result.score:5.2f}  {kind:<9} {textwrap.shorten(result.record.name, WIDTH - 22)}")
    if not ranking:
        print("  Nothing in the knowledge base is linked to these symptoms.")
    print("\nWhy:")
    for result in ranking:
        print(explain(result, width=WIDTH))
    if questions:
        print("\nQuestions that would narrow this down:")
        for question in questions:
            print(_wrap(question.text, indent="    ", first="  - "))
    print()
    print(_wrap("Only a clinician, often with a blood test, can confirm a deficiency."))
    _disclaimer()


def _ranked_symptoms(kb: KnowledgeBase, names: Sequence[str]) -> list[Any]:
    """The names that are knowledge-base symptoms; the rest are red flags that triage
    has already checked."""
    from cramps.errors import UnknownTermError

    found = []
    for name in names:
        try:
            found.append(kb.symptom(name))
        except UnknownTermError:
            continue
    return found


def _foods(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    results = kb.foods_rich_in(
        args.nutrient,
        limit=args.limit,
        per=args.per,
        diet=args.diet,
        groups=args.group or None,
        exclude_groups=args.exclude_group or None,
    )
    if args.json:
        _emit_json({"results": results})
        return
    nutrient = kb.nutrient(args.nutrient)
    basis = {"100g": "100 g", "portion": "household portion", "100kcal": "100 kcal"}[args.per]
    print(_wrap(f"Foods richest in {nutrient.name.lower()} per {basis} (USDA SR28, measured values)"))
    print()
    print(f"{'#':>3}  {'amount':>10}  {'%DV':>5}  food")
    for result in results:
        dv = "" if result.percent_daily_value is None else f"{result.percent_daily_value:.0f}%"
        name = result.food.name if result.portion is None else f"{result.food.name} [{result.portion.description}]"
        print(f"{result.rank:>3}  {result.amount!s:>10}  {dv:>5}  {textwrap.shorten(name, WIDTH - 25)}")
    if not results:
        print("  No food matches these filters.")
    _disclaimer()


def _nutrient(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    nutrient = kb.nutrient(args.name)
    profile = _profile(kb, args)
    target = _target_or_none(kb, nutrient.id, profile)
    tests = kb.lab_tests_for(nutrient)
    has_foods = _has_food_data(kb, nutrient.id)
    foods = kb.foods_rich_in(nutrient, limit=5, per="portion") if has_foods else ()
    sources = kb.typical_sources(nutrient) if has_foods else ()
    claims = kb.claims_about(nutrient.id)
    if args.json:
        _emit_json(
            {
                "nutrient": nutrient,
                "claims": claims,
                "typical_sources": sources,
                "foods": foods,
                "target": target,
                "lab_tests": tests,
            }
        )
        return
    print(f"{nutrient.name} ({nutrient.kind.value})")
    print(_wrap(nutrient.summary, indent="  "))
    for label, body in (("What it does", nutrient.role),):
        print(_wrap(f"{label}: {body}", indent="  "))
    for label, items in (
        ("Why people run low", nutrient.deficiency_causes),
        ("Signs of a deficiency", nutrient.deficiency_signs),
        ("Typical sources", [_typical(source) for source in sources] or nutrient.typical_sources),
    ):
        if items:
            print(_wrap(f"{label}: {'; '.join(items)}", indent="  "))
    if foods:
        print("\nTop foods per household portion (USDA SR28):")
        for result in foods:
            portion = f" [{result.portion.description}]" if result.portion else ""
            print(f"  {result.amount!s:>10}  {textwrap.shorten(result.food.name + portion, WIDTH - 14)}")
    if target is not None:
        print()
        _print_target(target)
    if tests:
        print("\nBlood tests that can confirm a deficiency:")
        for test in tests:
            print(_wrap(f"{test.name} (LOINC {test.code.code})", indent="    ", first="  - "))
    if claims:
        print("\nEvidence:")
    for claim in claims:
        body = f"{claim.statement} [grade {claim.grade.value}, {claim.direction.value.replace('_', ' ')}]"
        print(_wrap(body, indent="    ", first="  - "))
    _disclaimer()


def _typical(source: TypicalSource) -> str:
    if source.food is None:
        return source.name
    amount = f": {source.amount} per 100 g" if source.amount is not None else ""
    return f"{source.name} (USDA {source.food.name}{amount})"


def _has_food_data(kb: KnowledgeBase, nutrient_id: str) -> bool:
    from cramps.foods import NUTRIENT_UNITS

    return nutrient_id in NUTRIENT_UNITS


def _target_or_none(kb: KnowledgeBase, nutrient_id: str, profile: Profile | None) -> Any:
    from cramps.errors import NoReferenceError, ProfileError

    if profile is None:
        return None
    try:
        return kb.daily_target(nutrient_id, profile)
    except (NoReferenceError, ProfileError):
        return None


def _print_target(target: Any) -> None:
    stage = target.life_stage.label
    print(_wrap(f"Daily target ({stage}): {target.amount} a day ({target.kind.value})"))
    if target.upper_limit is not None:
        covers = f", {target.upper_limit_applies_to}" if target.upper_limit_applies_to else ""
        print(_wrap(f"Upper limit ({target.upper_limit_kind.value}): {target.upper_limit}{covers}", indent="  "))
    else:
        print(_wrap("Upper limit: none set by the DRIs", indent="  "))
    if target.daily_value is not None:
        print(_wrap(f"Label Daily Value: {target.daily_value}", indent="  "))


def _target(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    profile = _profile(kb, args)
    if profile is None:
        raise ValueError("give at least --age and --sex to pick a life-stage group")
    target = kb.daily_target(args.nutrient, profile)
    if args.json:
        _emit_json({"target": target})
        return
    print(kb.nutrient(args.nutrient).name)
    _print_target(target)
    for note in target.notes:
        print(_wrap(note, indent="    ", first="  - "))
    _disclaimer()


def _triage(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    triage = kb.triage(args.symptoms, _profile(kb, args))
    if args.json:
        _emit_json({"triage": triage})
        return
    _flags_banner(triage)
    print(_wrap(f"Level: {triage.level}"))
    for advice in triage.advice:
        print(_wrap(advice, indent="    ", first="  - "))
    _disclaimer()


def _relief(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    ranking = kb.relief_for(args.symptom, limit=args.limit)
    if args.json:
        _emit_json({"results": ranking})
        return
    for result in ranking:
        remedy = result.record
        print(f"{result.rank}. [{remedy.kind.value}] {remedy.name}")
        print(_wrap(remedy.instructions, indent="   "))
        if remedy.caution:
            print(_wrap("Caution: " + remedy.caution, indent="   "))
    _disclaimer()


def _suggest(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    questions = kb.suggest(args.symptoms, _profile(kb, args), limit=args.limit)
    if args.json:
        _emit_json({"results": questions})
        return
    for question in questions:
        moves = ", ".join(question.moves[:3])
        print(_wrap(f"{question.text} (would move: {moves})", indent="    ", first="  - "))
    if not questions:
        print("No question would change the ranking.")
    _disclaimer()


def _search(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    hits = kb.search(args.text, limit=args.limit)
    if args.json:
        _emit_json({"results": hits})
        return
    print(f"{'score':>5}  {'kind':<9} {'id':<28} matched")
    for hit in hits:
        print(f"{hit.score:5.2f}  {hit.kind:<9} {hit.record.id:<28} {textwrap.shorten(hit.matched, WIDTH - 46)}")
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


def _age(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an age in years, got {text!r}") from None
    if not 0 <= value <= 130:
        raise argparse.ArgumentTypeError(f"age must be between 0 and 130, got {text}")
    return value


def _profile_options() -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_argument_group("profile (all optional)")
    group.add_argument("--age", type=_age, help="age in years")
    group.add_argument("--sex", choices=("female", "male"))
    group.add_argument("--pregnant", action="store_true")
    group.add_argument("--lactating", action="store_true")
    group.add_argument("--med", action="append", metavar="NAME", help="a medication (repeatable)")
    group.add_argument("--condition", action="append", metavar="NAME", help="a medical condition (repeatable)")
    group.add_argument("--diet", choices=("omnivore", "vegetarian", "vegan"))
    group.add_argument("--activity", choices=("sedentary", "moderate", "heavy"))
    group.add_argument("--hot-climate", action="store_true", help="activity in the heat (heavy sweating)")
    group.add_argument("--sun", choices=("little", "moderate", "plenty"), help="sun exposure")
    group.add_argument("--alcohol", choices=("none", "moderate", "heavy"))
    return options


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the documentation and the tests)."""
    parser = argparse.ArgumentParser(
        prog="cramps",
        description="Leg cramps: linked nutrients, foods, contributing factors, relief and red flags.",
        epilog="It informs; it never diagnoses. See a clinician for severe or frequent cramps.",
    )
    parser.add_argument("--version", action="store_true", help="print the package version and exit")
    parser.add_argument(
        "--data",
        action="append",
        metavar="FOLDER",
        help="add your own records (nutrients, claims, foods ...) from a folder of JSON files in the "
        "packaged schema; repeatable, each on top of the last",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    profile = _profile_options()

    def command(name: str, help_text: str, run: Command, *, with_profile: bool = False) -> argparse.ArgumentParser:
        parents = [profile] if with_profile else []
        p = sub.add_parser(name, help=help_text, description=help_text, parents=parents)
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        p.set_defaults(run=run)
        return p

    why = command("why", "rank the nutrients and factors that may lie behind symptoms", _why, with_profile=True)
    why.add_argument("symptoms", nargs="+", metavar="SYMPTOM")
    why.add_argument("--limit", type=_positive, default=8)
    foods = command("foods", "foods richest in a nutrient, from USDA SR28", _foods)
    foods.add_argument("nutrient")
    foods.add_argument("--per", choices=("100g", "portion", "100kcal"), default="100g")
    foods.add_argument("--diet", choices=("vegan", "vegetarian", "omnivore"), default=None)
    foods.add_argument("--group", action="append", metavar="GROUP", help="only this USDA food group (repeatable)")
    foods.add_argument("--exclude-group", action="append", metavar="GROUP", help="leave out a food group")
    foods.add_argument("--limit", type=_positive, default=10)
    nutrient = command("nutrient", "what a nutrient does, its sources, target and tests", _nutrient, with_profile=True)
    nutrient.add_argument("name")
    target = command("target", "the daily target and upper limit for a person", _target, with_profile=True)
    target.add_argument("nutrient")
    triage = command("triage", "how soon to see a clinician, from the red-flag list", _triage, with_profile=True)
    triage.add_argument("symptoms", nargs="+", metavar="SYMPTOM")
    relief = command("relief", "what eases a cramp now and what helps prevent the next", _relief)
    relief.add_argument("symptom", nargs="?", default="leg cramps")
    relief.add_argument("--limit", type=_positive, default=None)
    suggest = command("suggest", "the questions that would best narrow the causes down", _suggest, with_profile=True)
    suggest.add_argument("symptoms", nargs="+", metavar="SYMPTOM")
    suggest.add_argument("--limit", type=_positive, default=5)
    search = command("search", "find nutrients, symptoms, factors and remedies by name", _search)
    search.add_argument("text")
    search.add_argument("--limit", type=_positive, default=10)
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
        kb = default_kb()
        for folder in args.data or ():
            kb = load(folder, base=kb)
        args.run(kb, args)
    except (CrampsError, LookupError, ValueError, TypeError) as exc:
        print(f"cramps {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
    return 0
