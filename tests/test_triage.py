"""Triage: red flags matched from symptoms and a profile, with levels, advice and sources."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import cramps
from cramps import Profile, RedFlag, Triage, TriageLevel, UnknownTermError

RED_FLAGS_MD = Path(__file__).resolve().parents[1] / "data" / "evidence" / "red_flags.md"
NOW = TriageLevel.SEEK_CARE_NOW
SOON = TriageLevel.SEE_A_CLINICIAN_SOON
SELF = TriageLevel.SELF_CARE


def _ids(result: Triage) -> set[str]:
    return {flag.id for flag in result.flags}


def test_levels_are_ordered() -> None:
    assert SELF < SOON < NOW
    assert NOW > SOON > SELF
    assert max([SOON, NOW, SELF]) is NOW
    assert [level.rank for level in (SELF, SOON, NOW)] == [0, 1, 2]
    assert str(NOW) == "seek care now"
    with pytest.raises(TypeError):
        assert SELF < 1  # type: ignore[operator]


def test_plain_leg_cramps_are_self_care() -> None:
    result = cramps.triage(["leg cramps"])
    assert result.level is SELF
    assert result.flags == ()
    assert result.advice
    assert "usually harmless" in result.advice[0]
    assert "nhs-legcramps" in result.citations
    assert result.disclaimer == cramps.DISCLAIMER


def test_a_single_name_is_accepted() -> None:
    assert cramps.triage("night cramps").level is SELF


def test_calf_swelling_needs_care_now() -> None:
    result = cramps.triage(["leg cramps", "calf swelling"])
    assert result.level is NOW
    assert _ids(result) == {"calf-swelling-redness-warmth"}
    assert "clot" in result.advice[0]


@pytest.mark.parametrize(
    ("symptom", "flag", "level"),
    [
        ("leg swelling", "calf-swelling-redness-warmth", NOW),
        ("one leg swollen", "calf-swelling-redness-warmth", NOW),
        ("redness", "calf-swelling-redness-warmth", NOW),
        ("warmth", "calf-swelling-redness-warmth", NOW),
        ("I82.40", "calf-swelling-redness-warmth", NOW),
        ("chest pain", "chest-pain-or-breathlessness", NOW),
        ("shortness of breath", "chest-pain-or-breathlessness", NOW),
        ("cramp lasting over 10 minutes", "cramp-lasting-over-10-minutes", NOW),
        ("wound with soil", "cramps-after-soil-wound-or-toxins", NOW),
        ("twitching", "weakness-twitching-or-widespread-cramps", NOW),
        ("cramps in chest, arms or belly", "weakness-twitching-or-widespread-cramps", NOW),
        ("after vomiting or diarrhoea", "cramps-after-fluid-loss-or-diuretics", NOW),
        ("bruising or bleeding on quinine", "bruising-or-bleeding-on-quinine", NOW),
        ("frequent cramps", "frequent-cramps", SOON),
        ("severe cramps", "severe-cramps", SOON),
        ("cramps disturbing sleep", "cramps-disturbing-sleep", SOON),
        ("not improving with stretching", "not-improving-with-self-care", SOON),
        ("cramps after a new medicine", "cramps-after-a-new-medicine", SOON),
        ("leg pain when walking", "leg-pain-when-walking", SOON),
        ("muscle wasting", "muscle-wasting-or-weakness", SOON),
        ("heavy alcohol use", "heavy-alcohol-use", SOON),
        ("numbness", "numbness-or-swelling-in-the-legs", SOON),
        ("loss of feeling", "numbness-or-swelling-in-the-legs", SOON),
        ("HP:0033748", "numbness-or-swelling-in-the-legs", SOON),
        ("muscle weakness", "muscle-wasting-or-weakness", SOON),
        ("Cramps Disturbing   Sleep", "cramps-disturbing-sleep", SOON),
    ],
)
def test_red_flag_symptoms(symptom: str, flag: str, level: TriageLevel) -> None:
    result = cramps.triage(["leg cramps", symptom])
    assert flag in _ids(result)
    assert result.level is level


@pytest.mark.parametrize("symptom", ["tingling", "fatigue", "muscle pain", "tetany", "calf cramps", "HP:0003394"])
def test_symptoms_that_are_not_red_flags_do_not_match(symptom: str) -> None:
    assert cramps.triage([symptom]).level is SELF


# -- profile triggers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "symptom", ["muscle spasm", "leg cramps", "irregular heartbeat", "tremor", "convulsions", "tetany"]
)
def test_ppi_with_low_magnesium_signs(symptom: str) -> None:
    profile = cramps.profile(medications=["omeprazole"])
    result = cramps.triage([symptom], profile)
    assert "ppi-low-magnesium-signs" in _ids(result)
    assert result.level is NOW


def test_ppi_signs_need_a_ppi() -> None:
    assert cramps.triage(["irregular heartbeat"]).level is SELF
    other = cramps.profile(medications=["statins"])
    assert "ppi-low-magnesium-signs" not in _ids(cramps.triage(["irregular heartbeat"], other))


def test_ppi_with_an_unrelated_symptom_does_not_match() -> None:
    profile = cramps.profile(medications=["PPI"])
    assert "ppi-low-magnesium-signs" not in _ids(cramps.triage(["tingling"], profile))


@pytest.mark.parametrize("condition", ["hypothyroidism", "diabetes", "cirrhosis", "CKD", "neuropathy"])
def test_underlying_conditions_mean_see_a_clinician(condition: str) -> None:
    result = cramps.triage(["leg cramps"], cramps.profile(conditions=[condition]))
    assert result.level is SOON
    assert _ids(result) == {"underlying-condition"}


def test_heavy_alcohol_profile() -> None:
    result = cramps.triage(["nocturnal leg cramps"], cramps.profile(alcohol="heavy"))
    assert _ids(result) == {"heavy-alcohol-use"}
    assert result.level is SOON
    assert cramps.triage(["leg cramps"], cramps.profile(alcohol="moderate")).level is SELF


@pytest.mark.parametrize(
    "medication", ["hydrochlorothiazide", "furosemide", "spironolactone", "atorvastatin", "salmeterol"]
)
def test_medicines_linked_to_cramps(medication: str) -> None:
    result = cramps.triage(["leg cramps"], cramps.profile(medications=[medication]))
    assert "cramps-after-a-new-medicine" in _ids(result)
    assert result.level is SOON


def test_peripheral_artery_disease_profile() -> None:
    result = cramps.triage(["leg cramps"], cramps.profile(conditions=["PAD"]))
    assert _ids(result) == {"leg-pain-when-walking"}


def test_dehydration_profile_matches_fluid_loss() -> None:
    result = cramps.triage(["leg cramps"], cramps.profile(conditions=["dehydration"]))
    assert _ids(result) == {"cramps-after-fluid-loss-or-diuretics"}
    assert result.level is NOW


def test_pregnancy_alone_is_no_red_flag() -> None:
    profile = cramps.profile(age=30, sex="female", pregnant=True)
    assert cramps.triage(["leg cramps"], profile).level is SELF


def test_level_is_the_most_urgent_and_flags_are_sorted() -> None:
    profile = cramps.profile(conditions=["diabetes"], medications=["omeprazole"])
    result = cramps.triage(["leg cramps", "frequent cramps", "chest pain"], profile)
    assert result.level is NOW
    levels = [flag.level.rank for flag in result.flags]
    assert levels == sorted(levels, reverse=True)
    assert {
        "frequent-cramps",
        "chest-pain-or-breathlessness",
        "ppi-low-magnesium-signs",
        "underlying-condition",
    } <= _ids(result)
    assert len(result.advice) == len(set(result.advice))
    assert "Level: seek care now" in str(result)


def test_order_and_repetition_of_symptoms_do_not_matter() -> None:
    one = cramps.triage(["calf swelling", "leg cramps", "numbness"])
    two = cramps.triage(["numbness", "leg cramps", "calf swelling", "Calf Swelling"])
    assert one == two


def test_records_are_accepted_as_symptoms() -> None:
    flag = next(f for f in cramps.default_kb().red_flags if f.id == "severe-cramps")
    assert cramps.triage([cramps.symptom("leg cramps"), flag]).level is SOON


# -- bad input ------------------------------------------------------------------------


def test_unknown_symptoms_raise_with_suggestions() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.triage(["calf sweling"])
    assert caught.value.kind == "symptom"
    assert "calf swelling" in caught.value.suggestions


@pytest.mark.parametrize(
    ("symptoms", "error"),
    [
        ([], ValueError),
        ([""], ValueError),
        (["   "], ValueError),
        ([None], TypeError),
        (None, TypeError),
        (42, TypeError),
    ],
)
def test_bad_symptom_arguments(symptoms: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        cramps.triage(symptoms)


def test_bad_profile_argument() -> None:
    with pytest.raises(TypeError, match="profile"):
        cramps.triage(["leg cramps"], {"age": 40})  # type: ignore[arg-type]


def test_profile_with_ids_unknown_to_the_knowledge_base() -> None:
    with pytest.raises(UnknownTermError) as caught:
        cramps.triage(["leg cramps"], Profile(medications=["no-such-drug"]))
    assert caught.value.kind == "medication"


# -- the data -------------------------------------------------------------------------


def test_every_red_flag_is_cited_and_has_a_level_above_self_care() -> None:
    kb = cramps.default_kb()
    citations = {c.id for c in kb.citations}
    for flag in kb.red_flags:
        assert isinstance(flag, RedFlag)
        assert flag.level > SELF
        assert flag.citations or flag.sources
        assert set(flag.citations) <= citations
        for factor_id in flag.factors:
            assert kb.factor(factor_id).id == factor_id
        for symptom_id in flag.symptoms:
            assert kb.symptom(symptom_id).id == symptom_id


def test_no_citation_is_invented_for_the_nhs_dvt_page() -> None:
    flags = {flag.id: flag for flag in cramps.default_kb().red_flags}
    assert flags["chest-pain-or-breathlessness"].citations == ()
    assert flags["chest-pain-or-breathlessness"].sources == ("https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/",)


def test_every_item_of_sections_a_and_b_is_a_red_flag() -> None:
    text = RED_FLAGS_MD.read_text(encoding="utf-8")
    section_a = text.split("## A.")[1].split("## B.")[0]
    section_b = text.split("## B.")[1].split("## C.")[0]
    count_a = len(re.findall(r"^\|\s*\d+\s*\|", section_a, flags=re.MULTILINE))
    count_b = len(re.findall(r"^\|\s*\d+\s*\|", section_b, flags=re.MULTILINE))
    flags = cramps.default_kb().red_flags
    assert sum(flag.level is NOW for flag in flags) == count_a
    assert sum(flag.level is SOON for flag in flags) == count_b


def test_triage_round_trips_through_the_converter() -> None:
    result = cramps.triage(["calf swelling", "frequent cramps"])
    assert cramps.from_dict(Triage, cramps.to_dict(result)) == result


def test_a_triage_level_must_match_its_flags() -> None:
    flag = cramps.default_kb().red_flags[0]
    with pytest.raises(ValueError, match="level"):
        Triage(level=SELF, flags=(flag,))


def test_a_red_flag_must_cite_a_source() -> None:
    with pytest.raises(ValueError, match="cite"):
        RedFlag(id="x", name="X", level="seek-care-now", description="d", advice="a")
    with pytest.raises(ValueError, match="self-care"):
        RedFlag(id="x", name="X", level="self-care", description="d", advice="a", citations=["nhs-legcramps"])
