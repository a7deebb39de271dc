"""Triage, daily targets, lab tests and profiles, tested on the tiny knowledge base's own
person data (tests/tiny.py), so that an update of the packaged data touches only the
data tests (test_triage.py, test_intake.py, test_lab_tests.py, test_profile.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cramps import (
    DataError,
    Factor,
    KnowledgeBase,
    NoReferenceError,
    Nutrient,
    Profile,
    ProfileError,
    TriageLevel,
    UnknownTermError,
)

SELF, SOON, NOW = TriageLevel.SELF_CARE, TriageLevel.SEE_A_CLINICIAN_SOON, TriageLevel.SEEK_CARE_NOW
ON_A_THIAZIDE = Profile(medications=("thiazides",))


# -- triage ---------------------------------------------------------------------------


def test_cramps_without_a_red_flag_get_the_self_care_advice(kb: KnowledgeBase) -> None:
    result = kb.triage(["leg cramps", "night cramps"])
    assert (result.level, result.flags) == (SELF, ())
    assert result.advice == ("Stretch the calf.", "Drink water.")
    assert result.citations == ("leaflet",)


def test_a_flag_is_matched_by_its_name_or_alias(kb: KnowledgeBase) -> None:
    for term in ("One swollen calf", "CALF  swelling", "swollen-calf"):
        result = kb.triage(["leg cramps", term])
        assert result.level is NOW
        assert [flag.id for flag in result.flags] == ["swollen-calf"]


def test_a_flag_is_matched_by_its_symptom_named_any_way(kb: KnowledgeBase) -> None:
    assert [flag.id for flag in kb.triage("paresthesia").flags] == ["numb-feet"]


def test_a_factor_flag_needs_the_factor_and_counts_a_narrower_one(kb: KnowledgeBase) -> None:
    assert kb.triage("weakness").level is SELF  # a sign alone: only with the factor
    with_factor = kb.triage("weakness", ON_A_THIAZIDE)  # a thiazide is a diuretic
    assert [flag.id for flag in with_factor.flags] == ["diuretic-weakness"]
    assert kb.triage("leg cramps").level is SELF
    on_diuretic = kb.triage("night cramps", Profile(medications=("diuretics",)))  # night < leg < muscle cramps
    assert [flag.id for flag in on_diuretic.flags] == ["diuretic-cramps"]


def test_the_level_is_the_most_urgent_and_the_flags_come_most_urgent_first(kb: KnowledgeBase) -> None:
    result = kb.triage(["tingling", "calf swelling", "weakness", "leg cramps"], ON_A_THIAZIDE)
    assert result.level is NOW
    assert [flag.id for flag in result.flags] == ["swollen-calf", "diuretic-cramps", "diuretic-weakness", "numb-feet"]
    assert result.advice == ("Get help now.", "Ask whether the diuretic is to blame.", "See a clinician soon.")
    assert result.citations == ("leaflet", "trial-2024")


def test_text_that_cannot_be_read_is_reported_not_refused(kb: KnowledgeBase) -> None:
    result = kb.triage(["leg cramps", "calf sweling", "zxqv"])
    assert [flag.id for flag in result.flags] == ["swollen-calf"]  # one letter from "swelling"
    assert result.unrecognised == ("zxqv",)
    assert "not understood" in result.advice[-1]


@pytest.mark.parametrize(("bad", "error"), [([], ValueError), (3, TypeError), ([None], TypeError), ("", ValueError)])
def test_bad_symptoms_are_refused(kb: KnowledgeBase, bad: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        kb.triage(bad)  # type: ignore[arg-type]


def test_a_profile_with_an_unknown_factor_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownTermError) as caught:
        kb.triage("leg cramps", Profile(medications=("thiazide",)))
    # a Profile holds ids, so the suggestions are the ids it would take
    assert (caught.value.kind, caught.value.suggestions) == ("medication", ("thiazides",))
    assert "cramps.profile() resolves names" in str(caught.value)


# -- daily targets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "mg"),
    [
        (Profile(age=2), 80.0),  # a child's group covers both sexes
        (Profile(age=25, sex="female"), 310.0),
        (Profile(age=30.9, sex="female"), 310.0),  # completed years
        (Profile(age=31, sex="female"), 320.0),
        (Profile(age=90, sex="male"), 420.0),
        (Profile(age=25, sex="female", pregnant=True), 350.0),
    ],
)
def test_the_row_for_the_profile_is_chosen(kb: KnowledgeBase, profile: Profile, mg: float) -> None:
    assert kb.daily_target("Mg", profile).amount.value == mg


@pytest.mark.parametrize(
    ("profile", "field", "words"),
    [
        (Profile(sex="female"), "age", "age is needed"),
        (Profile(age=25), "sex", "sex is needed to pick a life-stage group from age 19"),
        (Profile(age=10, sex="male"), "age", "no Magnesium life-stage group covers age 10"),
        (Profile(age=35, sex="female", pregnant=True), "age", "only for ages 19-30 y"),
        (Profile(age=25, sex="female", pregnant=True, lactating=True), "lactating", "separate groups"),
    ],
)
def test_a_profile_without_a_row_says_what_is_missing(
    kb: KnowledgeBase, profile: Profile, field: str, words: str
) -> None:
    with pytest.raises(ProfileError, match=words) as caught:
        kb.daily_target("magnesium", profile)
    assert caught.value.field == field


def test_a_nutrient_without_a_reference_intake(kb: KnowledgeBase) -> None:
    with pytest.raises(NoReferenceError):
        kb.daily_target("potassium", Profile(age=40, sex="male"))
    with pytest.raises(TypeError):
        kb.daily_target("magnesium", {"age": 40})  # type: ignore[arg-type]


def test_two_rows_for_one_profile_are_a_data_error() -> None:
    from tiny import person_data, tiny_kb

    from cramps.intakes import DailyTargets
    from cramps.person_data import PersonData

    data, base = person_data(), tiny_kb()
    doubled = DailyTargets([*data.targets.rows("magnesium"), data.targets.rows("magnesium")[1]], file="intakes.json")
    records = {name: getattr(base, name) for name in ("nutrients", "symptoms", "factors", "remedies", "claims")}
    kb = KnowledgeBase(
        **records,
        citations=base.citations,
        person_data=PersonData(targets=doubled, tests=data.tests, flags=data.flags),
    )
    with pytest.raises(DataError, match="expected one Magnesium life-stage group") as caught:
        kb.daily_target("magnesium", Profile(age=25, sex="female"))
    assert caught.value.file == "intakes.json"


# -- lab tests ---------------------------------------------------------------------------


def test_lab_tests_by_nutrient_or_factor_named_any_way(kb: KnowledgeBase) -> None:
    assert [test.id for test in kb.lab_tests_for("Mg")] == ["serum-mg"]
    assert [test.id for test in kb.lab_tests_for(kb.nutrient("magnesium"))] == ["serum-mg"]
    assert [test.id for test in kb.lab_tests_for("Diuretics")] == ["serum-na"]
    assert [test.id for test in kb.lab_tests_for(kb.factor("diuretics"))] == ["serum-na"]
    assert kb.lab_tests_for("thiamin") == ()
    assert kb.lab_tests_for("Mg").disclaimer


def test_lab_tests_for_an_unknown_subject(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownTermError) as caught:
        kb.lab_tests_for("magnesum")
    assert caught.value.kind == "nutrient or condition"
    stranger = Nutrient(id="zinc", name="Zinc", kind="mineral", summary="A mineral.", role="Enzymes.")
    with pytest.raises(UnknownTermError):
        kb.lab_tests_for(stranger)


# -- profiles ----------------------------------------------------------------------------


def _with_conditions(kb: KnowledgeBase) -> KnowledgeBase:
    return kb.extended(
        {
            "factors": [
                Factor(id="pregnancy", name="Pregnancy", kind="physiological_state", description="Pregnant."),
                Factor(id="diabetes", name="Diabetes", kind="medical_condition", description="High blood sugar."),
            ]
        }
    )


def test_a_profile_resolves_names_to_ids(kb: KnowledgeBase) -> None:
    kb = _with_conditions(kb)
    person = kb.profile(age=30, sex="female", medications=["Thiazide diuretics", "diuretics"], conditions=["Diabetes"])
    assert person.medications == ("diuretics", "thiazides")
    assert person.conditions == ("diabetes",)
    assert kb.profile(sex="female", conditions=["pregnancy"]).pregnant


def test_a_profile_refuses_a_name_of_the_wrong_kind(kb: KnowledgeBase) -> None:
    kb = _with_conditions(kb)
    with pytest.raises(UnknownTermError) as caught:
        kb.profile(medications=["diabetes"])
    assert caught.value.kind == "medication"
    with pytest.raises(UnknownTermError) as caught:
        kb.profile(conditions=["diuretics"])
    assert caught.value.kind == "condition"
    with pytest.raises(ValueError, match="needs sex='female'"):
        kb.profile(sex="male", conditions=["pregnancy"])


def test_loading_is_lazy() -> None:
    code = (
        "import sys, cramps\n"
        "kb = cramps.default_kb()\n"
        "cramps.nutrient('magnesium'); cramps.profile(age=40, medications=['statins'])\n"
        "assert not kb._caches.person.loaded, 'person data loaded too early'\n"
        "cramps.triage(['leg cramps'])\n"
        "assert kb._caches.person.loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_loading_is_thread_safe() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from cramps._cache import Lazy
    from cramps.person_data import read_person_data

    lazy = Lazy(read_person_data)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: lazy.get(), range(16)))
    assert all(result is results[0] for result in results)
