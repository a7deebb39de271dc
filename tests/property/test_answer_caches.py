"""A knowledge base keeps recent answers: a repeated question must get exactly the answer
a knowledge base that never saw it gives, and the kept answers stay bounded."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from strategies import scaled

import cramps
from cramps import KnowledgeBase
from cramps.foods import BASES, NUTRIENT_UNITS
from cramps.profiles import Profile

KB = cramps.default_kb()
SYMPTOMS = [s.id for s in KB.symptoms]
MEDICATIONS = [f.id for f in KB.factors if f.kind.value == "medication"]
NUTRIENTS = [n.id for n in KB.nutrients if n.id in NUTRIENT_UNITS]

profiles = st.none() | st.builds(
    Profile,
    age=st.none() | st.integers(0, 130),
    sex=st.none() | st.sampled_from(["female", "male"]),
    medications=st.lists(st.sampled_from(MEDICATIONS), max_size=2, unique=True).map(tuple),
    diet=st.none() | st.sampled_from(["omnivore", "vegetarian", "vegan"]),
    activity=st.none() | st.sampled_from(["sedentary", "moderate", "heavy"]),
)
rank_questions = st.tuples(
    st.lists(st.sampled_from(SYMPTOMS), min_size=1, max_size=3),
    profiles,
    st.sampled_from([("nutrient",), ("factor",), ("nutrient", "factor")]),
    st.none() | st.integers(1, 12),
)
food_questions = st.tuples(
    st.sampled_from(NUTRIENTS),
    st.sampled_from(BASES),
    st.integers(1, 15),
    st.none() | st.sampled_from(["vegan", "vegetarian"]),
)


def cold() -> KnowledgeBase:
    """The same knowledge base with no kept answers (the food table is shared, its own
    result cache emptied)."""
    kb = KB
    kb._caches.clear()
    kb.foods.clear_cache()
    return kb


@scaled(0.5)
@given(questions=st.lists(rank_questions, min_size=1, max_size=6))
def test_a_repeated_ranking_is_the_ranking_computed_afresh(questions: list[tuple]) -> None:  # type: ignore[type-arg]
    warm = []
    for symptoms, profile, kinds, limit in questions * 2:  # every question asked twice
        warm.append(KB.rank(symptoms, profile, kinds=kinds, limit=limit))
    for (symptoms, profile, kinds, limit), answer in zip(questions * 2, warm, strict=True):
        fresh = cold().rank(symptoms, profile, kinds=kinds, limit=limit)
        assert answer == fresh
        assert [r.reasons for r in answer] == [r.reasons for r in fresh]


@scaled(0.5)
@given(questions=st.lists(food_questions, min_size=1, max_size=6))
def test_a_repeated_food_ranking_is_the_one_computed_afresh(questions: list[tuple]) -> None:  # type: ignore[type-arg]
    warm = [KB.foods_rich_in(n, per=per, limit=limit, diet=diet) for n, per, limit, diet in questions * 2]
    for (n, per, limit, diet), answer in zip(questions * 2, warm, strict=True):
        assert answer == cold().foods_rich_in(n, per=per, limit=limit, diet=diet)


def test_kept_answers_are_bounded_and_a_true_limit_is_not_limit_one() -> None:
    kb = cold()
    for limit in range(1, 300):
        kb.foods_rich_in("magnesium", limit=limit)
        kb.rank("leg cramps", limit=limit)
    assert len(kb._caches.food_answers) <= 128
    rankings = kb._pattern_model().rankings  # the default scorer keeps its rankings in its model
    assert len(rankings) <= rankings.size
    one = kb.foods_rich_in("magnesium", limit=1)
    try:
        kb.foods_rich_in("magnesium", limit=True)  # type: ignore[arg-type]
    except TypeError:
        pass
    else:
        raise AssertionError("limit=True was answered (from the answer kept for limit=1?)")
    assert kb.foods_rich_in("magnesium", limit=1) is one


def test_a_name_and_an_id_get_the_same_answer() -> None:
    kb = cold()
    assert kb.foods_rich_in("Magnesium") == kb.foods_rich_in("magnesium") == kb.foods_rich_in(kb.nutrient("Mg"))
