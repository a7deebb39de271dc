"""The default (pattern) scorer on the packaged data: the answers of issue 14's examples."""

from __future__ import annotations

import math
import pickle

import pytest

import cramps
from cramps import Profile, UnknownTermError
from cramps.pattern import DEFAULT, PatternScorer, final, lift
from cramps.scoring import AnyOf, get, names

KB = cramps.default_kb()


def order(ranking: cramps.Ranking[object]) -> list[str]:
    return [r.record.id for r in ranking]  # type: ignore[attr-defined]


def scores(ranking: cramps.Ranking[object]) -> dict[str, float]:
    return {r.record.id: r.score for r in ranking}  # type: ignore[attr-defined]


class TestSymptomPatterns:
    def test_nerve_symptoms_lift_b12_and_thiamin_above_magnesium(self) -> None:
        alone = KB.nutrients_for_symptom("leg cramps")
        pattern = KB.nutrients_for_symptom(["leg cramps", "tingling", "numbness", "fatigue"])
        assert order(alone)[-2:] == ["thiamin", "vitamin-b12"]  # cramps alone point least to them
        assert {"vitamin-b12", "thiamin"} <= set(order(pattern)[:4])
        before, after = scores(alone), scores(pattern)
        for nerve in ("vitamin-b12", "thiamin"):
            assert after[nerve] - before[nerve] > after["magnesium"] - before["magnesium"]

    def test_a_specific_finding_weighs_more_than_an_unspecific_one(self) -> None:
        model_specific = DEFAULT  # the weights come from the claims and the finding's specificity
        assert isinstance(model_specific, PatternScorer)
        tongue = scores(KB.nutrients_for_symptom(["sore tongue"]))
        cramps_only = scores(KB.nutrients_for_symptom(["leg cramps"]))
        assert order(KB.nutrients_for_symptom(["sore tongue"]))[0] == "vitamin-b12"
        assert tongue["vitamin-b12"] > max(cramps_only.values())

    def test_tetany_with_tingling_around_the_mouth_points_to_calcium(self) -> None:
        ranking = KB.nutrients_for_symptom(["tetany", "tingling around my mouth"])
        assert order(ranking)[0] == "calcium"

    @pytest.mark.parametrize(
        ("texts", "fields", "leading"),
        [
            (["pins and needles in my feet", "tired all the time"], {"diet": "vegan", "age": 30}, "vitamin-b12"),
            (["bone pain", "weak legs"], {"sun_exposure": "little", "age": 80}, "vitamin-d"),
            (["tremor", "leg cramps"], {"medications": ["omeprazole"], "age": 66}, "magnesium"),
            (["leg cramps", "constipated", "weak legs"], {"medications": ["hydrochlorothiazide"]}, "potassium"),
            (["cramps during my marathon", "headache", "feel sick"], {"activity": "heavy"}, "sodium"),
        ],
    )
    def test_plain_words_and_a_profile_give_the_leading_suspect(
        self, texts: list[str], fields: dict[str, object], leading: str
    ) -> None:
        ranking = KB.nutrients_for_symptom(texts, KB.profile(**fields))  # type: ignore[arg-type]
        assert order(ranking)[0] == leading


class TestProfileFacts:
    def test_age_25_rules_out_older_age_and_a_man_pregnancy(self) -> None:
        ranking = KB.factors_for_symptom("leg cramps", KB.profile(age=25, sex="male"))
        assert {"ageing", "pregnancy"}.isdisjoint(order(ranking))
        assert {"ageing", "pregnancy"} <= set(order(KB.factors_for_symptom("leg cramps")))

    def test_a_missing_fact_is_not_evidence_against(self) -> None:
        assert scores(KB.factors_for_symptom("leg cramps", Profile())) == scores(KB.factors_for_symptom("leg cramps"))

    def test_a_persons_own_factors_rank_first(self) -> None:
        her = KB.profile(age=72, sex="female", medications=["furosemide", "omeprazole"], diet="vegan")
        ranking = KB.factors_for_symptom("leg cramps", her)
        own = {"loop-diuretics", "diuretics", "proton-pump-inhibitors", "ageing", "vegan-diet", "vegetarian-diet"}
        linked_own = [r.record.id for r in ranking if r.record.id in own]
        assert order(ranking)[: len(linked_own)] == linked_own
        assert "loop-diuretics" in linked_own
        assert "pregnancy" not in order(ranking)

    def test_a_child_does_not_get_ageing_first(self) -> None:
        ranking = KB.factors_for_symptom("leg cramps", KB.profile(age=5, sex="male"))
        assert "ageing" not in order(ranking)

    def test_not_on_any_medicines_rules_out_every_medication(self) -> None:
        ranking = KB.factors_for_symptom("leg cramps", absent=["medications"])
        kinds = {r.record.kind.value for r in ranking}
        assert "medication" not in kinds
        assert "medication" in {r.record.kind.value for r in KB.factors_for_symptom("leg cramps")}

    def test_absent_takes_the_words_people_use(self) -> None:
        said = order(KB.factors_for_symptom("leg cramps", absent=["not on any medicines"]))
        assert said == order(KB.factors_for_symptom("leg cramps", absent=["medications"]))
        with pytest.raises(UnknownTermError):
            KB.factors_for_symptom("leg cramps", absent=["qqxxzz"])

    def test_an_absent_finding_lowers_what_it_would_have_raised(self) -> None:
        with_it = scores(KB.nutrients_for_symptom(["leg cramps", "fatigue"]))
        without = scores(KB.nutrients_for_symptom(["leg cramps", "fatigue"], absent=["tingling"]))
        assert without["vitamin-b12"] < with_it["vitamin-b12"]
        assert without["potassium"] == with_it["potassium"]  # no claim links potassium to tingling

    def test_a_negated_phrase_counts_as_absent(self) -> None:
        said = scores(KB.nutrients_for_symptom(["leg cramps", "no tingling"]))
        given = scores(KB.nutrients_for_symptom(["leg cramps"], absent=["tingling"]))
        assert said == given


