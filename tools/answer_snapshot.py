"""Regression snapshot of the answers of cramps' public queries.

Draws a seeded, reproducible list of random query calls (every public query in roughly
equal shares, with arguments taken from the packaged vocabulary), runs them through the
public API only, and writes one JSON line per call. Snapshots taken before and after a
refactor step can then be compared: identical files mean identical answers.

Usage::

    python tools/answer_snapshot.py OUT.jsonl [--count 1000] [--seed 0]
    python tools/answer_snapshot.py --compare A.jsonl B.jsonl

Each line is ``{"n": i, "call": "<readable call>", "answer": <plain JSON>}``. A call that
raises records ``{"error": <exception type name>, "message": str(exc)}`` as its answer.
Answers are converted with :func:`cramps.to_dict` (or, where that fails, field by field)
and object keys are sorted, so key order never counts as a difference. The calls depend
only on the seed, the count and the packaged vocabulary (drawn in sorted order), never on
other answers. ``--compare`` prints each differing line with a short diff and a summary,
and exits 1 if any line differs, 0 if all are identical.
"""

from __future__ import annotations

import argparse
import difflib
import enum
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import attrs

import cramps

Json: TypeAlias = bool | int | float | str | list["Json"] | dict[str, "Json"] | None
Scalar: TypeAlias = bool | int | float | str | None
Arg: TypeAlias = "Scalar | list[Arg] | Call | Item"

PER = ("100g", "portion", "100kcal")
FOOD_DIETS = ("vegan", "vegetarian")
SEXES = ("female", "male")
DIETS = ("omnivore", "vegetarian", "vegan")
ACTIVITIES = ("sedentary", "moderate", "heavy")
SUN_EXPOSURES = ("little", "moderate", "plenty")
ALCOHOL = ("none", "moderate", "heavy")
SCORERS = ("default", "evidence", "profile")
COLLECTIONS = ("citations", "claims", "factors", "foods", "guidance", "nutrients", "remedies", "symptoms")
BAD_COLLECTIONS = ("red_flags", "intakes")
#: Ages around the boundaries of the DRI life-stage groups (infants in fractional years).
STAGE_AGES = (0.25, 0.5, 0.75, 1, 3, 4, 8, 9, 13, 14, 18, 19, 30, 31, 50, 51, 70, 71, 85, 100)
MEDICATION_KINDS = ("medication",)
CONDITION_KINDS = ("medical_condition", "physiological_state")
#: The symptom whose kinds have the longest rankings (explain needs a ranked result).
CRAMPS = "muscle-cramps"
#: The condition that sets ``pregnant=True`` in a profile (an error unless sex="female").
PREGNANCY = "pregnancy"
QUERIES = (
    "nutrient",
    "symptom",
    "factor",
    "remedy",
    "citation",
    "claim",
    "search",
    "rank",
    "nutrients_for_symptom",
    "factors_for_symptom",
    "relief_for",
    "suggest",
    "food",
    "search_foods",
    "foods_rich_in",
    "typical_sources",
    "profile",
    "daily_target",
    "lab_tests_for",
    "triage",
    "explain",
    "schema",
    "to_dict",
)


# -- calls ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """A call of a module-level function of :mod:`cramps`; arguments may be calls too."""

    func: str
    args: tuple[Arg, ...] = ()
    kwargs: tuple[tuple[str, Arg], ...] = ()


@dataclass(frozen=True)
class Item:
    """``target[index]``: one result of a ranking."""

    target: Call
    index: int


def render(arg: Arg) -> str:
    """The call or argument as Python source, e.g. ``rank(['cramp'], limit=3)[1]``."""
    if isinstance(arg, Call):
        parts = [render(a) for a in arg.args] + [f"{name}={render(value)}" for name, value in arg.kwargs]
        return f"{arg.func}({', '.join(parts)})"
    if isinstance(arg, Item):
        return f"{render(arg.target)}[{arg.index}]"
    if isinstance(arg, list):
        return "[" + ", ".join(render(a) for a in arg) + "]"
    return repr(arg)


