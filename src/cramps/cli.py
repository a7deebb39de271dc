"""The ``cramps`` command line: why, foods, nutrient, target, triage, relief, suggest, search.

Every command prints text that fits 80 columns, red flags first and the disclaimer once
at the end, or with ``--json`` the same result as JSON through the library's converter,
with computed numbers rounded (see :data:`SCORE_DECIMALS` and :data:`PERCENT_DECIMALS`;
amounts of a nutrient keep the decimals USDA SR28 gives that nutrient).

A user error (an unknown name, a bad option) exits with status 2 and never a traceback.
Its message speaks the command line's words (``--pregnant needs --sex female``, not the
Python API's ``pregnant=True``); with ``--json`` it is a JSON object on stderr:
``{"error": message, "kind": kind, "suggestions": [...]}`` (see :data:`ERROR_KINDS`).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shlex
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from cramps.amount import readable_amount
from cramps.errors import CrampsError, DataError, NoReferenceError, ProfileError, UnknownTermError
from cramps.guidance import DISCLAIMER
from cramps.knowledge import KnowledgeBase
from cramps.loading import default_kb, load

if TYPE_CHECKING:
    from cramps.foods import Food, FoodResult, Serving, TypicalSource
    from cramps.fuzzy import SearchHit
    from cramps.intakes import DailyTarget
    from cramps.profiles import Profile
    from cramps.questions import Question
    from cramps.ranking import Ranked, Ranking
    from cramps.red_flags import Triage

__all__ = ["ERROR_KINDS", "PERCENT_DECIMALS", "SCORE_DECIMALS", "CliError", "build_parser", "cli_words", "main"]

WIDTH = 80
#: Decimals of every score in the output: rank scores, reason weights, the separation of
#: a question and search scores.
SCORE_DECIMALS = 4
#: Decimals of a percentage of the Daily Value.
PERCENT_DECIMALS = 1
#: The ``kind`` of a JSON error, and what it means.
ERROR_KINDS: Mapping[str, str] = {
    "usage": "the command line itself is wrong: an unknown command or option, a missing or bad value",
    "unknown-term": "a name the knowledge base does not know (a nutrient, symptom, medication, food group ...)",
    "red-flag": "a red flag given where a cramp symptom is expected: run `cramps triage` with it",
    "profile": "the profile options cannot answer the question (--age or --sex missing, --pregnant without "
    "--sex female ...)",
    "no-reference": "the reference data say nothing about this (vitamin K2 has no DRI)",
    "data": "a --data folder or file that cannot be loaded",
    "invalid-value": "any other value the command cannot use (an empty name ...)",
}
Command = Callable[[KnowledgeBase, argparse.Namespace], Any]


class CliError(Exception):
    """A user error as the command line reports it: the ``message`` in the command line's
    words, its ``kind`` (one of :data:`ERROR_KINDS`) and the closest known names."""

    def __init__(self, message: str, kind: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.suggestions = tuple(suggestions)


class _UsageError(Exception):
    """Raised by the parsers instead of printing the usage and exiting."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser = parser
        self.message = message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(self, message)


# --- errors in the command line's words ----------------------------------------------

#: The profile and command options that the Python API names as keyword arguments.
_OPTIONS: Mapping[str, str] = {
    "age": "--age",
    "sex": "--sex",
    "pregnant": "--pregnant",
    "lactating": "--lactating",
    "medications": "--med",
    "conditions": "--condition",
    "diet": "--diet",
    "activity": "--activity",
    "hot_climate": "--hot-climate",
    "sun_exposure": "--sun",
    "alcohol": "--alcohol",
    "limit": "--limit",
    "per": "--per",
    "groups": "--group",
    "exclude_groups": "--exclude-group",
}
#: Lifestyle factors, which the profile gives by its own options rather than --condition.
_LIFESTYLE_OPTIONS: Mapping[str, str] = {
    "exercise": "--activity heavy",
    "heavy-alcohol-use": "--alcohol heavy",
    "heavy-sweating": "--activity heavy --hot-climate",
    "little-sun-exposure": "--sun little",
    "vegan-diet": "--diet vegan",
    "vegetarian-diet": "--diet vegetarian",
}


def _option(name: str, fallback: str) -> str:
    return _OPTIONS.get(name, fallback)


