"""Suggested questions are kept like rankings, and the quick way of working them out gives
exactly the questions of ranking every candidate answer (``cramps.questions.suggest``)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import pytest
from tiny import tiny_kb

import cramps
from cramps import KnowledgeBase, Profile, Symptom, UnknownTermError, questions
from cramps.loading import load_packaged
from cramps.questions import Question, Suggester

PROFILES = (
    None,
    Profile(age=70, diet="vegan"),
    Profile(medications=("proton-pump-inhibitors",)),
    Profile(sex="female", age=40, medications=("loop-diuretics", "metformin"), alcohol="heavy"),
)


class Unhashable(Profile):
    """A profile subclass that cannot be a key."""

    __hash__ = None  # type: ignore[assignment]


@pytest.fixture(scope="module")
def packaged() -> KnowledgeBase:
    return load_packaged()


@pytest.fixture
def fresh() -> KnowledgeBase:
    """The packaged knowledge base, with nothing kept yet."""
    return load_packaged()


def by_ranking(
    kb: KnowledgeBase, names: str | Iterable[str], profile: Profile | None, limit: int | None
) -> tuple[Question, ...]:
    """The questions worked out by ranking every candidate answer, never kept."""
    items = (names,) if isinstance(names, str) else names
    found = tuple(kb.symptom(name) for name in items)
    return questions.suggest(kb, found, profile, limit=limit)


class TestKept:
    def test_a_repeated_question_gets_the_same_object(self, fresh: KnowledgeBase) -> None:
        first = fresh.suggest("leg cramps")
        assert isinstance(first, tuple)
        assert first
        assert all(isinstance(q, Question) for q in first)
        assert fresh.suggest("leg cramps") is first
        assert fresh.suggest("leg cramps", None, limit=5) is first

    def test_the_same_symptoms_in_other_words_get_the_same_object(self, fresh: KnowledgeBase) -> None:
        first = fresh.suggest(["leg cramps", "tingling"], PROFILES[1])
        spellings: tuple[list[str | Symptom] | tuple[str, ...], ...] = (
            ["tingling", "leg cramps"],
            ("leg-cramps", "tingling", "tingling"),
            [fresh.symptom("tingling"), "charley horse"],
        )
        for names in spellings:
            assert fresh.suggest(names, Profile(age=70, diet="vegan")) is first  # an equal profile

    def test_profile_and_limit_are_part_of_the_question(self, fresh: KnowledgeBase) -> None:
        everything = fresh.suggest("leg cramps", limit=None)
        three = fresh.suggest("leg cramps", limit=3)
        five = fresh.suggest("leg cramps")
        assert three == everything[:3]
        assert five == everything[:5]
        assert three is not five
        assert fresh.suggest("leg cramps", limit=3) is three
        older = fresh.suggest("leg cramps", Profile(age=70))
        assert older is not five
        assert older != five  # the age question is no longer asked
        assert all(q.field != "age" for q in older)
        assert fresh.suggest("leg cramps", Profile(age=70)) is older
        kept = Suggester.of(fresh).answers
        assert len(kept) == 4

    def test_kept_answers_are_bounded(self) -> None:
        kb = tiny_kb()
        kept = Suggester.of(kb).answers
        assert kept.size == questions.KEEP
        for age in range(questions.KEEP + 10):
            kb.suggest("leg cramps", Profile(age=age % 130, sex="male"), limit=1 + age // 130)
        assert len(kept) == questions.KEEP

    def test_the_suggester_is_kept_with_the_knowledge_base(self, fresh: KnowledgeBase) -> None:
        fresh.suggest("tingling")
        assert Suggester.of(fresh) is Suggester.of(fresh)
        assert Suggester.of(fresh) is not Suggester.of(load_packaged())


class TestNotKept:
    def test_an_unhashable_profile_is_answered_afresh(self, fresh: KnowledgeBase) -> None:
        kept = Suggester.of(fresh).answers
        odd = Unhashable(age=70, diet="vegan")
        with pytest.raises(TypeError):
            hash(odd)
        first = fresh.suggest(["leg cramps", "tingling"], odd)
        again = fresh.suggest(["leg cramps", "tingling"], odd)
        assert first == again == by_ranking(fresh, ["leg cramps", "tingling"], odd, 5)
        assert first is not again
        assert len(kept) == 0
        assert first == fresh.suggest(["leg cramps", "tingling"], Profile(age=70, diet="vegan"))

    def test_an_iterator_of_symptoms_is_read_each_time(self, fresh: KnowledgeBase) -> None:
        names = iter(["leg cramps", "tingling"])
        assert fresh.suggest(names) == by_ranking(fresh, ["leg cramps", "tingling"], None, 5)
        with pytest.raises(ValueError, match="at least one symptom"):
            fresh.suggest(names)  # used up: not answered from what was kept

    def test_a_bad_argument_still_fails_after_a_kept_answer(self, fresh: KnowledgeBase) -> None:
        fresh.suggest("leg cramps", limit=1)
        with pytest.raises(TypeError, match="limit"):
            fresh.suggest("leg cramps", limit=True)  # True == 1, yet no limit
        with pytest.raises(ValueError, match="limit"):
            fresh.suggest("leg cramps", limit=0)
        with pytest.raises(TypeError, match="profile"):
            fresh.suggest("leg cramps", {"age": 70})  # type: ignore[arg-type]
        with pytest.raises(UnknownTermError):
            fresh.suggest("qqxxzz")
        with pytest.raises(UnknownTermError):
            fresh.suggest("leg cramps", Profile(medications=("no-such-medicine",)))
        assert len(Suggester.of(fresh).answers) == 1

    def test_clearing_the_caches_forgets_the_answers(self, fresh: KnowledgeBase) -> None:
        suggester = Suggester.of(fresh)
        first = fresh.suggest(["fatigue", "muscle weakness"], PROFILES[2])
        assert fresh.suggest(["fatigue", "muscle weakness"], PROFILES[2]) is first
        fresh._caches.clear()
        assert len(suggester.answers) == len(suggester.asked) == len(suggester.variants) == 0
        again = fresh.suggest(["fatigue", "muscle weakness"], PROFILES[2])
        assert again == first
        assert again is not first
        assert Suggester.of(fresh) is suggester  # what construction worked out stays

    def test_a_replaced_default_scorer_ranks_every_answer_and_nothing_is_kept(self) -> None:
        kb = tiny_kb()
        built_in = kb.suggest("leg cramps")
        assert built_in

        class Half:
            def score(self, candidate: object, query: object, kb: object) -> cramps.ranking.Score:
                return cramps.ranking.Score(value=0.5)

        cramps.scoring.register("default", Half(), replace=True)
        try:
            replaced = kb.suggest("leg cramps")
            assert replaced == by_ranking(kb, "leg cramps", None, 5) == ()  # every candidate scores 0.5
            assert kb.suggest("leg cramps") is not built_in
        finally:
            cramps.scoring.unregister("default")
        assert kb.suggest("leg cramps") is built_in


class TestSameQuestions:
    """The quick way gives the questions of ranking every candidate answer, field for field."""

    @pytest.mark.parametrize("profile", PROFILES)
    def test_each_symptom(self, packaged: KnowledgeBase, profile: Profile | None) -> None:
        for symptom in packaged.symptoms:
            expected = by_ranking(packaged, [symptom.id], profile, None)
            assert Suggester.of(packaged).suggest((symptom,), profile, None) == expected
            assert packaged.suggest(symptom.id, profile, limit=None) == expected

    @pytest.mark.parametrize("profile", PROFILES[::3])
    def test_pairs_and_triples(self, packaged: KnowledgeBase, profile: Profile | None) -> None:
        ids = [s.id for s in packaged.symptoms]
        sample = [*itertools.combinations(ids, 2)][::13] + [*itertools.combinations(ids[::2], 3)][::37]
        for names in sample:
            assert packaged.suggest(names, profile, limit=None) == by_ranking(packaged, names, profile, None)

    @pytest.mark.parametrize("limit", [1, 3, 5, None])
    def test_limits(self, packaged: KnowledgeBase, limit: int | None) -> None:
        names = ["nocturnal leg cramps", "numbness"]
        assert packaged.suggest(names, PROFILES[3], limit=limit) == by_ranking(packaged, names, PROFILES[3], limit)

    def test_a_full_profile_and_related_symptoms(self, packaged: KnowledgeBase) -> None:
        full = Profile(
            age=30,
            sex="female",
            pregnant=True,
            diet="vegan",
            activity="heavy",
            hot_climate=True,
            sun_exposure="little",
            alcohol="heavy",
            medications=("statins",),
        )
        for names in (["muscle cramps", "leg cramps", "nocturnal leg cramps"], ["tetany", "perioral tingling"]):
            for profile in (None, full):
                expected = by_ranking(packaged, names, profile, None)
                assert packaged.suggest(names, profile, limit=None) == expected

    def test_every_question_on_the_tiny_knowledge_base(self) -> None:
        kb = tiny_kb()
        ids = [s.id for s in kb.symptoms]
        profiles = (None, Profile(medications=("thiazides",)), Profile(age=80, diet="vegan"))
        for count in (1, 2, 3):
            for names in itertools.combinations(ids, count):
                for profile in profiles:
                    assert kb.suggest(names, profile, limit=None) == by_ranking(kb, names, profile, None)

    def test_the_module_level_query_is_kept_too(self) -> None:
        assert cramps.suggest("leg cramps", limit=2) is cramps.suggest("leg cramps", limit=2)
