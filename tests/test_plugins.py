"""Scorer plug-ins: broken and conflicting entry points, and the registry around them.

The entry points are fakes (``importlib.metadata.entry_points`` is replaced), so no
distribution is installed; ``test_scoring.py`` installs a real one in a subprocess.
"""

from __future__ import annotations

import importlib.metadata
import threading
import time
from collections.abc import Callable

import attrs
import pytest

import cramps
from cramps import CrampsError, KnowledgeBase, UnknownTermError, scoring
from cramps.pattern import PatternScorer
from cramps.ranking import Score
from cramps.scoring import EvidenceScorer, Query

BUILT_IN = ("classic", "default", "evidence", "pattern", "profile")


@attrs.frozen
class Fixed:
    """A plug-in scorer: the same score for every candidate."""

    value: float = 0.5

    def score(self, candidate: object, query: Query, kb: KnowledgeBase) -> Score:
        return Score(value=self.value)


class NeedsAnArgument:
    """A scorer class that cannot be made without arguments."""

    def __init__(self, value: float) -> None:
        self.value = value

    def score(self, candidate: object, query: Query, kb: KnowledgeBase) -> Score:
        return Score(value=self.value)


@attrs.define
class FakeEntryPoint:
    """What ``importlib.metadata.entry_points`` gives: ``load`` calls ``target``."""

    name: str
    value: str
    target: Callable[[], object]
    group: str = scoring.ENTRY_POINT_GROUP
    loads: int = 0

    def load(self) -> object:
        self.loads += 1
        return self.target()


def _raise(error: Exception) -> Callable[[], object]:
    def load() -> object:
        raise error

    return load


@pytest.fixture(autouse=True)
def fresh_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """No plug-in loaded or registered before the test, none left after it."""
    monkeypatch.setattr(scoring, "_loaded", {})
    monkeypatch.setattr(scoring, "_registered", {})