_WORDING: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    # keyword arguments: pregnant=True, sex='female', age=42
    (re.compile(r"\b([a-z_]+)=True\b"), lambda m: _option(m[1], m[0])),
    (
        re.compile(r"\b([a-z_]+)='([^']*)'"),
        lambda m: f"{_OPTIONS[m[1]]} {shlex.quote(m[2])}" if m[1] in _OPTIONS else m[0],
    ),
    (re.compile(r"\b([a-z_]+)=(\d+(?:\.\d+)?)\b"), lambda m: f"{_OPTIONS[m[1]]} {m[2]}" if m[1] in _OPTIONS else m[0]),
    # "(sex is not given)", "(sex is 'male')"
    (re.compile(r"\(([a-z_]+) is not given\)"), lambda m: f"(no {_option(m[1], m[1])} given)"),
    (re.compile(r"\(([a-z_]+) is '([^']*)'\)"), lambda m: f"(got {_option(m[1], m[1])} {shlex.quote(m[2])})"),
    # "set only one of pregnant and lactating"
    (
        re.compile(r"\bset only one of ([a-z_]+) and ([a-z_]+)\b"),
        lambda m: f"give only one of {_option(m[1], m[1])} and {_option(m[2], m[2])}",
    ),
    # "a name in medications must ...", "groups must ...", "limit must ..."
    (re.compile(r"\ba name in ([a-z_]+)\b"), lambda m: f"a name given to {_option(m[1], m[1])}"),
    (re.compile(r"^([a-z_]+)(?= must\b| is \d)"), lambda m: _option(m[1], m[1])),
    (re.compile(r" \(or None[^)]*\)| or None\b"), lambda m: ""),
    # "see cramps.search() for ..."
    (re.compile(r"\bcramps\.([a-z_]+)\(\)"), lambda m: f"`cramps {m[1]}`"),
)


def cli_words(message: str) -> str:
    """``message``, written by the Python API for Python callers, in the command line's
    words: ``pregnant=True needs sex='female'`` becomes ``--pregnant needs --sex female``."""
    for pattern, replace in _WORDING:
        message = pattern.sub(replace, message)
    return message


def _failure(exc: Exception, kb: KnowledgeBase | None) -> CliError:
    """The :class:`CliError` a user sees for ``exc``."""
    if isinstance(exc, CliError):
        return exc
    if isinstance(exc, UnknownTermError):
        return _unknown(exc, kb)
    kind = (
        "no-reference"
        if isinstance(exc, NoReferenceError)
        else "profile"
        if isinstance(exc, ProfileError)
        else "data"
        if isinstance(exc, DataError)
        else "invalid-value"
    )
    suggestions = exc.covered if isinstance(exc, NoReferenceError) else ()
    return CliError(cli_words(str(exc)), kind, suggestions)


def _unknown(exc: UnknownTermError, kb: KnowledgeBase | None) -> CliError:
    term, kind = exc.term, exc.kind
    if kb is not None and kind in ("medication", "condition"):
        misplaced = _misplaced_factor(kb, term, kind)
        if misplaced is not None:
            return misplaced
    message = f"unknown {kind}: {term!r}"
    suggestions = exc.suggestions
    if suggestions:
        message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
    elif kind == "food group" and kb is not None:
        suggestions = kb.foods.groups()
        message += "; the USDA food groups are: " + "; ".join(suggestions)
    else:
        message += f"; try `cramps search {shlex.quote(term)}` to find it by another name"
    return CliError(message, "unknown-term", suggestions)


def _misplaced_factor(kb: KnowledgeBase, term: str, kind: str) -> CliError | None:
    """A factor given to the wrong option (``--med pregnancy``, ``--condition "vegan diet"``)."""
    from cramps.profiles import CONDITION_KINDS, MEDICATION_KINDS

    try:
        factor = kb.factor(term)
    except UnknownTermError:
        return None
    if factor.kind in MEDICATION_KINDS:
        how: str | None = f"--med {shlex.quote(term)}"
    elif factor.kind in CONDITION_KINDS:
        how = f"--condition {shlex.quote(term)}"
    else:
        how = _LIFESTYLE_OPTIONS.get(factor.id)
    if how is None:
        return None
    return CliError(f"{term!r} is not a {kind}: give it as {how}", "unknown-term", (factor.name,))


_CHOICE = re.compile(r"invalid choice: '(?P<value>[^']*)' \(choose from (?P<choices>.*)\)$")


