"""The DuckDB engine writes the gap rows in a thread while the refresh sums and stores the
region rows (`backends.duckdb._GapWriter`): the month's numbers move to the new generation
only with its gap rows in place, and a failed write fails the refresh, leaving the month's
numbers and files as they were and no directory behind."""

from __future__ import annotations

import duckdb
import pytest

from pantau.engine import reconcile, refresh
from pantau.engine.backends.duckdb import _GapWriter
from pantau.engine.gaps import gap_files_sql, gap_rows
from pantau.engine.models import CurrentGeneration, Refresh
from tests.engine.ground_truth import JULY, B, C, D, assert_same_as_full

pytestmark = pytest.mark.usefixtures("own_data_directory")


def test_a_full_refresh_publishes_its_gap_rows_with_its_numbers(computed):
    summary = refresh.run(JULY, full=True)
    assert "write_gaps" in summary.timings
    current = CurrentGeneration.objects.get(as_of=JULY)
    assert current.refresh_id == summary.refresh
    source = gap_files_sql(refresh.gaps_dir(current.generation))
    written = duckdb.sql(f"SELECT count(*) FROM {source}").fetchall()[0][0]
    assert written == summary.counts["lapsed"] + summary.counts["not_enrolled"] > 0
    assert {row["nik"] for row in gap_rows("64.02", "non_asn", as_of=JULY).rows} == {B, C, D}
    assert not list(refresh.coverage_root().glob("*.staging"))
    assert_same_as_full(summary)


def test_a_failed_gap_write_fails_the_refresh_and_keeps_the_month_as_it_was(computed, monkeypatch):
    before = CurrentGeneration.objects.get(as_of=JULY)
    gaps_before = gap_rows("64.02", "non_asn", as_of=JULY).rows
    # A gap row DuckDB cannot write: the failure happens in the writer's thread.
    monkeypatch.setattr(reconcile, "GAPS_SQL", reconcile.GAPS_SQL.replace(
        "r.source_row,", "CAST(error('disk full') AS BIGINT) AS source_row,", 1))  # fmt: skip
    with pytest.raises(duckdb.Error, match="disk full"):
        refresh.run(JULY, full=True)
    failed = Refresh.objects.latest("pk")
    assert failed.status == Refresh.Status.FAILED and "disk full" in failed.error
    after = CurrentGeneration.objects.get(as_of=JULY)
    assert (after.generation, after.refresh_id) == (before.generation, before.refresh_id)
    assert sorted(p.name for p in refresh.coverage_root().iterdir()) == [str(before.files)]
    assert gap_rows("64.02", "non_asn", as_of=JULY).rows == gaps_before


def test_the_writer_reports_its_error_or_its_time_once_waited_for():
    con = duckdb.connect()
    try:
        writer = _GapWriter(con, "SELECT error('no space left')")
        with pytest.raises(duckdb.Error, match="no space left"):
            writer.wait()
        written = _GapWriter(con, "SELECT 1")
        assert "write_gaps" in written.wait()
    finally:
        con.close()
