"""Triage: red flags matched from symptoms and a profile, with levels, advice and sources."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import scaled

import cramps
from cramps import Profile, RedFlag, Triage, TriageLevel, UnknownTermError

RED_FLAGS_MD = Path(__file__).resolve().parents[1] / "data" / "evidence" / "red_flags.md"
NOW = TriageLevel.SEEK_CARE_NOW
TODAY = TriageLevel.SEE_A_CLINICIAN_TODAY
SOON = TriageLevel.SEE_A_CLINICIAN_SOON
SELF = TriageLevel.SELF_CARE
#: The shared red-flag list of issue 14 (ids fixed so that corpus, vignettes and code agree).
SPEC_FLAGS = {
    NOW: {
        "chest-pain-or-breathlessness",
        "cold-pale-painful-limb",
        "confusion-after-drinking",
        "pre-eclampsia-signs",
        "fever-muscle-pain-confusion",
        "cramps-after-soil-wound-or-toxins",
        "bruising-or-bleeding-on-quinine",
        "seizure-or-collapse",
    },
    TODAY: {
        "calf-swelling-redness-warmth",
        "weakness-twitching-or-widespread-cramps",
        "tetany-or-perioral-tingling",
        "dark-urine-with-muscle-pain",
        "cramp-lasting-over-10-minutes",
        "cramps-after-fluid-loss-or-diuretics",
        "ppi-low-magnesium-signs",
        "low-sodium-signs-with-endurance-exercise",
    },
    SOON: {
        "severe-cramps",
        "frequent-cramps",
        "cramps-disturbing-sleep",
        "not-improving-with-self-care",
        "no-obvious-cause",
        "numbness-or-swelling-in-the-legs",
        "muscle-wasting-or-weakness",
        "leg-pain-when-walking",
        "cramps-after-a-new-medicine",
        "heavy-alcohol-use",
        "underlying-condition",
        "possible-deficiency-signs",
    },
}


def _ids(result: Triage) -> set[str]:
    return {flag.id for flag in result.flags}


def test_levels_are_ordered() -> None:
    assert SELF < SOON < TODAY < NOW
    assert NOW > TODAY > SOON > SELF
    assert max([SOON, NOW, TODAY, SELF]) is NOW
    assert [level.rank for level in (SELF, SOON, TODAY, NOW)] == [0, 1, 2, 3]
    assert [level.rank for level in TriageLevel] == [0, 1, 2, 3]
    assert str(NOW) == "seek care now"
    assert str(TODAY) == "see a clinician today"
    assert TriageLevel("see-a-clinician-today") is TODAY
    with pytest.raises(TypeError):
        assert SELF < 1


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


def test_calf_swelling_needs_care_today() -> None:
    result = cramps.triage(["leg cramps", "calf swelling"])
    assert result.level is TODAY
    assert _ids(result) == {"calf-swelling-redness-warmth"}
    assert "clot" in result.advice[0]


@pytest.mark.parametrize(
    ("symptom", "flag", "level"),
    [
        ("leg swelling", "calf-swelling-redness-warmth", TODAY),
        ("one leg swollen", "calf-swelling-redness-warmth", TODAY),
        ("one swollen, warm, red calf", "calf-swelling-redness-warmth", TODAY),
        ("my calf is hot and swollen", "calf-swelling-redness-warmth", TODAY),
        ("redness", "calf-swelling-redness-warmth", TODAY),
        ("warmth", "calf-swelling-redness-warmth", TODAY),
        ("I82.40", "calf-swelling-redness-warmth", TODAY),
        ("chest pain", "chest-pain-or-breathlessness", NOW),
        ("shortness of breath", "chest-pain-or-breathlessness", NOW),
        ("my foot has gone cold and white", "cold-pale-painful-limb", NOW),
        ("heavy drinker, confused and unsteady", "confusion-after-drinking", NOW),
        ("confused after drinking too much water in a triathlon", "confusion-after-drinking", NOW),
        ("fever, aching muscles and confused", "fever-muscle-pain-confusion", NOW),
        ("cramp lasting over 10 minutes", "cramp-lasting-over-10-minutes", TODAY),
        ("wound with soil", "cramps-after-soil-wound-or-toxins", NOW),
        ("my jaw is stiff since I stepped on a nail", "cramps-after-soil-wound-or-toxins", NOW),
        ("twitching", "weakness-twitching-or-widespread-cramps", TODAY),
        ("muscle weakness", "weakness-twitching-or-widespread-cramps", TODAY),
        ("cramps in chest, arms or belly", "weakness-twitching-or-widespread-cramps", TODAY),
        ("tetany", "tetany-or-perioral-tingling", TODAY),
        ("tingling around my mouth", "tetany-or-perioral-tingling", TODAY),
        ("dark urine and my muscles ache", "dark-urine-with-muscle-pain", TODAY),
        ("after vomiting or diarrhoea", "cramps-after-fluid-loss-or-diuretics", TODAY),
        ("cramps since I started water tablets", "cramps-after-fluid-loss-or-diuretics", TODAY),
        ("bruising or bleeding on quinine", "bruising-or-bleeding-on-quinine", NOW),
        ("taking quinine and my gums keep bleeding", "bruising-or-bleeding-on-quinine", NOW),
        ("frequent cramps", "frequent-cramps", SOON),
        ("severe cramps", "severe-cramps", SOON),
        ("cramps disturbing sleep", "cramps-disturbing-sleep", SOON),
        ("cramps keep me awake", "cramps-disturbing-sleep", SOON),
        ("not improving with stretching", "not-improving-with-self-care", SOON),
        ("cramps after a new medicine", "cramps-after-a-new-medicine", SOON),
        ("leg pain when walking", "leg-pain-when-walking", SOON),
        ("muscle wasting", "muscle-wasting-or-weakness", SOON),
        ("heavy alcohol use", "heavy-alcohol-use", SOON),
        ("numbness", "numbness-or-swelling-in-the-legs", SOON),
        ("loss of feeling", "numbness-or-swelling-in-the-legs", SOON),
        ("I can't feel my toes", "numbness-or-swelling-in-the-legs", SOON),
        ("pins and needles", "numbness-or-swelling-in-the-legs", SOON),
        ("swollen ankles", "numbness-or-swelling-in-the-legs", SOON),
        ("HP:0033748", "numbness-or-swelling-in-the-legs", SOON),
        ("Cramps Disturbing   Sleep", "cramps-disturbing-sleep", SOON),
    ],
)
def test_red_flag_symptoms(symptom: str, flag: str, level: TriageLevel) -> None:
    result = cramps.triage(["leg cramps", symptom])
    assert flag in _ids(result)
    assert result.level is level


@pytest.mark.parametrize("level", [NOW, TODAY, SOON])
def test_every_flag_of_the_shared_list_has_its_level(level: TriageLevel) -> None:
    flags = cramps.default_kb().red_flags
    assert {flag.id for flag in flags if flag.level is level} == SPEC_FLAGS[level]


@pytest.mark.parametrize("flag", sorted(set().union(*SPEC_FLAGS.values())))
def test_each_flag_is_raised_by_its_own_name_at_its_level(flag: str) -> None:
    record = next(f for f in cramps.default_kb().red_flags if f.id == flag)
    result = cramps.triage([record.name])
    assert flag in _ids(result)
    assert result.level is max(f.level for f in result.flags)
    assert result.level >= record.level


@pytest.mark.parametrize(
    "text",
    [
        "leg cramps",
        "night cramps that ease when I stretch",
        "a cramp in my calf after football",
        "got a cramp in my calf in bed, it eased when I stretched my foot up",
        "occasional leg cramps at night",
        "my calf was sore for a day after a cramp",
        "fatigue",
        "muscle pain",
        "calf cramps",
        "HP:0003394",
    ],
)
def test_ordinary_cramps_stay_self_care(text: str) -> None:
    result = cramps.triage([text])
    assert result.level is SELF, result.flags
    assert result.flags == ()


# -- profile triggers -----------------------------------------------------------------


@pytest.mark.parametrize("sign", ["bone pain", "a sore tongue", "pale skin", "trouble walking", "constipated"])
def test_signs_of_a_possible_deficiency_are_seen_within_days(sign: str) -> None:
    result = cramps.triage(["leg cramps", sign])
    assert "possible-deficiency-signs" in _ids(result)
    assert result.level is SOON


def test_headache_or_nausea_with_endurance_exercise_is_seen_today_and_cramps_alone_are_not() -> None:
    runner = cramps.profile(activity="heavy")
    assert cramps.triage(["cramps during my marathon", "headache"], runner).level is TODAY
    assert cramps.triage(["cramps during my marathon", "feel sick"], runner).level is TODAY
    assert cramps.triage(["cramps during my marathon"], runner).level is SELF
    assert cramps.triage(["leg cramps", "headache"]).level is SELF  # no exercise: no low-sodium flag


@pytest.mark.parametrize(
    "symptom", ["irregular heartbeat", "tremor", "convulsions", "I had a fit yesterday", "palpitations", "tetany"]
)
def test_ppi_with_low_magnesium_signs(symptom: str) -> None:
    profile = cramps.profile(medications=["omeprazole"])
    result = cramps.triage([symptom], profile)
    assert "ppi-low-magnesium-signs" in _ids(result)
    # a fit is an emergency of its own (seizure-or-collapse); the other signs are same-day
    assert result.level is (NOW if symptom in ("convulsions", "I had a fit yesterday") else TODAY)


@pytest.mark.parametrize("symptom", ["leg cramps", "muscle spasm", "night cramps", "cramps at night"])
def test_plain_cramps_on_a_ppi_are_not_escalated(symptom: str) -> None:
    result = cramps.triage([symptom], cramps.profile(medications=["omeprazole"]))
    assert "ppi-low-magnesium-signs" not in _ids(result)
    assert result.level is SELF


def test_a_ppi_named_in_the_text_counts_like_one_in_the_profile() -> None:
    result = cramps.triage(["on lansoprazole for years and now I have tremors"])
    assert "ppi-low-magnesium-signs" in _ids(result)
    assert "ppi-low-magnesium-signs" not in _ids(cramps.triage(["on lansoprazole, leg cramps at night"]))


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
)  # on a diuretic, ordinary cramps are a medicine review (soon); starting one is the same-day flag
def test_medicines_linked_to_cramps(medication: str) -> None:
    result = cramps.triage(["leg cramps"], cramps.profile(medications=[medication]))
    assert "cramps-after-a-new-medicine" in _ids(result)
    assert result.level is SOON


def test_peripheral_artery_disease_profile() -> None:
    result = cramps.triage(["leg cramps"], cramps.profile(conditions=["PAD"]))
    assert _ids(result) == {"leg-pain-when-walking"}


def test_fluid_loss_needs_a_start_or_a_loss() -> None:
    on_a_diuretic = cramps.profile(medications=["furosemide"])
    assert "cramps-after-fluid-loss-or-diuretics" not in _ids(cramps.triage(["leg cramps"], on_a_diuretic))
    started = cramps.triage(["my legs cramp since I started furosemide"])
    assert "cramps-after-fluid-loss-or-diuretics" in _ids(started)
    assert "cramps-after-a-new-medicine" in _ids(started)  # the text names a diuretic
    assert started.level is TODAY
    assert cramps.triage(["leg cramps after a bad bout of diarrhoea"]).level is TODAY


def test_pregnancy_alone_is_no_red_flag() -> None:
    profile = cramps.profile(age=30, sex="female", pregnant=True)
    assert cramps.triage(["leg cramps"], profile).level is SELF


@pytest.mark.parametrize(
    "text", ["sudden swelling of my face and hands", "terrible headache and flashing lights", "blurred vision"]
)
def test_pre_eclampsia_signs_count_only_in_pregnancy(text: str) -> None:
    pregnant = cramps.profile(age=31, sex="female", pregnant=True)
    result = cramps.triage(["leg cramps", text], pregnant)
    assert "pre-eclampsia-signs" in _ids(result)
    assert result.level is NOW
    for profile in (None, cramps.profile(age=31, sex="female"), cramps.profile(age=60, sex="male")):
        assert "pre-eclampsia-signs" not in _ids(cramps.triage(["leg cramps", text], profile))
    said = cramps.triage([f"I'm 30 weeks pregnant, {text}"])  # pregnancy named in the text counts too
    assert "pre-eclampsia-signs" in _ids(said)


def test_level_is_the_most_urgent_and_flags_are_sorted() -> None:
    profile = cramps.profile(conditions=["diabetes"], medications=["omeprazole"])
    result = cramps.triage(["leg cramps", "frequent cramps", "chest pain", "tremor"], profile)
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
    assert cramps.triage(flag).level is SOON


# -- free text, absent findings, unrecognised words ------------------------------------


def test_free_text_never_raises_and_reports_what_it_could_not_read() -> None:
    result = cramps.triage(["leg cramps", "calf sweling", "zxqv blorp"])
    assert result.level is TODAY  # the typo is read: one letter away from "swelling"
    assert "calf-swelling-redness-warmth" in _ids(result)
    assert result.unrecognised == ("zxqv blorp",)
    assert "not understood" in result.advice[-1]
    assert "'zxqv blorp'" in result.advice[-1]


def test_unrecognised_words_never_lower_the_level() -> None:
    plain = cramps.triage(["my calf is hot and swollen"])
    noisy = cramps.triage(["my calf is hot and swollen", "asdfgh qwerty"])
    assert noisy.level is plain.level is TODAY
    assert noisy.unrecognised == ("asdfgh qwerty",)
    assert cramps.triage(["asdfgh qwerty"]).level is SELF
    assert cramps.triage(["asdfgh qwerty"]).unrecognised == ("asdfgh qwerty",)


def test_negated_findings_raise_nothing() -> None:
    result = cramps.triage(["calf cramp, no calf swelling or redness, no chest pain"])
    assert result.level is SELF
    assert result.flags == ()
    assert result.symptoms == ("leg-cramps",)


def test_absent_findings_never_cancel_present_ones() -> None:
    swollen = cramps.triage(["leg cramps", "calf swelling"], absent=["calf swelling"])
    assert "calf-swelling-redness-warmth" in _ids(swollen)
    calm = cramps.triage(["leg cramps"], absent=["calf swelling", "numbness"])
    assert calm.level is SELF
    both = cramps.triage(["my calf is swollen", "no calf swelling"])
    assert both.level is TODAY


def test_absent_arguments_are_checked() -> None:
    with pytest.raises(TypeError):
        cramps.triage(["leg cramps"], absent=42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="absent finding"):
        cramps.triage(["leg cramps"], absent=[""])


# -- bad input ------------------------------------------------------------------------


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


def test_the_clot_flags_cite_the_nhs_dvt_page() -> None:
    flags = {flag.id: flag for flag in cramps.default_kb().red_flags}
    assert "nhs-dvt" in flags["chest-pain-or-breathlessness"].citations
    assert "nhs-dvt" in flags["calf-swelling-redness-warmth"].citations


def test_every_item_of_sections_a_and_b_is_a_red_flag() -> None:
    text = RED_FLAGS_MD.read_text(encoding="utf-8")
    section_a = text.split("## A.")[1].split("## B.")[0]
    section_b = text.split("## B.")[1].split("## C.")[0]
    count_a = len(re.findall(r"^\|\s*\d+\s*\|", section_a, flags=re.MULTILINE))
    count_b = len(re.findall(r"^\|\s*\d+\s*\|", section_b, flags=re.MULTILINE))
    flags = cramps.default_kb().red_flags
    # section A (urgent or the same day) splits into now and today; eight flags come from other
    # pages, and one of section B's level (possible deficiency signs) too
    assert sum(flag.level >= TODAY for flag in flags) == count_a + 8
    assert sum(flag.level is SOON for flag in flags) == count_b + 1


def test_the_guidance_agrees_with_the_levels() -> None:
    kb = cramps.default_kb()
    guidance = {item.id: item.text for item in kb.guidance}
    emergency, same_day = guidance["when-to-get-emergency-help"], guidance["when-to-seek-urgent-help"]
    for words in ("pale or blue", "pre-eclampsia", "quinine", "breathlessness or chest pain", "stiff jaw"):
        assert words in emergency
    for words in ("ten minutes", "calf", "weakness", "cola-coloured", "proton pump inhibitor"):
        assert words in same_day
    for words in ("ten minutes", "calf is painful"):
        assert words not in emergency
    assert "same day" in guidance["medicine-warning-signs"]


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


# -- monotone: adding a phrase never lowers the level ------------------------------------

_KB = cramps.default_kb()
_PHRASES = sorted(
    {flag.name for flag in _KB.red_flags}
    | {alias for flag in _KB.red_flags for alias in flag.aliases[:3]}
    | {symptom.name for symptom in _KB.symptoms}
    | {
        "my calf is hot and swollen",
        "no calf swelling",
        "not on any medicines",
        "I can't feel my toes",
        "cramps keep me awake",
        "no chest pain, but short of breath",
        "pregnant with a bad headache",
        "on omeprazole with a tremor",
        "since I started furosemide",
        "zxqv blorp",
    }
)
_PROFILES = st.none() | st.sampled_from(
    [
        cramps.profile(medications=["omeprazole"]),
        cramps.profile(age=31, sex="female", pregnant=True),
        cramps.profile(conditions=["diabetes"], alcohol="heavy"),
        cramps.profile(medications=["furosemide"]),
    ]
)


@scaled(1)
@given(
    st.lists(st.sampled_from(_PHRASES) | st.text(min_size=1, max_size=40), min_size=1, max_size=4),
    st.sampled_from(_PHRASES) | st.text(min_size=1, max_size=40),
    _PROFILES,
)
def test_adding_a_phrase_never_lowers_the_level(phrases: list[str], added: str, profile: Profile | None) -> None:
    def usable(text: str) -> bool:
        return any(ch.isalnum() for ch in cramps.text.fold(text))

    phrases = [text for text in phrases if usable(text)]
    assume(phrases and usable(added))
    before = cramps.triage(phrases, profile)
    after = cramps.triage([*phrases, added], profile)
    assert after.level >= before.level
    assert {flag.id for flag in before.flags} <= {flag.id for flag in after.flags}
    assert set(before.unrecognised) <= set(after.unrecognised)
