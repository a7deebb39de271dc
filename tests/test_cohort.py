"""A cohort: rows of statuses that agree with assess(), in one process and on a Dask cluster."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cramps
from cramps.cohort import NUTRIENTS, CohortAssessor, row_columns, rows_for
from cramps.food_diary import SupplementEntry

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "dask_cohort.py"
FOODS = ("09040", "12061", "01079", "11458", "16015", "15237", "18069", "20045", "01123", "14209", "12014")


def _example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cramps_dask_cohort", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(FOODS), st.floats(min_value=1, max_value=400)), min_size=1, max_size=20),
    st.integers(min_value=1, max_value=95),
    st.sampled_from(["female", "male"]),
    st.floats(min_value=0, max_value=600),
    st.integers(min_value=1, max_value=7),
)
def test_a_row_agrees_with_assess(
    diary: list[tuple[str, float]], age: int, sex: str, magnesium: float, days: int
) -> None:
    kb = cramps.default_kb()
    profile = kb.profile(age=age, sex=sex)
    row = CohortAssessor(kb).row("p", profile, diary, days=days, supplements=[("magnesium", magnesium * days)])
    entries: list[Any] = list(diary)
    if magnesium:
        amount = cramps.Amount(value=magnesium * days, unit="mg")
        entries.append(SupplementEntry(nutrient="magnesium", amount=amount, text="magnesium"))
    assessment = kb.assess(profile, diary=kb.diary(entries, days=days))
    for name in NUTRIENTS:
        status = assessment.status(name)
        assert status.intake is not None
        assert row[f"{name}_intake"] == pytest.approx(status.intake.value, rel=1e-9, abs=1e-9)
        assert row[f"{name}_missing_grams"] == pytest.approx(status.intake.missing_grams)
        assert row[f"{name}_status"] == status.status, name
        if status.percent_of_target is not None:
            assert row[f"{name}_percent"] == pytest.approx(status.percent_of_target)
    assert tuple(row) == row_columns()


def test_rows_for_reads_plain_records() -> None:
    rows = rows_for([{"person": 7, "age": 40, "sex": "male", "diary": [["09040", 118]], "days": 1}])
    assert rows[0]["person"] == "7"
    assert rows[0]["potassium_intake"] == pytest.approx(358 * 1.18)
    assert math.isclose(rows[0]["potassium_percent"], 100 * 358 * 1.18 / 3400)
    with pytest.raises(ValueError, match="grams"):
        rows_for([{"person": 1, "age": 40, "sex": "male", "diary": [["09040", -1]]}])
    with pytest.raises(cramps.UnknownTermError):
        rows_for([{"person": 1, "age": 40, "sex": "male", "diary": [["zorble", 10]]}])


def test_dask_cluster_gives_the_rows_of_one_process(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("dask.distributed")
    example = _example()
    people = example.make_people(300)
    local = rows_for(people)
    paths = example.write_partitions(people, tmp_path, 6)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        remote = example.assess_files(client, paths)
    assert remote == local
    assert any(row["magnesium_status"] == "above the upper limit" for row in local)
