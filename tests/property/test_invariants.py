"""Invariants users rely on, over the tiny and the packaged knowledge base."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from strategies import records, respell
from tiny import tiny_kb

import cramps
from cramps import KnowledgeBase

TINY = tiny_kb()
SYMPTOM_IDS = [s.id for s in TINY.symptoms]


@given(records)
def test_every_record_round_trips_through_the_converter_and_json(record: object) -> None:
    data = cramps.to_dict(record)
    assert cramps.from_dict(type(record), json.loads(json.dumps(data))) == record


@st.composite
def name_and_spelling(draw: st.DrawFn) -> tuple[str, str, str]:
    kind, index = draw(
        st.sampled_from([("nutrient", TINY.nutrients), ("symptom", TINY.symptoms), ("factor", TINY.factors)])
    )
    record = draw(st.sampled_from(index))
    name = draw(st.sampled_from([record.name, *record.aliases]))
    return kind, record.id, draw(respell(name))


@given(name_and_spelling())
def test_lookups_ignore_case_and_spacing(case: tuple[str, str, str]) -> None:
    kind, record_id, spelling = case
    assert getattr(TINY, kind)(spelling).id == record_id


def check_ranking(ranking: cramps.Ranking[object]) -> None:
    scores = [r.score for r in ranking]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert [r.rank for r in ranking] == list(range(1, len(ranking) + 1))
    keys = [(-r.score, r.record.id) for r in ranking]  # type: ignore[attr-defined]
    assert keys == sorted(keys)


@given(
    st.lists(st.sampled_from(SYMPTOM_IDS), min_size=1, max_size=4), st.integers(1, 8), st.randoms(use_true_random=False)
)
def test_rankings_are_sorted_deterministic_and_limit_is_a_prefix(symptoms: list[str], limit: int, rng: object) -> None:
    full = TINY.rank(symptoms)
    check_ranking(full)
    shuffled = list(symptoms)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert TINY.rank(shuffled) == full
    assert TINY.rank(symptoms, limit=limit) == full[:limit]
    assert tiny_kb().rank(symptoms) == full


@given(st.sampled_from(SYMPTOM_IDS))
def test_relief_is_sorted_within_each_kind(symptom: str) -> None:
    ranking = TINY.relief_for(symptom)
    order = [(list(cramps.RemedyKind).index(r.record.kind), -r.score, r.record.id) for r in ranking]
    assert order == sorted(order)


def packaged_symptoms() -> list[str]:
    return [s.id for s in cramps.default_kb().symptoms]


@given(st.data())
def test_packaged_rankings_hold_the_same_invariants(data: st.DataObject) -> None:
    kb: KnowledgeBase = cramps.default_kb()
    symptoms = data.draw(st.lists(st.sampled_from(packaged_symptoms()), min_size=1, max_size=3))
    full = kb.rank(symptoms)
    check_ranking(full)
    limit = data.draw(st.integers(1, 10))
    assert kb.rank(list(reversed(symptoms)), limit=limit) == full[:limit]
    assert all(reason.citations for result in full for reason in result.reasons)
