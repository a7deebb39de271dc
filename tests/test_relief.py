"""Relief: every step of the source article, net benefit (quinine below safe remedies),
order consistent with scores within each kind, reasons that add up, tailoring by profile."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tiny import claim, tiny_kb

import cramps
from cramps import KnowledgeBase, Profile, Remedy, RemedyKind
from cramps.evidence import Direction, Relation
from cramps.factors import Factor
from cramps.ranking import Ranking
from cramps.relief import ReliefScorer, is_offered, is_regulatory_warning
from cramps.scoring import Query

#: The relief and prevention steps of the source article ("What to Do for Leg Cramps" and
#: its "Helpful Actionable List"), by remedy id and the kind the article gives them.
ARTICLE_STEPS = {
    "stretch-the-muscle": RemedyKind.IMMEDIATE,  # Stretch: pull toes toward your head
    "massage": RemedyKind.IMMEDIATE,  # Massage the muscle
    "heat": RemedyKind.IMMEDIATE,  # Apply heat: warm towel or heating pad
    "hydrate": RemedyKind.IMMEDIATE,  # Hydrate: water or an electrolyte drink
    "review-diet": RemedyKind.PREVENTION,  # Evaluate your diet
    "hydration-habits": RemedyKind.PREVENTION,  # Consider hydration habits
    "review-medications": RemedyKind.PREVENTION,  # Review medications
    "nightly-stretching": RemedyKind.PREVENTION,  # Stretching routine before bed
    "see-a-clinician": RemedyKind.PREVENTION,  # Consult a professional
}
CRAMP_SYMPTOMS = ("leg cramps", "nocturnal leg cramps", "muscle cramps", "exercise-associated cramps")
SHIPPED: KnowledgeBase = cramps.default_kb()
PROFILES = (
    None,
    Profile(),
    Profile(conditions=["cirrhosis"]),
    Profile(age=72, sex="female", medications=["loop-diuretics", "proton-pump-inhibitors"], diet="vegan"),
    Profile(sex="female", pregnant=True),
)


def by_id(ranking: Ranking[Remedy]) -> dict[str, cramps.Ranked[Remedy]]:
    return {result.record.id: result for result in ranking}


def has_warning(kb: KnowledgeBase, remedy: Remedy) -> bool:
    return any(is_regulatory_warning(c) for c in kb.claims_about(remedy.id))


def supported_safe(kb: KnowledgeBase, result: cramps.Ranked[Remedy]) -> bool:
    """A remedy with no harms claim that some claim supports for the query."""
    harmed = any(c.relation is Relation.HARMS for c in kb.claims_about(result.record.id))
    return not harmed and any(reason.weight > 0 for reason in result.reasons)


class TestTheArticleSteps:
    def test_every_step_is_offered_for_leg_cramps_with_its_kind(self) -> None:
        found = by_id(cramps.relief_for("leg cramps"))
        assert set(ARTICLE_STEPS) <= set(found)
        for remedy_id, kind in ARTICLE_STEPS.items():
            assert found[remedy_id].record.kind is kind, remedy_id

    def test_every_step_is_graded_and_cited(self) -> None:
        found = by_id(cramps.relief_for("leg cramps"))
        for remedy_id in ARTICLE_STEPS:
            result = found[remedy_id]
            assert result.score > 0, remedy_id
            assert result.reasons, remedy_id
            for reason in result.reasons:
                assert "[evidence grade " in reason.text, remedy_id
                assert reason.citations, remedy_id
                assert set(reason.citations) <= {c.id for c in SHIPPED.citations}

    def test_the_mixed_evidence_on_dehydration_stays_visible(self) -> None:
        found = by_id(cramps.relief_for("leg cramps"))
        for remedy_id in ("hydrate", "hydration-habits"):
            claims = [SHIPPED.claim(reason.claim) for reason in found[remedy_id].reasons]
            mixed = [c for c in claims if c.direction is Direction.MIXED]
            assert mixed, remedy_id
            assert any("mixed" in reason.text for reason in found[remedy_id].reasons)
            assert "schwellnus2011-bjsm" in {cite for c in mixed for cite in c.citations}

    def test_cautions_come_with_the_steps_that_need_them(self) -> None:
        found = by_id(cramps.relief_for("leg cramps"))
        assert "limit fluids" in (found["hydrate"].record.caution or "")
        assert found["review-medications"].record.caution
        assert "FDA" in (found["quinine"].record.caution or "")


class TestNetBenefit:
    @pytest.mark.parametrize("symptom", CRAMP_SYMPTOMS)
    @pytest.mark.parametrize("profile", PROFILES)
    def test_quinine_never_outscores_a_supported_safe_remedy(self, symptom: str, profile: Profile | None) -> None:
        ranking = cramps.relief_for(symptom, profile)
        found = by_id(ranking)
        if "quinine" not in found:
            return
        quinine = found["quinine"]
        safe = [r for r in ranking if supported_safe(SHIPPED, r)]
        assert safe
        assert all(quinine.score < r.score for r in safe)

    def test_quinine_scores_zero_and_keeps_its_warning(self) -> None:
        quinine = by_id(cramps.relief_for("leg cramps"))["quinine"]
        assert quinine.score == 0
        warning = next(reason for reason in quinine.reasons if reason.claim == "quinine-serious-harms")
        assert warning.weight < 0
        assert "fda2010-quinine" in warning.citations
        assert "net benefit counts as 0" in warning.text
        effect = next(reason for reason in quinine.reasons if reason.claim == "quinine-reduces-cramps")
        assert effect.weight > 0  # the evidence of effect is shown, not hidden

    def test_sorting_by_score_puts_stretching_above_quinine(self) -> None:
        ranking = sorted(cramps.relief_for("leg cramps"), key=lambda r: -r.score)
        ids = [r.record.id for r in ranking]
        assert ids.index("stretch-the-muscle") < ids.index("quinine")
        assert ids[-1] == "quinine"

    @pytest.mark.parametrize("symptom", [s.id for s in SHIPPED.symptoms])
    def test_a_regulatory_warning_means_no_net_benefit(self, symptom: str) -> None:
        for result in SHIPPED.relief_for(symptom):
            bearing = {reason.claim for reason in result.reasons}
            if any(is_regulatory_warning(SHIPPED.claim(c)) for c in bearing):
                assert result.score == 0, result.record.id

    @pytest.mark.parametrize("symptom", [s.id for s in SHIPPED.symptoms])
    @pytest.mark.parametrize("profile", PROFILES)
    def test_reasons_add_up_to_the_score(self, symptom: str, profile: Profile | None) -> None:
        for result in SHIPPED.relief_for(symptom, profile):
            assert sum(reason.weight for reason in result.reasons) == pytest.approx(result.score, abs=1e-9)


class TestOrder:
    @pytest.mark.parametrize("symptom", [s.id for s in SHIPPED.symptoms])
    @pytest.mark.parametrize("profile", PROFILES)
    def test_scores_never_rise_down_a_kind(self, symptom: str, profile: Profile | None) -> None:
        ranking = SHIPPED.relief_for(symptom, profile)
        kinds = list(RemedyKind)
        assert [r.rank for r in ranking] == list(range(1, len(ranking) + 1))
        for above, below in itertools.pairwise(ranking):
            assert kinds.index(above.record.kind) <= kinds.index(below.record.kind)
            if above.record.kind is below.record.kind:
                assert above.score >= below.score, (above.record.id, below.record.id)

    def test_limit_is_a_prefix(self) -> None:
        person = Profile(conditions=["cirrhosis"])
        full = cramps.relief_for("leg cramps", person)
        assert cramps.relief_for("leg cramps", person, limit=5) == full[:5]


class TestTailoring:
    def test_specialist_treatments_only_with_their_condition(self) -> None:
        assert "cirrhosis-cramp-treatments" not in by_id(cramps.relief_for("leg cramps"))
        assert "cirrhosis-cramp-treatments" not in by_id(cramps.relief_for("leg cramps", Profile()))
        diabetic = cramps.profile(conditions=["diabetes"])
        assert "cirrhosis-cramp-treatments" not in by_id(cramps.relief_for("leg cramps", diabetic))
        liver = cramps.profile(conditions=["liver cirrhosis"])
        offered = by_id(cramps.relief_for("muscle cramps", liver))
        assert offered["cirrhosis-cramp-treatments"].record.kind is RemedyKind.MEDICAL
        assert offered["cirrhosis-cramp-treatments"].score > 0

    def test_the_rest_of_the_answer_does_not_change_with_the_condition(self) -> None:
        general = cramps.relief_for("leg cramps")
        liver = cramps.relief_for("leg cramps", cramps.profile(conditions=["cirrhosis"]))
        rest = [(r.record.id, r.score) for r in liver if r.record.id != "cirrhosis-cramp-treatments"]
        assert rest == [(r.record.id, r.score) for r in general]

    def test_an_unknown_profile_id_is_an_error(self) -> None:
        with pytest.raises(cramps.UnknownTermError, match="furosemide"):
            cramps.relief_for("leg cramps", Profile(medications=["furosemide"]))

    def test_profile_must_be_a_profile(self) -> None:
        with pytest.raises(TypeError, match="profile"):
            cramps.relief_for("leg cramps", {"age": 70})  # type: ignore[arg-type]

    def test_is_offered(self) -> None:
        anyone = Remedy(id="stretch", name="Stretch", kind="immediate", instructions="Stretch.")
        specialist = Remedy(
            id="liver-drug", name="Liver drug", kind="medical", instructions="Ask.", for_conditions=["cirrhosis"]
        )
        assert is_offered(anyone, ())
        assert not is_offered(specialist, ())
        assert not is_offered(specialist, {"diabetes"})
        assert is_offered(specialist, {"diabetes", "cirrhosis"})

    def test_for_conditions_must_name_known_factors(self) -> None:
        bad = Remedy(id="odd", name="Odd", kind="medical", instructions="Ask.", for_conditions=["no-such-factor"])
        with pytest.raises(cramps.DataError, match="no-such-factor"):
            tiny_kb().extended({"remedies": [bad]})


def tiny_with(*extra_claims: object, remedies: tuple[Remedy, ...] = ()) -> KnowledgeBase:
    liver = Factor(id="liver-disease", name="Liver disease", kind="medical_condition", description="A liver problem.")
    return tiny_kb().extended({"claims": list(extra_claims), "remedies": list(remedies), "factors": [liver]})


class TestReliefScorer:
    def score(self, kb: KnowledgeBase, remedy_id: str, symptom: str = "muscle-cramps") -> float:
        query = Query(symptoms=(kb.symptom(symptom),))
        return ReliefScorer().score(kb.remedy(remedy_id), query, kb).value

    def test_a_harm_lowers_the_net_benefit(self) -> None:
        plain = self.score(tiny_kb(), "massage")
        harmed = self.score(
            tiny_with(claim("massage-bruises", "massage", "harms", ["muscle-cramps"], "supports", "D")), "massage"
        )
        assert 0 < harmed < plain
        assert harmed == pytest.approx(plain * (1 - 0.3))

    def test_a_regulatory_warning_sets_the_net_benefit_to_zero(self) -> None:
        warned = claim("massage-warning", "massage", "harms", ["muscle-cramps"], "supports", "R")
        assert self.score(tiny_with(warned), "massage") == 0
        assert self.score(tiny_kb(), "quinine") == 0

    def test_a_warning_about_another_symptom_does_not_apply(self) -> None:
        elsewhere = claim("massage-tingling", "massage", "harms", ["tingling"], "supports", "R")
        assert self.score(tiny_with(elsewhere), "massage") == self.score(tiny_kb(), "massage")

    def test_trials_without_effect_lower_the_benefit_and_more_support_raises_it(self) -> None:
        plain = self.score(tiny_kb(), "massage")
        null = tiny_with(claim("massage-null", "massage", "treats", ["muscle-cramps"], "no_effect", "B"))
        more = tiny_with(claim("massage-trial", "massage", "treats", ["muscle-cramps"], "supports", "B"))
        assert self.score(null, "massage") < plain < self.score(more, "massage")
        assert self.score(more, "massage") == pytest.approx(1 - (1 - 0.3) * (1 - 0.6))

    def test_only_remedies_are_scored(self) -> None:
        kb = tiny_kb()
        with pytest.raises(TypeError, match="remedies"):
            ReliefScorer().score(kb.nutrient("magnesium"), Query(symptoms=(kb.symptom("muscle-cramps"),)), kb)

    def test_weights_are_checked(self) -> None:
        with pytest.raises(ValueError, match="context_weight"):
            ReliefScorer(context_weight=1.5)

    def test_specialist_remedy_on_a_synthetic_knowledge_base(self) -> None:
        specialist = Remedy(
            id="liver-drug", name="Liver drug", kind="medical", instructions="Ask.", for_conditions=["liver-disease"]
        )
        kb = tiny_with(
            claim("liver-drug-works", "liver-drug", "treats", ["muscle-cramps"], "supports", "B"),
            remedies=(specialist,),
        )
        assert "liver-drug" not in by_id(kb.relief_for("muscle cramps"))
        assert "liver-drug" in by_id(kb.relief_for("muscle cramps", Profile(conditions=["liver-disease"])))

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["treats", "harms"]),
                st.sampled_from(["supports", "mixed", "mechanism_only", "no_effect"]),
                st.sampled_from(["A", "A-low", "B", "C", "D", "E", "R"]),
            ),
            max_size=6,
        )
    )
    def test_net_benefit_is_in_range_and_adds_up(self, specs: list[tuple[str, str, str]]) -> None:
        extra = [claim(f"massage-x{i}", "massage", rel, ["muscle-cramps"], d, g) for i, (rel, d, g) in enumerate(specs)]
        kb = tiny_with(*extra)
        query = Query(symptoms=(kb.symptom("muscle-cramps"),))
        score = ReliefScorer().score(kb.remedy("massage"), query, kb)
        assert 0 <= score.value <= 1
        assert sum(reason.weight for reason in score.reasons) == pytest.approx(score.value, abs=1e-9)
        if any(rel == "harms" and d == "supports" and g == "R" for rel, d, g in specs):
            assert score.value == 0
        plain = ReliefScorer().score(kb.remedy("massage"), query, tiny_kb()).value
        harms_only = all(rel == "harms" for rel, _, _ in specs)
        if harms_only:
            assert score.value <= plain
