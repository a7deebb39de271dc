"""The "what am I lacking?" questions of a knowledge base: :class:`AssessQueries`, which
:class:`~cramps.KnowledgeBase` inherits. A food diary (:mod:`cramps.diary_reader`), lab
results (:mod:`cramps.lab_results`) and the assessment that joins them with the symptoms
and the profile (:mod:`cramps.assessor`)."""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from typing import TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from cramps._cache import Caches
    from cramps.assessment import Assessment
    from cramps.diary_reader import DiaryItem, DiaryReader
    from cramps.food_diary import Diary
    from cramps.knowledge import KnowledgeBase
    from cramps.lab_results import LabResult
    from cramps.lab_tests import LabTest
    from cramps.profiles import Profile
    from cramps.vocabulary import Vocabulary

__all__ = ["AssessQueries"]


class AssessQueries:
    """Diaries, lab results and assessments (the methods of :class:`~cramps.KnowledgeBase`)."""

    __slots__ = ()

    if TYPE_CHECKING:  # provided by KnowledgeBase
        _caches: Caches
        _vocabulary: Vocabulary

    def diary(self, entries: Iterable[DiaryItem], *, days: float = 1) -> Diary:
        """A food diary of ``entries`` over ``days`` days: each a phrase as people write it
        (``"1 medium banana"``, ``"30 g almonds"``, ``"a cup of cooked spinach"``,
        ``"magnesium citrate 200 mg"``) or a ``(food, amount)`` pair, the food an SR28
        NDB number, id or name and the amount grams or a measure (``"1 cup"``).

        Each entry becomes a :class:`~cramps.food_diary.DiaryEntry` (food, grams, the text and
        how the grams were found, and the alternatives considered) or, for an amount in
        mg, mcg or IU of a nutrient, a :class:`~cramps.food_diary.SupplementEntry`; how words
        are read is documented in :mod:`cramps.diary_reader`. An unknown food raises
        :class:`~cramps.UnknownTermError` with suggestions; an amount that cannot be
        read (zero, negative, not a number, an unknown unit, a measure SR28 does not give
        for the food) :class:`~cramps.DiaryError` naming the entry and what would be right.
        """
        return self._diary_reader().diary(entries, days)

    def read_diary(
        self, source: str | PathLike[str] | TextIO, *, days: float | None = None, strict: bool = True
    ) -> Diary:
        """A food diary from a CSV file (a path or an open text file) with the columns
        ``food`` and ``amount`` and an optional ``date``; ``days`` defaults to the number
        of distinct dates (1 without dates). A food cell may also hold a whole phrase
        with an empty amount. A bad row rejects the whole file with a
        :class:`~cramps.DiaryError` naming its line, unless ``strict=False``: then the
        rows that cannot be read are left out and listed in
        :attr:`~cramps.Diary.skipped`."""
        if not isinstance(strict, bool):
            from cramps._fields import shown

            raise TypeError(f"strict must be True or False, not {shown(strict)}")
        return self._diary_reader().read_csv(source, days, strict)

    def lab_result(self, loinc: str, value: float, unit: str) -> LabResult:
        """A blood test result: ``loinc`` the test's LOINC code (``"19123-9"`` or
        ``"LOINC:19123-9"``) or id, one of the nutrient tests :meth:`lab_tests_for` knows,
        ``value`` and ``unit`` as the report gives them (``"mg/dL"``, ``"mmol/L"``,
        ``"mEq/L"``, ``"ng/mL"``, ``"nmol/L"``, ``"pg/mL"``, ``"pmol/L"`` ...).

        :meth:`~cramps.LabResult.value_in` converts it exactly and
        :attr:`~cramps.LabResult.status` reads it against the typical adult
        range of a cited source; the reporting laboratory's own range applies. An unknown
        code raises :class:`~cramps.UnknownTermError`; a unit that is unknown or does not
        fit the test :class:`~cramps.LabUnitError`; a negative or non-finite
        value ``ValueError``.
        """
        from cramps.lab_results import make_result

        return make_result(self._lab_test(loinc), value, unit)

    def assess(
        self,
        profile: Profile,
        *,
        symptoms: str | Iterable[str] = (),
        diary: Diary | Iterable[DiaryItem] | None = None,
        labs: Iterable[LabResult | tuple[str, float, str]] = (),
    ) -> Assessment:
        """What the person may be lacking: triage first, then the nutrients ranked by the
        evidence for the ``symptoms`` and the profile, with an intake below target
        (from ``diary``) and a low lab value (``labs``) as reasons of their own, and a
        :class:`~cramps.assessment.NutrientStatus` per nutrient (intake, target, percent,
        status, lab result, and everyday foods that would close a gap). The method is
        documented in :mod:`cramps.assessor`; it informs and never diagnoses.

        ``diary`` is a :class:`~cramps.food_diary.Diary` or a list of entries for
        :meth:`diary`; ``labs`` :class:`~cramps.lab_results.LabResult` records or
        ``(loinc, value, unit)`` tuples. A profile without the age (or, from age 9, the
        sex) raises :class:`~cramps.ProfileError` when a diary or lab needs a target.
        """
        from cramps.assessor import assess, checked_labs
        from cramps.food_diary import Diary
        from cramps.profiles import Profile

        if not isinstance(profile, Profile):
            raise TypeError(f"profile must be a cramps.Profile (see cramps.profile()), not {type(profile).__name__}")
        if isinstance(symptoms, str):
            symptoms = (symptoms,)
        if not isinstance(symptoms, Iterable):
            raise TypeError(f"symptoms must be text or a list of texts, not {type(symptoms).__name__}")
        named = tuple(symptoms)
        for item in named:
            if not isinstance(item, str):
                raise TypeError(f"symptoms must be text, not {type(item).__name__}")
        if diary is not None and not isinstance(diary, Diary):
            diary = self.diary(diary)
        kb = cast("KnowledgeBase", self)
        return assess(kb, profile, named, diary, checked_labs(kb, labs))

    def _lab_test(self, loinc: object) -> LabTest:
        from cramps.codes import CodeSystem, split_code
        from cramps.errors import UnknownTermError
        from cramps.text import fold, require_text

        text = require_text(loinc, "loinc")
        system, code = split_code(text)
        kb = cast("KnowledgeBase", self)

        def known() -> str:  # for a message only: a question that finds its test never lists them
            return ", ".join(
                f"{test.loinc} ({test.name})" for test in kb.person_data.tests if test.nutrient is not None
            )

        if system is not None and system is not CodeSystem.LOINC:
            hint = f"a lab result names its test by LOINC code or id, not by {system.value} code; "
            raise UnknownTermError(text, "LOINC code", (), hint=hint + f"cramps reads results of: {known()}")
        key = fold(code)
        for test in kb.person_data.tests:
            if key == fold(test.loinc) or (system is None and key == fold(test.id)):
                if test.nutrient is not None:
                    return test
                raise UnknownTermError(
                    text,
                    "nutrient lab test",
                    (),
                    hint=f"{test} looks for a condition, not a nutrient level; cramps reads results of: {known()}",
                )
        hint = f"cramps reads results of the nutrient tests: {known()}"
        if system is None:  # a nutrient's name: lab_tests_for gives its tests' codes
            from cramps.nutrients import Nutrient
            from cramps.vocabulary import what_it_is

            other = self._vocabulary.other_record(text, "LOINC code")
            if isinstance(other, Nutrient):
                hint = f"{what_it_is(text, other)}; see cramps.lab_tests_for({text!r}) for its tests; " + hint
        raise UnknownTermError(text, "LOINC code", (), hint=hint)

    def _diary_reader(self) -> DiaryReader:
        from cramps.diary_reader import DiaryReader

        kb = cast("KnowledgeBase", self)
        return self._caches.diary_reader.get(lambda: DiaryReader(kb))
