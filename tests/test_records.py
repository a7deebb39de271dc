from __future__ import annotations

import math

import attrs
import pytest
from tiny import claim

from cramps import Amount, Claim, Code, CodeSystem, Nutrient, NutrientKind, Unit


def test_records_are_frozen_and_compare_by_value() -> None:
    first = Nutrient(id="magnesium", name="Magnesium", kind="mineral", summary="s", role="r", aliases=["Mg"])
    second = Nutrient(
        id="magnesium", name="Magnesium", kind=NutrientKind.MINERAL, summary="s", role="r", aliases=("Mg",)
    )
    assert first == second
    assert hash(first) == hash(second)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.name = "Other"  # type: ignore[misc]
    assert "Nutrient(id='magnesium'" in repr(first)


def test_collections_become_tuples() -> None:
    nutrient = Nutrient(id="x", name="X", kind="vitamin", summary="s", role="r", aliases=["a", "b"])
    assert nutrient.aliases == ("a", "b")
    assert isinstance(nutrient.aliases, tuple)


@pytest.mark.parametrize("bad_id", ["Magnesium", "vitamin b12", "-x", "x-", "a--b", "", "ü"])
def test_ids_must_be_slugs(bad_id: str) -> None:
    with pytest.raises(ValueError, match="slug"):
        Nutrient(id=bad_id, name="X", kind="mineral", summary="s", role="r")


def test_a_lone_string_is_not_a_collection() -> None:
    with pytest.raises(TypeError, match="single str"):
        Nutrient(id="x", name="X", kind="mineral", summary="s", role="r", aliases="Mg")


def test_unknown_enum_value_is_rejected() -> None:
    with pytest.raises(ValueError, match="NutrientKind"):
        Nutrient(id="x", name="X", kind="metal", summary="s", role="r")


def test_claim_needs_a_citation_and_a_target() -> None:
    with pytest.raises(ValueError, match="citations must name at least one"):
        claim("c", "magnesium", "causes", ["leg-cramps"], "supports", "A", cites=())
    with pytest.raises(ValueError, match="targets must name at least one"):
        claim("c", "magnesium", "causes", [], "supports", "A")


def test_claim_fields() -> None:
    made = claim("c", "magnesium", "treats", ["leg-cramps"], "no_effect", "A-low", context="pregnancy")
    assert isinstance(made, Claim)
    assert made.grade.description.startswith("systematic review")


def test_code_str() -> None:
    code = Code(system="ICD-10-CM", code="R25.2", label="Cramp and spasm")
    assert code.system is CodeSystem.ICD10CM
    assert str(code) == "ICD-10-CM R25.2"


class TestAmount:
    def test_int_becomes_float(self) -> None:
        amount = Amount(value=5, unit="mg")
        assert amount.value == 5.0
        assert isinstance(amount.value, float)
        assert amount.unit is Unit.MG

    @pytest.mark.parametrize("value", [-1, math.nan, math.inf])
    def test_rejects_negative_and_non_finite(self, value: float) -> None:
        with pytest.raises(ValueError, match="finite number >= 0"):
            Amount(value=value, unit="mg")

    @pytest.mark.parametrize("value", ["5", True, None])
    def test_rejects_non_numbers(self, value: object) -> None:
        with pytest.raises(TypeError, match="must be a number"):
            Amount(value=value, unit="mg")  # type: ignore[arg-type]

    def test_rejects_unknown_unit(self) -> None:
        with pytest.raises(ValueError, match="Unit"):
            Amount(value=1, unit="stone")

    def test_converts_between_mass_units(self) -> None:
        assert Amount(value=1.5, unit="mg").to("ug") == Amount(value=1500.0, unit="ug")
        assert Amount(value=250, unit="ug").to(Unit.MG).value == pytest.approx(0.25)
        with pytest.raises(ValueError, match="cannot convert"):
            Amount(value=1, unit="kcal").to("mg")

    def test_str_uses_micro_sign(self) -> None:
        assert str(Amount(value=2.4, unit="ug")) == "2.4 µg"
