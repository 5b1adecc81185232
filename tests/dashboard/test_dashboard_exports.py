"""Every dashboard table downloads as CSV and XLSX: whole numbers, shares, the same rows."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from tests.dashboard.coverage_data import publish


@pytest.fixture
def numbers(db):
    publish("2022-06", members={"64": (2_000, 3_176)},
            lists={("64.02", "non_asn"): (80, 50, 10, 20, 2_000_000)})  # fmt: skip
    publish("2022-07", members={"64": (2_128, 3_176)},
            lists={("64.02", "non_asn"): (80, 60, 8, 12, 1_234_567)})  # fmt: skip


def rows_of_csv(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_children_csv(client_as, numbers):
    response = client_as("viewer").get(reverse("dashboard:region", args=["64"]), {"unduh": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="pantau-64-wilayah-2022-07.csv"'
    rows = rows_of_csv(response)
    assert len(rows) == 10
    kukar = next(row for row in rows if row["Kode"] == "64.02")
    assert kukar["Nama"] == "Kabupaten Kutai Kartanegara"
    assert kukar["Biaya menutup celah setahun (Rp)"] == "1234567"
    assert kukar["Cakupan daftar"] == "75.0"
    assert kukar["Peringkat"] == "1"


def test_trend_xlsx(client_as, numbers):
    response = client_as("viewer").get(
        reverse("dashboard:region", args=["64"]), {"unduh": "xlsx", "tabel": "tren"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    sheet = book.get_sheet_by_index(0).to_python()
    header, june, july = sheet[0], sheet[1], sheet[2]
    assert header[0] == "Bulan"
    assert (june[0], july[0]) == ("Juni 2022", "Juli 2022")  # people read the workbook
    ucj = header.index("Cakupan UCJ")
    assert round(july[ucj], 4) == round(2_128 / 3_176, 4)
    assert "Keterangan" in book.sheet_names


def test_the_trend_csv_keeps_iso_months_for_programs(client_as, numbers):
    response = client_as("viewer").get(
        reverse("dashboard:region", args=["64"]), {"unduh": "csv", "tabel": "tren"}
    )
    assert [row["Bulan"] for row in rows_of_csv(response)] == ["2022-06", "2022-07"]


def test_the_export_follows_the_chosen_month_and_category(client_as, numbers):
    response = client_as("viewer").get(
        reverse("dashboard:region", args=["64"]),
        {"unduh": "csv", "bulan": "2022-06", "kategori": "non_asn"},
    )
    kukar = next(row for row in rows_of_csv(response) if row["Kode"] == "64.02")
    assert kukar["Biaya menutup celah setahun (Rp)"] == "2000000"


def test_a_print_button_and_download_links_are_on_the_page(client_as, numbers):
    html = client_as("viewer").get(reverse("dashboard:region", args=["64"])).content.decode()
    assert "data-print" in html
    assert 'data-testid="children-xlsx"' in html and "unduh=csv" in html
