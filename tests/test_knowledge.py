"""The knowledge-base machinery, on the tiny synthetic knowledge base."""

from __future__ import annotations

import pickle

import pytest
from tiny import citations, claim, claims, factors, nutrients, remedies, symptoms, tiny_kb

import cramps
from cramps import DataError, KnowledgeBase, RemedyKind, UnknownTermError
from cramps.ranking import Score
from cramps.scoring import Query


class TestLookups:
    @pytest.mark.parametrize("name", ["magnesium", "Magnesium", "  MAGNESIUM ", "Mg", "mg", "magnésium"])
    def test_nutrient_by_name_alias_case_space_accent(self, kb: KnowledgeBase, name: str) -> None:
        assert kb.nutrient(name).id == "magnesium"

    @pytest.mark.parametrize("name", ["thiamine", "vitamin b1", "Vitamin-B1", "B1", "thiamin"])
    def test_thiamin_aliases(self, kb: KnowledgeBase, name: str) -> None:
        assert kb.nutrient(name).id == "thiamin"

    @pytest.mark.parametrize(
        ("name", "expected"),
        [("charley horse", "leg-cramps"), ("Nocturnal leg cramps", "night-cramps"), ("HP:0003394", "muscle-cramps")],
    )
    def test_symptom_by_alias_or_code(self, kb: KnowledgeBase, name: str, expected: str) -> None:
        assert kb.symptom(name).id == expected

    def test_unknown_name_suggests_close_matches(self, kb: KnowledgeBase) -> None:
        with pytest.raises(UnknownTermError) as caught:
            kb.nutrient("magnesum")
        error = caught.value
        assert isinstance(error, LookupError)
        assert error.term == "magnesum"
        assert error.kind == "nutrient"
        assert error.suggestions == ("Magnesium",)
        assert "did you mean 'Magnesium'" in str(error)

    def test_unknown_name_without_close_match(self, kb: KnowledgeBase) -> None:
        with pytest.raises(UnknownTermError, match="unknown factor: 'zzzz'") as caught:
            kb.factor("zzzz")
        assert caught.value.suggestions == ()

    @pytest.mark.parametrize(
        ("bad", "error"),
        [
            (None, TypeError),
            (42, TypeError),
            ("", ValueError),
            ("   ", ValueError),
            ("-- ", ValueError),
            ("x" * 100_000, ValueError),
        ],
    )
    def test_bad_input_gets_a_clear_error(self, kb: KnowledgeBase, bad: object, error: type[Exception]) -> None:
        with pytest.raises(error, match="nutrient name"):
            kb.nutrient(bad)  # type: ignore[arg-type]

    def test_citation_and_claim_by_id(self, kb: KnowledgeBase) -> None:
        assert kb.citation("leaflet").title == "Cramps leaflet"
        assert kb.claim("mg-low-causes").subject == "magnesium"
        with pytest.raises(UnknownTermError) as caught:
            kb.citation("leaflett")
        assert caught.value.suggestions == ("leaflet",)

    def test_claims_about_and_citations_for(self, kb: KnowledgeBase) -> None:
        about = kb.claims_about("magnesium")
        assert [c.id for c in about] == ["mg-low-causes", "mg-supplement-null"]
        assert [c.id for c in kb.citations_for(kb.claim("diuretics-cramps"))] == ["trial-2024"]
        assert kb.claims_about("nothing") == ()

    def test_symptom_hierarchy(self, kb: KnowledgeBase) -> None:
        assert kb.broader_symptoms("night-cramps") == {"leg-cramps", "muscle-cramps"}
        assert kb.narrower_symptoms("muscle-cramps") == {"leg-cramps", "night-cramps"}


class TestSearch:
    def test_exact_alias_first(self, kb: KnowledgeBase) -> None:
        hits = kb.search("Mg")
        assert hits[0].record.id == "magnesium"
        assert hits[0].score == 1.0
        assert hits[0].matched == "Mg"

    def test_typo(self, kb: KnowledgeBase) -> None:
        assert kb.search("magnesum")[0].record.id == "magnesium"

    def test_spans_kinds_and_is_sorted(self, kb: KnowledgeBase) -> None:
        hits = kb.search("cramps", limit=None)
        assert {h.kind for h in hits} >= {"symptom"}
        keys = [(-h.score, h.kind, h.record.id) for h in hits]
        assert keys == sorted(keys)

    def test_limit_and_errors(self, kb: KnowledgeBase) -> None:
        assert len(kb.search("cramps", limit=1)) == 1
        with pytest.raises(ValueError, match="search text"):
            kb.search("  ")
        with pytest.raises(ValueError, match="limit"):
            kb.search("cramps", limit=0)


