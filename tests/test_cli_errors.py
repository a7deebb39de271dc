"""The command line's errors: in its own words, never Python's, and as JSON with --json.

Each bad command line is run in this process through :func:`cramps.cli.main`, in text
and in JSON, and must exit with status 2, print nothing on stdout, and say what is wrong
with options and commands a shell user can type.
"""

from __future__ import annotations

import json
import re

import pytest

from cramps.cli import ERROR_KINDS, cli_words, main

#: What the Python API says and a shell user must never read.
PYTHON = re.compile(
    r"\b[a-z_]+=(?:True|False|None|'|\"|\d)"  # keyword arguments: pregnant=True, sex='female', age=42
    r"|\bcramps\.[a-z_]+\b"  # cramps.search(), cramps.Profile
    r"|\(\)"
    r"|\b(?:True|False|None)\b"
    r"|\b(?:hot_climate|sun_exposure|exclude_groups)\b"
    r"|\bin (?:medications|conditions|groups)\b"
    r"|Traceback|Error\b"
)

#: Every kind of user error the commands can meet, with the words the message must have.
CASES = [
    # unknown names, with and without close matches
    (("nutrient", "magnesum"), "unknown-term", "did you mean 'Magnesium'?"),
    (("nutrient", "xyzzyq"), "unknown-term", "try `cramps search xyzzyq`"),
    (("foods", "energy"), "unknown-term", "try `cramps search energy`"),
    (("target", "magnezium", "--age", "40", "--sex", "male"), "unknown-term", "did you mean 'Magnesium'?"),
    (("why", "leg crmpzz"), "unknown-term", "did you mean"),
    (("why", "qqxxzz"), "unknown-term", "try `cramps search qqxxzz`"),
    (("suggest", "qqxxzz"), "unknown-term", "try `cramps search qqxxzz`"),
    (("relief", "magnesium"), "unknown-term", "unknown symptom: 'magnesium'"),
    (("why", "leg cramps", "--med", "statinz"), "unknown-term", "did you mean 'Statins'?"),
    (("why", "leg cramps", "--med", "xqzvw"), "unknown-term", "try `cramps search xqzvw`"),
    (("why", "leg cramps", "--condition", "xqzvw"), "unknown-term", "unknown condition: 'xqzvw'"),
    (("foods", "magnesium", "--group", "veggies"), "unknown-term", "unknown food group: 'veggies'"),
    (("foods", "magnesium", "--exclude-group", "xqzv"), "unknown-term", "the USDA food groups are: "),
    # a name given to the wrong option
    (("why", "leg cramps", "--med", "pregnancy"), "unknown-term", "give it as --condition pregnancy"),
    (("why", "leg cramps", "--condition", "statins"), "unknown-term", "give it as --med statins"),
    (("triage", "leg cramps", "--condition", "vegan diet"), "unknown-term", "give it as --diet vegan"),
    (("relief", "chest pain"), "red-flag", "run `cramps triage 'chest pain'`"),
    (("suggest", "leg cramps", "chest pain"), "red-flag", "run `cramps triage 'chest pain'`"),
    # the profile
    (("why", "leg cramps", "--sex", "male", "--pregnant"), "profile", "--pregnant needs --sex female (got --sex male)"),
    (("suggest", "leg cramps", "--lactating"), "profile", "--lactating needs --sex female (no --sex given)"),
    (("why", "leg cramps", "--condition", "pregnancy", "--sex", "male"), "profile", "--pregnant needs --sex female"),
    (("target", "magnesium"), "profile", "give the age in years, e.g. --age 42"),
    (("target", "magnesium", "--sex", "male"), "profile", "e.g. --age 42"),
    (("target", "magnesium", "--age", "40"), "profile", "(give --sex female or --sex male)"),
    (
        ("target", "magnesium", "--age", "30", "--sex", "female", "--pregnant", "--lactating"),
        "profile",
        "give only one of --pregnant and --lactating",
    ),
    (("target", "magnesium", "--age", "10", "--sex", "female", "--pregnant"), "profile", "pregnant groups only for"),
    (("target", "vitamin k2", "--age", "40", "--sex", "male"), "no-reference", "no DRI exists for 'vitamin-k2'"),
    # empty names
    (("nutrient", " "), "invalid-value", "nutrient name must contain letters or digits"),
    (("why", ""), "invalid-value", "symptom must contain letters or digits"),
    (("search", ""), "invalid-value", "search text must contain letters or digits"),
    (("why", "leg cramps", "--med", ""), "profile", "a name given to --med must contain letters or digits"),
    (("triage", "leg cramps", "--condition", " "), "profile", "a name given to --condition must contain"),
    (("foods", "magnesium", "--group", ""), "invalid-value", "--group must contain letters or digits"),
    (("foods", "magnesium", "--exclude-group", ""), "invalid-value", "--exclude-group must contain letters"),
    # the command line itself
    (("why",), "usage", "the following arguments are required: SYMPTOM"),
    (("bogus",), "usage", "invalid choice: 'bogus'"),
    (("why", "leg cramps", "--limit", "0"), "usage", "argument --limit: must be at least 1, got 0"),
    (("why", "leg cramps", "--age", "200"), "usage", "argument --age: age must be between 0 and 130"),
    (("why", "leg cramps", "--sex", "mal"), "usage", "argument --sex: invalid choice: 'mal'"),
    (("foods", "magnesium", "--per", "cup"), "usage", "argument --per: invalid choice: 'cup'"),
    (("search", "banana", "--colour", "red"), "usage", "unrecognized arguments: --colour red"),
    (("--data", "/nowhere/at/all", "foods", "magnesium"), "data", "/nowhere/at/all: no such file or folder"),
]