@pytest.fixture
def install(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``install(*entry_points)``: the entry points installed distributions declare."""

    def installing(*installed: FakeEntryPoint) -> None:
        def entry_points(*, group: str) -> list[FakeEntryPoint]:
            return [ep for ep in installed if ep.group == group]

        monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)

    return installing


#: An entry point that cannot give a scorer, the text its reason must contain, and the
#: type of exception behind it.
BROKEN = [
    pytest.param(
        _raise(ModuleNotFoundError("No module named 'cramps_gone'")),
        "cannot be loaded: ModuleNotFoundError: No module named 'cramps_gone'",
        ModuleNotFoundError,
        id="import-error",
    ),
    pytest.param(
        _raise(AttributeError("module 'cramps_gone' has no attribute 'Scorer'")),
        "cannot be loaded: AttributeError: module 'cramps_gone' has no attribute 'Scorer'",
        AttributeError,
        id="attribute-error",
    ),
    pytest.param(
        _raise(RuntimeError("boom at import")),
        "cannot be loaded: RuntimeError: boom at import",
        RuntimeError,
        id="any-error",
    ),
    pytest.param(lambda: 42, "TypeError: int object is neither a scorer", TypeError, id="not-a-scorer"),
    pytest.param(
        lambda: lambda: "text",
        "TypeError: calling it returned str, which has no score(candidate, query, kb) method",
        TypeError,
        id="factory-of-a-non-scorer",
    ),
    pytest.param(
        lambda: NeedsAnArgument,
        "calling it without arguments raised TypeError",
        TypeError,
        id="factory-needing-arguments",
    ),
]


class TestBrokenPlugins:
    @pytest.mark.parametrize(("target", "reason", "cause"), BROKEN)
    def test_names_leaves_it_out_warns_once_and_problems_says_why(
        self, install: Callable[..., None], target: Callable[[], object], reason: str, cause: type[Exception]
    ) -> None:
        broken = FakeEntryPoint("Broken", "cramps_gone.mod:Scorer", target)
        install(broken, FakeEntryPoint("fine", "cramps_fine:Fixed", lambda: Fixed))
        with pytest.warns(RuntimeWarning, match="plug-in 'Broken' left out") as warned:
            listed = scoring.names()
        assert len(warned) == 1
        assert str(warned[0].message).count("cramps_gone.mod:Scorer") == 1
        assert listed == tuple(sorted((*BUILT_IN, "fine")))
        assert scoring.names() == listed  # no second warning (warnings are errors here)
        found = scoring.problems()
        assert list(found) == ["Broken"]
        assert "entry point Broken = cramps_gone.mod:Scorer" in found["Broken"]
        assert reason in found["Broken"]

    @pytest.mark.parametrize(("target", "reason", "cause"), BROKEN)
    def test_get_names_the_entry_point_and_the_cause(
        self, install: Callable[..., None], target: Callable[[], object], reason: str, cause: type[Exception]
    ) -> None:
        install(FakeEntryPoint("Broken", "cramps_gone.mod:Scorer", target))
        with pytest.warns(RuntimeWarning, match="Broken"), pytest.raises(UnknownTermError) as caught:
            scoring.get("broken")
        message = str(caught.value)
        assert "'broken'" in message
        assert "entry point Broken = cramps_gone.mod:Scorer" in message
        assert reason in message
        assert isinstance(caught.value, CrampsError)
        assert isinstance(caught.value, LookupError)
        assert type(caught.value.__cause__) is cause
        # the second time: the same error from what was kept, with no new warning
        with pytest.raises(UnknownTermError, match=r"cramps_gone\.mod:Scorer") as again:
            scoring.get("BROKEN")
        assert again.value.__cause__ is caught.value.__cause__

    def test_a_ranking_by_a_broken_plugin_raises_the_same_error(
        self, install: Callable[..., None], kb: KnowledgeBase
    ) -> None:
        install(FakeEntryPoint("broken", "cramps_gone:Scorer", _raise(ImportError("no cramps_gone"))))
        with pytest.warns(RuntimeWarning), pytest.raises(UnknownTermError, match="ImportError: no cramps_gone"):
            kb.rank("leg cramps", scorer="broken")

    def test_an_unknown_name_still_gets_suggestions(self, install: Callable[..., None]) -> None:
        install(FakeEntryPoint("evidense", "cramps_gone:Scorer", _raise(ImportError("no cramps_gone"))))
        with pytest.warns(RuntimeWarning), pytest.raises(UnknownTermError, match="did you mean 'evidence'"):
            scoring.get("evidens")

    def test_each_entry_point_is_loaded_once(self, install: Callable[..., None]) -> None:
        broken = FakeEntryPoint("broken", "cramps_gone:Scorer", _raise(ImportError("no cramps_gone")))
        fine = FakeEntryPoint("fine", "cramps_fine:Fixed", lambda: Fixed)
        install(broken, fine)
        with pytest.warns(RuntimeWarning):
            scoring.names()
        scoring.names()
        scoring.problems()
        first = scoring.get("fine")
        assert scoring.get("Fine") is first
        with pytest.raises(UnknownTermError):
            scoring.get("broken")
        assert (broken.loads, fine.loads) == (1, 1)

    def test_threads_loading_at_once_get_one_scorer(self, install: Callable[..., None]) -> None:
        def slow() -> object:
            time.sleep(0.02)
            return Fixed

        install(FakeEntryPoint("slow", "cramps_slow:Fixed", slow))
        start = threading.Barrier(8)
        got: list[scoring.Scorer] = []

        def work() -> None:
            start.wait()
            got.append(scoring.get("slow"))

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(got) == 8
        assert all(scorer is got[0] for scorer in got)
        assert scoring.get("slow") is got[0]


class TestPluginNamedLikeABuiltIn:
    def test_it_is_left_out_reported_and_the_built_in_wins(self, install: Callable[..., None]) -> None:
        clash = FakeEntryPoint("Default", "cramps_clash:Fixed", lambda: Fixed)
        install(clash)
        with pytest.warns(RuntimeWarning, match=r"'Default' left out: .*named like the built-in scorer 'default'"):
            assert scoring.names() == BUILT_IN
        assert scoring.get("default") == PatternScorer()
        assert scoring.resolve(None) == PatternScorer()
        assert scoring.is_default("default")
        found = scoring.problems()
        assert list(found) == ["Default"]
        assert "entry point Default = cramps_clash:Fixed" in found["Default"]
        assert "rename the entry point" in found["Default"]
        assert clash.loads == 0  # never imported: it could not be used anyway

    def test_problems_finds_it_before_names_is_called(self, install: Callable[..., None]) -> None:
        install(FakeEntryPoint("evidence", "cramps_clash:Fixed", lambda: Fixed))
        with pytest.warns(RuntimeWarning, match="built-in"):
            assert "built-in scorer 'evidence'" in scoring.problems()["evidence"]
        assert isinstance(scoring.get("evidence"), EvidenceScorer)


class TestWorkingPlugins:
    def test_a_class_a_function_and_an_object(self, install: Callable[..., None]) -> None:
        made = Fixed(0.25)
        install(
            FakeEntryPoint("By-Class", "cramps_a:Fixed", lambda: Fixed),
            FakeEntryPoint("by-function", "cramps_b:make", lambda: lambda: Fixed(0.75)),
            FakeEntryPoint("by-object", "cramps_c:SCORER", lambda: made),
        )
        assert scoring.names() == tuple(sorted((*BUILT_IN, "By-Class", "by-function", "by-object")))
        assert scoring.problems() == {}
        assert scoring.get("by class") == Fixed()
        assert scoring.get("by-function") == Fixed(0.75)
        assert scoring.get("by-object") is made

    def test_a_plugin_ranks(self, install: Callable[..., None], kb: KnowledgeBase) -> None:
        install(FakeEntryPoint("fixed", "cramps_fine:Fixed", lambda: Fixed))
        assert {r.score for r in kb.rank("leg cramps", scorer="fixed")} == {0.5}


class TestRegister:
    @pytest.mark.parametrize("name", ["default", "  Default ", "PATTERN", "classic", "evidence", "profile"])
    def test_a_built_in_name_is_refused(self, name: str) -> None:
        with pytest.raises(ValueError, match=r"built-in scorer named .* exists; register yours under another name"):
            scoring.register(name, Fixed())
        assert scoring.names() == BUILT_IN
        assert scoring.is_default(None)

    def test_replace_true_still_replaces_a_built_in_until_unregistered(self) -> None:
        """Promised by the changelog and ``test_a_replaced_default_scorer_...``."""
        scoring.register("default", Fixed(), replace=True)
        assert scoring.get("default") == Fixed()
        assert not scoring.is_default(None)
        scoring.unregister("default")
        assert scoring.get("default") == PatternScorer()

    def test_register_and_unregister_a_new_name(self, install: Callable[..., None], kb: KnowledgeBase) -> None:
        install(FakeEntryPoint("broken", "cramps_gone:Scorer", _raise(ImportError("no cramps_gone"))))
        scoring.register("Mine", Fixed(0.25))
        with pytest.warns(RuntimeWarning):
            listed = scoring.names()
        assert listed == tuple(sorted((*BUILT_IN, "Mine")))
        assert scoring.get("mine") == Fixed(0.25)
        assert {r.score for r in kb.rank("leg cramps", scorer="MINE")} == {0.25}
        with pytest.raises(ValueError, match="a scorer named 'mine' exists; pass replace=True"):
            scoring.register("mine", Fixed(0.5))
        scoring.register("mine", Fixed(0.5), replace=True)
        assert scoring.get("Mine") == Fixed(0.5)
        scoring.unregister("MINE")
        assert "mine" not in {name.lower() for name in scoring.names()}
        with pytest.raises(UnknownTermError, match="unknown scorer: 'mine'"):
            scoring.get("mine")
        with pytest.raises(UnknownTermError, match="registered scorer"):
            scoring.unregister("mine")

    def test_a_registered_scorer_hides_a_broken_plugin_of_its_name(self, install: Callable[..., None]) -> None:
        broken = FakeEntryPoint("mine", "cramps_gone:Scorer", _raise(ImportError("no cramps_gone")))
        install(broken)
        scoring.register("mine", Fixed())
        assert scoring.get("mine") == Fixed()
        assert scoring.names() == tuple(sorted((*BUILT_IN, "mine")))
        assert broken.loads == 0


def test_the_real_entry_points_are_read() -> None:
    """Without fakes, the group is read from the installed distributions (none broken)."""
    assert scoring.problems() == {}
    assert set(BUILT_IN) <= set(cramps.scoring.names())