class TestUnknownIds:
    def test_an_unknown_profile_id_raises_and_points_to_cramps_profile(self) -> None:
        with pytest.raises(UnknownTermError) as caught:
            KB.nutrients_for_symptom("leg cramps", Profile(medications={"furosemide"}))  # type: ignore[arg-type]
        assert caught.value.term == "furosemide"
        assert caught.value.suggestions == ("loop-diuretics",)
        assert "cramps.profile()" in str(caught.value)

    def test_every_query_refuses_it(self) -> None:
        bad = Profile(conditions=("liver-trouble",))
        for query in (KB.nutrients_for_symptom, KB.factors_for_symptom, KB.rank):
            with pytest.raises(UnknownTermError, match="liver-trouble"):
                query("leg cramps", bad)
        with pytest.raises(UnknownTermError, match="liver-trouble"):
            KB.nutrients_for_symptom("leg cramps", bad, scorer="classic")


class TestExplanations:
    def test_weights_add_up_to_the_score_and_the_text_says_what_it_is(self) -> None:
        her = KB.profile(age=72, sex="female", medications=["furosemide", "omeprazole"], diet="vegan")
        for result in KB.rank(["leg cramps", "tingling"], her):
            assert math.isclose(math.fsum(r.weight for r in result.reasons), result.score, abs_tol=1e-9)
        text = cramps.explain(KB.nutrients_for_symptom("leg cramps", her)[0])
        assert "the reasons add up to the score" in text

    def test_a_lazy_result_pickles_and_compares_as_its_reasons(self) -> None:
        result = KB.nutrients_for_symptom(["leg cramps", "tingling"], KB.profile(age=40))[0]
        copy = pickle.loads(pickle.dumps(result))
        assert copy == result
        assert copy.reasons == result.reasons

    def test_the_score_is_the_lift_over_the_prior(self) -> None:
        assert final(0.0, 0.1) == 0.0
        assert lift(-1.0, 0.1) == 0.0
        assert final(math.log(9.0), 0.1) == pytest.approx((0.5 - 0.1) / 0.9, abs=1e-6)  # odds 1:9 -> 1:1
        assert final(0.0, 0.1, floor=0.5) == 0.5


class TestRegistry:
    def test_the_default_is_the_pattern_scorer_and_the_old_one_is_kept(self) -> None:
        assert {"default", "pattern", "classic", "evidence", "profile"} <= set(names())
        assert get("default") == get("pattern") == DEFAULT
        classic = KB.nutrients_for_symptom(["leg cramps", "tingling"], scorer="classic")
        by_hand = KB.nutrients_for_symptom(["leg cramps", "tingling"], scorer=AnyOf(scorers=("evidence", "profile")))
        assert classic == by_hand  # the old default, available by name


def test_a_cleared_knowledge_base_ranks_afresh_from_its_kept_model() -> None:
    kb = cramps.default_kb()
    model = kb._pattern_model()
    first = kb.nutrients_for_symptom("leg cramps")
    assert kb.nutrients_for_symptom("leg cramps") is first  # kept
    kb._caches.clear()
    assert len(model.rankings) == 0
    again = kb.nutrients_for_symptom("leg cramps")
    assert again == first
    assert again is not first
    assert kb._pattern_model() is model
