"""The plain-language reader (cramps.phrases): stems, contractions, matching, consumption,
negation and what is left unread, on the packaged knowledge base and on a tiny one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import scaled

import cramps
from cramps import Reading
from cramps.factors import Factor
from cramps.phrases import FILLER, NEGATIONS, Reader, stem, words
from cramps.red_flags import RedFlag
from cramps.symptoms import Symptom

MEDICATIONS = {f.id for f in cramps.default_kb().factors if f.kind is cramps.FactorKind.MEDICATION}


# -- words and stems ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("forms", "shared"),
    [
        (("swollen", "swelling", "swells", "swell"), "swell"),
        (("toes", "toe"), "toe"),
        (("cramps", "cramping", "cramp", "cramped"), "cramp"),
        (("numbness", "numb"), "numb"),
        (("running", "run"), "run"),
        (("feet", "foot"), "foot"),
        (("calves", "calf"), "calf"),
        (("tingling", "tingle"), "tingl"),
    ],
)
def test_forms_of_a_word_share_a_stem(forms: tuple[str, ...], shared: str) -> None:
    assert {stem(form) for form in forms} == {shared}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I can't feel my toes", ["i", "can", "not", "feel", "my", "toes"]),
        ("I cannot feel", ["i", "can", "not", "feel"]),
        ("I cant feel", ["i", "can", "not", "feel"]),
        ("I don't take statins", ["i", "do", "not", "take", "statins"]),
        ("it won\u2019t go away", ["it", "will", "not", "go", "away"]),
        ("isn't", ["is", "not"]),
        ("Ça NE va PAS", ["ca", "ne", "va", "pas"]),
    ],
)
def test_words_spell_out_contractions(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_filler_and_negation_words_do_not_overlap() -> None:
    assert not FILLER & NEGATIONS


# -- the examples of issue 14 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "symptoms", "flags"),
    [
        ("tingling in my feet", {"tingling"}, set()),
        ("pins and needles", {"tingling"}, set()),
        ("numb toes", {"numbness"}, set()),
        ("tired all the time", {"fatigue"}, set()),
        ("my calf is hot and swollen", set(), {"calf-swelling-redness-warmth"}),
        ("cramps keep me awake", {"muscle-cramps"}, {"cramps-disturbing-sleep"}),
        ("swollen ankles", set(), {"numbness-or-swelling-in-the-legs"}),
        ("I can't feel my toes", {"numbness"}, set()),
    ],
)
def test_the_issue_examples_are_read(text: str, symptoms: set[str], flags: set[str]) -> None:
    reading = cramps.read(text)
    assert set(reading.symptoms) == symptoms
    assert flags <= set(reading.flags)
    assert reading.unrecognised == ()
    assert reading.absent_symptoms == reading.absent_flags == ()


def test_a_factor_named_in_the_text_is_read() -> None:
    reading = cramps.read("my legs cramp since I started furosemide")
    assert "loop-diuretics" in reading.factors
    assert "leg-cramps" in reading.symptoms
    assert "started" in reading.signs


# -- negation ------------------------------------------------------------------------------


def test_negation_reads_findings_as_absent() -> None:
    reading = cramps.read("leg cramps, no calf swelling, no tingling or numbness")
    assert reading.symptoms == ("leg-cramps",)
    assert reading.flags == ()
    assert "calf-swelling-redness-warmth" in reading.absent_flags
    assert {"tingling", "numbness"} <= set(reading.absent_symptoms)


def test_not_on_any_medicines_rules_out_every_medication() -> None:
    for text in ("not on any medicines", "I don't take any medication", "no tablets"):
        assert set(cramps.read(text).absent_factors) == MEDICATIONS, text
    assert cramps.read("I take my medicines").absent_factors == ()


def test_a_negation_word_inside_a_phrase_is_not_a_negation() -> None:
    reading = cramps.read("I can't feel my toes")
    assert reading.symptoms == ("numbness",)
    assert reading.absent_symptoms == ()
    assert cramps.read("cramps with no obvious cause").flags == ("no-obvious-cause",)


def test_negation_stops_at_a_comma_and_at_and() -> None:
    reading = cramps.read("not sure why, my calf is swollen")
    assert reading.flags == ("calf-swelling-redness-warmth",)
    assert reading.absent_flags == ()
    reading = cramps.read("no numbness and my calf is swollen")
    assert reading.flags == ("calf-swelling-redness-warmth",)
    assert reading.absent_symptoms == ("numbness",)


def test_negation_reaches_forward_only() -> None:
    reading = cramps.read("numbness but no swelling")
    assert reading.symptoms == ("numbness",)


def test_present_wins_over_absent() -> None:
    reading = cramps.read("numbness. no numbness")
    assert reading.symptoms == ("numbness",)
    assert reading.absent_symptoms == ()


def test_a_negated_sign_marks_its_flag_absent() -> None:
    assert "dark-urine-with-muscle-pain" in cramps.read("sore legs after the race but no dark urine").absent_flags


# -- consumption, windows and typos ------------------------------------------------------------


def _tiny_reader() -> Reader:
    symptoms = [
        Symptom(id="numbness", name="Numbness", description="d", aliases=["numb", "numb toes"]),
        Symptom(id="toe-pain", name="Toe pain", description="d", aliases=["sore toes"]),
        Symptom(id="cramps", name="Cramps", description="d", aliases=["cramp"]),
        Symptom(id="leg-cramps", name="Leg cramps", description="d", broader=["cramps"]),
    ]
    factors = [Factor(id="statins", name="Statins", kind="medication", description="d", aliases=["simvastatin"])]
    flags = [
        RedFlag(
            id="swollen-calf",
            name="Swollen calf",
            level="see-a-clinician-today",
            description="d",
            advice="a",
            aliases=["calf swelling"],
            citations=["x"],
        )
    ]
    return Reader(symptoms, factors, flags, broader={"leg-cramps": frozenset({"cramps"})})


def test_words_used_by_a_match_are_consumed_for_that_thing_only() -> None:
    reader = _tiny_reader()
    reading = reader.read("numb toes")
    assert reading.symptoms == ("numbness",)
    assert reader.read("numb sore toes").symptoms == ("numbness", "toe-pain")


def test_the_narrowest_symptom_is_kept() -> None:
    assert _tiny_reader().read("leg cramps").symptoms == ("leg-cramps",)
    assert _tiny_reader().read("cramp").symptoms == ("cramps",)


def test_words_must_be_close_together() -> None:
    reader = _tiny_reader()
    assert reader.read("my calf is hot and swollen").flags == ("swollen-calf",)
    assert reader.read("my calf is fine and I walked a long way today to see the swelling river").flags == ()


def test_a_typo_one_letter_away_is_read() -> None:
    reader = _tiny_reader()
    assert reader.read("calf sweling").flags == ("swollen-calf",)
    assert reader.read("simvastatn").factors == ("statins",)
    assert reader.read("nmb").symptoms == ()  # too short to correct


def test_parts_without_anything_read_are_unrecognised() -> None:
    reading = _tiny_reader().read("blah blah, leg cramps. and the, of")
    assert reading.unrecognised == ("blah blah",)
    assert reading.symptoms == ("leg-cramps",)
    assert not _tiny_reader().read("zzz").read_anything
    assert _tiny_reader().read("no numbness").read_anything


def test_reading_is_a_frozen_record_that_round_trips() -> None:
    reading = cramps.read("leg cramps, no calf swelling")
    assert isinstance(reading, Reading)
    assert cramps.from_dict(Reading, cramps.to_dict(reading)) == reading
    with pytest.raises(AttributeError):
        reading.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(("bad", "error"), [("", ValueError), ("   ", ValueError), (None, TypeError), (3, TypeError)])
def test_read_refuses_what_is_not_text(bad: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        cramps.read(bad)  # type: ignore[arg-type]


def test_the_reader_is_built_once_per_knowledge_base() -> None:
    kb = cramps.default_kb()
    kb.read("cramps")
    assert kb._reader() is kb._reader()  # the cache itself is under test


@scaled(1)
@given(st.text(max_size=200))
def test_reading_never_raises_on_text(text: str) -> None:
    if any(ch.isalnum() for ch in cramps.text.fold(text)):
        reading = cramps.read(text)
        assert reading == cramps.read(text)  # deterministic
        assert set(reading.symptoms).isdisjoint(reading.absent_symptoms)
