"""What a knowledge base keeps after it is built: data loaded on first use, and answers.

All of it lives in one :class:`Caches` object per knowledge base, so a knowledge base stays
an immutable value: the caches are never compared, printed or pickled with their content
(an unpickled copy starts empty and loads on its own first use).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sized
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

if TYPE_CHECKING:
    from cramps.diary_reader import DiaryReader
    from cramps.food_catalogue import FoodCatalogue
    from cramps.food_table import FoodTable
    from cramps.person_data import PersonData
    from cramps.phrases import Reader

__all__ = ["DERIVED", "KEEP_ROWS", "Answers", "Caches", "Lazy", "Once", "question_key"]

#: The most rows an answer may have to be kept: a longer one (a whole-table food answer,
#: ``limit=None``, has thousands) is worked out afresh each time, so that what the caches
#: hold is bounded by its size as well as by the number of answers.
KEEP_ROWS = 100

V = TypeVar("V")


class Lazy(Generic[V]):
    """A value made by ``load()`` the first time it is needed, once, under a lock (or
    given ready-made as ``value``); pickled as its loader and any given value."""

    __slots__ = ("_given", "_load", "_lock", "_value")

    def __init__(self, load: Callable[[], V], value: V | None = None) -> None:
        self._load = load
        self._given = value
        self._lock = threading.Lock()
        self._value: V | None = value

    @property
    def loaded(self) -> bool:
        """Whether the value has been made (or was given)."""
        return self._value is not None

    def get(self) -> V:
        """The value, made on the first call."""
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._load()
                value = self._value
        return value

    def __reduce__(self) -> tuple[type[Lazy[V]], tuple[Callable[[], V], V | None]]:
        return (Lazy, (self._load, self._given))


class Once(Generic[V]):
    """A slot for a value made on first use by the ``make`` its first caller passes, once,
    under a lock; for values made from the knowledge base itself (the phrase reader)."""

    __slots__ = ("_lock", "_value")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: V | None = None

    @property
    def loaded(self) -> bool:
        """Whether the value has been made."""
        return self._value is not None

    def peek(self) -> V | None:
        """The value if it has been made, else ``None``."""
        return self._value

    def get(self, make: Callable[[], V]) -> V:
        """The value, made by ``make()`` on the first call."""
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = make()
                value = self._value
        return value


class Answers:
    """Answers given, by question: at most ``size`` (the oldest goes first), thread-safe.
    Answers are immutable, so a repeated question gets the same object back. :meth:`keep`
    keeps no answer of more than ``KEEP_ROWS`` rows."""

    __slots__ = ("_lock", "_results", "size")

    def __init__(self, size: int = 128) -> None:
        if size < 1:
            raise ValueError(f"size must be at least 1, got {size}")
        self.size = size
        self._lock = threading.Lock()
        self._results: dict[Hashable, Any] = {}

    def get(self, key: Hashable) -> Any:
        """The answer kept for ``key``, or ``None``."""
        return self._results.get(key)

    def lookup(self, key: object) -> Any:
        """The answer kept for ``key``; ``None`` when there is none, when ``key`` is
        ``None`` (a question not to keep) or when it cannot be hashed."""
        if key is None:
            return None
        try:
            return self._results.get(key)
        except TypeError:  # an unhashable part, such as a Profile subclass
            return None

    def keep(self, key: object, answer: object) -> None:
        """:meth:`put`, unless ``key`` is ``None`` or cannot be hashed, or ``answer`` has
        more than ``KEEP_ROWS`` rows (then nothing is kept)."""
        if key is not None and not (isinstance(answer, Sized) and len(answer) > KEEP_ROWS):
            try:
                hash(key)
            except TypeError:
                return
            self.put(key, answer)

    def put(self, key: Hashable, answer: object) -> None:
        """Keep ``answer`` for ``key``, dropping the oldest answer when full."""
        with self._lock:
            if key not in self._results and len(self._results) >= self.size:
                del self._results[next(iter(self._results))]
            self._results[key] = answer

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._results.clear()

    def values(self) -> tuple[Any, ...]:
        """The answers kept now, oldest first."""
        with self._lock:
            return tuple(self._results.values())

    def __len__(self) -> int:
        return len(self._results)

    def __reduce__(self) -> tuple[type[Answers], tuple[int]]:
        """Pickled empty, as the caches are: a copy keeps its own answers."""
        return (Answers, (self.size,))


#: How many other answers one knowledge base keeps (searches and triage, each small).
ANSWERS = 1024

#: How many values worked out from one knowledge base (a scorer's model of it, one per
#: parameter set) it keeps.
DERIVED = 8


class Caches:
    """Everything one knowledge base keeps: the food table and the person data, loaded on
    first use, the phrase reader, made on first use, the food answers it has given (up to
    ``size``), its other answers (searches and triage, up to :data:`ANSWERS`), and values
    other modules work out from it (``derived``: the pattern scorer's model, which keeps
    its own rankings, and the suggester, which keeps its answers; up to :data:`DERIVED`)."""

    __slots__ = ("answers", "catalogue", "derived", "diary_reader", "food_answers", "foods", "person", "reader")

    def __init__(self, foods: Lazy[FoodTable], person: Lazy[PersonData], size: int = 128) -> None:
        self.foods = foods
        self.person = person
        self.reader: Once[Reader] = Once()
        self.catalogue: Once[FoodCatalogue] = Once()
        self.diary_reader: Once[DiaryReader] = Once()
        self.food_answers = Answers(size)
        self.answers = Answers(ANSWERS)
        self.derived = Answers(DERIVED)

    @staticmethod
    def kept(answers: Answers, key: Hashable, compute: Callable[[], V]) -> V:
        """The answer ``answers`` keeps for ``key``, else ``compute()`` kept under it;
        a ``key`` that cannot be hashed (or ``None``) is computed afresh, never kept."""
        found: V | None = answers.lookup(key)
        if found is None:
            found = compute()
            answers.keep(key, found)
        return found

    def clear(self) -> None:
        """Forget the answers (the loaded data stays): the food answers, the other answers, and those each
        derived value keeps (its ``clear()``)."""
        self.food_answers.clear()
        self.answers.clear()
        reader = self.reader.peek()
        if reader is not None:
            reader.clear()
        for value in self.derived.values():
            forget = getattr(value, "clear", None)
            if callable(forget):
                forget()

    def __reduce__(self) -> tuple[type[Caches], tuple[Lazy[FoodTable], Lazy[PersonData], int]]:
        return (Caches, (self.foods, self.person, self.food_answers.size))


def question_key(given: object, kinds: tuple[type, ...]) -> object:
    """``given``, an argument of a question, as a key to keep its answer under: a value of
    exactly one of ``kinds`` (text, records), or a list or tuple of such values (as a
    tuple); ``None`` for anything else, such as an iterator (its items cannot be read
    twice) or an object whose hash might not be its value's, which is answered afresh and
    never kept."""
    if type(given) in kinds:
        return given
    if type(given) in (list, tuple):
        items = tuple(cast("list[object] | tuple[object, ...]", given))
        return items if all(type(item) in kinds for item in items) else None
    return None
