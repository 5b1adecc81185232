"""DuckDB and Spark run the same claims SQL and must give identical claims totals (nation,
provinces, regencies per programme and month) and identical flagged claims' rows, from
which the districts' and villages' totals are summed. Skipped only where
pyspark is not installed (the `spark` extra); CI installs it."""

from __future__ import annotations

import pytest

pytest.importorskip("pyspark", reason="the `spark` extra (pyspark) is not installed")
pytest.importorskip("sqlglot", reason="the `spark` extra (sqlglot) is not installed")

import duckdb  # noqa: E402

from pantau.engine import claims  # noqa: E402
from pantau.engine.claims_refresh import flagged_dir  # noqa: E402
from pantau.engine.models import ClaimTotal  # noqa: E402
from tests.engine.claims_world import build_claims_world  # noqa: E402

pytestmark = [pytest.mark.spark, pytest.mark.usefixtures("own_data_directory", "one_spark_session")]


def totals(generation: int) -> list[tuple]:
    """The generation's total rows in the database (nation, provinces, regencies)."""
    fields = ("region_code", "parent_code", "program", "month", "count", "amount",
              "pemda_funded_count", "pemda_funded_amount", "flagged")  # fmt: skip
    rows = ClaimTotal.objects.filter(generation=generation).values_list(*fields)
    return sorted(rows, key=lambda row: (row[0], row[2], row[3]))


def parquet_rows(directory) -> tuple[list, list]:
    """Columns with their types, and the sorted rows, of a generation's Parquet files."""
    con = duckdb.connect()
    relation = con.sql(f"SELECT * FROM read_parquet('{directory}/*.parquet')")
    columns = list(zip(relation.columns, [str(t) for t in relation.types], strict=True))
    rows = sorted(relation.fetchall(), key=repr)
    con.close()
    return columns, rows


def test_duckdb_and_spark_agree_on_claims(db, own_data_directory, tmp_path):
    build_claims_world(tmp_path)
    duck = claims.refresh_claims("duckdb")
    duck_totals = totals(duck["refresh"])
    duck_flagged = parquet_rows(flagged_dir(duck["refresh"]))

    sparked = claims.refresh_claims("spark", full=True)
    assert sparked["status"] == "created" and "spark_start" in sparked["timings"]
    assert sparked["counts"] == duck["counts"]
    assert totals(sparked["refresh"]) == duck_totals
    assert parquet_rows(flagged_dir(sparked["refresh"])) == duck_flagged
    # Not vacuous: 12 total rows down to regencies, three flagged claims.
    assert len(duck_totals) == 12 and {len(row[0]) for row in duck_totals} == {0, 2, 5}
    assert len(duck_flagged[1]) == 3
    # The reader sums Spark's narrow rows as DuckDB's: K2 at the district, K5 in its village.
    assert claims.by_program("64.02.05")["JKK"] == claims.ClaimNumbers(
        2, 8_000_000, 1, 3_000_000, 2
    )
