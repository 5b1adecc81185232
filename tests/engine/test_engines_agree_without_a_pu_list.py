"""Lists of no PU category (no wage counts for a gap's cost, `reconcile.reconciled_sql` writes
NULL instead of a test on the list's snapshot) and a branch's extract beside the national
one: both engines run the statements (Spark rejects an empty `IN ()`, which DuckDB accepts)
and write the same partials and gap rows. Small Parquet files, no database. Skipped only
where pyspark is not installed (the `spark` extra); CI installs it."""

from __future__ import annotations

import duckdb
import pytest

pytest.importorskip("pyspark", reason="the `spark` extra (pyspark) is not installed")
pytest.importorskip("sqlglot", reason="the `spark` extra (sqlglot) is not installed")

from pantau.engine import reconcile  # noqa: E402
from pantau.engine.backends import duckdb_backend, spark_backend  # noqa: E402
from tests.engine.lake_files import (  # noqa: E402
    LIST_SCHEMA,
    MEMBER_SCHEMA,
    listed,
    member,
    month,
    write_snapshot,
)

pytestmark = [pytest.mark.spark, pytest.mark.usefixtures("one_spark_session")]


def written(directory, part: str) -> list[tuple]:
    """Every row an engine wrote under `part` (`lists`, `members` or `gaps`), read as the
    engine reads them: the directories (DuckDB writes `_bucket=<n>/`) not columns."""
    files = f"{directory}/{part}/**/*.parquet"
    with duckdb.connect() as con:
        source = f"read_parquet('{files}', hive_partitioning = false)"
        return sorted(con.execute(f"SELECT * FROM {source}").fetchall(), key=repr)


def test_both_engines_agree_on_lists_of_no_pu_category(tmp_path):
    officials = write_snapshot(tmp_path / "list-12", LIST_SCHEMA, [
        listed("A", 1, "64.02.05.2001"), listed("H", 2, "64.02.05", income=None),
        listed("B", 3, "64.02"),
    ])  # fmt: skip
    # Muara Badak's branch extract (64.02.05) beside the national one: A's row is the branch's.
    branch = write_snapshot(tmp_path / "branch", MEMBER_SCHEMA, [member("A", "64.02.05.2001")])
    national = write_snapshot(tmp_path / "national", MEMBER_SCHEMA, [
        member("A", "64.02.05.2001", status="inactive"), member("B", "64.02", paid_until="2022-04"),
    ])  # fmt: skip
    extracts = (
        reconcile.MemberExtract(2, branch, "64.02.05"),
        reconcile.MemberExtract(1, national),
    )
    inputs = reconcile.Inputs(
        as_of=month("2022-07"), grace_months=1, members=extracts,
        lists=[(12, officials, "64.02", "regency", "village_official")],
    )  # fmt: skip

    def a_year_of_contributions(pairs, year):
        return [(category, wage, 120_000) for category, wage in pairs]

    out = {}
    for name, engine in (("duckdb", duckdb_backend), ("spark", spark_backend)):
        out[name] = tmp_path / name
        engine.compute(inputs, [], a_year_of_contributions, out[name])
    for part in ("lists", "members", "gaps"):
        assert written(out["spark"], part) == written(out["duckdb"], part), part
    # Not vacuous: A is covered by the branch's row; H and B are gaps of 120,000 a year each,
    # at no wage.
    gaps = written(out["duckdb"], "gaps")
    assert [(row[0], row[1], row[-2]) for row in gaps] == [
        (2, "not_enrolled", 120_000), (3, "lapsed", 120_000),
    ]  # fmt: skip
