"""The person data of a knowledge base: reference intakes, lab tests and red flags.

Each part is kept by the module of its concept (:class:`~cramps.intakes.DailyTargets`,
:class:`~cramps.lab_tests.LabTestIndex`, :class:`~cramps.red_flags.RedFlags`); this module
groups them and reads them from the data files named in :mod:`cramps.catalogue`.
"""

from __future__ import annotations

import attrs

from cramps._loader import DataFolder, build, packaged_data, read_collection, read_json, records_from
from cramps.catalogue import entry, file_name
from cramps.intakes import DailyTargets
from cramps.lab_tests import LabTestIndex
from cramps.red_flags import RedFlags, SelfCare

__all__ = ["PersonData", "read_person_data"]


@attrs.frozen(kw_only=True)
class PersonData:
    """The reference intakes (``targets``), the lab tests (``tests``) and the red flags
    (``flags``) a knowledge base answers person questions from."""

    targets: DailyTargets
    tests: LabTestIndex
    flags: RedFlags


def read_person_data(folder: DataFolder | None = None) -> PersonData:
    """The person data in ``folder`` (the packaged data by default), each file read once;
    a record its class refuses raises :class:`~cramps.DataError` naming it."""
    folder = packaged_data() if folder is None else folder
    targets = read_collection(folder, entry("intakes"))
    tests = read_collection(folder, entry("lab_tests"))
    flags_entry = entry("red_flags")
    raw = read_json(folder / flags_entry.name)  # the flags and the self-care advice
    flags = records_from(raw, flags_entry.record_type(), file=flags_entry.name, key=flags_entry.key, packaged=True)
    self_care = build(raw.get("self_care"), SelfCare, file=flags_entry.name, record="self_care")
    return PersonData(
        targets=DailyTargets(targets, file=file_name("intakes")),
        tests=LabTestIndex(tests, file=file_name("lab_tests")),
        flags=RedFlags(flags, self_care, file=flags_entry.name),
    )