def evaluate(arg: Arg) -> Any:
    """Run the call (and the calls in its arguments) through the public API."""
    if isinstance(arg, Call):
        function: Callable[..., Any] = getattr(cramps, arg.func)
        return function(*(evaluate(a) for a in arg.args), **{name: evaluate(v) for name, v in arg.kwargs})
    if isinstance(arg, Item):
        return evaluate(arg.target)[arg.index]
    if isinstance(arg, list):
        return [evaluate(a) for a in arg]
    return arg


# -- vocabulary -------------------------------------------------------------------------


def _labels(record: Any) -> list[str]:
    """The id, name, aliases and code strings of a record."""
    return [record.id, record.name, *record.aliases, *(code.code for code in getattr(record, "codes", ()))]


def _terms(records: Iterable[Any]) -> tuple[str, ...]:
    return tuple(sorted({label for record in records for label in _labels(record)}))


@dataclass(frozen=True)
class Vocabulary:
    """Names the packaged knowledge base answers to, each kind sorted."""

    nutrients: tuple[str, ...]
    symptoms: tuple[str, ...]
    cramps: tuple[str, ...]  # names of muscle cramps and the kinds of them: long rankings
    factors: tuple[str, ...]
    medications: tuple[str, ...]
    conditions: tuple[str, ...]
    conditions_not_pregnancy: tuple[str, ...]
    remedies: tuple[str, ...]
    citations: tuple[str, ...]
    claims: tuple[str, ...]
    red_flags: tuple[str, ...]
    food_sources: tuple[str, ...]
    foods: tuple[tuple[str, str, str], ...]  # (id, NDB number, name)
    food_groups: tuple[str, ...]

    @classmethod
    def packaged(cls) -> Vocabulary:
        kb = cramps.default_kb()

        def factors_of(kinds: Sequence[str]) -> tuple[str, ...]:
            return _terms(f for f in kb.factors if f.kind.value in kinds)

        flags = kb.red_flags
        conditions = factors_of(CONDITION_KINDS)
        broader = {s.id: set(s.broader) for s in kb.symptoms}
        for _ in kb.symptoms:  # the transitive closure, one step per round
            for ids in broader.values():
                ids.update(*(broader.get(b, ()) for b in list(ids)))
        pregnancy = set(_terms(f for f in kb.factors if f.id == PREGNANCY))
        return cls(
            nutrients=_terms(kb.nutrients),
            symptoms=_terms(kb.symptoms),
            cramps=_terms(s for s in kb.symptoms if CRAMPS in {s.id, *broader[s.id]}),
            factors=_terms(kb.factors),
            medications=factors_of(MEDICATION_KINDS),
            conditions=conditions,
            conditions_not_pregnancy=tuple(t for t in conditions if t not in pregnancy),
            remedies=_terms(kb.remedies),
            citations=tuple(sorted(c.id for c in kb.citations)),
            claims=tuple(sorted(c.id for c in kb.claims)),
            red_flags=tuple(sorted({*_terms(flags), *(sign for flag in flags for sign in flag.signs)})),
            food_sources=tuple(sorted({s for n in kb.nutrients for s in n.typical_sources})),
            foods=tuple(sorted((f.id, f.source.ndb_number or f.id, f.name) for f in kb.foods)),
            food_groups=tuple(sorted(kb.foods.groups())),
        )


# -- drawing calls ----------------------------------------------------------------------


