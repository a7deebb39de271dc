"""Every public function raises only its documented errors, for any input.

Each public query (and the public records with numbers in them, and the command line) is
called with arguments drawn from valid values mixed with nasty ones (see
``strategies.NASTY``): integers of any size, subnormal, huge and non-finite floats,
numeric text of thousands of digits, lists, tuples and dicts nested 100,000 deep, 1 MB
of text, control characters and odd Unicode, bools where numbers are expected, bytes,
``None``, empty collections and objects whose ``__hash__``, ``__eq__`` or ``__str__``
raise. A call must return, or raise

* a :class:`~cramps.CrampsError`, or
* exactly ``TypeError`` or ``ValueError``, raised by a ``raise`` statement of cramps (or
  of a library it hands the value to) with a message that is not one of Python's own
  (``Exceeds the limit (4300 digits) ...``, ``math domain error`` ...), or
* the caller's own error, raised by a broken object's method (``BrokenObjectError``),

within :data:`HANG_SECONDS`. Anything else (``OverflowError``, ``RecursionError``,
``KeyError`` ...) fails, unless it is one of :data:`KNOWN`: failures in modules this test
could not change, each pinned by a regression test marked ``xfail(strict=True)``.

``CRAMPS_FUZZ_EXAMPLES`` sets the number of examples per function (default
:data:`DEFAULT_EXAMPLES`, for CI); ``CRAMPS_FUZZ_COUNTS`` names a JSON file to write the
number of calls made per function to (the counts are also printed, seen with ``-s``).
"""

from __future__ import annotations

import contextlib
import dis
import io
import json
import math
import os
import re
import signal
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import NASTY, BrokenObjectError, Pooled, nasty, nasty_for, nasty_or, numeric_texts, resolve

import cramps
from cramps import CrampsError, Profile, scoring
from cramps.cli import main as cli_main
from cramps.intakes import LifeStage
from cramps.lab_tests import RangeBand, ReferenceRange

DEFAULT_EXAMPLES = 20
EXAMPLES = int(os.environ.get("CRAMPS_FUZZ_EXAMPLES", DEFAULT_EXAMPLES))
#: A call that takes longer than this hangs (the knowledge base is loaded before).
HANG_SECONDS = 60.0
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
CRAMPS_SOURCE = Path(cramps.__file__).resolve().parent

#: Messages Python itself writes: a ``TypeError`` or ``ValueError`` carrying one escaped
#: from Python's internals rather than from a check of cramps.
INTERNAL = re.compile(
    "|".join(
        [
            r"Exceeds the limit \(\d+ digits?\)",
            r"cannot convert float (NaN|infinity) to integer",
            r"math domain error",
            r"too large to convert",
            r"embedded null (byte|character)",
            r"object is not (iterable|subscriptable|callable)",
            r"unhashable type",
            r"maximum recursion depth",
            r"could not convert string to float",
            r"invalid literal for int\(\)",
            r"not supported between instances of",
            r"unsupported operand type",
            r"is not a valid [A-Z]\w*$",
            r"takes \d+ positional arguments?|unexpected keyword argument|missing \d+ required",
            r"object of type '\w+' has no len\(\)",
            r"must be real number, not",
            r"expected str, bytes or os\.PathLike",
            r"can only concatenate|can't multiply sequence",
            r"codec can't (en|de)code",
            r"invalid width -?\d+ \(must be > 0\)",
        ]
    )
)


class Hang(BaseException):
    """Raised in a call that takes longer than :data:`HANG_SECONDS`."""


class Known(NamedTuple):
    """A failure in a module this test could not change: the exception type, the file of
    the frame that raised it, a pattern of its message, and why (with the fix)."""

    exception: type[BaseException] | tuple[type[BaseException], ...]
    module: str
    message: str
    reason: str
    function: str = ""  # the fuzzed function it is known in ("": any)


#: Known failures, tolerated by the fuzz tests; each has a regression test below marked
#: ``xfail(strict=True)``. Delete the entry with the fix: the regression test then runs
#: as a normal test and the fuzz tests stop tolerating it.
KNOWN: dict[str, Known] = {}