def _usage_failure(message: str) -> CliError:
    import difflib

    suggestions: list[str] = []
    found = _CHOICE.search(message)
    if found:
        choices = [choice.strip().strip("'") for choice in found["choices"].split(",")]
        suggestions = difflib.get_close_matches(found["value"], choices, n=3, cutoff=0.6) or choices
    return CliError(message, "usage", suggestions)


def _report(failure: CliError, prog: str, as_json: bool, usage: str | None = None) -> int:
    """Print ``failure`` to stderr, as text or as JSON; the exit status (2)."""
    if as_json:
        error = {"error": failure.message, "kind": failure.kind, "suggestions": list(failure.suggestions)}
        print(json.dumps(error, indent=2, ensure_ascii=False, sort_keys=True), file=sys.stderr)
    else:
        if usage:
            sys.stderr.write(usage)
        print(f"{prog}: error: {failure.message}", file=sys.stderr)
    return 2


def _asks_for_json(argv: Sequence[str]) -> bool:
    """Whether the command line asks for JSON (``--json`` or an abbreviation argparse
    accepts), read before parsing so that a usage error can be reported as JSON."""
    for token in argv:
        if token == "--":
            break
        if len(token) >= 3 and "--json".startswith(token):
            return True
    return False


# --- output ------------------------------------------------------------------------


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def _emit_json(payload: dict[str, Any]) -> None:
    from cramps.serialize import to_dict

    payload.setdefault("disclaimer", DISCLAIMER)
    print(json.dumps(to_dict(payload), indent=2, ensure_ascii=False, sort_keys=True))


def _disclaimer() -> None:
    print()
    print(_wrap("Note: " + DISCLAIMER))


def _inline(name: str) -> str:
    """A record name for the middle of a sentence: "Vitamin K2" -> "vitamin K2"."""
    first, _, rest = name.partition(" ")
    if first[1:].islower():
        first = first.lower()
    return f"{first} {rest}" if rest else first


def _score(value: float) -> float:
    return round(value, SCORE_DECIMALS) + 0.0  # + 0.0: never -0.0


def _presented(ranking: Ranking[Any]) -> Ranking[Any]:
    """``ranking`` as the command shows it, in text and JSON alike: scores and weights
    rounded to :data:`SCORE_DECIMALS`, and the reasons in the order the text explains them."""
    from cramps.explanation import adds_up, by_effect
    from cramps.ranking import Ranking

    def shown(result: Ranked[Any]) -> Ranked[Any]:
        ordered = by_effect(result.reasons)
        weights = [_score(reason.weight) for reason in ordered]
        if adds_up(result):  # keep them adding up once rounded: the rounding is settled on the largest
            weights[0] = _score(weights[0] + _score(result.score) - math.fsum(weights))
        reasons = tuple(attrs.evolve(reason, weight=weight) for reason, weight in zip(ordered, weights, strict=True))
        return attrs.evolve(result, score=_score(result.score), reasons=reasons)

    return Ranking(shown(result) for result in ranking)


def _questions(questions: Sequence[Question]) -> tuple[Question, ...]:
    return tuple(attrs.evolve(question, separation=_score(question.separation)) for question in questions)


def _hits(hits: Sequence[SearchHit]) -> tuple[SearchHit, ...]:
    return tuple(attrs.evolve(hit, score=_score(hit.score)) for hit in hits)


def _food_decimals(kb: KnowledgeBase) -> dict[str, int]:
    """Each food-table nutrient's decimals in USDA SR28 (magnesium 0, thiamin 3 ...)."""
    return {nutrient: round(math.log10(scale)) for nutrient, scale in kb.foods.columns.scales.items()}


def _food_results(kb: KnowledgeBase, results: Sequence[FoodResult]) -> tuple[FoodResult, ...]:
    """``results`` with the amount rounded to the SR28 precision of its nutrient (a
    per-portion or per-100-kcal amount is not more precise than the value per 100 g)
    and the percentage of the Daily Value to :data:`PERCENT_DECIMALS`."""
    from cramps.amount import Amount
    from cramps.foods import NUTRIENT_UNITS

    decimals = _food_decimals(kb) if results else {}
    rounded = []
    for result in results:
        places = decimals.get(result.nutrient)
        amount = result.amount
        if places is not None and amount.unit is NUTRIENT_UNITS.get(result.nutrient):
            amount = Amount(value=round(amount.value, places), unit=amount.unit)
        percent = result.percent_daily_value
        rounded.append(
            attrs.evolve(
                result, amount=amount, percent_daily_value=None if percent is None else round(percent, PERCENT_DECIMALS)
            )
        )
    return tuple(rounded)


