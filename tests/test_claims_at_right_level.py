"""Claims at the right level: each diuretic class speaks for itself, and every group at
risk of a low nutrient is a factor with a cited, graded `depletes` claim.

The data tests hold on their own. The ranking tests (class `TestRankings`) need the scorer
rule that a broader factor's `depletes` claim counts only when no narrower factor under it
is present (the most specific class speaks)."""

from __future__ import annotations

import pytest

import cramps
from cramps import KnowledgeBase
from cramps.evidence import Claim, Direction, Relation
from cramps.factors import FactorKind

SHIPPED: KnowledgeBase = cramps.default_kb()


def depletes(subject: str, nutrient: str, direction: Direction | None = None) -> list[Claim]:
    """The `depletes` claims of ``subject`` naming ``nutrient`` (of one direction, if given)."""
    return [
        c
        for c in SHIPPED.claims_about(subject)
        if c.relation is Relation.DEPLETES and nutrient in c.targets and (direction is None or c.direction is direction)
    ]


def lowers(subject: str, nutrient: str) -> bool:
    return bool(depletes(subject, nutrient, Direction.SUPPORTS))


class TestDiureticClasses:
    def test_the_drug_names_resolve_to_their_class(self) -> None:
        assert SHIPPED.factor("spironolactone").id == "potassium-sparing-diuretics"
        assert SHIPPED.factor("hydrochlorothiazide").id == "thiazide-diuretics"
        assert SHIPPED.factor("furosemide").id == "loop-diuretics"
        assert SHIPPED.factor("chlortalidone").id == "thiazide-like-diuretics"
        assert SHIPPED.factor("water pills").id == "diuretics"

    def test_spironolactone_does_not_lower_potassium_or_magnesium(self) -> None:
        for nutrient in ("potassium", "magnesium"):
            assert not lowers("potassium-sparing-diuretics", nutrient)
            assert depletes("potassium-sparing-diuretics", nutrient, Direction.NO_EFFECT), nutrient
        assert "potassium" not in SHIPPED.factor("spironolactone").affects

    def test_hydrochlorothiazide_does_not_lower_calcium(self) -> None:
        assert not lowers("thiazide-diuretics", "calcium")
        kept = depletes("thiazide-diuretics", "calcium", Direction.NO_EFFECT)
        assert kept
        assert "semnephrol2011-diuretics-calcium" in kept[0].citations
        assert "calcium" not in SHIPPED.factor("hydrochlorothiazide").affects
        assert not lowers("thiazide-like-diuretics", "calcium")

    def test_thiazides_lower_potassium_and_magnesium(self) -> None:
        assert lowers("thiazide-diuretics", "potassium")
        assert lowers("thiazide-diuretics", "magnesium")
        assert lowers("thiazide-like-diuretics", "potassium")

    def test_furosemide_has_potassium_magnesium_and_calcium_loss_claims(self) -> None:
        for nutrient in ("potassium", "magnesium", "calcium"):
            found = depletes("loop-diuretics", nutrient, Direction.SUPPORTS)
            assert found, nutrient
            assert all(c.citations for c in found)
            assert nutrient in SHIPPED.factor("furosemide").affects

    def test_the_general_claim_still_speaks_for_diuretics_in_general(self) -> None:
        for nutrient in ("potassium", "magnesium", "calcium"):
            assert lowers("diuretics", nutrient), nutrient

    def test_every_class_claim_has_a_citation_with_an_address(self) -> None:
        for subject in (
            "loop-diuretics",
            "thiazide-diuretics",
            "thiazide-like-diuretics",
            "potassium-sparing-diuretics",
        ):
            for claim in SHIPPED.claims_about(subject):
                if claim.relation is Relation.DEPLETES:
                    assert claim.citations
                    assert all(SHIPPED.citation(c).url for c in claim.citations), claim.id


#: The groups at risk named in issue 14, as (factor id, nutrient id).
RISK_GROUPS = (
    ("vegan-diet", "vitamin-b12"),
    ("metformin", "vitamin-b12"),
    ("proton-pump-inhibitors", "vitamin-b12"),
    ("heavy-alcohol-use", "thiamin"),
    ("bariatric-surgery", "thiamin"),
    ("hyperemesis-gravidarum", "thiamin"),
    ("proton-pump-inhibitors", "magnesium"),
    ("diuretics", "magnesium"),
    ("loop-diuretics", "magnesium"),
    ("thiazide-diuretics", "magnesium"),
    ("heavy-alcohol-use", "magnesium"),
    ("diabetes", "magnesium"),
    ("loop-diuretics", "potassium"),
    ("thiazide-diuretics", "potassium"),
    ("vomiting-or-diarrhoea", "potassium"),
    ("laxatives", "potassium"),
    ("little-sun-exposure", "vitamin-d"),
    ("ageing", "vitamin-d"),
    ("dark-skin", "vitamin-d"),
    ("thyroid-or-parathyroid-surgery", "calcium"),
    ("coeliac-disease", "calcium"),
)
NEW_FACTORS = (
    "bariatric-surgery",
    "hyperemesis-gravidarum",
    "vomiting-or-diarrhoea",
    "laxatives",
    "dark-skin",
    "thyroid-or-parathyroid-surgery",
    "coeliac-disease",
)
PROFILE_KINDS = {FactorKind.MEDICATION, FactorKind.MEDICAL_CONDITION, FactorKind.PHYSIOLOGICAL_STATE}