def known(error: BaseException, function: str = "") -> str | None:
    """The id of the :data:`KNOWN` failure ``error`` (raised by ``function``) is, if any."""
    frame = last_frame(error)
    for key, entry in KNOWN.items():
        if (
            entry.function in ("", function)
            and isinstance(error, entry.exception)
            and frame is not None
            and entry.module in Path(frame.filename).name
            and re.search(entry.message, str(error))
        ):
            return key
    return None


def last_frame(error: BaseException) -> traceback.FrameSummary | None:
    frames = traceback.extract_tb(error.__traceback__)
    return frames[-1] if frames else None


def describe(error: BaseException) -> str:
    frame = last_frame(error)
    where = "?" if frame is None else f"{frame.filename}:{frame.lineno} {frame.line!r}"
    try:
        message = str(error)
    except Exception as broken:  # a message holding a broken object
        message = f"<str() raised {type(broken).__name__}>"
    tail = "".join(traceback.format_tb(error.__traceback__)[-4:])
    return f"{type(error).__name__}: {message[:300]} at {where}\n{tail}"


def assert_documented(error: BaseException) -> None:
    """Fail unless ``error`` is one a caller is told to expect (see the module)."""
    context = describe(error)
    try:
        message = str(error)
    except BrokenObjectError:  # the caller's broken object, in the message
        return
    assert message, f"an error without a message: {context}"
    if isinstance(error, CrampsError):
        return
    assert type(error) in (TypeError, ValueError), f"undocumented error {context}"
    assert not INTERNAL.search(message), f"a message from Python's internals: {context}"
    assert raised_by_cramps_check(error), f"not raised by a check of cramps: {context}"


def raised_by_statement(error: BaseException) -> bool | None:
    """Whether the innermost frame of ``error`` raised it with a ``raise`` statement
    (read from the bytecode, which stays right while the source files change), or
    ``None`` when that frame is not code of cramps."""
    tb = error.__traceback__
    if tb is None:
        return None
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    if not Path(code.co_filename).resolve().is_relative_to(CRAMPS_SOURCE):
        return None
    return any(
        instruction.offset == tb.tb_lasti and instruction.opname in ("RAISE_VARARGS", "RERAISE")
        for instruction in dis.get_instructions(code)
    )


def raised_by_cramps_check(error: BaseException) -> bool:
    """A ``raise`` of cramps, or an error of a library cramps handed the value to (attrs,
    enum ...) whose message passed the :data:`INTERNAL` check; not a built-in function
    failing inside cramps (``int()``, ``math.isfinite()``, ``tuple()`` ...)."""
    return raised_by_statement(error) is not False


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


COUNTS: Counter[str] = Counter()
OUTCOMES: dict[str, Counter[str]] = {}
TIMES: Counter[str] = Counter()


def check(name: str, call: Callable[[], object]) -> None:
    """Call ``call`` (one example of function ``name``), counting it; fail on an
    undocumented error or a hang."""
    COUNTS[name] += 1
    start = time.perf_counter()
    outcome = "returned"
    try:
        with time_limit(HANG_SECONDS):
            call()
    except BrokenObjectError:
        outcome = "caller's own error"
    except Exception as error:
        key = known(error, name)
        if key is not None:
            outcome = f"known: {key}"
        else:
            assert_documented(error)
            outcome = type(error).__name__
    finally:
        TIMES[name] += time.perf_counter() - start
    OUTCOMES.setdefault(name, Counter())[outcome] += 1


@pytest.fixture(scope="module", autouse=True)
def report_counts() -> Iterator[None]:
    """Print (and write to ``CRAMPS_FUZZ_COUNTS``) the calls made per function."""
    yield
    rows = {
        name: {"calls": COUNTS[name], "seconds": round(TIMES[name], 2), "outcomes": dict(OUTCOMES.get(name, {}))}
        for name in sorted(COUNTS)
    }
    print(f"\nfuzz calls per function (CRAMPS_FUZZ_EXAMPLES={EXAMPLES}):")
    for name, row in rows.items():
        print(f"  {name:<28} {row['calls']:>6} calls {row['seconds']:>8.2f} s  {row['outcomes']}")
    target = os.environ.get("CRAMPS_FUZZ_COUNTS")
    if target:
        Path(target).write_text(json.dumps({"examples": EXAMPLES, "functions": rows}, indent=2), encoding="utf-8")


