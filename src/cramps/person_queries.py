"""The person questions of a knowledge base: :class:`PersonQueries`, which
:class:`~cramps.KnowledgeBase` inherits. The answers come from :mod:`cramps.profiles`,
:mod:`cramps.intakes`, :mod:`cramps.lab_tests` and :mod:`cramps.red_flags`, over the
person data loaded on the first such question."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, cast

from cramps._cache import question_key
from cramps.errors import UnknownTermError
from cramps.factors import Factor, FactorKind
from cramps.nutrients import Nutrient
from cramps.remedies import Remedy
from cramps.symptoms import Symptom

if TYPE_CHECKING:
    from cramps._cache import Caches
    from cramps.intakes import DailyTarget
    from cramps.knowledge import KnowledgeBase
    from cramps.lab_tests import LabTests
    from cramps.person_data import PersonData
    from cramps.phrases import Reader, Reading
    from cramps.profiles import Profile
    from cramps.red_flags import RedFlag, Triage
    from cramps.vocabulary import Vocabulary

__all__ = ["PersonQueries"]


class PersonQueries:
    """People: profiles built from names, daily targets, lab tests and triage (the
    methods of :class:`~cramps.KnowledgeBase`)."""

    __slots__ = ()

    if TYPE_CHECKING:  # provided by KnowledgeBase
        _caches: Caches
        _vocabulary: Vocabulary

    def profile(
        self,
        *,
        age: float | None = None,
        sex: str | None = None,
        pregnant: bool = False,
        lactating: bool = False,
        medications: Iterable[str | Factor] = (),
        conditions: Iterable[str | Factor] = (),
        diet: str | None = None,
        activity: str | None = None,
        hot_climate: bool = False,
        sun_exposure: str | None = None,
        alcohol: str | None = None,
    ) -> Profile:
        """A :class:`~cramps.Profile` with ``medications`` and ``conditions`` given by name,
        alias or code, e.g. ``profile(age=67, sex="female", medications=["omeprazole"])``.

        An unknown name, or a medication name that is not a medication (a condition that
        is not a condition), raises :class:`~cramps.UnknownTermError` with suggestions; the
        condition ``pregnancy`` sets ``pregnant=True``. Invalid fields raise ``TypeError``
        or ``ValueError`` naming the field.
        """
        from cramps.profiles import build_profile

        fields: dict[str, object] = {"age": age, "sex": sex, "pregnant": pregnant, "lactating": lactating}
        fields.update(diet=diet, activity=activity, hot_climate=hot_climate, sun_exposure=sun_exposure)
        fields.update(alcohol=alcohol, medications=medications, conditions=conditions)
        try:
            return build_profile(cast("KnowledgeBase", self), fields)
        except UnknownTermError as error:
            if error.hint:
                raise
            hint = self._misplaced(error.term, error.kind)
            if not hint:
                raise
            raise UnknownTermError(error.term, error.kind, error.suggestions, hint) from None

    def _misplaced(self, term: str, field: str) -> str:
        """What to say of ``term``, not a ``field`` (``"medication"`` or ``"condition"``)
        of a profile: a code no factor carries in the system it names, a factor of
        another kind (and where it goes), or a symptom, nutrient or remedy; else ``""``."""
        from cramps._index import code_note
        from cramps.vocabulary import what_it_is

        factors = self._vocabulary.factors
        note = code_note((factors,), term, field)
        if note:
            return note
        factor = factors.find_term(term)
        if factor is not None:
            if factor.kind is FactorKind.MEDICATION:
                where = "give it in medications"
            elif factor.kind in (FactorKind.MEDICAL_CONDITION, FactorKind.PHYSIOLOGICAL_STATE):
                where = "give it in conditions"
            else:
                where = _LIFESTYLE_FIELDS.get(factor.id, "a profile's other fields (diet, activity ...) imply it")
            return f"{what_it_is(term, factor)}: {where}"
        other = self._vocabulary.explained(UnknownTermError(term, "factor"), _NOT_A_FACTOR)
        return other.hint

    def daily_target(self, nutrient: str | Nutrient, profile: Profile) -> DailyTarget:
        """The Dietary Reference Intake of ``nutrient`` for ``profile``'s life-stage group:
        the RDA or AI, the upper limit and what it covers, and the label Daily Value.

        Raises :class:`~cramps.ProfileError` naming the missing field (age; sex from age 9)
        or when the DRIs have no group for the profile (pregnancy or lactation outside
        ages 14-50), and :class:`~cramps.NoReferenceError` for a nutrient without a DRI.
        """
        try:
            found = self._vocabulary.known_nutrient(nutrient)
        except UnknownTermError as error:
            raise self._vocabulary.explained(error, _NOT_A_NUTRIENT) from None
        return self.person_data.targets.for_profile(found, profile)

    def lab_tests_for(self, subject: str | Nutrient | Factor) -> LabTests:
        """The blood tests, with LOINC codes, that measure a nutrient (or look for a
        condition such as thyroid disease), as a tuple that carries the disclaimer."""
        tests = self.person_data.tests
        try:
            found = self._vocabulary.nutrient_or_factor(subject, "nutrient or condition")
        except UnknownTermError as error:
            code = self._loinc(error.term)  # the LOINC code of a test that looks for a condition?
            test = next((test for test in tests if test.code.code == code and test.factors), None)
            if test is not None:
                hint = f"{error.term!r} is the code of the lab test {test}, which looks for {test.factors[0]!r}"
                hint += f"; see cramps.lab_tests_for({test.factors[0]!r})"
                raise UnknownTermError(error.term, error.kind, (), hint) from None
            raise self._vocabulary.explained(error, _LAB_TESTS_NOT_FOR) from None
        return tests.for_nutrient(found.id) if isinstance(found, Nutrient) else tests.for_factor(found.id)

    @staticmethod
    def _loinc(term: str) -> str | None:
        """The code of a LOINC-prefixed ``term``, or ``term`` itself when it has no prefix."""
        from cramps.codes import CodeSystem, split_code

        system, code = split_code(term)
        return code.strip() if system is CodeSystem.LOINC else term.strip() if system is None else None

    def triage(
        self,
        symptoms: str | Symptom | RedFlag | Iterable[str | Symptom | RedFlag],
        profile: Profile | None = None,
        *,
        absent: str | Symptom | RedFlag | Iterable[str | Symptom | RedFlag] = (),
    ) -> Triage:
        """How urgently to get help for ``symptoms``, given an optional profile: the most
        urgent of four levels matched, the red flags and the advice.

        ``symptoms`` are names, ids or codes of symptoms or red flags, records, or free text
        (``"my calf is hot and swollen"``), read by :meth:`read`; ``absent`` names findings the
        person does not have, which never cancel a present one. Text never raises an unknown
        term: what cannot be read is listed in ``Triage.unrecognised``, and the advice says
        so, without lowering the level. Blank text raises ``ValueError``, a value that is
        not text ``TypeError``, and a profile with unknown ids
        :class:`~cramps.UnknownTermError`. Answers to questions given as text, records, or
        lists of them are kept (up to 1,024 per knowledge base, with searches).
        """
        from cramps.red_flags import RedFlag, triage

        kb = cast("KnowledgeBase", self)
        kinds = (str, Symptom, RedFlag)
        given, without = question_key(symptoms, kinds), question_key(absent, kinds)
        key = None if given is None or without is None else ("triage", given, profile, without)
        return self._caches.kept(
            self._caches.answers,
            key,
            lambda: triage(kb, self.person_data.flags, self._reader, symptoms, profile, absent, names=self._vocabulary),
        )

    def read(self, text: str) -> Reading:
        """What ``text`` says in plain language: the symptom, red-flag and factor ids it
        names as present and as absent (``"no calf swelling"``), and the parts in which
        nothing was read. The algorithm is documented in :mod:`cramps.phrases`; blank or
        over-long text raises ``ValueError``.
        """
        from cramps.text import require_text

        return self._reader().read(require_text(text, "text"))

    def _reader(self) -> Reader:
        """The phrase reader of this knowledge base, made on first use."""
        from cramps.phrases import Reader

        kb = cast("KnowledgeBase", self)
        return self._caches.reader.get(
            lambda: Reader(
                kb.symptoms,
                kb.factors,
                self.person_data.flags.all(),
                broader={symptom.id: kb.broader_symptoms(symptom.id) for symptom in kb.symptoms},
            )
        )

    @property
    def red_flags(self) -> tuple[RedFlag, ...]:
        """Every red flag, most urgent first (loaded on first use)."""
        return self.person_data.flags.all()

    @property
    def person_data(self) -> PersonData:
        """The reference intakes, lab tests and red flags, loaded on first use."""
        return self._caches.person.get()


#: Where a profile field other than medications and conditions carries a lifestyle factor.
_LIFESTYLE_FIELDS: Mapping[str, str] = {
    "exercise": "set activity='heavy'",
    "heavy-alcohol-use": "set alcohol='heavy'",
    "heavy-sweating": "set activity='heavy' and hot_climate=True",
    "little-sun-exposure": "set sun_exposure='little'",
    "vegan-diet": "set diet='vegan'",
    "vegetarian-diet": "set diet='vegetarian'",
    "ageing": "give the age (65 or over)",
}
#: What to do with a name given where a nutrient is wanted, by the kind of record it names.
_NOT_A_NUTRIENT: Mapping[type, str] = {
    Symptom: "; see cramps.nutrients_for_symptom() for the nutrients linked to it, then ask about one of them",
    Factor: ", not a nutrient; see cramps.factor() for the nutrients it affects",
    Remedy: ", not a nutrient; see cramps.remedy() for it",
}
#: The same for :meth:`PersonQueries.lab_tests_for`, which takes a nutrient or a condition.
_LAB_TESTS_NOT_FOR: Mapping[type, str] = {
    Symptom: "; see cramps.nutrients_for_symptom() for the nutrients linked to it, then cramps.lab_tests_for(nutrient)",
    Remedy: ", not a nutrient or condition; see cramps.remedy() for it",
}
#: What to do with a name given as a profile's medication or condition.
_NOT_A_FACTOR: Mapping[type, str] = {
    Symptom: ", not a medication or condition; give symptoms to cramps.rank() or cramps.triage()",
    Nutrient: ", not a medication or condition; see cramps.search() for the medication and condition names",
    Remedy: ", not a medication or condition; see cramps.search() for the medication and condition names",
}