class TestRiskGroups:
    @pytest.mark.parametrize(("factor_id", "nutrient"), RISK_GROUPS)
    def test_each_group_has_a_cited_graded_depletes_claim(self, factor_id: str, nutrient: str) -> None:
        found = depletes(factor_id, nutrient, Direction.SUPPORTS)
        assert found, (factor_id, nutrient)
        for claim in found:
            assert claim.citations
            assert claim.grade_detail
        assert nutrient in SHIPPED.factor(factor_id).affects

    @pytest.mark.parametrize("factor_id", NEW_FACTORS)
    def test_every_new_factor_is_backed_by_its_claims(self, factor_id: str) -> None:
        factor = SHIPPED.factor(factor_id)
        assert factor.kind in PROFILE_KINDS
        backed = {t for c in SHIPPED.claims_about(factor_id) if c.relation is Relation.DEPLETES for t in c.targets}
        supported = {t for t in backed if lowers(factor_id, t)}
        assert supported
        assert set(factor.affects) == supported
        for claim in SHIPPED.claims_about(factor_id):
            for citation in claim.citations:
                assert SHIPPED.citation(citation).url, (claim.id, citation)

    @pytest.mark.parametrize(
        ("name", "factor_id"),
        [
            ("gastric bypass", "bariatric-surgery"),
            ("weight-loss surgery", "bariatric-surgery"),
            ("celiac disease", "coeliac-disease"),
            ("coeliac", "coeliac-disease"),
            ("water pills", "diuretics"),
            ("laxatives", "laxatives"),
            ("housebound", "little-sun-exposure"),
            ("severe vomiting in pregnancy", "hyperemesis-gravidarum"),
            ("thyroidectomy", "thyroid-or-parathyroid-surgery"),
            ("diarrhea", "vomiting-or-diarrhoea"),
            ("darker skin", "dark-skin"),
        ],
    )
    def test_the_words_people_use(self, name: str, factor_id: str) -> None:
        assert SHIPPED.factor(name).id == factor_id

    @pytest.mark.parametrize(
        ("field", "name", "factor_id"),
        [
            ("conditions", "gastric bypass", "bariatric-surgery"),
            ("conditions", "celiac disease", "coeliac-disease"),
            ("conditions", "thyroid surgery", "thyroid-or-parathyroid-surgery"),
            ("conditions", "vomiting", "vomiting-or-diarrhoea"),
            ("conditions", "dark skin", "dark-skin"),
            ("conditions", "hyperemesis", "hyperemesis-gravidarum"),
            ("medications", "laxatives", "laxatives"),
        ],
    )
    def test_a_profile_can_name_each_new_factor(self, field: str, name: str, factor_id: str) -> None:
        medicine = field == "medications"
        person = cramps.profile(medications=[name]) if medicine else cramps.profile(conditions=[name])
        assert factor_id in getattr(person, field)

    def test_no_codes_without_verification(self) -> None:
        for factor_id in NEW_FACTORS:
            assert SHIPPED.factor(factor_id).codes == ()


def score(nutrient: str, *medications: str) -> float:
    person = cramps.profile(medications=list(medications)) if medications else None
    ranking = cramps.nutrients_for_symptom("leg cramps", person)
    return next((r.score for r in ranking if r.record.id == nutrient), 0.0)


class TestRankings:
    """Need the scorer's rule that the most specific present class speaks."""

    def test_spironolactone_does_not_raise_potassium(self) -> None:
        assert score("potassium", "spironolactone") <= score("potassium")

    def test_spironolactone_does_not_raise_magnesium(self) -> None:
        assert score("magnesium", "spironolactone") <= score("magnesium")

    def test_hydrochlorothiazide_does_not_raise_calcium(self) -> None:
        assert score("calcium", "hydrochlorothiazide") <= score("calcium")

    def test_hydrochlorothiazide_raises_potassium_and_magnesium(self) -> None:
        assert score("potassium", "hydrochlorothiazide") > score("potassium")
        assert score("magnesium", "hydrochlorothiazide") > score("magnesium")

    @pytest.mark.parametrize("nutrient", ["potassium", "magnesium", "calcium"])
    def test_furosemide_raises_each_nutrient_it_lowers(self, nutrient: str) -> None:
        assert score(nutrient, "furosemide") > score(nutrient)

    def test_a_diuretic_of_unknown_class_still_counts(self) -> None:
        assert score("potassium", "water pills") > score("potassium")