@dataclass
class Draw:
    """Draws random, mostly valid calls of each query from one seeded generator."""

    rng: random.Random
    vocab: Vocabulary
    typo_rate: float = 0.06
    nested_typo_rate: float = 0.015
    makers: dict[str, Callable[[], Call]] = field(init=False)

    def __post_init__(self) -> None:
        self.makers = {name: getattr(self, "_" + name) for name in QUERIES}

    def calls(self, count: int) -> list[Call]:
        """``count`` calls, the queries taken in shuffled rounds so each gets an equal share."""
        order: list[str] = []
        while len(order) < count:
            round_ = list(QUERIES)
            self.rng.shuffle(round_)
            order.extend(round_)
        return [self.makers[name]() for name in order[:count]]

    # helpers

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def mutate(self, term: str, *, nested: bool = False) -> str:
        """The term, sometimes in another case and sometimes with a typo (more rarely
        for terms ``nested`` in a list or a profile, where any typo fails the whole call)."""
        r = self.rng.random()
        if r < (self.nested_typo_rate if nested else self.typo_rate):
            return self.typo(term)
        if r < 0.15:
            return term.upper()
        if r < 0.25:
            return term.lower()
        return term

    def typo(self, term: str) -> str:
        """The term with one character dropped or two swapped."""
        if len(term) < 2:
            return term
        i = self.rng.randrange(len(term) - 1)
        if self.chance(0.5):
            return term[:i] + term[i + 1 :]
        return term[:i] + term[i + 1] + term[i] + term[i + 2 :]

    def term(self, terms: Sequence[str], *, nested: bool = False) -> str:
        return self.mutate(self.rng.choice(terms), nested=nested)

    def exact(self, ids: Sequence[str]) -> str:
        """An id for a lookup by exact id: sometimes with a typo, never in another case."""
        chosen = self.rng.choice(ids)
        return self.typo(chosen) if self.chance(self.typo_rate) else chosen

    def terms(self, terms: Sequence[str], most: int) -> list[Arg]:
        return [self.term(terms, nested=True) for _ in range(self.rng.randint(1, most))]

    def symptoms(self) -> Arg:
        """One symptom name, or a list of one to three."""
        if self.chance(0.5):
            return self.term(self.vocab.symptoms)
        return self.terms(self.vocab.symptoms, 3)

    def limit(self, choices: Sequence[int | None], *, bad: float = 0.0) -> list[tuple[str, Arg]]:
        """A ``limit`` keyword (with chance ``bad`` an invalid 0), or none (the default) a third of the time."""
        if self.chance(1 / 3):
            return []
        return [("limit", 0 if self.chance(bad) else self.rng.choice(choices))]

    def age(self) -> float | int:
        if self.chance(0.5):
            return self.rng.choice(STAGE_AGES)
        return self.rng.randint(1, 100)

    def profile(self, *, target: bool = False) -> Call:
        """A random ``profile(...)`` call; ``target`` draws the fields a daily target needs more often."""
        kw: list[tuple[str, Arg]] = []
        if self.chance(0.97 if target else 0.7):
            kw.append(("age", self.age()))
        sex = self.rng.choice(SEXES) if self.chance(0.97 if target else 0.7) else None
        if sex is not None:
            kw.append(("sex", sex))
        # pregnant or lactating: for women (but only some ages have a DRI group), rarely for anyone (an error)
        if (sex == "female" and self.chance(0.08 if target else 0.25)) or self.chance(0.01):
            kw.append(("pregnant", True))
        elif (sex == "female" and self.chance(0.05 if target else 0.15)) or self.chance(0.01):
            kw.append(("lactating", True))
        if self.chance(0.25 if target else 0.4):
            kw.append(("medications", self.terms(self.vocab.medications, 2)))
        if self.chance(0.2 if target else 0.3):
            pool = self.vocab.conditions if sex == "female" else self.vocab.conditions_not_pregnancy
            if self.chance(0.03):  # now and then pregnancy for anyone, or a medication as a condition: errors
                pool = self.rng.choice((self.vocab.conditions, self.vocab.medications))
            kw.append(("conditions", self.terms(pool, 2)))
        for name, values in (("diet", DIETS), ("activity", ACTIVITIES)):
            if self.chance(0.35):
                kw.append((name, self.rng.choice(values)))
        if self.chance(0.25):
            kw.append(("hot_climate", True))
        for name, values in (("sun_exposure", SUN_EXPOSURES), ("alcohol", ALCOHOL)):
            if self.chance(0.35):
                kw.append((name, self.rng.choice(values)))
        self.rng.shuffle(kw)
        return Call("profile", kwargs=tuple(kw))

    def maybe_profile(self, p: float = 0.5) -> list[Arg]:
        return [self.profile()] if self.chance(p) else []

    def scorer(self, *, profile: bool = True) -> list[tuple[str, Arg]]:
        """A ``scorer`` keyword now and then; the profile scorer only if ``profile``."""
        names = SCORERS if profile else tuple(name for name in SCORERS if name != "profile")
        return [("scorer", self.rng.choice(names))] if self.chance(0.3) else []

    def ranking(self) -> Call:
        """A random call, without a limit, of one of the queries that return a ranking,
        mostly for a kind of cramp (other symptoms have few results, or none)."""
        func = self.rng.choice(("rank", "nutrients_for_symptom", "factors_for_symptom", "relief_for"))
        symptom = self.term(self.vocab.cramps if self.chance(0.8) else self.vocab.symptoms, nested=True)
        if func == "relief_for":
            return Call(func, (symptom,))
        symptoms: Arg = symptom
        if self.chance(0.4):
            symptoms = [symptom, *self.terms(self.vocab.symptoms, 2)]
        profile = self.maybe_profile()
        return Call(func, (symptoms, *profile), tuple(self.scorer(profile=bool(profile))))

    def food_name(self) -> str:
        return self.rng.choice(self.vocab.foods)[2]

    # one maker per query

    def _nutrient(self) -> Call:
        return Call("nutrient", (self.term(self.vocab.nutrients),))

    def _symptom(self) -> Call:
        return Call("symptom", (self.term(self.vocab.symptoms),))

    def _factor(self) -> Call:
        return Call("factor", (self.term(self.vocab.factors),))

    def _remedy(self) -> Call:
        return Call("remedy", (self.term(self.vocab.remedies),))

    def _citation(self) -> Call:
        return Call("citation", (self.exact(self.vocab.citations),))

    def _claim(self) -> Call:
        return Call("claim", (self.exact(self.vocab.claims),))

    def _search(self) -> Call:
        pool = self.rng.choice((self.vocab.nutrients, self.vocab.symptoms, self.vocab.factors, self.vocab.remedies))
        text = self.term(pool)
        if len(text) > 3 and self.chance(0.3):
            text = text[: self.rng.randint(3, len(text) - 1)]
        return Call("search", (text,), tuple(self.limit((None, 1, 3, 5, 20), bad=0.06)))

    def _rank(self) -> Call:
        kw = self.scorer()
        if self.chance(0.4):
            kinds: tuple[Arg, ...] = (["nutrient"], ["factor"], "nutrient", "factor", ["factor", "nutrient"])
            kw.append(("kinds", self.rng.choice(kinds)))
        kw += self.limit((None, 1, 3, 5, 10))
        return Call("rank", (self.symptoms(), *self.maybe_profile()), tuple(kw))

    def _nutrients_for_symptom(self) -> Call:
        kw = self.limit((None, 1, 3, 5)) + self.scorer()
        return Call("nutrients_for_symptom", (self.symptoms(), *self.maybe_profile()), tuple(kw))

    def _factors_for_symptom(self) -> Call:
        kw = self.limit((None, 1, 3, 5)) + self.scorer()
        return Call("factors_for_symptom", (self.symptoms(), *self.maybe_profile()), tuple(kw))

    def _relief_for(self) -> Call:
        return Call("relief_for", (self.term(self.vocab.symptoms),), tuple(self.limit((None, 1, 3, 5))))

    def _suggest(self) -> Call:
        return Call("suggest", (self.symptoms(), *self.maybe_profile()), tuple(self.limit((None, 1, 3, 8))))

    def _food(self) -> Call:
        food_id, ndb, name = self.rng.choice(self.vocab.foods)
        key = self.rng.choice((food_id, ndb, name, name, name.lower()))
        if self.chance(0.08):
            key = self.typo(key)
        return Call("food", (key,))

    def _search_foods(self) -> Call:
        r = self.rng.random()
        if r < 0.3:
            text = self.rng.choice(self.vocab.food_sources)
        elif r < 0.65:
            text = self.food_name().split(",")[0].lower()
        else:
            words = [w.strip("()%&/-") for w in self.food_name().replace(",", " ").split()]
            words = [w for w in words if w] or ["raw"]
            text = " ".join(self.rng.sample(words, min(len(words), self.rng.randint(1, 2))))
        return Call("search_foods", (self.mutate(text),), tuple(self.limit(range(1, 11), bad=0.06)))

    def _groups(self) -> list[Arg]:
        chosen = self.rng.sample(self.vocab.food_groups, self.rng.randint(1, 2))
        return [g.lower() if self.chance(0.2) else g for g in chosen]

    def _foods_rich_in(self) -> Call:
        kw: list[tuple[str, Arg]] = []
        if self.chance(0.75):
            kw.append(("per", self.rng.choice(PER)))
        if self.chance(0.6):
            kw.append(("diet", self.rng.choice(FOOD_DIETS)))
        if self.chance(0.2):
            kw.append(("groups", self._groups()))
        if self.chance(0.15):
            kw.append(("exclude_groups", self._groups()))
        kw += self.limit(range(1, 16))
        self.rng.shuffle(kw)
        return Call("foods_rich_in", (self.term(self.vocab.nutrients),), tuple(kw))

    def _typical_sources(self) -> Call:
        return Call("typical_sources", (self.term(self.vocab.nutrients),))

    def _profile(self) -> Call:
        call = self.profile()
        if self.chance(0.08):  # a field out of range: an error worth recording
            bad: tuple[tuple[str, Arg], ...] = (("age", 131), ("age", -1), ("diet", "keto"), ("activity", "extreme"))
            call = Call("profile", kwargs=(*call.kwargs, self.rng.choice(bad)))
        return call

    def _daily_target(self) -> Call:
        nutrient = self.term(self.vocab.nutrients, nested=True)  # nutrient() has the typos
        return Call("daily_target", (nutrient, self.profile(target=True)))

    def _lab_tests_for(self) -> Call:
        pool = self.vocab.nutrients if self.chance(0.5) else self.vocab.factors
        return Call("lab_tests_for", (self.term(pool),))

    def _triage(self) -> Call:
        pools = (self.vocab.red_flags, self.vocab.red_flags, self.vocab.symptoms)
        count = self.rng.randint(1, 3)
        items: list[Arg] = [self.term(self.rng.choice(pools), nested=count > 1) for _ in range(count)]
        symptoms: Arg = items[0] if len(items) == 1 and self.chance(0.5) else items
        return Call("triage", (symptoms, *self.maybe_profile(0.4)))

    def _explain(self) -> Call:
        kw: list[tuple[str, Arg]] = [("width", self.rng.choice((40, 60, 72, 100)))] if self.chance(0.4) else []
        index = self.rng.choice((0, 0, 0, 1, 1, 2, 3, -1))
        return Call("explain", (Item(self.ranking(), index),), tuple(kw))

    def _schema(self) -> Call:
        r = self.rng.random()
        if r < 0.1:
            return Call("schema")
        if r < 0.18:
            return Call("schema", (self.rng.choice(BAD_COLLECTIONS),))
        return Call("schema", (self.rng.choice(COLLECTIONS),))

    def _to_dict(self) -> Call:
        makers = (
            self._nutrient,
            self._symptom,
            self._factor,
            self._remedy,
            self._citation,
            self._claim,
            self._food,
            self._profile,
            self._typical_sources,
            self._lab_tests_for,
        )
        return Call("to_dict", (self.rng.choice(makers)(),))


