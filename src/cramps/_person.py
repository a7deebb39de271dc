"""The person-aware part of the knowledge base: reference intakes, lab tests, red flags.

Its data files (``intakes.json``, ``lab_tests.json``, ``red_flags.json``) are loaded the
first time a question needs them, once, under a lock; importing this module is cheap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from cramps._index import NameIndex
from cramps._loader import packaged_data, read_collection, read_json, structure
from cramps._text import close_matches, fold, require_text
from cramps.catalogue import PERSON, entry, file_name
from cramps.errors import DataError, NoReferenceError, ProfileError, UnknownTermError
from cramps.factors import Factor, FactorKind
from cramps.intakes import DailyTarget
from cramps.lab_tests import LabTest, LabTests
from cramps.nutrients import Nutrient
from cramps.profiles import Profile
from cramps.red_flags import RedFlag, SelfCare, Triage, TriageLevel
from cramps.symptoms import Symptom

if TYPE_CHECKING:
    from cramps.knowledge import KnowledgeBase

MEDICATION_KINDS = frozenset({FactorKind.MEDICATION})
CONDITION_KINDS = frozenset({FactorKind.MEDICAL_CONDITION, FactorKind.PHYSIOLOGICAL_STATE})
#: A condition that the profile records as ``pregnant=True`` rather than in ``conditions``.
PREGNANCY = "pregnancy"


class PersonData:
    """Daily targets by nutrient, lab tests by nutrient and factor, and the red flags."""

    __slots__ = (
        "_flag_list",
        "_flags",
        "_signs",
        "_targets",
        "_tests_by_factor",
        "_tests_by_nutrient",
        "self_care",
        "tests",
    )

    def __init__(
        self,
        targets: Iterable[DailyTarget],
        tests: Iterable[LabTest],
        flags: Iterable[RedFlag],
        self_care: SelfCare,
    ) -> None:
        by_nutrient: dict[str, list[DailyTarget]] = {}
        for target in targets:
            by_nutrient.setdefault(target.nutrient, []).append(target)
        self._targets = {key: tuple(value) for key, value in sorted(by_nutrient.items())}
        self.tests = tuple(tests)
        seen: set[str] = set()
        nutrient_tests: dict[str, list[LabTest]] = {}
        factor_tests: dict[str, list[LabTest]] = {}
        for test in self.tests:
            if test.id in seen:
                raise DataError("duplicate lab test id", file=file_name("lab_tests"), record=test.id, field="id")
            seen.add(test.id)
            if test.nutrient is not None:
                nutrient_tests.setdefault(test.nutrient, []).append(test)
            for factor_id in test.factors:
                factor_tests.setdefault(factor_id, []).append(test)
        self._tests_by_nutrient = {key: LabTests(value) for key, value in nutrient_tests.items()}
        self._tests_by_factor = {key: LabTests(value) for key, value in factor_tests.items()}
        self._flag_list = tuple(sorted(flags, key=lambda flag: (-flag.level.rank, flag.id)))
        self._flags: NameIndex[RedFlag] = NameIndex("red flag", self._flag_list, file=file_name("red_flags"))
        signs: dict[str, list[RedFlag]] = {}
        for flag in self._flag_list:
            for sign in flag.signs:
                signs.setdefault(fold(sign), []).append(flag)
        self._signs = {key: tuple(value) for key, value in signs.items()}
        self.self_care = self_care

    # -- reference intakes ---------------------------------------------------------

    def nutrients_with_targets(self) -> tuple[str, ...]:
        """Ids of the nutrients that have a DRI, sorted."""
        return tuple(self._targets)

    def targets(self, nutrient_id: str) -> tuple[DailyTarget, ...]:
        """Every life-stage row for one nutrient (empty if it has no DRI)."""
        return self._targets.get(nutrient_id, ())

    def daily_target(self, nutrient: Nutrient, profile: Profile) -> DailyTarget:
        rows = self._targets.get(nutrient.id)
        if not rows:
            raise NoReferenceError(nutrient.id, "DRI", self.nutrients_with_targets())
        return select_target(rows, profile, nutrient.name)

    # -- lab tests ------------------------------------------------------------------

    def tests_for_nutrient(self, nutrient_id: str) -> LabTests:
        return self._tests_by_nutrient.get(nutrient_id, LabTests())

    def tests_for_factor(self, factor_id: str) -> LabTests:
        return self._tests_by_factor.get(factor_id, LabTests())

    # -- red flags --------------------------------------------------------------------

    def red_flags(self) -> tuple[RedFlag, ...]:
        """Every red flag, most urgent first, then by id."""
        return self._flag_list

    def find_flag(self, key: str) -> RedFlag | None:
        return self._flags.find(key)

    def find_signs(self, key: str) -> tuple[RedFlag, ...]:
        return self._signs.get(key, ())

    def vocabulary(self) -> Iterable[tuple[str, str]]:
        """(folded key, label) of every red-flag name, alias, code and sign."""
        for key, label, _record in self._flags.labels():
            yield key, label
        for flag in self.red_flags():
            for sign in flag.signs:
                yield fold(sign), sign


def select_target(rows: tuple[DailyTarget, ...], profile: Profile, name: str) -> DailyTarget:
    """The row of ``rows`` (one nutrient) whose life-stage group is ``profile``'s."""
    if not isinstance(profile, Profile):
        raise TypeError(f"profile must be a cramps.Profile, not {type(profile).__name__}")
    if profile.age is None:
        raise ProfileError("age is needed to pick a life-stage group (give the age in years, e.g. age=42)", field="age")
    if profile.pregnant and profile.lactating:
        raise ProfileError(
            "the DRIs give separate groups for pregnancy and for lactation; set only one of pregnant and lactating",
            field="lactating",
        )
    condition = "pregnancy" if profile.pregnant else "lactation" if profile.lactating else "none"
    by_age = [row for row in rows if row.life_stage.condition == condition and row.life_stage.contains_age(profile.age)]
    if not by_age:
        stages = sorted({row.life_stage.label for row in rows if row.life_stage.condition == condition})
        who = {"pregnancy": "pregnant", "lactation": "lactating", "none": ""}[condition]
        if condition != "none":
            raise ProfileError(
                f"the DRIs give {who} groups only for ages {', '.join(stages)}; there is no {name} value"
                f" for a {who} person aged {profile.age:g} (ask a clinician or dietitian)",
                field="age",
            )
        raise ProfileError(f"no {name} life-stage group covers age {profile.age:g}", field="age")
    if profile.sex is None and all(row.life_stage.sex != "any" for row in by_age):
        raise ProfileError(
            f"sex is needed to pick a life-stage group from age {_first_sexed_age(rows):g} on"
            " (give sex='female' or sex='male')",
            field="sex",
        )
    chosen = [row for row in by_age if row.life_stage.applies_to_sex(profile.sex)]
    if len(chosen) != 1:
        labels = ", ".join(str(row.life_stage) for row in chosen) or "none"
        raise DataError(
            f"expected one {name} life-stage group for this profile, found {labels}", file=file_name("intakes")
        )
    return chosen[0]