def _name_of(kb: KnowledgeBase, record_id: str) -> str:
    for find in (kb.nutrient, kb.factor, kb.symptom):
        try:
            return find(record_id).name
        except UnknownTermError:
            continue
    return record_id


# --- the commands ------------------------------------------------------------------


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
    if not given:
        return None
    try:
        return kb.profile(**given)
    except (ValueError, TypeError) as exc:  # the profile's own checks (an unknown name is a LookupError)
        raise CliError(cli_words(str(exc)), "profile") from exc


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
    ranking = _presented(kb.rank(symptoms, profile, limit=args.limit)) if symptoms else ()
    questions = _questions(kb.suggest(symptoms, profile, limit=3)) if symptoms else ()
    if args.json:
        _emit_json({"triage": triage, "results": ranking, "next_questions": questions})
        return
    _flags_banner(triage)
    names = ", ".join(s.name for s in symptoms) or "red flags only"
    print(_wrap(f"What may lie behind: {names}"))
    print()
    if ranking:
        print(f"{'#':>3}  {'score':>5}  {'kind':<9} name")
    for result in ranking:
        kind = "nutrient" if type(result.record).__name__ == "Nutrient" else "factor"
        print(f"{result.rank:>3}  {result.score:5.2f}  {kind:<9} {textwrap.shorten(result.record.name, WIDTH - 22)}")
    if not ranking:
        print("  Nothing in the knowledge base is linked to these symptoms.")
    if ranking:
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
    """The symptoms the names give: a symptom's name, else the symptoms read in the text
    (``kb.read``). A name in which nothing at all is read, and that triage does not know
    as a red flag, raises the lookup's error (with its suggestions)."""
    found = []
    for name in names:
        try:
            found.append(kb.symptom(name))
            continue
        except UnknownTermError as exc:
            error = exc
        reading = kb.read(name)
        found.extend(kb.symptom(symptom_id) for symptom_id in reading.symptoms)
        if not reading.read_anything and not kb.triage(name).flags:
            raise error
    return list(dict.fromkeys(found))


