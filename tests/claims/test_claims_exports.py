"""Downloads of the claims page: the totals (XLSX: programmes, months, child regions and a
note; CSV: one table) and the flagged claims, whole Rupiah, words in the user's language."""

from __future__ import annotations

import csv
import io

import pytest
from python_calamine import CalamineWorkbook

from tests.engine.claims_world import BASIS, A

pytestmark = pytest.mark.usefixtures("claims_world")


def sheets(content: bytes) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_totals_xlsx(client_as):
    response = client_as("viewer").get("/wilayah/64/klaim/?dari=2022-06&sampai=2022-07&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="klaim-64-2022-06_2022-07.xlsx"'
    )
    book = sheets(response.content)
    assert list(book) == ["Program", "Per bulan", "Wilayah di bawahnya", "Keterangan"]
    assert book["Program"][0][:3] == ["Program", "Nama program", "Jumlah klaim"]
    assert [row[:7] for row in book["Program"][1:]] == [
        ["JKK", "Jaminan Kecelakaan Kerja", 2, 8_000_000, 1, 3_000_000, 2],
        ["JKM", "Jaminan Kematian", 1, 42_000_000, 1, 42_000_000, 0],
        ["JHT", "Jaminan Hari Tua", 1, 10_000_000, 0, 0, 1],
    ]
    assert [row[0] for row in book["Per bulan"][1:]] == ["Juni 2022", "Juli 2022"]
    assert [row[:3] for row in book["Wilayah di bawahnya"][1:]] == [
        ["64.02", "Kabupaten Kutai Kartanegara", 3], ["64.71", "Kota Balikpapan", 1],
    ]  # fmt: skip
    notes = dict((row[0], row[1]) for row in book["Keterangan"] if len(row) > 1)
    assert notes["Wilayah"] == "64 Kalimantan Timur" and notes["Dari bulan"] == "Juni 2022"


@pytest.mark.parametrize(
    ("table", "first"),
    [
        ("program", ["JKK", "Jaminan Kecelakaan Kerja", "2", "8000000", "1", "3000000", "2"]),
        ("bulan", ["Juni 2022", "1", "42000000", "1", "42000000", "0"]),
        ("wilayah", ["64", "Kalimantan Timur", "4", "60000000", "2", "45000000", "3"]),
    ],
)
def test_totals_csv_one_table(client_as, table, first):
    response = client_as("viewer").get(f"/klaim/?format=csv&tabel={table}")
    rows = csv_rows(response.content)
    assert rows[1] == first
    assert response["Content-Disposition"] == 'attachment; filename="klaim-ID.csv"'


def test_flagged_xlsx_with_reasons_and_basis(client_as):
    response = client_as("pemda", "64.02").get("/wilayah/64.02/klaim/?format=xlsx&tabel=ditandai")
    assert response.status_code == 200
    book = sheets(response.content)
    rows = book["Klaim ditandai"]
    assert rows[0][:3] == ["Nomor klaim", "NIK", "Nama"]
    k5 = next(row for row in rows if row[0] == "K5")
    assert k5[1] == A  # a regency officer of the region: whole NIK
    assert k5[7:9] == [3_000_000, 2_500_000]
    assert k5[10] == "Jumlah dibayar berbeda dari ketentuan"
    assert k5[13] == "APBD provinsi"
    notes = dict((row[0], row[1]) for row in book["Keterangan"] if len(row) > 1)
    assert notes["NIK"] == "lengkap"


def test_the_basis_follows_the_language():
    from django.utils import translation

    from pantau.claims.exports import basis_in_language

    with translation.override("id"):
        assert basis_in_language(BASIS) == BASIS
    with translation.override("en"):
        english = basis_in_language(BASIS)
    assert english != BASIS and "PP 82/2019" in english
