"""The packaged knowledge data is exactly what tools/build_knowledge.py builds from its inputs."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from scripts import load_script

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "cramps" / "data"
SOURCES = REPO / "data"

pytestmark = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="the data build reads TOML with tomllib (Python 3.11+)"
)


def _load_build_module() -> ModuleType:
    return load_script(REPO / "tools" / "build_knowledge.py", "build_knowledge")


@pytest.fixture(scope="module")
def bk() -> ModuleType:
    return _load_build_module()


@pytest.fixture(scope="module")
def built(bk: ModuleType) -> dict[str, bytes]:
    files: dict[str, bytes] = bk.build(SOURCES)
    return files


def test_committed_data_matches_a_fresh_build(built: dict[str, bytes]) -> None:
    stale = [name for name, data in built.items() if not (DATA / name).is_file() or (DATA / name).read_bytes() != data]
    assert not stale, f"run `python tools/build_knowledge.py` to refresh: {stale}"


def test_build_is_deterministic(bk: ModuleType, built: dict[str, bytes]) -> None:
    assert bk.build(SOURCES) == built


def test_every_record_loads_with_the_strict_converter(bk: ModuleType, built: dict[str, bytes]) -> None:
    converter = bk._cramps("_converter")
    for kind in bk.RECORD_CLASSES:
        cls = bk._record_class(kind)
        rows = json.loads(built[f"{kind}.json"])
        records = [converter.structure(row, cls, file=f"{kind}.json") for row in rows]
        assert [converter.unstructure(record) for record in records] == rows
        assert [record.id for record in records] == sorted(record.id for record in records)


def test_every_claims_csv_row_is_mapped(bk: ModuleType) -> None:
    curated = bk.load_curated()
    prefixes = {claim["csv"] for claim in curated["claims"] if "csv" in claim}
    with (SOURCES / "evidence" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        claims = [row["claim"] for row in csv.DictReader(handle)]
    assert len(claims) == 46
    assert all(any(claim.startswith(prefix) for prefix in prefixes) for claim in claims)


@pytest.mark.parametrize(
    "nutrient",
    ["magnesium", "potassium", "calcium", "sodium", "vitamin-d", "thiamin", "vitamin-b12", "vitamin-k2"],
)
def test_each_cramp_linked_nutrient_has_a_cramp_claim(built: dict[str, bytes], nutrient: str) -> None:
    cramps = {"muscle-cramps", "leg-cramps", "nocturnal-leg-cramps", "exercise-associated-cramps"}
    claims = json.loads(built["claims.json"])
    assert any(
        claim["subject"] == nutrient
        and claim["relation"] in {"causes", "associated", "treats"}
        and cramps & set(claim["targets"])
        for claim in claims
    )


def test_manifest_names_the_inputs(built: dict[str, bytes]) -> None:
    manifest = json.loads(built["manifest.json"])
    assert manifest["data_version"] == "2026.12.05"
    assert manifest["generated_by"] == "tools/build_knowledge.py"
    paths = [source["path"] for source in manifest["sources"]]
    assert {"data/evidence/claims.csv", "data/evidence/citations.csv", "data/evidence/identifiers.csv"} <= set(paths)
    assert paths == sorted(paths)


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("A: systematic review of RCTs (moderate certainty)", "A"),
        ("R: regulatory safety communication; E: mechanism / physiology only", "R"),
        ("D: expert opinion vs C: observational", "C"),
        ("A-low: systematic review of RCTs, low/very-low certainty; B: single RCT", "A-low"),
        ("D: narrative review (narrative review table; primary sources not checked here)", "D"),
        ("none: no RCTs found by the Cochrane review", "insufficient"),
    ],
)
def test_best_grade(bk: ModuleType, text: str, grade: str) -> None:
    assert bk.best_grade(text) == grade


def _break(bk: ModuleType, kind: str, record_id: str, **changes: Any) -> dict[str, list[dict[str, Any]]]:
    curated: dict[str, list[dict[str, Any]]] = bk.load_curated()
    (record,) = [item for item in curated[kind] if item["id"] == record_id]
    record.update(changes)
    return curated


def test_a_claim_citing_an_unknown_source_is_rejected(bk: ModuleType) -> None:
    curated = _break(bk, "claims", "nifedipine-cramps", citations=["no-such-study"])
    with pytest.raises(bk.BuildError, match=r"claims\.toml: nifedipine-cramps: unknown citation 'no-such-study'"):
        bk.build(SOURCES, curated=curated)


def test_a_code_missing_from_identifiers_is_rejected(bk: ModuleType) -> None:
    curated = _break(bk, "symptoms", "tetany", codes=["HPO HP:9999999"])
    with pytest.raises(bk.BuildError, match=r"symptoms\.toml: tetany: code 'HPO HP:9999999' is not in"):
        bk.build(SOURCES, curated=curated)


def test_an_unresolved_reference_is_rejected(bk: ModuleType) -> None:
    curated = _break(bk, "factors", "loop-diuretics", broader=["water"], affects=["vitamin-z"])
    with pytest.raises(bk.BuildError, match=r"unknown factor in broader 'water'") as info:
        bk.build(SOURCES, curated=curated)
    assert "unknown nutrient in affects 'vitamin-z'" in str(info.value)


def test_an_unmapped_csv_row_is_rejected(bk: ModuleType) -> None:
    curated = bk.load_curated()
    curated["claims"] = [claim for claim in curated["claims"] if claim["id"] != "painkillers-after-cramp"]
    with pytest.raises(bk.BuildError, match=r"row 46 .* is not mapped"):
        bk.build(SOURCES, curated=curated)


def test_a_mapping_to_a_missing_row_is_rejected(bk: ModuleType) -> None:
    curated = _break(bk, "claims", "painkillers-after-cramp", csv="Aspirin cures everything")
    with pytest.raises(bk.BuildError, match=r"csv = 'Aspirin cures everything' matches no row"):
        bk.build(SOURCES, curated=curated)


def test_a_mapped_claim_may_not_override_the_csv(bk: ModuleType) -> None:
    curated = _break(bk, "claims", "quinine-reduces-cramps", direction="no_effect")
    with pytest.raises(bk.BuildError, match=r"quinine-reduces-cramps: unknown field\(s\) direction"):
        bk.build(SOURCES, curated=curated)


def test_curated_citations_are_shipped_with_their_caveats(built: dict[str, bytes]) -> None:
    citations = {row["id"]: row for row in json.loads(built["citations.json"])}
    for ident in ("ods-vitamin-b12", "ods-vitamin-d", "ods-thiamin", "ods-magnesium", "nasem19-elem"):
        assert citations[ident]["url"]
        assert citations[ident]["authors"] is None
        assert any("tools/curated/citations.toml" in caveat for caveat in citations[ident]["caveats"])
    assert all(
        "could not be retrieved" in citations[ident]["caveats"][0] for ident in citations if ident.startswith("ods-")
    )


def test_curated_citation_sources_are_in_the_manifest(built: dict[str, bytes]) -> None:
    paths = {source["path"] for source in json.loads(built["manifest.json"])["sources"]}
    assert {"data/dri/nutrient_facts.md", "data/dri/README.md", "data/dri/intakes.csv"} <= paths


def test_profile_factors_have_depletes_claims(built: dict[str, bytes]) -> None:
    """Each profile link the scorer may raise is backed by a graded, cited ``depletes`` claim."""
    claims = json.loads(built["claims.json"])
    links = {
        (claim["subject"], target)
        for claim in claims
        if claim["relation"] == "depletes" and claim["direction"] == "supports"
        for target in claim["targets"]
    }
    expected = {
        ("vegan-diet", "vitamin-b12"),
        ("vegetarian-diet", "vitamin-b12"),
        ("little-sun-exposure", "vitamin-d"),
        ("ageing", "vitamin-b12"),
        ("ageing", "vitamin-d"),
        ("ageing", "magnesium"),
        ("ageing", "thiamin"),
        ("heavy-alcohol-use", "thiamin"),
        ("heavy-alcohol-use", "magnesium"),
        ("metformin", "vitamin-b12"),
        ("loop-diuretics", "thiamin"),
        ("loop-diuretics", "magnesium"),
        ("thiazide-diuretics", "magnesium"),
        ("diabetes", "magnesium"),
        ("diabetes", "thiamin"),
        ("pregnancy", "magnesium"),
        ("heavy-sweating", "sodium"),
    }
    assert expected <= links
    assert ("potassium-sparing-diuretics", "magnesium") not in links
    assert ("pregnancy", "calcium") not in links


def test_new_factor_affects_are_backed_by_claims(built: dict[str, bytes]) -> None:
    factors = {row["id"]: row for row in json.loads(built["factors.json"])}
    claims = json.loads(built["claims.json"])
    for ident in ("vegan-diet", "vegetarian-diet", "little-sun-exposure", "heavy-sweating", "pregnancy"):
        backed = {
            target
            for claim in claims
            if claim["subject"] == ident and claim["relation"] == "depletes" and claim["direction"] == "supports"
            for target in claim["targets"]
        }
        assert set(factors[ident]["affects"]) == backed, ident


def test_a_claim_citing_a_removed_curated_citation_is_rejected(bk: ModuleType) -> None:
    curated = bk.load_curated()
    curated["citations"] = [item for item in curated["citations"] if item["id"] != "ods-thiamin"]
    with pytest.raises(
        bk.BuildError, match=r"claims\.toml: ageing-low-thiamin: unknown citation 'ods-thiamin' \(neither"
    ):
        bk.build(SOURCES, curated=curated)


def test_a_curated_citation_clashing_with_a_csv_key_is_rejected(bk: ModuleType) -> None:
    for clash in ("fda2011-ppi-mg", "fda2011_ppi_mg"):
        curated = _break(bk, "citations", "ods-thiamin", id=clash)
        with pytest.raises(bk.BuildError, match=rf"citations\.toml: {clash}: id clashes with a citation of"):
            bk.build(SOURCES, curated=curated)


def test_a_duplicate_curated_citation_is_rejected(bk: ModuleType) -> None:
    curated = bk.load_curated()
    curated["citations"].append(dict(curated["citations"][0]))
    with pytest.raises(bk.BuildError, match=r"citations\.toml: ods-vitamin-b12: id used by 2 records"):
        bk.build(SOURCES, curated=curated)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source_files": ["data/dri/no-such-file.md"]}, r"source file 'data/dri/no-such-file\.md' is not a file"),
        ({"source_files": ["../main/README.md"]}, r"source file '\.\./main/README\.md' is not a file"),
        ({"caveats": []}, r"caveats must list how the source was seen"),
        ({"publisher": "NIH"}, r"unknown field\(s\) publisher"),
        ({"study_type": "web page"}, r"cannot grade from the study type of 'ods-thiamin'"),
    ],
)
def test_a_bad_curated_citation_is_rejected(bk: ModuleType, changes: dict[str, Any], message: str) -> None:
    curated = _break(bk, "citations", "ods-thiamin", **changes)
    with pytest.raises(bk.BuildError, match=message):
        bk.build(SOURCES, curated=curated)


def test_a_missing_curated_citation_field_is_rejected(bk: ModuleType) -> None:
    curated = bk.load_curated()
    (record,) = [item for item in curated["citations"] if item["id"] == "ods-thiamin"]
    del record["url"]
    with pytest.raises(bk.BuildError, match=r"citations\.toml: ods-thiamin: missing field\(s\) url"):
        bk.build(SOURCES, curated=curated)


def test_an_uncited_curated_citation_is_rejected(bk: ModuleType) -> None:
    curated = bk.load_curated()
    extra = dict(curated["citations"][0], id="ods-unused")
    curated["citations"].append(extra)
    expected = r"citations\.toml: ods-unused: is cited by no claim, guidance item or reference range"
    with pytest.raises(bk.BuildError, match=expected):
        bk.build(SOURCES, curated=curated)
