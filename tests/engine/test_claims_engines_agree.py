"""DuckDB and Spark run the same claims SQL and must give identical claims totals (every
region level, programme and month) and identical flagged claims' rows. Skipped only where
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

pytestmark = pytest.mark.usefixtures("own_data_directory", "one_spark_session")


def totals(generation: int) -> list[tuple]:
    fields = ("region_code", "parent_code", "program", "month", "count", "amount",
              "pemda_funded_count", "pemda_funded_amount", "flagged")  # fmt: skip
    rows = ClaimTotal.objects.filter(generation=generation).values_list(*fields)
    return sorted(rows, key=lambda row: (row[0], row[2], row[3]))


def flagged_rows(generation: int) -> tuple[list, list]:
    con = duckdb.connect()
    relation = con.sql(f"SELECT * FROM read_parquet('{flagged_dir(generation)}/*.parquet')")
    columns = list(zip(relation.columns, [str(t) for t in relation.types], strict=True))
    rows = sorted(relation.fetchall())
    con.close()
    return columns, rows


def test_duckdb_and_spark_agree_on_claims(db, own_data_directory, tmp_path):
    build_claims_world(tmp_path)
    duck = claims.refresh_claims("duckdb")
    duck_totals, duck_flagged = totals(duck["refresh"]), flagged_rows(duck["refresh"])
    sparked = claims.refresh_claims("spark", full=True)
    assert sparked["status"] == "created" and "spark_start" in sparked["timings"]
    assert sparked["counts"] == duck["counts"]
    assert totals(sparked["refresh"]) == duck_totals
    assert flagged_rows(sparked["refresh"]) == duck_flagged
    # Not vacuous: 17 total rows at five levels, three flagged claims.
    assert len(duck_totals) == 17 and len(duck_flagged[1]) == 3
    assert {len(row[0]) for row in duck_totals} == {0, 2, 5, 8, 13}
