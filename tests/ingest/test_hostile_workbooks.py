"""Workbooks built to hurt (a cell at XFD1048576, a zip bomb) are refused in one line
before python-calamine opens them; workbooks that only look odd (a `<dimension>` that
lies, empty formatted cells far away, cells without references) are read by their data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from pantau.ingest import workbooks
from pantau.ingest.readers import preview
from pantau.ingest.types import FileRejected
from tests.ingest.files import ANDI, SITI, workers
from tests.ingest.hostile import (
    WORKBOOK_RELS,
    far_cell_workbook,
    shared_strings_workbook,
    sheet_xml,
    understated_workbook,
    write_workbook,
    zip_bomb_workbook,
)

HEADER = ["NIK", "Nama", "Kode Wilayah"]
PEOPLE = [HEADER, [SITI, "Siti Aminah", "64.02.05"], [ANDI, "Andi Pratama", "64.02.05"]]


def refusal(path, **options) -> FileRejected:
    with pytest.raises(FileRejected) as refused:
        workers(path, **options)
    return refused.value


def test_tiny_files_that_abort_calamine_exit_2_in_one_line(tmp_path):
    """In a real process: calamine's abort (exit 134, a Rust backtrace) cannot be caught.
    A 1.6 KB file with a cell at XFD1048576 asked for 512 GiB; a string table declaring
    4,000,000,000 strings for 96 GB."""
    far = far_cell_workbook(tmp_path / "kecil.xlsx", PEOPLE)
    strings = shared_strings_workbook(tmp_path / "teks.xlsx", PEOPLE, 4_000_000_000)
    assert far.stat().st_size < 2048 and strings.stat().st_size < 2048
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(tmp_path / "data")
    subprocess.run([sys.executable, "-m", "pantau", "migrate", "-v0"], env=env, check=True)
    errors = []
    for path in (far, strings):
        done = subprocess.run(
            [sys.executable, "-m", "pantau", "import", "members", str(path), "--as-of", "2025-06"],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr[-2000:]
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
        errors.append(done.stderr)
    assert "XFD1048576" in errors[0]
    assert "1,048,576 baris dan 1,024 kolom" in errors[0]  # the limits, in both languages
    assert "1,048,576 rows and 1,024 columns" in errors[0]
    assert "4,000,000,000" in errors[1] and "string table" in errors[1]


def test_the_far_cell_is_refused_by_the_import_and_the_preview(db, tmp_path):
    path = far_cell_workbook(tmp_path / "kecil.xlsx", PEOPLE)
    assert refusal(path).code == "xlsx_cell_out_of_bounds"
    with pytest.raises(FileRejected) as refused:
        preview(path, "workers")
    assert refused.value.code == "xlsx_cell_out_of_bounds"


def test_a_stray_cell_inside_the_limits_that_spans_too_many_cells_is_refused(db, tmp_path):
    # Z900000: 900,000 rows × 26 columns, 23.4 million grid cells (about 750 MB).
    path = far_cell_workbook(tmp_path / "jauh.xlsx", PEOPLE, "Z900000")
    refused = refusal(path)
    assert refused.code == "xlsx_too_many_cells"
    assert "Z900000" in refused.message_id and "20,000,000" in refused.message_en


def test_a_zip_bomb_is_refused_before_it_is_inflated(db, tmp_path):
    path = zip_bomb_workbook(tmp_path / "bom.xlsx", PEOPLE, megabytes=64)
    assert path.stat().st_size < 1 << 20
    refused = refusal(path)
    assert refused.code == "xlsx_zip_bomb"
    assert "xl/media/padding.bin" in refused.message_id


def test_too_many_parts_and_too_much_inflated_data_are_refused(db, tmp_path, monkeypatch):
    path = write_workbook(
        tmp_path / "bagian.xlsx",
        sheet_xml(PEOPLE),
        {f"xl/media/{number}.txt": b"x" for number in range(40)},
    )
    monkeypatch.setattr(workbooks, "MAX_ENTRIES", 20)
    assert refusal(path).code == "xlsx_too_many_parts"
    monkeypatch.setattr(workbooks, "MAX_ENTRIES", 10_000)
    monkeypatch.setattr(workbooks, "MAX_UNCOMPRESSED_BYTES", 1024)
    assert refusal(path).code == "xlsx_too_large"


@pytest.mark.parametrize("reference", ["A99999999999", "ABCDE1", "zz1"])
def test_references_no_writer_makes_are_refused(db, tmp_path, reference):
    path = far_cell_workbook(tmp_path / "a.xlsx", PEOPLE, reference)
    assert refusal(path).code == "xlsx_cell_out_of_bounds"


def test_a_dimension_that_claims_the_whole_sheet_is_read_by_data(db, tmp_path):
    path = write_workbook(tmp_path / "a.xlsx", sheet_xml(PEOPLE, dimension="A1:XFD1048576"))
    summary = workers(path)
    assert (summary.rows, summary.accepted) == (2, 2)


def test_a_dimension_that_claims_too_little_is_read_by_data(db, tmp_path):
    rows = [*PEOPLE, [], [], [SITI.replace("0001", "0004"), "Siti Lain", "64.02.05"]]
    path = write_workbook(tmp_path / "a.xlsx", sheet_xml(rows, dimension="A1:A1"))
    summary = workers(path)
    assert (summary.rows, summary.accepted) == (3, 3)


def test_empty_formatted_cells_far_away_are_no_data(db, tmp_path):
    # Excel writes formatting without a value as `<c r=… s=…/>`; calamine skips it.
    empty = '<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    path = write_workbook(tmp_path / "a.xlsx", sheet_xml(PEOPLE, extra=empty))
    assert workers(path).accepted == 2


def test_cells_without_references_count_where_they_land(db, tmp_path, monkeypatch):
    """A writer may leave out `r`: each such cell is the next column of its row."""
    unreferenced = "<row>" + "<c><v>1</v></c>" * 40 + "</row>"
    path = write_workbook(tmp_path / "a.xlsx", sheet_xml(PEOPLE, extra=unreferenced))
    assert workers(path).accepted == 2
    monkeypatch.setattr(workbooks, "MAX_COLUMNS", 30)
    assert refusal(path).code == "xlsx_cell_out_of_bounds"


def test_a_real_string_table_is_read(db, tmp_path):
    path = shared_strings_workbook(tmp_path / "a.xlsx", PEOPLE, 7)
    assert workers(path).accepted == 2


def test_a_sheet_the_workbook_names_oddly_is_scanned_wherever_it_is(db, tmp_path):
    """A relationship target this module does not resolve: every XML part is scanned."""
    odd = WORKBOOK_RELS.replace(
        'Target="worksheets/sheet1.xml"', 'Target="/xl/./worksheets/sheet1.xml"'
    )
    path = far_cell_workbook(tmp_path / "a.xlsx", PEOPLE)
    write_workbook(path, zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode(),
                   {"xl/_rels/workbook.xml.rels": odd})  # fmt: skip
    assert refusal(path).code == "xlsx_cell_out_of_bounds"


def test_a_sheet_the_workbook_names_but_lacks_is_refused_in_one_line(db, tmp_path):
    missing = WORKBOOK_RELS.replace('Target="worksheets/sheet1.xml"', 'Target="worksheets/x.xml"')
    path = write_workbook(
        tmp_path / "a.xlsx", sheet_xml(PEOPLE), {"xl/_rels/workbook.xml.rels": missing}
    )
    refused = refusal(path)
    assert refused.code == "unreadable_file" and "XLSX" in refused.message_en


def test_a_part_that_holds_more_than_it_declares_is_refused(db, tmp_path):
    """Python's zip reader stops at the declared size; calamine's reads the whole part."""
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    path = understated_workbook(tmp_path / "a.xlsx", PEOPLE, far)
    refused = refusal(path)
    assert refused.code == "unreadable_file" and "larger than declared" in refused.message_en


def test_the_wizard_shows_the_refusal_and_the_server_lives_on(kukar, tmp_path):
    from tests.ingest.wizard import upload

    path = far_cell_workbook(tmp_path / "kecil.xlsx", PEOPLE)
    response = upload(kukar, path)
    assert response.status_code == 302
    page = kukar.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "XFD1048576" in html and "Hapus sel yang tersasar" in html
