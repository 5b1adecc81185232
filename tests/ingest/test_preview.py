"""The wizard's preview reads only the head of a file, whatever its size."""

from pantau.ingest.readers import preview
from tests.ingest.files import ANDI, INDONESIAN_HEADER, SITI, write_xlsx


def test_xlsx_preview_finds_header_samples_and_estimates_rows(db, tmp_path):
    rows = [[i, SITI if i % 2 else ANDI, f"Nama {i}", "", "", "64.02.05", "", ""]
            for i in range(1, 2001)]  # fmt: skip
    found = preview(write_xlsx(tmp_path / "w.xlsx", rows), "workers", limit=3)
    assert found.header.row_index == 2  # below the title row and a blank row
    assert found.header.canonical["region_code"] == "Kode Wilayah"
    assert found.header.ignored == ["No"]
    assert [row["name"] for row in found.sample] == ["Nama 1", "Nama 2", "Nama 3"]
    assert found.sample[0]["nik"] == SITI
    assert found.rows_estimate == 2000
    assert INDONESIAN_HEADER[0] == "No"


def test_preview_of_a_numeric_nik_cell_shows_it_as_excel_does(db, tmp_path):
    rows = [[1, 6402054507900001, "Siti", "", "", "64.02.05", "", ""]]
    found = preview(write_xlsx(tmp_path / "w.xlsx", rows), "workers")
    assert found.sample[0]["nik"] == "6.40205E+15"
