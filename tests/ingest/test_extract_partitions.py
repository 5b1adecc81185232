"""A membership extract's province partitions as pyarrow writes them (files of 1 MB or more,
`importer.SMALL_FILE_BYTES`; here every file): rows of many provinces mixed in the file,
each partition's rows in the file's order, statistics only where readers use them, and
repeated NIKs found across partitions."""

from __future__ import annotations

import datetime

import duckdb
import pyarrow.parquet as pq
import pytest

from pantau.ingest import importer, partitions
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest, ImportSummary
from pantau.lake.models import Snapshot
from tests.ingest.files import issues_of, member, write_csv

# Regencies and cities of four provinces, as a national extract mixes them row by row.
WORK_REGIONS = ("64.02", "32.01", "64.71", "35.07", "32.73", "11.01", "35.78")


@pytest.fixture(autouse=True)
def written_by_pyarrow(monkeypatch):
    monkeypatch.setattr(importer, "SMALL_FILE_BYTES", 0)


def nik(serial: int) -> str:
    """A valid NIK of Muara Badak (64.02.05): a woman (the day plus 40) born on the 1st to
    9th of July 1990, as the example row's sex and birth date say."""
    return f"6402054{serial % 9 + 1}0790{serial:04d}"


def person(serial: int, region_code: str, **changes) -> dict[str, str]:
    """The example member row for the person of `nik(serial)`, working in `region_code`."""
    return member(nik=nik(serial), birth_date=f"1990-07-{serial % 9 + 1:02d}",
                  region_code=region_code, **changes)  # fmt: skip


def extract(tmp_path, rows) -> tuple[ImportSummary, Snapshot]:
    path = write_csv(tmp_path / "members.csv", rows)
    summary = import_file(ImportRequest(path=path, kind="members", as_of=datetime.date(2022, 7, 1)))
    return summary, Snapshot.objects.get(pk=summary.snapshot)


def partition_rows(snapshot: Snapshot) -> dict[str, list[tuple[int, str, str]]]:
    found = {}
    for directory in sorted((snapshot.absolute_path / "data").iterdir()):
        [file] = directory.glob("*.parquet")
        table = pq.read_table(file, columns=["source_row", "nik", "region_code"])
        found[directory.name.split("=", 1)[1]] = list(
            zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True)
        )
    return found


def test_each_province_holds_its_rows_in_the_files_order(db, tmp_path):
    rows = [person(n, WORK_REGIONS[(n * 3) % len(WORK_REGIONS)]) for n in range(1, 43)]
    summary, snapshot = extract(tmp_path, rows)
    assert (summary.accepted, summary.rejected) == (42, 0)
    expected: dict[str, list[tuple[int, str, str]]] = {}
    for line, row in enumerate(rows, start=2):
        province = row["region_code"][:2]
        expected.setdefault(province, []).append((line, row["nik"], row["region_code"]))
    assert partition_rows(snapshot) == expected
    assert sorted(snapshot.provinces) == ["11", "32", "35", "64"]


def test_statistics_only_for_the_columns_readers_filter_on(db, tmp_path):
    _summary, snapshot = extract(tmp_path, [person(n, "64.02") for n in range(1, 4)])
    [file] = (snapshot.absolute_path / "data").glob("*/*.parquet")
    metadata = pq.ParquetFile(file).metadata
    columns = {
        metadata.row_group(0).column(i).path_in_schema: metadata.row_group(0).column(i)
        for i in range(metadata.num_columns)
    }
    with_statistics = {name for name, column in columns.items() if column.is_stats_set}
    assert with_statistics == partitions.STATISTICS_COLUMNS & set(columns)
    assert {"nik", "region_code", "status", "paid_until"} <= with_statistics
    assert "name" not in with_statistics and "kpj" not in with_statistics


def test_a_nik_repeated_in_another_province_is_rejected_naming_the_first_row(db, tmp_path):
    rows = [person(n, WORK_REGIONS[n % len(WORK_REGIONS)]) for n in range(1, 9)]
    rows.append(person(3, "11.01", name="ORANG LAIN"))  # line 10
    rows.append(person(5, "35.07"))  # line 11
    summary, snapshot = extract(tmp_path, rows)
    assert (summary.accepted, summary.rejected) == (8, 2)
    assert [(i["baris"], i["kode"], i["nilai"]) for i in issues_of(summary)] == [
        ("10", "nik_duplicate", "4"),
        ("11", "nik_duplicate", "6"),
    ]
    kept = [row for rows in partition_rows(snapshot).values() for row in rows]
    assert sorted(line for line, _nik, _region in kept) == list(range(2, 10))


def test_a_national_extract_gets_row_groups_of_tens_of_thousands(tmp_path):
    """38 provinces mixed row by row: every partition's row groups but its last hold at
    least the rows held back over the provinces (`MAX_PENDING_ROWS` / 38), not the few
    thousand a smaller hold gave; a scan reads every row group (docs/benchmarks.md)."""
    con = duckdb.connect()
    provinces = 38
    rows = 2 * partitions.MAX_PENDING_ROWS
    sql = (f"SELECT i AS source_row, CAST(11 + i % {provinces} AS VARCHAR) AS province_code "
           f"FROM range({rows}) t(i)")  # fmt: skip
    directory = tmp_path / "data"
    partitions.write(con, sql, directory)
    sizes = []
    for file in sorted(directory.glob("*/*.parquet")):
        metadata = pq.ParquetFile(file).metadata
        sizes += [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups - 1)]
    assert len(list(directory.iterdir())) == provinces and sizes
    assert min(sizes) >= partitions.MAX_PENDING_ROWS // provinces >= 50_000