COMMANDS = ("why", "foods", "nutrient", "target", "triage", "relief", "suggest", "search")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(
    ("args", "kind", "words"), CASES, ids=lambda value: " ".join(value) if isinstance(value, tuple) else None
)
def test_an_error_speaks_the_command_line(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], kind: str, words: str
) -> None:
    status, out, err = _run(capsys, *args)
    assert status == 2
    assert out == ""
    command = next((a for a in args if a in COMMANDS), None)
    prog = "cramps" if command is None else f"cramps {command}"
    assert f"\n{prog}: error: " in f"\n{err}"
    message = err.rsplit(": error: ", 1)[1]
    assert words in message
    assert PYTHON.search(message) is None, message
    assert ("usage: " in err) is (kind == "usage")  # the usage only for a bad command line


@pytest.mark.parametrize(
    ("args", "kind", "words"), CASES, ids=lambda value: " ".join(value) if isinstance(value, tuple) else None
)
def test_with_json_an_error_is_json_on_stderr(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], kind: str, words: str
) -> None:
    status, out, err = _run(capsys, *args, "--json")
    assert status == 2
    assert out == ""
    error = json.loads(err)
    assert sorted(error) == ["error", "kind", "suggestions"]
    assert error["kind"] == kind
    assert kind in ERROR_KINDS
    assert words in error["error"]
    assert PYTHON.search(error["error"]) is None, error["error"]
    assert isinstance(error["suggestions"], list)
    assert all(isinstance(s, str) for s in error["suggestions"])


@pytest.mark.parametrize(
    ("args", "suggestions"),
    [
        (("nutrient", "magnesum", "--json"), ["Magnesium"]),
        (("why", "leg cramps", "--sex", "mal", "--json"), ["male", "female"]),
        (("foods", "magnesium", "--per", "cup", "--json"), ["100g", "portion", "100kcal"]),
        (("foods", "magnesium", "--group", "fruit", "--json"), ["Fruits and Fruit Juices"]),
        (("target", "vitamin k2", "--age", "40", "--sex", "male", "--json"), ["calcium", "magnesium"]),
        (("relief", "chest pain", "--json"), ["Chest pain or breathlessness"]),
    ],
)
def test_json_errors_carry_the_suggestions(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], suggestions: list[str]
) -> None:
    status, _, err = _run(capsys, *args)
    assert status == 2
    found = json.loads(err)["suggestions"]
    assert found[: len(suggestions)] == suggestions or set(suggestions) <= set(found)


def test_an_abbreviated_json_option_still_gets_a_json_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "why", "--js")
    assert status == 2
    assert json.loads(err)["kind"] == "usage"


def test_json_errors_do_not_change_the_text_errors(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "nutrient", "magnesum")
    assert status == 2
    assert err == "cramps nutrient: error: unknown nutrient: 'magnesum'; did you mean 'Magnesium'?\n"


@pytest.mark.parametrize(
    ("python", "shell"),
    [
        ("pregnant=True needs sex='female' (sex is 'male')", "--pregnant needs --sex female (got --sex male)"),
        ("lactating=True needs sex='female' (sex is not given)", "--lactating needs --sex female (no --sex given)"),
        (
            "age is needed to pick a life-stage group (give the age in years, e.g. age=42)",
            "age is needed to pick a life-stage group (give the age in years, e.g. --age 42)",
        ),
        (
            "sex is needed to pick a life-stage group from age 9 on (give sex='female' or sex='male')",
            "sex is needed to pick a life-stage group from age 9 on (give --sex female or --sex male)",
        ),
        ("set only one of pregnant and lactating", "give only one of --pregnant and --lactating"),
        (
            "a name in medications must contain letters or digits, got ''",
            "a name given to --med must contain letters or digits, got ''",
        ),
        (
            "exclude_groups must contain letters or digits, got ''",
            "--exclude-group must contain letters or digits, got ''",
        ),
        ("limit must be at least 1 (or None for all results), got 0", "--limit must be at least 1, got 0"),
        (
            "diet must be one of 'omnivore', 'vegan' (or None), got 'x'",
            "--diet must be one of 'omnivore', 'vegan', got 'x'",
        ),
        ("hot_climate=True", "--hot-climate"),
        ("sun_exposure='little'", "--sun little"),
        ("see cramps.search() for the known names", "see `cramps search` for the known names"),
        ("an unknown keyword=True stays", "an unknown keyword=True stays"),
        ("no DRI exists for 'vitamin-k2'", "no DRI exists for 'vitamin-k2'"),
    ],
)
def test_python_words_become_command_line_words(python: str, shell: str) -> None:
    assert cli_words(python) == shell
