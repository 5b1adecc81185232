"""Files as people make them: encodings, separators, title rows, spreadsheets, Parquet, junk."""

from __future__ import annotations

import csv
import datetime

import pytest

from pantau.ingest.importer import import_file
from pantau.ingest.types import FileRejected, ImportRequest
from tests.ingest.files import (
    ANDI,
    INDONESIAN_HEADER,
    SITI,
    WORKER_HEADER,
    issues_of,
    people_sheet_rows,
    worker,
    workers,
    write_csv,
    write_xlsx,
)


def test_title_rows_running_number_blank_rows_and_a_totals_row(db, tmp_path):
    path = tmp_path / "daftar.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["DAFTAR PEGAWAI NON ASN KABUPATEN KUTAI KARTANEGARA TAHUN 2025"])
        writer.writerow([])
        writer.writerow(INDONESIAN_HEADER)
        rows = people_sheet_rows()
        writer.writerow(rows[0])
        writer.writerow([])
        writer.writerow(rows[1])
        writer.writerow(rows[2])
        writer.writerow(["", "", "JUMLAH", "", "", "", "", "7.000.000"])
    summary = workers(path)
    assert (summary.rows, summary.accepted, summary.rejected) == (3, 3, 0)
    assert summary.skipped_rows == 1  # the totals row; blank lines never become rows
    assert summary.header["birth_date"] == "Tanggal Lahir"
    assert summary.ignored_columns == ["No"]


def test_row_numbers_are_the_lines_people_see(db, tmp_path):
    path = tmp_path / "daftar.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Judul"])
        writer.writerow(WORKER_HEADER)
        writer.writerow(list(worker().values()))
        writer.writerow([])
        writer.writerow([])
        bad = worker(nik=ANDI, name="Andi\nPratama", birth_date="1985-03-12", sex="X")
        writer.writerow(list(bad.values()))  # a line break inside a quoted cell
        writer.writerow(list(worker(nik="123").values()))
    summary = workers(path)
    assert [(i["baris"], i["kode"]) for i in issues_of(summary)] == [
        ("6", "sex_invalid"),
        ("8", "nik_format"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_separators(db, tmp_path, encoding, delimiter):
    rows = [worker(name="José Sébastien Müller"), worker(nik=ANDI, name="Andi", sex="L",
                                                         birth_date="1985-03-12")]  # fmt: skip
    path = write_csv(tmp_path / "w.csv", rows, delimiter=delimiter, encoding=encoding)
    summary = workers(path)
    assert summary.accepted == 2


def test_names_survive_windows_1252(db, tmp_path, settings):
    path = write_csv(tmp_path / "w.csv", [worker(name="Nurâ€™aini Ñoño")], encoding="cp1252")
    request = ImportRequest(path=path, kind="workers", pemda_code="64.02", category="non_asn",
                            year=2025)  # fmt: skip
    summary = import_file(request)
    import duckdb

    from pantau.lake.models import Snapshot

    snapshot = Snapshot.objects.get(pk=summary.snapshot)
    names = duckdb.sql(
        f"SELECT name FROM read_parquet('{snapshot.absolute_path}/data/**/*.parquet')"
    ).fetchall()
    assert names == [("Nurâ€™aini Ñoño",)]


def test_xlsx_with_real_dates_numbers_and_a_nik_stored_as_number(db, tmp_path):
    rows = [
        [1, SITI, "Siti Aminah", datetime.date(1990, 7, 5), "P", "64.02.05.2001", "Staf", 3500000],
        [2, 6402051203850002, "Andi", datetime.date(1985, 3, 12), "L", 6402052001, "Staf", 3500000],
        [None, None, "JUMLAH", None, None, None, None, 7000000],
    ]
    summary = workers(write_xlsx(tmp_path / "w.xlsx", rows))
    assert (summary.rows, summary.accepted, summary.rejected, summary.skipped_rows) == (2, 1, 1, 1)
    [issue] = issues_of(summary)
    assert (issue["baris"], issue["kode"]) == ("5", "nik_excel_mangled")
    assert "Excel" in issue["pesan"]


def test_xlsx_sheet_option_and_unknown_sheet(db, tmp_path):
    path = write_xlsx(tmp_path / "w.xlsx", [[1, SITI, "Siti", None, "P", "64.02.05", "", ""]])
    assert workers(path, sheet="Pegawai").accepted == 1
    with pytest.raises(FileRejected) as rejected:
        workers(path, sheet="Tidak Ada")
    assert rejected.value.code == "sheet_not_found"
    assert "Pegawai" in rejected.value.message_id


def test_header_row_override(db, tmp_path):
    rows = [[SITI, "Siti", "1990-07-05", "P", "64.02.05.2001"]]
    header = ["nik", "name", "birth_date", "sex", "region_code"]
    path = write_xlsx(tmp_path / "w.xlsx", rows, header=header)
    assert workers(path, header_row=3).accepted == 1


def test_parquet_input(db, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "NIK": [SITI, ANDI], "Nama": ["Siti", "Andi"], "kode_wilayah": ["64.02.05", "64.02"],
        "tanggal_lahir": [datetime.date(1990, 7, 5), datetime.date(1985, 3, 12)],
        "upah": [3500000, -1],
    })  # fmt: skip
    path = tmp_path / "w.parquet"
    pq.write_table(table, path)
    summary = workers(path)
    assert (summary.accepted, summary.rejected) == (1, 1)
    assert issues_of(summary)[0]["kode"] == "amount_negative"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"   \n\n", "empty_file"),
        (bytes(range(256)) * 40, "unreadable_file"),
        (b"\x00\x01\x02binary\x00" * 100, "unreadable_file"),
        (b"PK\x03\x04 not really a workbook", "unreadable_file"),
        (b"PAR1 not really parquet", "unreadable_file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", "xls_not_supported"),
        (b"a,b,c\n1,2,3\n", "header_not_found"),
        (b"nik,jabatan\n6402054507900001,Staf\n", "missing_column"),  # no name
    ],
)
def test_files_that_cannot_be_imported_are_refused_whole(db, tmp_path, content, code):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(FileRejected) as rejected:
        workers(path)
    assert rejected.value.code == code
    assert rejected.value.message_id and rejected.value.message_en


def test_missing_column_is_named(db, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("nik,jabatan\n6402054507900001,Staf\n")
    with pytest.raises(FileRejected) as rejected:
        workers(path)
    assert "name" in rejected.value.message_id


def test_a_very_long_line_rejects_that_row_not_the_file(db, tmp_path):
    rows = [worker(name="A" * 200_000), worker(nik=ANDI, name="Andi", sex="L",
                                                birth_date="1985-03-12")]  # fmt: skip
    summary = workers(write_csv(tmp_path / "w.csv", rows))
    assert (summary.accepted, summary.rejected) == (1, 1)
    assert issues_of(summary)[0]["kode"] == "too_long"


def test_formula_cells_are_refused_and_neutralised_in_the_report(db, tmp_path):
    summary = workers(write_csv(tmp_path / "w.csv", [worker(name="=cmd|' /C calc'!A0")]))
    [issue] = issues_of(summary)
    assert issue["kode"] == "formula"
    assert issue["nilai"].startswith("'=")  # a spreadsheet shows it as text
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(summary.errors_xlsx).get_sheet_by_index(0).to_python()
    assert sheet[1][6] == "'=cmd|' /C calc'!A0"
