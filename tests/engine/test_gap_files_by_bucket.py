"""A gap page reads only the gap files that may hold its lists' rows (`gaps.gap_files_sql`):
the files under its lists' `_bucket=<n>/` directories, and any file under no bucket (Spark
writes all lists into one); every file when no list is named."""

from __future__ import annotations

import duckdb

from pantau.engine import reconcile
from pantau.engine.gaps import gap_files_sql
from tests.engine.small_lake import write_gap_rows


def lists_read(source: str | None) -> list[int]:
    if source is None:
        return []
    return [
        row[0]
        for row in duckdb.sql(f"SELECT DISTINCT snapshot FROM {source} ORDER BY 1").fetchall()
    ]


def test_only_the_buckets_of_the_lists_asked_for_are_read(tmp_path):
    gaps = tmp_path / "gaps"
    for snapshot in (3, 4, 3 + reconcile.GAP_BUCKETS):
        write_gap_rows(gaps / f"_bucket={reconcile.gap_bucket(snapshot)}" / str(snapshot),
                       [(snapshot, 2)])  # fmt: skip
    write_gap_rows(gaps / "kept" / "split" / "_bucket=4", [(4, 7)])
    source = gap_files_sql(gaps, [3])
    assert lists_read(source) == [3, 3 + reconcile.GAP_BUCKETS]  # the same bucket: one file read
    assert "_bucket=4" not in source
    assert lists_read(gap_files_sql(gaps, [4])) == [4]
    assert lists_read(gap_files_sql(gaps)) == [3, 4, 3 + reconcile.GAP_BUCKETS]
    assert gap_files_sql(gaps, [5]) is None


def test_a_file_under_no_bucket_is_read_for_any_list(tmp_path):
    gaps = tmp_path / "gaps"
    write_gap_rows(gaps / "computed", [(1, 2), (2, 2)])  # as the Spark engine writes them
    assert lists_read(gap_files_sql(gaps, [2])) == [1, 2]  # the page's query keeps list 2's


def test_a_generation_without_gap_rows_has_no_source(tmp_path):
    assert gap_files_sql(tmp_path / "gaps") is None
    assert gap_files_sql(tmp_path / "gaps", []) is None
