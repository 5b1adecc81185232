"""The fast CSV reader streams; when a file turns out not to be one record per line
somewhere past its first block, the import starts again on the careful path and the
row numbers stay the lines people see."""

from __future__ import annotations

import csv

import duckdb
import pytest

from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from tests.ingest.files import WORKER_HEADER, worker

# Far past the reader's first 4 MB block, so the problem shows up mid-stream.
ROWS = 60_000


def nik(index: int) -> str:
    """Distinct valid NIKs of men born in March 1985 in Muara Badak."""
    day, serial = 1 + index // 9999, 1 + index % 9999
    return f"640205{day:02d}0385{serial:04d}"


def rows_with(problem_line: list[str] | None, at: int) -> list[list[str]]:
    rows = [list(worker(nik=nik(i), birth_date="", sex="").values()) for i in range(ROWS)]
    if problem_line is not None:
        rows.insert(at, problem_line)
    return rows


def import_rows(tmp_path, rows) -> tuple:
    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(WORKER_HEADER)
        writer.writerows(rows)
    request = ImportRequest(path=path, kind="workers", pemda_code="64.02", category="non_asn",
                            year=2025)  # fmt: skip
    summary = import_file(request)
    snapshot = Snapshot.objects.get(pk=summary.snapshot)
    with open(summary.errors_file, encoding="utf-8") as handle:
        issues = [(row["baris"], row["kode"]) for row in csv.DictReader(handle)]
    return summary, snapshot, issues


def test_a_clean_file_takes_the_fast_path(db, tmp_path):
    path = tmp_path / "clean.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(WORKER_HEADER)
        writer.writerows(rows_with(None, 0))
    request = ImportRequest(path=path, kind="workers", pemda_code="64.02", category="non_asn",
                            year=2025)  # fmt: skip
    summary = import_file(request)
    snapshot = Snapshot.objects.get(pk=summary.snapshot)
    assert snapshot.header_mapping["reader"] == "fast"
    assert (summary.accepted, summary.rejected) == (ROWS, 0)


@pytest.mark.parametrize(
    "problem, code",
    [
        (["6402052803859999", "Short Row"], "region_missing"),  # fewer cells than the header
        (["6402052803859999", "Line\nBreak", "", "", "Tenggarong", "", ""], "region_unknown"),
    ],
)
def test_a_problem_past_the_first_block_falls_back_to_the_careful_path(db, tmp_path, problem, code):
    at = ROWS - 10
    summary, snapshot, issues = import_rows(tmp_path, rows_with(problem, at))
    assert snapshot.header_mapping["reader"] == "careful"
    assert (summary.rows, summary.accepted, summary.rejected) == (ROWS + 1, ROWS, 1)
    # The header is line 1 and every row before the problem is one line.
    assert issues == [(str(at + 2), code)]


def test_the_lake_holds_accepted_rows_only_with_their_lines(db, tmp_path):
    bad = list(worker(nik="123").values())
    summary, snapshot, issues = import_rows(tmp_path, rows_with(bad, 5))
    assert issues == [("7", "nik_format")]
    data = snapshot.absolute_path / "data"
    assert sorted(p.name for p in data.iterdir()) == ["province_code=64"]
    count, lines, last, has_seven = duckdb.sql(
        f"SELECT count(*), count(DISTINCT source_row), max(source_row), "
        f"bool_or(source_row = 7) FROM read_parquet('{data}/**/*.parquet')"
    ).fetchall()[0]
    assert (count, lines, last, has_seven) == (ROWS, ROWS, ROWS + 2, False)
