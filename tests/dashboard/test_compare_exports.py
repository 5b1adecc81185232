"""The comparison downloads as XLSX (values and change sheets, rates as rates, persons and
Rupiah as whole numbers, points with one decimal) and CSV (ISO months, for programs)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.dashboard.compare_world import cell_format, cell_type, publish_kalimantan

URL = reverse("dashboard:compare")
QUERY = {"wilayah": ["64", "65"], "bulan": ["2022-07", "2021-07"],
         "indikator": ["ucj", "active_members", "gap_cost"]}  # fmt: skip


@pytest.fixture
def world(db):
    publish_kalimantan()


def test_xlsx_cells_have_their_kinds(client_as, world):
    response = client_as("viewer").get(URL, {**QUERY, "unduh": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="pantau-bandingkan-2022-07.xlsx"')
    content = response.content
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    assert book.sheet_names == ["Nilai", "Perubahan", "Keterangan"]
    values = book.get_sheet_by_index(0).to_python()
    assert values[0] == ["Kode", "Wilayah", "Bulan", "Cakupan UCJ", "Peserta aktif",
                         "Biaya menutup celah"]  # fmt: skip
    assert values[1][:3] == ["64", "Kalimantan Timur", "Juli 2022"]
    assert values[1][3] == pytest.approx(2_128 / 3_176)
    assert values[1][4:] == [2_128, 3_600_000]  # both lists of the province
    assert [row[2] for row in values[1:]] == ["Juli 2022", "Juli 2021"] * 2
    assert cell_format(content, 1, "D2") == "0.0%"  # a rate
    assert cell_format(content, 1, "E2") == "#,##0"  # persons, whole
    assert cell_format(content, 1, "F2") == "#,##0"  # Rupiah, whole
    assert cell_type(content, 1, "A2") == "s"  # codes stay text
    change = book.get_sheet_by_index(1).to_python()
    assert change[0] == ["Kode", "Wilayah", "Cakupan UCJ: perubahan (poin)",
                         "Peserta aktif: perubahan", "Biaya menutup celah: perubahan"]  # fmt: skip
    assert change[1][2] == pytest.approx(128 / 3_176 * 100)
    assert change[1][3:] == [128, 0]
    assert change[2][3:] == [57, -500_000]
    assert cell_format(content, 2, "C2") == "0.0"  # percentage points, one decimal
    notes = dict(book.get_sheet_by_index(2).to_python())
    assert notes["Perubahan"] == "Juli 2021 → Juli 2022"


def test_csv_values_and_change(client_as, world):
    client = client_as("viewer")
    response = client.get(URL, {**QUERY, "unduh": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert [(row["Kode"], row["Bulan"]) for row in rows] == [
        ("64", "2022-07"), ("64", "2021-07"), ("65", "2022-07"), ("65", "2021-07")]  # fmt: skip
    assert rows[2]["Cakupan UCJ"] == "51.0" and rows[2]["Peserta aktif"] == "357"
    change = client.get(URL, {**QUERY, "unduh": "csv", "tabel": "perubahan"})
    assert change["Content-Disposition"].endswith('pantau-bandingkan-2022-07-perubahan.csv"')
    rows = list(csv.DictReader(io.StringIO(change.content.decode("utf-8").lstrip("\ufeff"))))
    assert rows[1] == {"Kode": "65", "Wilayah": "Kalimantan Utara",
                       "Cakupan UCJ: perubahan (poin)": "8.1", "Peserta aktif: perubahan": "57",
                       "Biaya menutup celah: perubahan": "-500000"}  # fmt: skip


def test_one_month_has_no_change_sheet(client_as, world):
    response = client_as("viewer").get(URL, {**QUERY, "bulan": "2022-06", "unduh": "xlsx"})
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Nilai", "Keterangan"]