# -- valid values, to mix with the nasty ones -----------------------------------------

KB = cramps.default_kb()
KB.person_data  # loaded now, not in the time of the first example
PROFILES = [
    None,
    Profile(),
    Profile(age=40, sex="female"),
    Profile(age=30, sex="female", pregnant=True),
    Profile(age=5e-324, sex="male"),
    Profile(age=130, sex="male", diet="vegan", activity="heavy", hot_climate=True, alcohol="heavy"),
    cramps.profile(age=70, sex="male", medications=["statins"], conditions=["diabetes"], sun_exposure="little"),
]
LAB = cramps.lab_result("19123-9", 1.5, "mg/dL")
RANKED = KB.nutrients_for_symptom("leg cramps", limit=1)[0]
FOOD_RESULT = KB.foods_rich_in("magnesium", limit=1)[0]

nutrients = st.sampled_from(["magnesium", "Vitamin D", "potassium", "B12", "calcium", KB.nutrient("sodium")])
symptom_names = st.sampled_from(
    ["leg cramps", "tingling", "calf swelling", "cramps keep me awake", "night cramps since I started furosemide"]
)
symptom_lists = symptom_names | st.lists(symptom_names, min_size=1, max_size=3)
limits = st.none() | st.integers(1, 20)
profiles = st.sampled_from(PROFILES)
texts = st.sampled_from(["magnesium", "cramp", "banana", "mg", "b12", "statins"])
foods = st.sampled_from(["usda-09040", "09040", "Bananas, raw", "almonds"])
units = st.sampled_from(["mg/dL", "mmol/L", "mEq/L", "ng/mL", "nmol/L", "pg/mL", "MG/DL", "µg/L"])
loincs = st.sampled_from(["19123-9", "LOINC:2601-3", "62292-8", "2132-9", "32554-8", "serum-magnesium"])
lab_values = st.sampled_from([0, 1.5, 18, 300.0])
#: Diary phrases with numbers of any size and shape ("10**400 g", 5,000 digits, "1/0").
phrases = st.one_of(
    st.sampled_from(
        ["1 medium banana", "30 g almonds", "a cup of cooked spinach", "magnesium citrate 200 mg", "vitamin d3 1000 IU"]
    ),
    st.builds(
        lambda number, unit, food: f"{number} {unit} {food}",
        numeric_texts,
        st.sampled_from(["g", "", "cup", "mg", "mcg", "iu", "oz", "slice", "ml", "large"]),
        st.sampled_from(["almonds", "banana", "milk", "magnesium", "vitamin d", "cooked spinach"]),
    ),
    st.builds(lambda food, number: f"{food}, {number} g", st.sampled_from(["almonds", "milk"]), numeric_texts),
)
entries = st.one_of(phrases, st.tuples(foods, st.sampled_from([120, 30.5, 1e-300, "1 cup", "2 tbsp"]) | nasty))
entry_lists = st.lists(entries, max_size=4)
days = st.sampled_from([1, 7, 0.5, 366, 5e-324])
PROFILE_FIELDS = (
    "age", "sex", "pregnant", "lactating", "medications", "conditions", "diet", "activity", "hot_climate",
    "sun_exposure", "alcohol",
)  # fmt: skip


def csv_sources(draw_rows: st.SearchStrategy[list[tuple[str, str, str]]]) -> st.SearchStrategy[io.StringIO]:
    def write(rows: list[tuple[str, str, str]]) -> io.StringIO:
        text = io.StringIO()
        text.write("food,amount,date\n")
        for food, amount, day in rows:
            text.write(",".join('"' + cell.replace('"', '""') + '"' for cell in (food, amount, day)) + "\n")
        text.seek(0)
        return text

    return draw_rows.map(write)


csv_cells = st.one_of(
    numeric_texts,
    st.text(max_size=30),
    st.sampled_from([str(value) for value in NASTY.values() if type(value) is str and len(value) < 10_000]),
)
diary_csvs = csv_sources(
    st.lists(
        st.tuples(
            st.sampled_from(["banana", "almonds", "1 cup milk", "magnesium citrate 200 mg"]) | csv_cells,
            st.sampled_from(["", "120", "1 cup", "30"]) | csv_cells,
            st.sampled_from(["", "2024-01-01", "2024-01-02"]) | csv_cells,
        ),
        max_size=4,
    )
)


