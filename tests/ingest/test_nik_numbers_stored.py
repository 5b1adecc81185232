"""Lists and membership extracts store each accepted NIK's number beside its text
(`nik_number`, what the reconciliation joins on), whichever writer wrote the files, and the
catalog says so (`Snapshot.nik_numbers`)."""

from __future__ import annotations

import datetime

import duckdb
import pytest

from pantau.ingest import importer
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from tests.ingest.files import member, worker, write_csv

JULY = datetime.date(2022, 7, 1)


def nik(serial: int) -> str:
    """A valid NIK of Muara Badak (64.02.05), a woman born on 1 July 1990."""
    return f"640205410790{serial:04d}"


def stored(snapshot: Snapshot) -> list[tuple]:
    files = f"{snapshot.absolute_path}/data/**/*.parquet"
    con = duckdb.connect()
    try:
        return con.execute(
            f"SELECT nik, nik_number FROM read_parquet('{files}') ORDER BY source_row"
        ).fetchall()
    finally:
        con.close()


@pytest.fixture(params=["DuckDB's COPY", "pyarrow"])
def writer(request, monkeypatch):
    """Small files are written by DuckDB's COPY, larger ones by pyarrow (`validation.write`)."""
    if request.param == "pyarrow":
        monkeypatch.setattr(importer, "SMALL_FILE_BYTES", 0)


def test_an_extract_stores_the_number_of_every_accepted_nik(db, tmp_path, writer):
    rows = [member(nik=nik(n), birth_date="1990-07-01", region_code="64.02") for n in (1, 2, 3)]
    rows.append(member(nik="64020541079O0004"))  # a letter O: rejected, not stored
    summary = import_file(ImportRequest(path=write_csv(tmp_path / "m.csv", rows),
                                        kind="members", as_of=JULY))  # fmt: skip
    snapshot = Snapshot.objects.get(pk=summary.snapshot)
    assert (summary.accepted, summary.rejected) == (3, 1)
    assert snapshot.nik_numbers
    assert stored(snapshot) == [(nik(n), int(nik(n))) for n in (1, 2, 3)]


def test_a_list_stores_the_numbers_too(db, tmp_path, writer):
    rows = [worker(nik=nik(n), birth_date="1990-07-01") for n in (7, 8)]
    request = ImportRequest(path=write_csv(tmp_path / "w.csv", rows), kind="workers",
                            pemda_code="64.02", category="non_asn", year=2025)  # fmt: skip
    snapshot = Snapshot.objects.get(pk=import_file(request).snapshot)
    assert snapshot.nik_numbers
    assert stored(snapshot) == [(nik(7), int(nik(7))), (nik(8), int(nik(8)))]
