"""Static checks of the public types: run ``mypy --strict typing_tests`` (CI does).

Nothing here runs; mypy fails if a public signature stops giving these types.
"""

from __future__ import annotations

from typing_extensions import assert_type

import cramps
from cramps.scoring import Query, Scorer, WeightedMean


def lookups() -> None:
    assert_type(cramps.nutrient("Mg"), cramps.Nutrient)
    assert_type(cramps.symptom("charley horse"), cramps.Symptom)
    assert_type(cramps.factor("statins"), cramps.Factor)
    assert_type(cramps.remedy("stretching"), cramps.Remedy)
    assert_type(cramps.citation("allen2012-afp"), cramps.Citation)
    assert_type(cramps.search("thiamine"), tuple[cramps.SearchHit, ...])


def rankings(profile: cramps.Profile) -> None:
    nutrients = cramps.nutrients_for_symptom("leg cramps", profile, limit=3)
    assert_type(nutrients, cramps.Ranking[cramps.Nutrient])
    assert_type(nutrients[0], cramps.Ranked[cramps.Nutrient])
    assert_type(nutrients[0].score, float)
    assert_type(cramps.factors_for_symptom("leg cramps"), cramps.Ranking[cramps.Factor])
    assert_type(cramps.rank(["leg cramps", "tingling"]), cramps.Ranking[cramps.Nutrient | cramps.Factor])
    assert_type(cramps.relief_for("leg cramps"), cramps.Ranking[cramps.Remedy])
    assert_type(cramps.explain(nutrients[0]), str)
    assert_type(cramps.suggest("leg cramps"), tuple[cramps.Question, ...])


def person() -> None:
    profile = cramps.profile(age=70, sex="female")
    assert_type(profile, cramps.Profile)
    assert_type(cramps.daily_target("magnesium", profile), cramps.DailyTarget)
    assert_type(cramps.triage(["leg cramps"], profile), cramps.Triage)
    assert_type(cramps.lab_tests_for("magnesium"), cramps.LabTests)


def foods() -> None:
    results = cramps.foods_rich_in("magnesium", per="portion", diet="vegan")
    assert_type(results[0].amount, cramps.Amount)
    assert_type(cramps.food("Spinach, raw").nutrients["magnesium"], cramps.Amount)
    source = cramps.typical_sources("potassium")[0]
    assert_type(source.food, cramps.foods.Food | None)
    assert_type(source.amount, cramps.Amount | None)
    assert_type(cramps.food("Spinach, raw").source.ndb_number, str | None)
    assert_type(cramps.default_kb().extension_foods, tuple[cramps.foods.Food, ...])


class Constant:
    def score(self, candidate: cramps.scoring.Candidate, query: Query, kb: cramps.KnowledgeBase) -> cramps.Score:
        return cramps.Score(value=0.5)


def scoring() -> None:
    scorer: Scorer = Constant()
    mixed = WeightedMean(scorers=[scorer, "evidence"], weights=[1, 2])
    assert_type(cramps.rank("leg cramps", scorer=mixed), cramps.Ranking[cramps.Nutrient | cramps.Factor])
    assert_type(cramps.scoring.get("evidence"), Scorer)
    assert_type(cramps.scoring.names(), tuple[str, ...])


def data() -> None:
    kb = cramps.default_kb()
    assert_type(cramps.load("extension/", base=kb), cramps.KnowledgeBase)
    assert_type(kb.merge(kb, replace=True), cramps.KnowledgeBase)
    assert_type(cramps.from_dict(cramps.Nutrient, {}), cramps.Nutrient)


def lacking(profile: cramps.Profile) -> None:
    day = cramps.diary(["1 medium banana", ("09040", 118.0), ("12061", "1 oz")], days=1)
    assert_type(day, cramps.Diary)
    assert_type(day.entries[0], cramps.DiaryEntry)
    assert_type(day.intake("magnesium"), cramps.Intake)
    assert_type(day.intake("magnesium").missing_grams, float)
    lab = cramps.lab_result("19123-9", 1.5, "mg/dL")
    assert_type(lab, cramps.LabResult)
    assert_type(lab.value_in("mmol/L"), float)
    assert_type(lab.status, str | None)
    result = cramps.assess(profile, symptoms="leg cramps", diary=day, labs=[lab, ("62292-8", 18.0, "ng/mL")])
    assert_type(result, cramps.Assessment)
    assert_type(result.status("magnesium"), cramps.NutrientStatus)
    assert_type(result.status("magnesium").foods_to_close_gap, tuple[cramps.GapFood, ...])
    assert_type(result.nutrients, cramps.Ranking[cramps.Nutrient])
    assert_type(cramps.read_diary("diary.csv", strict=False), cramps.Diary)