class Spec(NamedTuple):
    """How to fuzz one function: ``arguments`` draws its keyword arguments, ``call``
    calls it with them."""

    arguments: st.SearchStrategy[dict[str, Any]]
    call: Callable[..., object]
    #: The id of the KNOWN hang the arguments would run into, if any (not called then).
    hangs: Callable[[dict[str, Any]], str | None] = lambda arguments: None


@st.composite
def _arguments(draw: st.DrawFn, valid: dict[str, st.SearchStrategy[Any]], optional: frozenset[str]) -> dict[str, Any]:
    """Keyword arguments: mostly one nasty argument among valid ones (so that the nasty
    value gets as far into the function as it can), sometimes every argument valid or
    nasty; an optional argument may be left out."""
    mode = draw(st.sampled_from(["one", "one", "one", "valid", "all"]))
    chosen = draw(st.sampled_from(sorted(valid))) if mode == "one" else None
    arguments = {}
    for name, strategy in valid.items():
        if name in optional and name != chosen and draw(st.booleans()):
            continue
        if mode == "all":
            strategy = nasty_or(strategy)
        elif name == chosen:
            strategy = nasty_for(strategy)
        arguments[name] = draw(strategy)
    return arguments


def spec(call: Callable[..., object], optional: tuple[str, ...] = (), **valid: st.SearchStrategy[Any]) -> Spec:
    """The :class:`Spec` of ``call``, with a strategy of valid values per argument."""
    return Spec(_arguments(valid, frozenset(optional)), call)