def _first_sexed_age(rows: Iterable[DailyTarget]) -> float:
    return min((row.life_stage.age_min for row in rows if row.life_stage.sex != "any"), default=math.nan)


# -- profiles -------------------------------------------------------------------------


def resolve_factors(kb: KnowledgeBase, given: object, field: str, kinds: frozenset[FactorKind]) -> tuple[str, ...]:
    """Factor ids for the names, aliases, codes or Factors in ``given`` (of ``kinds`` only)."""
    if given is None:
        return ()
    if isinstance(given, (str, Factor)):
        given = (given,)
    if not isinstance(given, Iterable):
        raise TypeError(f"{field} must be a list of names, not {type(given).__name__}")
    what = field[:-1] if field.endswith("s") else field
    ids = []
    for item in given:
        term = item.id if isinstance(item, Factor) else require_text(item, f"a name in {field}")
        try:
            factor = kb.factor(term)
        except UnknownTermError:
            raise UnknownTermError(term, what, _suggest(kb, term, kinds)) from None
        if factor.kind not in kinds:
            raise UnknownTermError(term, what, _suggest(kb, term, kinds))
        ids.append(factor.id)
    return tuple(sorted(set(ids)))


def _suggest(kb: KnowledgeBase, term: str, kinds: frozenset[FactorKind]) -> tuple[str, ...]:
    labels: dict[str, str] = {}
    for factor in kb.factors:
        if factor.kind in kinds:
            for label in (factor.id, factor.name, *factor.aliases):
                labels.setdefault(fold(label), factor.name)
    return tuple(dict.fromkeys(labels[key] for key in close_matches(fold(term), labels)))


def build_profile(kb: KnowledgeBase, fields: Mapping[str, Any]) -> Profile:
    """A :class:`Profile` from ``fields``, with medication and condition names resolved."""
    values = dict(fields)
    values["medications"] = resolve_factors(kb, values.get("medications"), "medications", MEDICATION_KINDS)
    conditions = resolve_factors(kb, values.get("conditions"), "conditions", CONDITION_KINDS)
    if PREGNANCY in conditions:
        values["pregnant"] = True
        conditions = tuple(c for c in conditions if c != PREGNANCY)
    values["conditions"] = conditions
    return Profile(**values)


