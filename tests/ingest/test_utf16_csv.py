"""A CSV saved as Excel's "Unicode text" (UTF-16 with a BOM, tabs, CRLF) is read like any
other, in either byte order and with tabs or commas, not refused as binary."""

from __future__ import annotations

import pytest

from pantau.ingest.readers import preview
from tests.ingest.files import ANDI, RINA, SITI, issues_of, workers
from tests.ingest.hostile import excel_unicode_text

ROWS = [
    ["DAFTAR PEGAWAI NON ASN"],
    ["NIK", "Nama", "Jenis Kelamin", "Kode Wilayah"],
    [SITI, "Siti Ñurâ€™aini", "P", "64.02.05"],
    [ANDI, "Andi Pratama", "L", "64.02.05"],
    [RINA, "Rina 𝓦ulandari", "L", "64.02.05"],  # a character outside the BMP; sex is wrong
]


@pytest.mark.parametrize("big_endian", [False, True], ids=["le", "be"])
@pytest.mark.parametrize("delimiter", ["\t", ","], ids=["tab", "comma"])
def test_utf16_lists_are_imported_with_the_lines_people_see(db, tmp_path, big_endian, delimiter):
    path = excel_unicode_text(
        tmp_path / "daftar.txt", ROWS, big_endian=big_endian, delimiter=delimiter
    )
    summary = workers(path)
    assert (summary.rows, summary.accepted, summary.rejected) == (3, 2, 1)
    [issue] = issues_of(summary)
    assert (issue["baris"], issue["kolom"], issue["kode"]) == ("5", "sex", "nik_sex_mismatch")
    assert issue["nama"] == "Rina 𝓦ulandari"


@pytest.mark.parametrize("big_endian", [False, True], ids=["le", "be"])
def test_utf16_preview_shows_the_names_as_written(tmp_path, big_endian):
    path = excel_unicode_text(tmp_path / "daftar.txt", ROWS, big_endian=big_endian)
    found = preview(path, "workers", limit=2)
    assert found.header.row_index == 1
    assert [row["name"] for row in found.sample] == ["Siti Ñurâ€™aini", "Andi Pratama"]
    assert found.rows_estimate == 3


def test_a_utf16_workforce_table_is_read(db, tmp_path):
    from pantau.engine.workforce import read_records

    rows = [["kode_wilayah", "tahun", "penduduk_bekerja", "sumber"],
            ["64", "2024", "1.900.000", "BPS"]]  # fmt: skip
    records = read_records(excel_unicode_text(tmp_path / "angkatan.txt", rows))
    assert [cells for _, cells in records][1] == ["64", "2024", "1.900.000", "BPS"]