# -- answers ----------------------------------------------------------------------------


def _is_plain(value: object) -> bool:
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False


def _canonical(value: Json) -> Json:
    """The same data with every object's keys sorted."""
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {key: _canonical(value[key]) for key in sorted(value)}
    return value


def _manual(value: object) -> Json:
    """Plain data for ``value`` field by field, each part through :func:`to_plain` again."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return to_plain(value.value)
    if isinstance(value, Mapping):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        items = [to_plain(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    cls = type(value)
    if attrs.has(cls):
        return {a.name: to_plain(getattr(value, a.name)) for a in attrs.fields(cls)}
    raise TypeError(f"cannot convert {type(value).__name__} to plain data")


def to_plain(value: object) -> Json:
    """JSON-ready data for a query result: :func:`cramps.to_dict` where it gives plain
    data, else a manual conversion; object keys sorted."""
    try:
        plain: object = cramps.to_dict(value)
    except Exception:
        plain = _manual(value)
    else:
        if not _is_plain(plain):
            plain = _manual(value)
    assert _is_plain(plain)
    return _canonical(plain)  # type: ignore[arg-type]


def answer(call: Call) -> Json:
    """The plain answer to ``call``, or the error it raised."""
    try:
        result = evaluate(call)
    except Exception as exc:
        return {"error": type(exc).__name__, "message": str(exc)}
    return to_plain(result)


def is_error(value: Json) -> bool:
    return isinstance(value, dict) and set(value) == {"error", "message"}


def query_of(call: str) -> str:
    return call.split("(", 1)[0]


# -- commands ---------------------------------------------------------------------------


def snapshot(out: Path, count: int, seed: int) -> None:
    """Write the answers of ``count`` calls drawn with ``seed`` to ``out``, then a summary."""
    start = time.perf_counter()
    calls = Draw(random.Random(seed), Vocabulary.packaged()).calls(count)
    calls_per: Counter[str] = Counter()
    errors_per: Counter[str] = Counter()
    with out.open("w", encoding="utf-8", newline="\n") as stream:
        for n, call in enumerate(calls):
            text, result = render(call), answer(call)
            calls_per[call.func] += 1
            errors_per[call.func] += is_error(result)
            line = {"n": n, "call": text, "answer": result}
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
    elapsed = time.perf_counter() - start
    print(f"{'query':<24}{'calls':>6}{'errors':>8}")
    for name in QUERIES:
        print(f"{name:<24}{calls_per[name]:>6}{errors_per[name]:>8}")
    total_errors = sum(errors_per.values())
    print(f"{'total':<24}{len(calls):>6}{total_errors:>8}")
    print(f"wrote {len(calls)} answers (seed {seed}) to {out} in {elapsed:.1f} s")


def _load(path: Path) -> dict[int, tuple[str, str, Json]]:
    """Line number -> (call, canonical answer text, answer)."""
    lines: dict[int, tuple[str, str, Json]] = {}
    with path.open(encoding="utf-8") as stream:
        for raw in stream:
            if raw.strip():
                item = json.loads(raw)
                text = json.dumps(item["answer"], sort_keys=True, ensure_ascii=False)
                lines[item["n"]] = (item["call"], text, item["answer"])
    return lines


def _short_diff(a: Json, b: Json, most: int = 16, width: int = 160) -> list[str]:
    def pretty(value: Json) -> list[str]:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1).splitlines()

    diff = list(difflib.unified_diff(pretty(a), pretty(b), "A", "B", n=1, lineterm=""))[2:]
    shown = [line if len(line) <= width else line[: width - 3] + "..." for line in diff[:most]]
    if len(diff) > most:
        shown.append(f"... ({len(diff) - most} more diff lines)")
    return shown


def compare(path_a: Path, path_b: Path) -> int:
    """Print the lines whose call or answer differ; 1 if any do, else 0."""
    a, b = _load(path_a), _load(path_b)
    differ = 0
    for n in sorted(a.keys() | b.keys()):
        if n not in a or n not in b:
            differ += 1
            present, name = (a, path_a) if n in a else (b, path_b)
            print(f"[{n}] only in {name}: {present[n][0]}")
            continue
        (call_a, text_a, answer_a), (call_b, text_b, answer_b) = a[n], b[n]
        if call_a != call_b:
            differ += 1
            print(f"[{n}] different calls:\n  A: {call_a}\n  B: {call_b}")
        elif text_a != text_b:
            differ += 1
            print(f"[{n}] {call_a}")
            for line in _short_diff(answer_a, answer_b):
                print("    " + line)
    total = len(a.keys() | b.keys())
    print(f"{total - differ} of {total} lines identical, {differ} differ ({path_a} vs {path_b})")
    return 1 if differ else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", nargs="?", type=Path, help="the JSON-lines file to write")
    parser.add_argument("--count", type=int, default=1000, help="how many calls (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"), help="compare two snapshots")
    args = parser.parse_args(argv)
    if args.compare is not None:
        if args.out is not None:
            parser.error("give either OUT or --compare A B, not both")
        return compare(*args.compare)
    if args.out is None:
        parser.error("give OUT (the file to write) or --compare A B")
    if args.count < 0:
        parser.error("--count must be >= 0")
    snapshot(args.out, args.count, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
