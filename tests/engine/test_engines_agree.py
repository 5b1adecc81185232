"""DuckDB and Spark run the same reconciliation SQL and must give the same numbers: the
region aggregates of the ground truth (tests/engine/test_reconciliation.py) and the
person-level gap rows in the lake. Skipped only where pyspark is not installed (the `spark`
extra); CI installs it."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("pyspark", reason="the `spark` extra (pyspark) is not installed")
pytest.importorskip("sqlglot", reason="the `spark` extra (sqlglot) is not installed")

from pantau.engine import incremental, reconcile, refresh  # noqa: E402
from pantau.engine.backends import duckdb_backend, spark_backend  # noqa: E402
from pantau.engine.errors import RefreshError  # noqa: E402
from pantau.engine.models import ListCoverage, MemberCoverage  # noqa: E402
from tests.engine.ground_truth import (  # noqa: E402
    BRANCH,
    JULY,
    PROVINCE,
    A,
    C,
    gap_files,
    import_extract,
    import_list,
    list_rows,
    rows_generation,
    stored_rows,
)

pytestmark = [pytest.mark.spark, pytest.mark.usefixtures("own_data_directory", "one_spark_session")]


def test_duckdb_and_spark_agree_on_the_ground_truth(ground_truth):
    duck = refresh.run(JULY, engine="duckdb", full=True)
    duck_lists = stored_rows(ListCoverage, duck.refresh)
    duck_members = stored_rows(MemberCoverage, duck.refresh)
    duck_gaps = gap_files(duck.refresh)

    sparked = refresh.run(JULY, engine="spark", full=True)

    assert sparked.status == "created" and sparked.engine == "spark"
    assert "spark_start" in sparked.timings
    assert sparked.counts == duck.counts
    assert stored_rows(ListCoverage, sparked.refresh) == duck_lists
    assert stored_rows(MemberCoverage, sparked.refresh) == duck_members
    assert gap_files(sparked.refresh) == duck_gaps
    # The comparison is not vacuous: the ground truth's Kukar Non ASN row and gap rows.
    kukar = ListCoverage.objects.get(
        generation=rows_generation(sparked.refresh), region_code="64.02", category="non_asn"
    )
    assert (kukar.listed, kukar.covered, kukar.lapsed, kukar.not_enrolled) == (6, 3, 2, 1)
    columns, rows = duck_gaps
    assert len(rows) == 3  # B, C and D, on Kukar's list
    assert [name for name, _type in columns] == [*reconcile.GAP_COLUMNS, "snapshot"]


def test_both_engines_compute_nothing_from_no_snapshots(tmp_path):
    """The empty statements (no lists, no membership extract) translate and run too."""
    inputs = reconcile.Inputs(JULY, 1, (), [])
    results = [
        engine.compute(inputs, refresh.pu_categories(), refresh.gap_cost_rows, tmp_path / name)
        for name, engine in (("duckdb", duckdb_backend), ("spark", spark_backend))
    ]
    for result, name in zip(results, ("duckdb", "spark"), strict=True):
        assert result.counts == {}
        # No gap rows; the partial files, where written, hold no rows.
        assert not list((tmp_path / name / "gaps").rglob("*.parquet"))
        for path in (tmp_path / name).rglob("*.parquet"):
            assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall() == [(0,)]
        assert incremental.combine(tmp_path / name, inputs) == (
            [],
            [],
            {"listed": 0, "covered": 0, "lapsed": 0, "not_enrolled": 0, "members": 0},
        )


def test_the_spark_engine_reports_a_missing_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # `import pyspark` raises ImportError
    with pytest.raises(RefreshError, match="spark"):
        spark_backend.compute(reconcile.Inputs(datetime.date(2022, 7, 1), 1, (), []), [],
                      refresh.gap_cost_rows, Path("/nonexistent"))  # fmt: skip


def test_a_spark_increment_over_duckdb_partials_equals_a_full_duckdb_refresh(
    ground_truth,
    tmp_path,
):
    """Partials written by one engine are read beside the other's: same files, same sums."""

    import_list(tmp_path, "64.02", "village_official",
                list_rows((A, "64.02.05.2001"), (C, "64.02.05")), "vo-2.csv")  # fmt: skip
    sparked = refresh.run(JULY, engine="spark")
    assert sparked.recomputed["lists"] == 1 and not sparked.recomputed["full"]
    spark_rows = (
        stored_rows(ListCoverage, sparked.refresh),
        stored_rows(MemberCoverage, sparked.refresh),
    )
    spark_gaps = gap_files(sparked.refresh)
    duck = refresh.run(JULY, engine="duckdb", full=True)
    assert (
        stored_rows(ListCoverage, duck.refresh),
        stored_rows(MemberCoverage, duck.refresh),
    ) == spark_rows
    assert gap_files(duck.refresh) == spark_gaps
    village = ListCoverage.objects.get(
        generation=rows_generation(duck.refresh), region_code="64.02", category="village_official"
    )
    assert (village.listed, village.covered, village.not_enrolled) == (2, 1, 1)


def full_duckdb_refresh_equal_to(sparked) -> int:
    """A full DuckDB refresh of July holds what the Spark one holds; its generation."""
    spark_rows = (
        stored_rows(ListCoverage, sparked.refresh),
        stored_rows(MemberCoverage, sparked.refresh),
    )
    spark_gaps = gap_files(sparked.refresh)  # read first: the next refresh deletes them
    duck = refresh.run(JULY, engine="duckdb", full=True)
    assert (
        stored_rows(ListCoverage, duck.refresh),
        stored_rows(MemberCoverage, duck.refresh),
    ) == spark_rows
    assert gap_files(duck.refresh) == spark_gaps
    assert sparked.counts == {**duck.counts, "reconciled": sparked.counts["reconciled"]}
    return rows_generation(duck.refresh)


def test_duckdb_and_spark_agree_on_regional_extracts(national, tmp_path):
    """A national extract, a branch's narrower one for Balikpapan after it, then a wider one
    for East Kalimantan: the same rows in force and the same numbers on either engine (Spark
    refreshing incrementally over DuckDB's generations)."""
    import_extract(tmp_path, BRANCH, "bpp.csv", region="64.71")
    sparked = refresh.run(JULY, engine="spark")
    assert not sparked.recomputed["full"]
    generation = full_duckdb_refresh_equal_to(sparked)
    # Not vacuous: the branch's file counts in Balikpapan (D covered, B and E lapsed).
    city = ListCoverage.objects.get(generation=generation, region_code="64.71",
                                    category="non_asn")  # fmt: skip
    assert (city.listed, city.covered, city.lapsed, city.not_enrolled) == (4, 1, 2, 1)

    import_extract(tmp_path, PROVINCE, "kaltim.csv", region="64")
    generation = full_duckdb_refresh_equal_to(refresh.run(JULY, engine="spark"))
    city = ListCoverage.objects.get(generation=generation, region_code="64.71",
                                    category="non_asn")  # fmt: skip
    assert (city.listed, city.covered, city.lapsed, city.not_enrolled) == (4, 3, 0, 1)