def _foods(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    found = kb.foods_rich_in(
        args.nutrient,
        limit=args.limit,
        per=args.per,
        everyday=not args.all_foods,
        diet=args.diet,
        groups=args.group or None,
        exclude_groups=args.exclude_group or None,
    )
    results = _food_results(kb, found)
    if args.json:
        _emit_json({"results": results})
        return
    nutrient = kb.nutrient(args.nutrient)
    basis = {"100g": "100 g", "portion": "household portion", "100kcal": "100 kcal", "serving": "serving"}[args.per]
    which = "every food" if args.all_foods else "everyday foods, one of each kind"
    print(_wrap(f"Foods richest in {_inline(nutrient.name)} per {basis} ({which}; USDA SR28, measured values)"))
    print()
    print(f"{'#':>3}  {'amount':>10}  {'%DV':>5}  food")
    for result in results:
        dv = "" if result.percent_daily_value is None else f"{result.percent_daily_value:.0f}%"
        name = result.food.name
        if result.basis == "portion" and result.portion is not None:
            name = f"{name} [{result.portion.description}]"
        elif result.basis == "serving" and result.serving is not None:
            name = f"{name} [{_serving_text(result.serving)}]"
        print(f"{result.rank:>3}  {result.amount!s:>10}  {dv:>5}  {textwrap.shorten(name, WIDTH - 25)}")
    if not results:
        print("  No food matches these filters.")
    _disclaimer()


def _serving_text(serving: Serving) -> str:
    """A serving as "140 g, about 1 large (136 g)"."""
    grams = f"{serving.grams:.0f} g" if serving.grams >= 10 else f"{serving.grams:.1f} g"
    return grams if serving.measure is None else f"{grams}, about {serving.measure}"


def _shown(value: object, unit: object) -> str:
    return "missing" if not isinstance(value, float) else f"{value:.3g} {unit}"


def _percent(value: object) -> str:
    return "" if not isinstance(value, float) else f"{value:.0f}%"


def _food(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    from cramps.foods import NUTRIENT_UNITS, per_serving

    try:
        food = kb.food(args.name)
    except UnknownTermError:
        best = kb.foods.best_match(args.name)  # "banana" -> "Bananas, raw"
        if best is None:
            raise
        food = kb.food(best.id)
    serving = food.serving
    rows = []
    for nutrient_id in NUTRIENT_UNITS:
        amount = food.nutrients.get(nutrient_id)
        daily = kb.foods.daily_value(nutrient_id)
        value = None if amount is None else amount.value
        per = None if value is None or serving is None else per_serving(value, serving.grams)
        rows.append(
            {
                "nutrient": nutrient_id,
                "unit": NUTRIENT_UNITS[nutrient_id].value,
                "per_100g": value,
                "per_serving": per,
                "percent_daily_value_per_serving": None
                if per is None or daily is None
                else round(per / daily * 100, PERCENT_DECIMALS),
                "percent_daily_value_per_100g": None
                if value is None or daily is None
                else round(value / daily * 100, PERCENT_DECIMALS),
            }
        )
    if args.json:
        _emit_json({"food": food, "nutrients": rows})
        return
    print(_wrap(f"{food.name} ({food.group}; {food.source.dataset} {food.source.id})"))
    if serving is None:
        print(_wrap("No serving: FDA's reference amounts give no category for this food.", indent="  "))
    else:
        print(
            _wrap(f"Serving: {_serving_text(serving)} (FDA reference amount, category {serving.category})", indent="  ")
        )
    print()
    print(f"  {'nutrient':<12} {'per serving':>13} {'%DV':>5}  {'per 100 g':>11} {'%DV':>5}")
    for row in rows:
        unit = row["unit"]
        print(
            f"  {row['nutrient']:<12} {_shown(row['per_serving'], unit):>13}"
            f" {_percent(row['percent_daily_value_per_serving']):>5}"
            f"  {_shown(row['per_100g'], unit):>11} {_percent(row['percent_daily_value_per_100g']):>5}"
        )
    print(_wrap("'missing': USDA SR28 has no value for this nutrient in this food (not zero).", indent="  "))
    _disclaimer()


def _nutrient(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    nutrient = kb.nutrient(args.name)
    profile = _profile(kb, args)
    target, missing = _target_or_why_not(kb, nutrient.id, nutrient.name, profile)
    tests = kb.lab_tests_for(nutrient)
    from cramps.foods import NUTRIENT_UNITS

    has_foods = nutrient.id in NUTRIENT_UNITS  # the nutrients the food table measures
    foods = _food_results(kb, kb.foods_rich_in(nutrient, limit=5)) if has_foods else ()
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
                "target_missing": missing,
                "lab_tests": tests,
            }
        )
        return
    print(f"{nutrient.name} ({nutrient.kind.value})")
    print(_wrap(nutrient.summary, indent="  "))
    print(_wrap(f"What it does: {nutrient.role}", indent="  "))
    for label, items in (
        ("Why people run low", nutrient.deficiency_causes),
        ("Signs of a deficiency", nutrient.deficiency_signs),
        ("Typical sources", [_typical(source) for source in sources] or nutrient.typical_sources),
        ("Minor sources", nutrient.minor_sources),
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
    elif missing is not None:
        print()
        print(_wrap(f"No daily target: {missing}"))
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


def _target_or_why_not(
    kb: KnowledgeBase, nutrient_id: str, name: str, profile: Profile | None
) -> tuple[DailyTarget | None, str | None]:
    """The daily target for ``profile``, or why there is none (``None`` without a profile)."""
    if profile is None:
        return None, None
    try:
        return kb.daily_target(nutrient_id, profile), None
    except NoReferenceError:
        return None, f"the Dietary Reference Intakes (DRIs) set no value for {_inline(name)}"
    except ProfileError as exc:
        return None, cli_words(str(exc))


def _print_target(target: DailyTarget, *, notes: bool = False) -> None:
    print(_wrap(f"Daily target ({target.life_stage}): {target.amount} a day ({target.kind.value})"))
    limit_note = target.upper_limit_note
    if target.upper_limit is not None and target.upper_limit_kind is not None:
        covers = target.upper_limit_applies_to or "what it covers is not stated"
        line = f"Upper limit ({target.upper_limit_kind.value}): {target.upper_limit} a day, applies to {covers}"
    else:
        line = "Upper limit: none set" + (f" ({limit_note})" if limit_note else "")
        limit_note = None
    print(_wrap(line, indent="    ", first="  "))
    if target.daily_value is not None:
        print(_wrap(f"Label Daily Value: {target.daily_value}", indent="  "))
    if not notes:
        return
    shown = list(target.notes)
    if limit_note:  # after the notes on the amount, before those on the Daily Value
        at = next((i for i, note in enumerate(shown) if note.startswith("Daily Value")), len(shown))
        shown.insert(at, f"Upper limit: {limit_note}")
    for note in shown:
        print(_wrap(note, indent="    ", first="  - "))


def _target(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    from cramps.profiles import Profile

    # without a profile, the target's own check says what is missing
    target = kb.daily_target(args.nutrient, _profile(kb, args) or Profile())
    if args.json:
        _emit_json({"target": target})
        return
    print(kb.nutrient(args.nutrient).name)
    _print_target(target, notes=True)
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


def _not_a_red_flag(kb: KnowledgeBase, names: Sequence[str], exc: UnknownTermError) -> CliError | None:
    """The error for a red flag (``chest pain``) given where a cramp symptom is expected."""
    if exc.kind != "symptom" or exc.term not in names:
        return None
    try:
        triage = kb.triage(exc.term)
    except (UnknownTermError, ValueError):
        return None
    if not triage.flags:
        return None
    return CliError(
        f"{exc.term!r} is a red flag, not a cramp symptom: run `cramps triage {shlex.quote(exc.term)}` to see how soon"
        " to get care",
        "red-flag",
        tuple(flag.name for flag in triage.flags),
    )


def _relief(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    try:
        ranking = _presented(kb.relief_for(args.symptom, _profile(kb, args), limit=args.limit))
    except UnknownTermError as exc:
        raise _not_a_red_flag(kb, [args.symptom], exc) or exc from None
    if args.json:
        _emit_json({"results": ranking})
        return
    for result in ranking:
        remedy = result.record
        print(f"{result.rank}. [{remedy.kind.value}] {remedy.name}")
        print(_wrap(remedy.instructions, indent="   "))
        if remedy.caution:
            print(_wrap("Caution: " + remedy.caution, indent="   "))
    if not ranking:
        print("Nothing in the knowledge base is known to relieve this.")
    _disclaimer()


def _suggest(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    profile = _profile(kb, args)
    try:
        questions = _questions(kb.suggest(args.symptoms, profile, limit=args.limit))
    except UnknownTermError as exc:
        raise _not_a_red_flag(kb, args.symptoms, exc) or exc from None
    if args.json:
        _emit_json({"results": questions})
        return
    for question in questions:
        moves = ", ".join(_name_of(kb, move) for move in question.moves[:3])
        print(_wrap(f"{question.text} (would move: {moves})", indent="    ", first="  - "))
    if not questions:
        print("No question would change the ranking.")
    _disclaimer()


def _search(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    hits = _hits(kb.search(args.text, limit=args.limit))
    foods = _foods_named(kb, args.text, args.limit)
    if args.json:
        _emit_json({"results": hits, "foods": foods})
        return
    if hits:
        print(f"{'score':>5}  {'kind':<9} {'id':<28} matched")
    for hit in hits:
        print(f"{hit.score:5.2f}  {hit.kind:<9} {hit.record.id:<28} {textwrap.shorten(hit.matched, WIDTH - 46)}")
    if foods:
        if hits:
            print()
        print("Foods (USDA SR28 descriptions):")
        for food in foods:
            print(f"  {food.id:<12} {textwrap.shorten(food.name, WIDTH - 15)}")
    if not hits and not foods:
        print("No match.")


#: How many food matches are read to keep those that name every word of the search.
_FOOD_CANDIDATES = 50


def _foods_named(kb: KnowledgeBase, text: str, limit: int) -> tuple[Food, ...]:
    """The foods whose description names every word of ``text``, singular or plural, best
    first: "banana" finds "Bananas, raw", and "leg cramps" finds no frog legs."""
    from cramps.food_search import names_every_stem, search_stems

    stems = search_stems(text)
    candidates = kb.search_foods(text, limit=max(limit, _FOOD_CANDIDATES))
    return tuple(food for food in candidates if names_every_stem(stems, food.name))[:limit]


def _lab_argument(text: str) -> tuple[str, float, str]:
    """``LOINC=VALUE UNIT`` ("19123-9=1.5mg/dL", "62292-8=18 ng/mL") as a tuple."""
    code, sep, rest = text.partition("=")
    found = re.match(r"^\s*([0-9.]+)\s*(\S+)\s*$", rest) if sep else None
    if not sep or not code.strip() or found is None:
        raise argparse.ArgumentTypeError(f"expected LOINC=VALUE UNIT such as 19123-9=1.5mg/dL, got {text!r}")
    try:
        value = float(found.group(1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number before the unit, got {found.group(1)!r}") from None
    return code.strip(), value, found.group(2)


def _assess(kb: KnowledgeBase, args: argparse.Namespace) -> None:
    profile = _profile(kb, args) or kb.profile()
    diary = kb.read_diary(args.diary, strict=not args.skip_bad_rows) if args.diary else None
    labs = [kb.lab_result(*lab) for lab in args.lab or ()]
    assessment = kb.assess(profile, symptoms=args.symptoms, diary=diary, labs=labs)
    if args.json:
        print(json.dumps(assessment.to_dict(), indent=2, ensure_ascii=False))
        return
    if assessment.triage is not None:
        _flags_banner(assessment.triage)
        print(_wrap(f"Triage: {assessment.triage.level}"))
        for advice in assessment.triage.advice[:2]:
            print(_wrap(advice, indent="    ", first="  - "))
        print()
    rows = [status for status in assessment.statuses if status.intake is not None or status.lab is not None]
    if rows:
        print(f"{'nutrient':<24}{'intake':>12}{'target':>16}{'%':>6}  {'lab':<16}status")
        for status in rows:
            intake = "-" if status.intake is None else readable_amount(status.intake)
            target = "-" if status.target is None else f"{status.target.kind.value} {status.target.amount}"
            percent = "-" if status.percent_of_target is None else f"{status.percent_of_target:.0f}"
            lab = "-" if status.lab is None else f"{status.lab.value:g} {status.lab.unit} {status.lab.status or ''}"
            name = textwrap.shorten(status.nutrient.name, 23, placeholder="...")
            print(f"{name:<24}{intake:>12}{target:>16}{percent:>6}  {lab.strip():<16}{status.status}")
        print()
    for status in rows:
        if status.foods_to_close_gap:
            gap = "" if status.gap is None else f" ({readable_amount(status.gap)} a day)"
            print(_wrap(f"To close the {status.nutrient.name} gap{gap}, one serving each of:"))
            for food in status.foods_to_close_gap:
                print(_wrap(str(food), indent="    ", first="  - "))
    print()
    print("Nutrients to look at, with the reasons:")
    for item in assessment.nutrients[: args.limit]:
        print(f"{item.rank}. {item.record.name} (score {item.score:.2f})")
        for reason in item.reasons[:4]:
            print(_wrap(reason.text, indent="     ", first="   - "))
    for caveat in assessment.caveats:
        print()
        print(_wrap(caveat))
    _disclaimer()


# --- the parser --------------------------------------------------------------------


def _shown_path(path: object) -> str:
    """A path for a message: quoted for a shell, cut short when it is long."""
    return _short(str(path), quote=shlex.quote)


def _os_reason(error: OSError) -> str:
    """What the operating system said (``No such file or directory``), without the path."""
    return error.strerror or type(error).__name__


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        digits = text.strip().lstrip("+-")
        if digits.isdecimal():  # more digits than Python reads as a number
            sign = "below 1" if text.strip().startswith("-") else "too large"
            raise argparse.ArgumentTypeError(
                f"must be a whole number from 1 such as 10, got one of {len(digits):,} digits ({sign})"
            ) from None
        raise argparse.ArgumentTypeError(f"expected a whole number, got {_short(text)}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _short(text: str, quote: Callable[[str], str] = repr) -> str:
    """``text`` quoted for a message (by ``quote``), cut short when it is long."""
    return quote(text) if len(text) <= 60 else quote(text[:57]) + f"... ({len(text):,} characters)"


def _age(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an age in years, got {_short(text)}") from None
    if not 0 <= value <= 130:
        raise argparse.ArgumentTypeError(f"age must be between 0 and 130, got {_short(text, quote=str)}")
    return value


def _profile_options() -> _Parser:
    options = _Parser(add_help=False)
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
    parser = _Parser(
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
        p.add_argument("--json", action="store_true", help="print JSON instead of text (errors too, on stderr)")
        p.set_defaults(run=run, command_parser=p)
        return p

    why = command("why", "rank the nutrients and factors that may lie behind symptoms", _why, with_profile=True)
    why.add_argument("symptoms", nargs="+", metavar="SYMPTOM")
    why.add_argument("--limit", type=_positive, default=8)
    foods = command("foods", "foods richest in a nutrient, from USDA SR28", _foods)
    foods.add_argument("nutrient")
    foods.add_argument("--per", choices=("serving", "100g", "portion", "100kcal"), default="serving")
    foods.add_argument(
        "--all-foods",
        action="store_true",
        help="rank every food of the table, not only everyday foods (one of each kind)",
    )
    foods.add_argument("--diet", choices=("vegan", "vegetarian", "omnivore"), default=None)
    foods.add_argument("--group", action="append", metavar="GROUP", help="only this USDA food group (repeatable)")
    foods.add_argument("--exclude-group", action="append", metavar="GROUP", help="leave out a food group")
    foods.add_argument("--limit", type=_positive, default=10)
    food = command("food", "one food's cramp-related nutrients per serving and per 100 g", _food)
    food.add_argument("name", help="a food's description, id or NDB number (see cramps search)")
    nutrient = command("nutrient", "what a nutrient does, its sources, target and tests", _nutrient, with_profile=True)
    nutrient.add_argument("name")
    target = command("target", "the daily target and upper limit for a person", _target, with_profile=True)
    target.add_argument("nutrient")
    triage = command("triage", "how soon to see a clinician, from the red-flag list", _triage, with_profile=True)
    triage.add_argument("symptoms", nargs="+", metavar="SYMPTOM")
    relief = command("relief", "what eases a cramp now and what helps prevent the next", _relief, with_profile=True)
    relief.add_argument("symptom", nargs="?", default="leg cramps")
    relief.add_argument("--limit", type=_positive, default=None)
    suggest = command("suggest", "the questions that would best narrow the causes down", _suggest, with_profile=True)
    suggest.add_argument("symptoms", nargs="+", metavar="SYMPTOM")
    suggest.add_argument("--limit", type=_positive, default=5)
    assess = command(
        "assess", "what may be lacking: triage, intake against targets, lab values, foods", _assess, with_profile=True
    )
    assess.add_argument("symptoms", nargs="*", metavar="SYMPTOM")
    assess.add_argument("--diary", metavar="CSV", help="a food diary: columns food, amount and an optional date")
    assess.add_argument(
        "--lab", action="append", type=_lab_argument, metavar="LOINC=VALUE", help="a lab result, e.g. 19123-9=1.5mg/dL"
    )
    assess.add_argument("--skip-bad-rows", action="store_true", help="leave out diary rows that cannot be read")
    assess.add_argument("--limit", type=_positive, default=5, help="at most this many ranked nutrients")
    search = command("search", "find nutrients, symptoms, factors, remedies and foods by name", _search)
    search.add_argument("text")
    search.add_argument("--limit", type=_positive, default=10, help="at most this many records, and as many foods")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for a user error)."""
    if argv is not None and (isinstance(argv, (str, bytes)) or not isinstance(argv, Iterable)):
        raise TypeError(f"argv must be a list of str (or None for sys.argv), not {type(argv).__name__}")
    arguments = list(sys.argv[1:] if argv is None else argv)
    for argument in arguments:
        if not isinstance(argument, str):
            raise TypeError(f"argv must hold str, not {type(argument).__name__}")
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(arguments)
        if extras:  # reported by the command's parser, with the command's usage
            (getattr(args, "command_parser", None) or parser).error("unrecognized arguments: " + " ".join(extras))
    except _UsageError as exc:
        return _report(
            _usage_failure(exc.message), exc.parser.prog, _asks_for_json(arguments), exc.parser.format_usage()
        )
    if args.version:
        from importlib.metadata import version

        print(f"cramps {version('cramps')}")
        return 0
    if args.command is None:
        parser.print_help()
        return 2
    kb: KnowledgeBase | None = None
    try:
        kb = default_kb()
        for folder in args.data or ():
            try:
                kb = load(folder, base=kb)
            except OSError as exc:
                raise CliError(f"cannot read --data {_shown_path(folder)}: {_os_reason(exc)}", "data") from exc
        try:
            args.run(kb, args)
        except OSError as exc:  # a file a command reads or writes that the system refuses
            if isinstance(exc, BrokenPipeError):
                raise
            where = f" {_shown_path(exc.filename)}" if exc.filename is not None else ""
            raise CliError(f"cannot read{where}: {_os_reason(exc)}", "invalid-value") from exc
    except (CrampsError, CliError, LookupError, ValueError, TypeError) as exc:
        return _report(_failure(exc, kb), f"cramps {args.command}", args.json)
    except BrokenPipeError:
        sys.stderr.close()
    return 0