class TestRanking:
    def test_nutrients_ranked_with_reasons(self, kb: KnowledgeBase) -> None:
        ranking = kb.nutrients_for_symptom("leg cramps")
        assert [r.record.id for r in ranking] == ["potassium", "magnesium"]
        assert [r.rank for r in ranking] == [1, 2]
        assert ranking.disclaimer == cramps.DISCLAIMER
        assert all(reason.citations for result in ranking for reason in result.reasons)

    def test_contrary_evidence_lowers_and_is_explained(self, kb: KnowledgeBase) -> None:
        magnesium = kb.nutrients_for_symptom("night cramps")[1]
        weights = {reason.claim: reason.weight for reason in magnesium.reasons}
        assert weights["mg-low-causes"] > 0
        assert weights["mg-supplement-null"] < 0
        assert magnesium.score < weights["mg-low-causes"]

    def test_unlinked_nutrients_are_left_out(self, kb: KnowledgeBase) -> None:
        ids = {r.record.id for r in kb.nutrients_for_symptom("muscle cramps")}
        assert "vitamin-q" not in ids
        assert "thiamin" not in ids
        assert [r.record.id for r in kb.nutrients_for_symptom("tingling")] == ["thiamin"]

    def test_claims_on_narrower_symptoms_count_for_broader_queries(self, kb: KnowledgeBase) -> None:
        ids = [r.record.id for r in kb.factors_for_symptom("muscle cramps")]
        assert ids == ["diuretics", "dehydration"]

    def test_several_symptoms_and_kinds(self, kb: KnowledgeBase) -> None:
        ranking = kb.rank(["leg cramps", "tingling"])
        assert {r.record.id for r in ranking} == {"potassium", "magnesium", "thiamin", "diuretics", "dehydration"}
        assert kb.rank(["tingling", "leg cramps"]) == ranking
        with pytest.raises(ValueError, match="kinds"):
            kb.rank("leg cramps", kinds=("food",))
        with pytest.raises(ValueError, match="at least one symptom"):
            kb.rank([])

    @pytest.mark.parametrize(
        ("limit", "error"), [(0, ValueError), (-1, ValueError), (True, TypeError), (1.5, TypeError), ("2", TypeError)]
    )
    def test_bad_limits(self, kb: KnowledgeBase, limit: object, error: type[Exception]) -> None:
        with pytest.raises(error, match="limit"):
            kb.nutrients_for_symptom("leg cramps", limit=limit)  # type: ignore[arg-type]

    def test_limit_is_a_prefix(self, kb: KnowledgeBase) -> None:
        full = kb.rank("muscle cramps")
        assert kb.rank("muscle cramps", limit=2) == full[:2]

    def test_unknown_symptom(self, kb: KnowledgeBase) -> None:
        with pytest.raises(UnknownTermError, match="symptom"):
            kb.nutrients_for_symptom("xyzzy")

    def test_a_misspelt_name_is_read_as_text(self, kb: KnowledgeBase) -> None:
        """Rankings read plain text, which tolerates a typo; the lookup itself does not."""
        assert kb.nutrients_for_symptom("leg crmps") == kb.nutrients_for_symptom("leg cramps")
        with pytest.raises(UnknownTermError, match="did you mean"):
            kb.symptom("leg crmps")

    def test_symptom_records_are_accepted(self, kb: KnowledgeBase) -> None:
        assert kb.nutrients_for_symptom(kb.symptom("leg cramps")) == kb.nutrients_for_symptom("leg cramps")

    def test_custom_scorer_by_object_and_by_name(self, kb: KnowledgeBase) -> None:
        class Constant:
            def score(self, candidate: object, query: Query, kb: KnowledgeBase) -> Score:
                return Score(value=0.5)

        ranking = kb.nutrients_for_symptom("leg cramps", scorer=Constant())
        assert [r.record.id for r in ranking] == sorted(n.id for n in kb.nutrients)
        cramps.scoring.register("constant-test", Constant())
        try:
            assert kb.nutrients_for_symptom("leg cramps", scorer="constant-test") == ranking
        finally:
            cramps.scoring.unregister("constant-test")
        assert "constant-test" not in cramps.scoring.names()

    def test_scorer_errors(self, kb: KnowledgeBase) -> None:
        with pytest.raises(UnknownTermError, match="scorer") as caught:
            kb.rank("leg cramps", scorer="evidense")
        assert caught.value.suggestions == ("evidence",)
        with pytest.raises(TypeError, match="scorer"):
            kb.rank("leg cramps", scorer=42)  # type: ignore[arg-type]

        class Broken:
            def score(self, candidate: object, query: Query, kb: KnowledgeBase) -> float:
                return 0.5

        with pytest.raises(TypeError, match=r"must return a cramps\.Score"):
            kb.rank("leg cramps", scorer=Broken())  # type: ignore[arg-type]