# -- triage ---------------------------------------------------------------------------


def _terms(given: object) -> tuple[object, ...]:
    if isinstance(given, (str, Symptom, RedFlag)):
        return (given,)
    if not isinstance(given, Iterable):
        raise TypeError(f"symptoms must be a name or several names, not {type(given).__name__}")
    items = tuple(given)
    if not items:
        raise ValueError("symptoms must name at least one symptom")
    return items


def triage(kb: KnowledgeBase, data: PersonData, symptoms: object, profile: Profile | None) -> Triage:
    """Match symptoms (and a profile) against the red flags."""
    if profile is not None and not isinstance(profile, Profile):
        raise TypeError(f"profile must be a cramps.Profile or None, not {type(profile).__name__}")
    direct: set[str] = set()
    signs: set[str] = set()
    symptom_ids: set[str] = set()
    for item in _terms(symptoms):
        if isinstance(item, (RedFlag, Symptom)):
            item = item.id
        text = require_text(item, "symptom")
        key = fold(text)
        found = False
        flag = data.find_flag(key)
        if flag is not None:
            direct.add(flag.id)
            found = True
        sign_flags = data.find_signs(key)
        if sign_flags:
            signs.add(key)
            found = True
        try:
            symptom = kb.symptom(text)
        except UnknownTermError:
            pass
        else:
            symptom_ids.add(symptom.id)
            symptom_ids.update(kb.broader_symptoms(symptom.id))
            found = True
        if not found:
            raise UnknownTermError(text, "symptom", _suggest_symptom(kb, data, key))
    factors = _profile_factors(kb, profile)
    matched = []
    for flag in data.red_flags():
        if flag.id in direct or _triggered(flag, symptom_ids, signs, factors):
            matched.append(flag)
    return _result(matched, data.self_care)


def _triggered(flag: RedFlag, symptom_ids: set[str], signs: set[str], factors: frozenset[str]) -> bool:
    by_symptom = bool(symptom_ids.intersection(flag.symptoms))
    if not flag.factors:
        return by_symptom
    if factors.isdisjoint(flag.factors):
        return False
    if not flag.symptoms and not flag.signs:
        return True
    return by_symptom or any(fold(sign) in signs for sign in flag.signs)


def _profile_factors(kb: KnowledgeBase, profile: Profile | None) -> frozenset[str]:
    if profile is None:
        return frozenset()
    for field, kinds in (("medications", MEDICATION_KINDS), ("conditions", CONDITION_KINDS)):
        for factor_id in getattr(profile, field):
            try:
                factor = kb.factor(factor_id)
            except UnknownTermError:
                raise UnknownTermError(factor_id, field[:-1], _suggest(kb, factor_id, kinds)) from None
            if factor.id != factor_id:
                raise UnknownTermError(factor_id, field[:-1], (factor.id,))
    found: set[str] = set()
    stack = list(profile.factor_ids)
    while stack:
        factor_id = stack.pop()
        if factor_id in found:
            continue
        found.add(factor_id)
        try:
            stack.extend(kb.factor(factor_id).broader)
        except UnknownTermError:
            continue
    return frozenset(found)


def _suggest_symptom(kb: KnowledgeBase, data: PersonData, key: str) -> tuple[str, ...]:
    labels: dict[str, str] = dict(data.vocabulary())
    for symptom in kb.symptoms:
        for label in (symptom.name, *symptom.aliases):
            labels.setdefault(fold(label), label)
    return tuple(dict.fromkeys(labels[match] for match in close_matches(key, labels)))


def _result(matched: list[RedFlag], self_care: SelfCare) -> Triage:
    if not matched:
        return Triage(level=TriageLevel.SELF_CARE, advice=self_care.advice, citations=self_care.citations)
    level = max(flag.level for flag in matched)
    advice = tuple(dict.fromkeys(flag.advice for flag in matched))
    citations = tuple(dict.fromkeys(c for flag in matched for c in flag.citations))
    return Triage(level=level, flags=tuple(matched), advice=advice, citations=citations)


# -- loading --------------------------------------------------------------------------


def load_packaged() -> PersonData:
    """The person data shipped in the package, read strictly."""
    folder = packaged_data()
    targets, tests, flags = (read_collection(folder, entry(name)) for name in PERSON)
    red_flags = file_name("red_flags")
    raw = read_json(folder / red_flags)
    self_care = structure(raw.get("self_care"), SelfCare, file=red_flags, record="self_care")
    return PersonData(targets, tests, flags, self_care)