def _cli(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = cli_main(argv)
    assert status in (0, 2), status
    return status


CLI_TEXT = st.one_of(
    st.text(max_size=30),
    numeric_texts,
    st.sampled_from(
        sorted(
            name for name, value in NASTY.items() if type(value) is str and len(value) < 1000 and "\x00" not in value
        )
    ).map(lambda name: NASTY[name]),
)
cli_argvs = st.one_of(
    st.tuples(st.just("foods"), nutrients.filter(lambda n: isinstance(n, str)), st.just("--limit"), CLI_TEXT),
    st.tuples(st.just("search"), CLI_TEXT, st.just("--limit"), CLI_TEXT),
    st.tuples(st.just("why"), CLI_TEXT, st.just("--age"), CLI_TEXT),
    st.tuples(st.just("target"), st.just("magnesium"), st.just("--age"), CLI_TEXT, st.just("--sex"), st.just("female")),
    st.tuples(
        st.just("assess"), st.just("--lab"), CLI_TEXT.map(lambda n: f"19123-9={n}mg/dL"), st.just("--age"), CLI_TEXT
    ),
    st.tuples(st.just("assess"), st.just("--diary"), CLI_TEXT),
    st.tuples(st.sampled_from(["nutrient", "triage", "relief", "suggest", "food"]), CLI_TEXT),
    st.tuples(st.just("--data"), CLI_TEXT, st.just("search"), st.just("magnesium")),
    st.lists(CLI_TEXT, max_size=5),
).map(list)

_EMPTY_FOLDER = tempfile.mkdtemp(prefix="cramps-fuzz-data-")
QUERY = ("limit",)
SPECS: dict[str, Spec] = {
    "nutrient": spec(cramps.nutrient, name=nutrients),
    "symptom": spec(cramps.symptom, name=symptom_names),
    "factor": spec(cramps.factor, name=st.sampled_from(["statins", "diuretics", "pregnancy", "diabetes"])),
    "remedy": spec(cramps.remedy, name=st.sampled_from([remedy.id for remedy in KB.remedies[:3]])),
    "citation": spec(cramps.citation, citation_id=st.sampled_from([c.id for c in KB.citations[:3]])),
    "claim": spec(cramps.claim, claim_id=st.sampled_from([c.id for c in KB.claims[:3]])),
    "food": spec(cramps.food, name_or_id=foods),
    "typical_sources": spec(cramps.typical_sources, nutrient=nutrients),
    "lab_tests_for": spec(cramps.lab_tests_for, subject=nutrients | st.just("thyroid disease")),
    "read": spec(cramps.read, text=symptom_names),
    "schema": spec(cramps.schema, collection=st.sampled_from([None, "nutrients", "foods", "claims"])),
    "search": spec(cramps.search, QUERY, text=texts, limit=limits),
    "search_foods": spec(cramps.search_foods, QUERY, text=texts, limit=limits),
    "rank": spec(
        cramps.rank,
        ("profile", "scorer", "kinds", "limit", "absent"),
        symptoms=symptom_lists,
        profile=profiles,
        scorer=st.sampled_from(["default", "evidence", "profile", scoring.EvidenceScorer()]),
        kinds=st.sampled_from([("nutrient",), ("factor",), ("nutrient", "factor"), "nutrient"]),
        limit=limits,
        absent=st.sampled_from(["tingling", "diuretics", "medications", ()]),
    ),
    **{
        name: spec(
            getattr(cramps, name),
            ("profile", "limit", "scorer", "absent"),
            symptom=symptom_lists,
            profile=profiles,
            limit=limits,
            scorer=st.sampled_from(["default", "evidence"]),
            absent=st.sampled_from(["tingling", "diuretics", "medications", ()]),
        )
        for name in ("nutrients_for_symptom", "factors_for_symptom")
    },
    "suggest": spec(cramps.suggest, ("profile", "limit"), symptoms=symptom_lists, profile=profiles, limit=limits),
    "relief_for": spec(cramps.relief_for, ("profile", "limit"), symptom=symptom_names, profile=profiles, limit=limits),
    "triage": spec(
        cramps.triage,
        ("profile", "absent"),
        symptoms=symptom_lists | st.just("my calf is hot and swollen"),
        profile=profiles,
        absent=symptom_lists,
    ),
    "foods_rich_in": spec(
        cramps.foods_rich_in,
        ("limit", "per", "everyday", "groups", "exclude_groups", "diet"),
        nutrient=nutrients,
        limit=limits,
        per=st.sampled_from(["serving", "100g", "portion", "100kcal"]),
        everyday=st.booleans(),
        groups=st.sampled_from([None, ("Nut and Seed Products",), ["Baked Products"]]),
        exclude_groups=st.sampled_from([None, ("Baby Foods",)]),
        diet=st.sampled_from([None, "vegan", "vegetarian"]),
    ),
    "daily_target": spec(cramps.daily_target, nutrient=nutrients, profile=profiles),
    **{
        name: spec(
            build,
            PROFILE_FIELDS,
            age=st.sampled_from([0, 40, 67.5, 130, 5e-324, 2.2e-308]) | st.floats(0, 130),
            sex=st.sampled_from(["female", "male"]),
            pregnant=st.booleans(),
            lactating=st.booleans(),
            medications=st.sampled_from([("statins",), ["diuretics"], ()]),
            conditions=st.sampled_from([("diabetes",), ()]),
            diet=st.sampled_from(["vegan", "omnivore"]),
            activity=st.sampled_from(["heavy", "sedentary"]),
            hot_climate=st.booleans(),
            sun_exposure=st.sampled_from(["little", "plenty"]),
            alcohol=st.sampled_from(["none", "heavy"]),
        )
        for name, build in (("profile", cramps.profile), ("Profile", Profile))
    },
    "lab_result": spec(cramps.lab_result, loinc=loincs, value=lab_values, unit=units),
    "LabResult.value_in": spec(LAB.value_in, unit=units),
    "diary": spec(cramps.diary, ("days",), entries=entry_lists, days=days),
    "read_diary": spec(
        cramps.read_diary, ("days", "strict"), source=diary_csvs, days=st.none() | days, strict=st.booleans()
    ),
    "assess": spec(
        cramps.assess,
        ("symptoms", "diary", "labs"),
        profile=profiles.filter(lambda profile: profile is not None),
        symptoms=symptom_lists,
        diary=st.none() | entry_lists,
        labs=st.lists(st.just(LAB) | st.tuples(loincs, lab_values | nasty, units), max_size=3),
    ),
    "explain": spec(
        cramps.explain, ("width",), result=st.sampled_from([RANKED, FOOD_RESULT]), width=st.sampled_from([80, 40])
    ),
    "to_dict": spec(cramps.to_dict, obj=st.sampled_from([LAB, RANKED, PROFILES[2]])),
    "from_dict": spec(
        cramps.from_dict,
        cls=st.sampled_from([Profile, cramps.Amount, cramps.Nutrient, cramps.Citation]),
        data=st.fixed_dictionaries({}, optional={"age": nasty, "value": nasty, "unit": nasty, "id": nasty}),
    ),
    "load": spec(cramps.load, source=st.just(_EMPTY_FOLDER)),
    "Amount": spec(cramps.Amount, value=lab_values, unit=st.sampled_from(["mg", "g", "ug", "kcal", "IU"])),
    "Amount.to": spec(cramps.Amount(value=1e300, unit="g").to, unit=st.sampled_from(["mg", "g", "ug"])),
    "Amount.scaled": spec(cramps.Amount(value=1e300, unit="g").scaled, factor=lab_values),
    "Diary": spec(cramps.Diary, ("days",), days=days),
    "Diary.intake": spec(cramps.diary(["1 banana", "magnesium 200 mg"], days=2).intake, nutrient=nutrients),
    "LifeStage": spec(
        LifeStage,
        label=st.just("test"),
        sex=st.just("any"),
        condition=st.just("none"),
        age_min=lab_values,
        age_max=st.sampled_from([None, 300.0]),
    ),
    "ReferenceRange": spec(ReferenceRange, ("high",), unit=units, low=lab_values, high=st.sampled_from([None, 300.0])),
    "RangeBand": spec(RangeBand, status=st.just("low"), label=st.just("low"), upper=st.sampled_from([None, 12.0])),
    "scoring.get": spec(scoring.get, name=st.sampled_from(["default", "evidence"])),
    "scoring.WeightedMean": spec(
        scoring.WeightedMean, scorers=st.sampled_from([("evidence", "profile")]), weights=st.sampled_from([(2, 1)])
    ),
    "cli": spec(_cli, argv=cli_argvs),
}


def test_every_public_query_is_fuzzed() -> None:
    """The fuzz covers every query of the public API (``cramps.queries``)."""
    from cramps import queries

    missing = set(queries.__all__) - set(SPECS) - {"default_kb"}
    assert not missing


@pytest.mark.parametrize("name", sorted(SPECS))
@FUZZ
@given(data=st.data())
def test_public_functions_raise_only_documented_errors(name: str, data: st.DataObject) -> None:
    spec = SPECS[name]
    arguments = resolve(data.draw(spec.arguments))
    hang = spec.hangs(arguments)
    if hang is not None:  # known to hang: counted, not called
        COUNTS[name] += 1
        OUTCOMES.setdefault(name, Counter())[f"known: {hang}"] += 1
        return
    check(name, lambda: spec.call(**arguments))


# -- regression tests for the shapes the fuzz found ------------------------------------


def _nasty(name: str) -> Any:
    return resolve(Pooled(name))


#: The API, untyped: the regression tests pass what the types forbid.
API: Any = cramps
_TEMP = tempfile.mkdtemp(prefix="cramps-fuzz-")
_CSV = Path(_TEMP, "diary.csv")
_CSV.write_text("food,amount\nbanana," + "9" * 5000 + "\n", encoding="utf-8")

#: (id, call, the error it must raise, a pattern of the message); the id of a KNOWN
#: failure marks the case xfail.
REGRESSIONS: list[tuple[str, Callable[[], object], type[BaseException], str]] = [
    ("profile-age-10**400", lambda: cramps.profile(age=10**400), ValueError, r"age must be between 0 and 130"),
    ("Profile-age-2**2000", lambda: Profile(age=2**2000), ValueError, r"age must be between 0 and 130"),
    ("Profile-age--2**2000", lambda: Profile(age=-(2**2000)), ValueError, r"age must be between 0 and 130"),
    ("Profile-age-nan", lambda: Profile(age=float("nan")), ValueError, r"age must be between 0 and 130"),
    ("foods_rich_in-limit-10**400", lambda: cramps.foods_rich_in("magnesium", limit=10**400), None, ""),
    ("search-limit-2**2000", lambda: cramps.search("magnesium", limit=2**2000), None, ""),
    ("nutrients_for_symptom-limit-10**400", lambda: cramps.nutrients_for_symptom("cramps", limit=10**400), None, ""),
    ("Amount-value-10**400", lambda: cramps.Amount(value=10**400, unit="mg"), ValueError, r"finite number >= 0"),
    ("Amount-unit-unknown", lambda: cramps.Amount(value=1, unit="stone"), ValueError, r"unit must be a Unit, one of"),
    ("Amount-scaled-10**400", lambda: cramps.Amount(value=1, unit="mg").scaled(10**400), ValueError, r"finite"),
    ("lab_result-value-10**400", lambda: cramps.lab_result("19123-9", 10**400, "mg/dL"), ValueError, r"finite"),
    (
        "assess-lab-value-2**2000",
        lambda: cramps.assess(Profile(age=40, sex="female"), labs=[("19123-9", 2**2000, "mg/dL")]),
        ValueError,
        r"finite",
    ),
    ("diary-days-10**400", lambda: cramps.diary(["1 banana"], days=10**400), ValueError, r"days must be"),
    ("Diary-days-2**2000", lambda: cramps.Diary(days=2**2000), ValueError, r"days must be"),
    (
        "read_diary-days-10**400",
        lambda: cramps.read_diary(io.StringIO("food,amount\nbanana,1\n"), days=10**400),
        ValueError,
        r"days must be",
    ),
    ("diary-phrase-980-digits", lambda: cramps.diary(["9" * 980 + " g almonds"]), cramps.DiaryError, r"at most 10,000"),
    ("diary-phrase-1/0", lambda: cramps.diary(["1/0 cup milk"]), cramps.DiaryError, r"0 below the line"),
    ("read_diary-5000-digit-grams", lambda: cramps.read_diary(str(_CSV)), cramps.DiaryError, r"line 2"),
    ("diary-grams-huge-int", lambda: cramps.diary([("banana", 10**400)]), cramps.DiaryError, r"grams must be"),
    ("diary-grams-5000-digits", lambda: cramps.diary([("banana", 10**5000)]), cramps.DiaryError, r"grams must be"),
    (
        "assess-diary-grams-huge-int",
        lambda: cramps.assess(Profile(age=40, sex="male"), diary=[("banana", -(2**2000))]),
        cramps.DiaryError,
        r"grams must be",
    ),
    (
        "LifeStage-age-10**400",
        lambda: LifeStage(label="x", sex="any", condition="none", age_min=10**400, age_max=None),
        ValueError,
        r"age_min must be",
    ),
    (
        "Profile-medications-deep-list",
        lambda: Profile(medications=[_nasty("deep list")]),
        TypeError,
        r"medications must hold ids",
    ),
    (
        "profile-medications-deep-list",
        lambda: cramps.profile(medications=[_nasty("deep list")]),
        TypeError,
        r"medications",
    ),
    ("read-diary-bad-path", lambda: cramps.read_diary("/nonexistent/diary.csv"), cramps.DiaryError, r"nonexistent"),
    ("read-diary-long-path", lambda: cramps.read_diary("x" * 5000), cramps.DiaryError, r"x"),
    ("read-diary-nul-path", lambda: cramps.read_diary("a\x00b.csv"), cramps.DiaryError, r"a"),
    ("load-bad-path", lambda: cramps.load("x" * 5000), cramps.DataError, r"no such file or folder|too long"),
    ("weights-huge-int", lambda: scoring.WeightedMean(scorers=["evidence"], weights=[10**400]), ValueError, r"finite"),
    ("range-bound-huge-int", lambda: RangeBand(status="low", label="low", upper=10**400), ValueError, r"finite"),
    ("range-bound-5000-digits", lambda: RangeBand(status="low", label="low", upper=-(10**5000)), ValueError, r"finite"),
    ("diary-entries-number", lambda: API.diary(1.5), TypeError, r"entries must be"),
    ("assess-symptoms-number", lambda: API.assess(Profile(), symptoms=1.5), TypeError, r"symptoms must be"),
    ("rank-kinds-number", lambda: API.rank("leg cramps", kinds=1.5), TypeError, r"kinds must be"),
    ("rank-kinds-lists", lambda: API.rank("leg cramps", kinds=[["nutrient"]]), TypeError, r"kinds must be"),
    ("schema-list", lambda: API.schema([]), TypeError, r"collection must be"),
    ("schema-5000-digits", lambda: API.schema(10**5000), TypeError, r"collection must be"),
    (
        "range-bound-deep-dict",
        lambda: RangeBand(status="low", label="low", upper=_nasty("deep dict")),
        ValueError,
        r"finite",
    ),
    ("explain-width-text", lambda: API.explain(RANKED, width="80"), TypeError, r"width must be"),
    ("explain-width-0", lambda: cramps.explain(RANKED, width=0), ValueError, r"width must be"),
    ("assess-labs-number", lambda: API.assess(Profile(), labs=1.5), TypeError, r"labs must be"),
    (
        "assess-labs-deep-list",
        lambda: cramps.assess(Profile(), labs=[_nasty("deep list")]),
        TypeError,
        r"a lab must be",
    ),
    ("foods-groups-number", lambda: API.foods_rich_in("magnesium", groups=1.5), TypeError, r"groups must be"),
    ("to-dict-deep-list", lambda: cramps.to_dict(_nasty("deep list")), ValueError, r"nested too deeply"),
    (
        "weights-deep-list",
        lambda: scoring.WeightedMean(scorers=["evidence"], weights=[_nasty("deep list")]),
        ValueError,
        r"weights must be",
    ),
    (
        "read-diary-strict-5000-digits",
        lambda: API.read_diary(io.StringIO("food,amount\n"), strict=10**5000),
        TypeError,
        r"strict must be",
    ),
    (
        "LifeStage-sex-deep-list",
        lambda: LifeStage(label="x", sex=_nasty("deep list"), condition="none", age_min=0, age_max=None),
        ValueError,
        r"sex must be one of",
    ),
    (
        "LifeStage-condition-10**5000",
        lambda: LifeStage(label="x", sex="any", condition=10**5000, age_min=0, age_max=None),
        ValueError,
        r"condition must be one of",
    ),
    ("range-band-status-10**5000", lambda: RangeBand(status=10**5000, label="low"), ValueError, r"status must be"),
    (
        "range-band-status-deep-tuple",
        lambda: RangeBand(status=_nasty("deep tuple"), label="low"),
        ValueError,
        r"status must be",
    ),
    ("rank-kinds-deep-tuple", lambda: API.rank("leg cramps", kinds=_nasty("deep tuple")), TypeError, r"kinds must be"),
    ("schema-deep-tuple", lambda: API.schema(_nasty("deep tuple")), TypeError, r"collection must be"),
    (
        "foods-limit-10**400-all-foods",
        lambda: cramps.foods_rich_in("magnesium", limit=10**400, everyday=False),
        None,
        "",
    ),
    ("explain-width-nan", lambda: cramps.explain(RANKED, width=math.nan), TypeError, r"width must be"),
    ("cli-assess-missing-diary", lambda: _cli(["assess", "--diary", "/nonexistent/diary.csv"]), None, ""),
    ("cli-data-long-path", lambda: _cli(["--data", "x" * 5000, "search", "magnesium"]), None, ""),
    ("cli-limit-10**400", lambda: _cli(["search", "magnesium", "--limit", str(10**400)]), None, ""),
]
#: Which KNOWN failure a regression case runs into.
_XFAIL: dict[str, str] = {}


def _case(case_id: str, call: Callable[[], object], expected: type[BaseException] | None, pattern: str) -> Any:
    key = _XFAIL.get(case_id)
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN[key].reason)] if key in KNOWN else []
    return pytest.param(call, expected, pattern, id=case_id, marks=marks)


@pytest.mark.parametrize(("call", "expected", "pattern"), [_case(*case) for case in REGRESSIONS])
def test_nasty_shapes_get_the_documented_error(
    call: Callable[[], object], expected: type[BaseException] | None, pattern: str
) -> None:
    """Each shape the fuzz found raises the documented error (``expected``) with a message
    saying what was wrong and what would be right, or, for ``None``, returns (or raises
    only a documented error)."""
    try:
        with time_limit(10):
            if expected is None:
                try:
                    call()
                except Exception as error:
                    assert_documented(error)
                return
            with pytest.raises(expected, match=pattern) as caught:
                call()
    except Hang as hang:
        pytest.fail(f"hangs: {hang}")
    assert_documented(caught.value)