class TestRelief:
    def test_immediate_first_then_prevention_then_medical(self, kb: KnowledgeBase) -> None:
        kinds = [r.record.kind for r in kb.relief_for("leg cramps")]
        assert kinds == sorted(kinds, key=list(RemedyKind).index)
        assert kinds[0] is RemedyKind.IMMEDIATE
        assert kinds[-1] is RemedyKind.MEDICAL

    def test_safety_warning_is_a_reason_against(self, kb: KnowledgeBase) -> None:
        quinine = next(r for r in kb.relief_for("leg cramps") if r.record.id == "quinine")
        assert any(reason.weight < 0 for reason in quinine.reasons)


class TestValidation:
    def build(self, **overrides: object) -> KnowledgeBase:
        parts: dict[str, object] = {
            "nutrients": nutrients(),
            "symptoms": symptoms(),
            "factors": factors(),
            "remedies": remedies(),
            "claims": claims(),
            "citations": citations(),
        }
        parts.update(overrides)
        return KnowledgeBase(**parts)  # type: ignore[arg-type]

    def test_claim_with_unknown_citation(self) -> None:
        bad = [
            *claims(),
            claim("orphan", "magnesium", "causes", ["leg-cramps"], "supports", "A", cites=("nobody-2000",)),
        ]
        with pytest.raises(DataError, match="'nobody-2000' is not a known citation id") as caught:
            self.build(claims=bad)
        assert (caught.value.file, caught.value.record, caught.value.field) == ("claims.json", "orphan", "citations")

    def test_claim_with_unknown_subject_or_target(self) -> None:
        with pytest.raises(DataError, match="subject"):
            self.build(claims=[*claims(), claim("x", "zinc", "causes", ["leg-cramps"], "supports", "A")])
        with pytest.raises(DataError, match="'elbow-cramps' is not a known symptom id"):
            self.build(claims=[*claims(), claim("x", "magnesium", "causes", ["elbow-cramps"], "supports", "A")])
        with pytest.raises(DataError, match="not a known nutrient id"):
            self.build(claims=[*claims(), claim("x", "diuretics", "depletes", ["leg-cramps"], "supports", "A")])

    def test_duplicate_ids_and_names(self) -> None:
        with pytest.raises(DataError, match="duplicate nutrient id"):
            self.build(nutrients=[*nutrients(), nutrients()[0]])
        clash = cramps.Nutrient(id="manganese", name="Manganese", kind="mineral", summary="s", role="r", aliases=["Mg"])
        with pytest.raises(DataError, match="would name both"):
            self.build(nutrients=[*nutrients(), clash])

    def test_cycles_in_broader(self) -> None:
        looped = [
            s
            if s.id != "muscle-cramps"
            else cramps.Symptom(id="muscle-cramps", name="Muscle cramps", description="d", broader=["night-cramps"])
            for s in symptoms()
        ]
        with pytest.raises(DataError, match="broader than itself"):
            self.build(symptoms=looped)


def test_knowledge_base_pickles_and_compares_by_value(kb: KnowledgeBase) -> None:
    again = pickle.loads(pickle.dumps(kb))
    assert again == kb
    assert again.nutrients_for_symptom("leg cramps") == kb.nutrients_for_symptom("leg cramps")
    assert tiny_kb() == kb


def test_roundtrip_through_dicts(kb: KnowledgeBase) -> None:
    data = cramps.to_dict(kb)
    assert data["data_version"] == "test"
    assert cramps.from_dict(KnowledgeBase, data) == kb
    with pytest.raises(DataError, match="unknown field"):
        cramps.from_dict(KnowledgeBase, {**data, "extra": []})
