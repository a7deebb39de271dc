"""The scoring system: profile-aware scoring, combinators, the registry and plug-ins."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import cramps
from cramps import KnowledgeBase, UnknownTermError
from cramps.pattern import PatternScorer
from cramps.profiles import Profile
from cramps.ranking import Reason, Score
from cramps.scoring import AnyOf, EvidenceScorer, Product, ProfileScorer, Query, Scorer, WeightedMean, present_factors


def scores(ranking: cramps.Ranking[object]) -> dict[str, float]:
    return {r.record.id: r.score for r in ranking}  # type: ignore[attr-defined]


class TestProfileScorer:
    def test_a_diuretic_raises_potassium_and_magnesium_and_says_why(self, kb: KnowledgeBase) -> None:
        plain = scores(kb.nutrients_for_symptom("leg cramps"))
        ranking = kb.nutrients_for_symptom("leg cramps", Profile(medications=("diuretics",)))
        raised = scores(ranking)
        assert raised["potassium"] > plain["potassium"]
        assert raised["magnesium"] > plain["magnesium"]
        potassium = next(r for r in ranking if r.record.id == "potassium")
        assert "diuretics-deplete" in {reason.claim for reason in potassium.reasons}

    def test_a_narrower_medication_counts_as_its_class(self, kb: KnowledgeBase) -> None:
        assert present_factors(Profile(medications=("thiazides",)), kb) == {"thiazides", "diuretics"}
        by_class = scores(kb.nutrients_for_symptom("leg cramps", Profile(medications=("diuretics",)), scorer="classic"))
        by_member = scores(
            kb.nutrients_for_symptom("leg cramps", Profile(medications=("thiazides",)), scorer="classic")
        )
        assert by_member == by_class

    def test_with_the_default_scorer_the_most_specific_class_speaks(self, kb: KnowledgeBase) -> None:
        """The tiny knowledge base gives thiazides no depletes claim of their own, so the
        claim about diuretics in general does not speak for a thiazide."""
        plain = scores(kb.nutrients_for_symptom("leg cramps"))
        by_class = scores(kb.nutrients_for_symptom("leg cramps", Profile(medications=("diuretics",))))
        by_member = scores(kb.nutrients_for_symptom("leg cramps", Profile(medications=("thiazides",))))
        assert by_class["potassium"] > plain["potassium"]
        assert by_member == plain

    def test_a_present_factor_moves_up(self, kb: KnowledgeBase) -> None:
        plain = scores(kb.factors_for_symptom("night cramps"))
        with_it = scores(kb.factors_for_symptom("night cramps", Profile(medications=("diuretics",))))
        assert with_it["diuretics"] > plain["diuretics"]
        assert with_it["dehydration"] == plain["dehydration"]

    def test_unlinked_candidates_are_not_raised(self, kb: KnowledgeBase) -> None:
        """A diuretic depletes potassium, but potassium is not linked to tingling."""
        ranking = kb.nutrients_for_symptom("tingling", Profile(medications=("diuretics",)))
        assert [r.record.id for r in ranking] == ["thiamin"]

    def test_without_a_profile_it_scores_nothing_and_classic_is_the_evidence(self, kb: KnowledgeBase) -> None:
        query = Query(symptoms=(kb.symptom("leg cramps"),))
        assert ProfileScorer().score(kb.nutrient("potassium"), query, kb) == Score(value=0.0)
        assert kb.rank("leg cramps", scorer="classic") == kb.rank("leg cramps", scorer="evidence")

    def test_the_default_is_the_pattern_scorer(self, kb: KnowledgeBase) -> None:
        assert kb.rank("leg cramps") == kb.rank("leg cramps", scorer="pattern")
        assert kb.rank("leg cramps", Profile(age=70.0)) == kb.rank("leg cramps", Profile(age=70.0), scorer="pattern")

    def test_profile_must_be_a_profile(self, kb: KnowledgeBase) -> None:
        with pytest.raises(TypeError, match=r"profile must be a cramps\.Profile"):
            kb.rank("leg cramps", {"age": 70})  # type: ignore[arg-type]


class TestCombinators:
    def test_weighted_mean_of_one_scorer_is_that_scorer(self, kb: KnowledgeBase) -> None:
        assert kb.rank("leg cramps", scorer=WeightedMean(scorers=["evidence"], weights=[1])) == kb.rank(
            "leg cramps", scorer="evidence"
        )

    def test_weighted_mean_ignores_a_common_scale(self, kb: KnowledgeBase) -> None:
        profile = Profile(medications=("diuretics",))
        first = WeightedMean(scorers=[EvidenceScorer(), ProfileScorer()], weights=[0.7, 0.3])
        second = WeightedMean(scorers=[EvidenceScorer(), ProfileScorer()], weights=[7, 3])
        assert kb.rank("leg cramps", profile, scorer=first) == kb.rank("leg cramps", profile, scorer=second)

    @pytest.mark.parametrize(
        ("weights", "error", "message"),
        [
            ([1], ValueError, "1 given for 2 scorers"),
            ([-1, 1], ValueError, ">= 0"),
            ([0, 0], ValueError, "above 0"),
            ([float("nan"), 1], ValueError, "finite"),
            ([True, 1], ValueError, "finite"),
            ("11", TypeError, "sequence"),
        ],
    )
    def test_weights_are_validated(self, weights: object, error: type[Exception], message: str) -> None:
        with pytest.raises(error, match=message):
            WeightedMean(scorers=["evidence", "profile"], weights=weights)  # type: ignore[arg-type]

    def test_parts_are_validated(self) -> None:
        with pytest.raises(ValueError, match="at least one scorer"):
            Product(scorers=[])
        with pytest.raises(UnknownTermError, match="scorer"):
            AnyOf(scorers=["evidense"])
        with pytest.raises(TypeError, match="sequence of scorers"):
            AnyOf(scorers="evidence")

    def test_product_and_any_of(self, kb: KnowledgeBase) -> None:
        profile = Profile(medications=("diuretics",))
        evidence = scores(kb.nutrients_for_symptom("leg cramps", profile, scorer="evidence"))
        by_profile = scores(kb.nutrients_for_symptom("leg cramps", profile, scorer="profile"))
        product = scores(
            kb.nutrients_for_symptom("leg cramps", profile, scorer=Product(scorers=["evidence", "profile"]))
        )
        either = scores(kb.nutrients_for_symptom("leg cramps", profile, scorer=AnyOf(scorers=["evidence", "profile"])))
        for nutrient, value in product.items():
            assert value == pytest.approx(evidence[nutrient] * by_profile.get(nutrient, 0.0))
        for nutrient, value in either.items():
            assert value == pytest.approx(1 - (1 - evidence[nutrient]) * (1 - by_profile.get(nutrient, 0.0)))


class TestRegistry:
    def test_builtin_names(self) -> None:
        assert {"default", "evidence", "profile"} <= set(cramps.scoring.names())
        assert isinstance(cramps.scoring.get("Profile"), ProfileScorer)
        assert isinstance(cramps.scoring.get("evidence"), Scorer)

    def test_register_refuses_to_overwrite(self) -> None:
        with pytest.raises(ValueError, match="exists"):
            cramps.scoring.register("evidence", EvidenceScorer())
        with pytest.raises(TypeError, match="score"):
            cramps.scoring.register("thing", object())  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="non-empty"):
            cramps.scoring.register("  ", EvidenceScorer())
        with pytest.raises(UnknownTermError):
            cramps.scoring.unregister("never-registered")

    def test_a_plugin_is_found_through_its_entry_point(self, tmp_path: Path) -> None:
        """Installs a tiny distribution (a dist-info folder on sys.path) in a fresh interpreter."""
        (tmp_path / "cramps_reverse.py").write_text(
            textwrap.dedent(
                """
                from cramps.ranking import Score

                class Reverse:
                    def score(self, candidate, query, kb):
                        return Score(value=0.9 if candidate.id == "vitamin-k2" else 0.1)
                """
            )
        )
        info = tmp_path / "cramps_reverse-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: cramps-reverse\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text("[cramps.scorers]\nreverse = cramps_reverse:Reverse\n")
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); import cramps\n"
            "assert 'reverse' in cramps.scoring.names(), cramps.scoring.names()\n"
            "top = cramps.nutrients_for_symptom('leg cramps', scorer='reverse')[0]\n"
            "print(top.record.id)\n"
        )
        result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "vitamin-k2"


class TestSuggest:
    def test_questions_separate_the_leaders(self, kb: KnowledgeBase) -> None:
        questions = kb.suggest("leg cramps")
        assert questions
        separations = [q.separation for q in questions]
        assert separations == sorted(separations, reverse=True)
        by_value = {q.value: q for q in questions}
        assert by_value["diuretics"].field == "medications"
        assert set(by_value["diuretics"].moves) >= {"potassium", "magnesium"}

    def test_no_question_repeats_what_is_known(self, kb: KnowledgeBase) -> None:
        questions = kb.suggest("leg cramps", Profile(medications=("diuretics",)))
        assert "diuretics" not in {q.value for q in questions}
        assert all(q.value != "leg-cramps" for q in questions)

    def test_limit(self, kb: KnowledgeBase) -> None:
        assert len(kb.suggest("leg cramps", limit=1)) == 1
        with pytest.raises(ValueError, match="limit"):
            kb.suggest("leg cramps", limit=0)


def test_explain_reads_like_text(kb: KnowledgeBase) -> None:
    result = kb.nutrients_for_symptom("night cramps")[1]
    text = cramps.explain(result)
    assert result.record.id == "magnesium"
    assert text.splitlines()[0] == f"2. Magnesium (score {result.score:.2f}; the reasons add up to the score)"
    flat = " ".join(text.split())
    assert "This adds" in flat
    assert "This takes off" in flat
    assert "Sources: review-2020" in flat
    assert all(len(line) <= 80 for line in text.splitlines())
    with pytest.raises(TypeError, match="Ranked"):
        cramps.explain(kb.nutrient("magnesium"))  # type: ignore[arg-type]


def test_explain_says_when_a_scorers_weights_do_not_add_up(kb: KnowledgeBase) -> None:
    result = kb.nutrients_for_symptom("night cramps", scorer="classic")[1]
    flat = " ".join(cramps.explain(result).split())
    assert "this scorer's weights do not add up to it" in flat
    assert "raises the score" in flat


def test_registered_names_are_listed_as_written() -> None:
    cramps.scoring.register("Support-Count", EvidenceScorer())
    try:
        assert "Support-Count" in cramps.scoring.names()
        assert isinstance(cramps.scoring.get("support count"), EvidenceScorer)
        with pytest.raises(UnknownTermError, match="did you mean 'Support-Count'"):
            cramps.scoring.get("suport-count")
    finally:
        cramps.scoring.unregister("support-count")
    assert "Support-Count" not in cramps.scoring.names()


def test_the_profile_scorer_answers_each_query_and_knowledge_base_on_its_own() -> None:
    from tiny import tiny_kb

    from cramps.scoring import ProfileScorer, Query

    packaged, tiny = cramps.default_kb(), tiny_kb()
    who = Profile(age=70, medications=("diuretics",))
    scorer = ProfileScorer()
    # one query object, two knowledge bases: each answers from its own claims
    query = Query(symptoms=(packaged.symptom("leg cramps"),), profile=who)
    on_packaged = scorer.score(packaged.nutrient("potassium"), query, packaged)
    on_tiny = scorer.score(tiny.nutrient("potassium"), query, tiny)
    assert {r.claim for r in on_tiny.reasons} == {"diuretics-deplete"}
    assert on_packaged.value > 0
    assert "diuretics-deplete" not in {r.claim for r in on_packaged.reasons}
    assert scorer.score(packaged.nutrient("potassium"), query, packaged) == on_packaged
    # a new query with another profile is not answered from the last one
    nobody = Query(symptoms=query.symptoms, profile=Profile(age=30))
    assert scorer.score(packaged.nutrient("potassium"), nobody, packaged).value == 0.0


class _Half:
    def score(self, candidate: object, query: Query, kb: KnowledgeBase) -> Score:
        return Score(value=0.5)


def test_a_replaced_default_scorer_ranks_for_none_and_for_its_name(kb: KnowledgeBase) -> None:
    built_in = kb.rank("leg cramps")  # kept as the built-in default's answer
    cramps.scoring.register("default", _Half(), replace=True)
    try:
        by_none = kb.rank("leg cramps")
        assert by_none == kb.rank("leg cramps", scorer="default")
        assert {r.score for r in by_none} == {0.5}
        assert not cramps.scoring.is_default(None)
    finally:
        cramps.scoring.unregister("default")
    assert cramps.scoring.is_default(None)
    assert cramps.scoring.is_default("Default")
    assert kb.rank("leg cramps") == built_in
    assert kb.rank("leg cramps", scorer="default") == built_in


#: The scoring guide's rule for zero scores, word for word (line breaks aside).
GUIDE_ON_ZERO_SCORES = (
    "It keeps each candidate scored above 0, and each candidate scored 0 whose score gives reasons; "
    "it leaves out a candidate scored 0 with no reasons"
)


class _ZeroOrHalf:
    """Scores thiamin 0.5, magnesium 0 with a reason, and every other candidate 0 with none."""

    def score(self, candidate: object, query: Query, kb: KnowledgeBase) -> Score:
        candidate_id = candidate.id  # type: ignore[attr-defined]
        if candidate_id == "thiamin":
            return Score(value=0.5)
        if candidate_id == "magnesium":
            against = Reason(claim="trial-found-nothing", citations=("a-trial",), weight=-0.2, text="No effect.")
            return Score(value=0.0, reasons=(against,))
        return Score(value=0.0)


def test_rankings_treat_zero_scores_as_the_guide_says(kb: KnowledgeBase) -> None:
    guide = " ".join((Path(__file__).parents[1] / "docs" / "scoring.rst").read_text(encoding="utf-8").split())
    assert GUIDE_ON_ZERO_SCORES in guide
    ranking = kb.rank("leg cramps", scorer=_ZeroOrHalf())
    assert [(r.record.id, r.score) for r in ranking] == [("thiamin", 0.5), ("magnesium", 0.0)]
    assert [r.claim for r in ranking[1].reasons] == ["trial-found-nothing"]
    # the default (pattern) scorer gives no reasons with a score of 0: its rankings list no zero
    for symptom in kb.symptoms:
        assert all(result.score > 0 for result in kb.rank(symptom.id))
    empty = PatternScorer().score(kb.nutrient("vitamin-q"), Query(symptoms=(kb.symptom("tingling"),)), kb)
    assert empty == Score(value=0.0)
