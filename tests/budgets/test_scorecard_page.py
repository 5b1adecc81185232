"""`/peringkat/` and `/wilayah/<code>/peringkat/`: every signed-in user reads the ranking,
each row opens to its parts, and it downloads as XLSX and CSV."""

from __future__ import annotations

import csv
import io
import zipfile
from xml.etree import ElementTree

import pytest
from python_calamine import CalamineWorkbook

from tests.budgets.scorecard_world import kaltim_world

NATIONAL = "/peringkat/"
KALTIM = "/wilayah/64/peringkat/"


@pytest.fixture
def kaltim(make_user):
    kaltim_world(make_user("admin", "national", None, is_superuser=True))


def test_anonymous_users_are_sent_to_sign_in(client, db):
    for url in (NATIONAL, KALTIM, NATIONAL + "?format=xlsx"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("role", "region"), [("national", None), ("pemda", "65.01"),
                                              ("viewer", None), ("bpjs", "64.02")])  # fmt: skip
def test_every_signed_in_user_reads_the_national_ranking(client_as, kaltim, role, region):
    response = client_as(role, region).get(NATIONAL, {"tahun": "2025"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('data-testid="rank"') == 38
    # Kalimantan Timur first (10 + 14,4 + 18,8 points), Kalimantan Utara second (5 points).
    order = [page.index(f'data-code="{code}"') for code in ("64", "65", "11")]
    assert order == sorted(order)
    assert "<details>" in page and 'data-part="ucj_trend"' in page
    assert "/pemda/64/kepatuhan/" in page  # each Pemda links to its compliance record
    assert "/wilayah/64/peringkat/?tahun=2025" in page
    assert "Desember 2025" in page and "data belum ada" in page
    assert 'href="/peringkat/"' in page  # the navigation link


def test_a_pemda_user_reads_its_province_with_the_parts(client_as, kaltim):
    client = client_as("pemda", "64.02")
    page = client.get(KALTIM, {"tahun": "2025"}).content.decode()
    assert page.count('data-testid="rank"') == 11  # the government, then 10 ranked
    government, ranked = page.split('data-testid="rank"')[1:3]
    assert government.startswith(">–<") and ranked.startswith(">1<")
    assert "Kabupaten Kutai Kartanegara" in page and "/pemda/64.02/kepatuhan/" in page
    # The parts of Kukar's score, explained.
    assert "Peraturan Daerah (Perda)" in page
    assert "Dalam RKPD 2025: ya; dalam APBD 2025: ya." in page
    assert "pagu Rp500, kebutuhan Rp1.000" in page
    assert "3 dari 4 orang dalam daftar terlindungi" in page
    assert "UCJ 30,0 %: 300 peserta aktif ÷ 1.000 penduduk bekerja" in page
    assert "target 52,15 %" in page
    assert "12 bulan sebelumnya (Desember 2024): –" in page  # no refresh then: no trend


def test_a_regency_page_and_codes_without_dots(client_as, kaltim):
    client = client_as("viewer")
    response = client.get("/wilayah/6402/peringkat/", {"tahun": "2025"})
    assert response.status_code == 301
    assert response["Location"] == "/wilayah/64.02/peringkat/?tahun=2025"
    page = client.get("/wilayah/64.02/peringkat/", {"tahun": "2025"}).content.decode()
    assert page.count('data-testid="rank"') == 1
    assert "Peringkat di antara 10 kabupaten/kota di Kalimantan Timur" in page
    assert client.get("/wilayah/64.02.05/peringkat/").status_code == 404
    assert client.get("/wilayah/99/peringkat/").status_code == 404


def test_the_year_defaults_to_the_latest_year_with_data(client_as, kaltim):
    client = client_as("national")
    page = client.get(KALTIM).content.decode()
    assert '<option value="2025" selected>' in page
    page = client.get(KALTIM, {"tahun": "2022"}).content.decode()
    assert '<option value="2022" selected>' in page
    assert "Belum ada angka cakupan sampai akhir tahun ini" in page


def sheet_rows(content: bytes, index: int = 0) -> list[list]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return workbook.get_sheet_by_index(index).to_python()


def test_xlsx_of_the_national_ranking(client_as, kaltim):
    response = client_as("viewer").get(NATIONAL, {"tahun": "2025", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="peringkat-ID-2025.xlsx"' in response["Content-Disposition"]
    rows = sheet_rows(response.content)
    assert rows[0][:5] == ["Peringkat", "Kode", "Pemda", "Tingkat", "Skor (0–100)"]
    assert rows[0][5:12] == ["Regulasi (bobot 15)", "Perencanaan (RKPD, APBD) (bobot 10)",
                             "Anggaran (bobot 25)", "Cakupan daftar pekerja (bobot 20)",
                             "Cakupan UCJ (bobot 15)", "Tren UCJ 12 bulan (bobot 10)",
                             "Tindak lanjut monev tepat waktu (bobot 5)"]  # fmt: skip
    assert len(rows) == 1 + 38
    first = rows[1]
    assert first[:4] == [1, "64", "Kalimantan Timur", "Provinsi"]
    # No monev action was due: the follow-up part's whole weight.
    assert first[5:12] == [0, 10, 0, 15, pytest.approx(15 * 0.5 / 0.5215), 0, 5]
    assert first[4] == pytest.approx(sum(first[5:12]))
    assert first[12] == "Tren UCJ 12 bulan"  # the part without data
    assert rows[2][:3] == [2, "65", "Kalimantan Utara"]
    about = dict((label, value) for label, value in sheet_rows(response.content, 1))
    assert about["Tahun"] == "2025" and about["Bobot Anggaran"] == "25"


XML = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def number_format(content: bytes, cell: str) -> str:
    """The number format a cell of the first sheet is shown with, e.g. "0.0"."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    style = int(sheet.find(f".//x:c[@r='{cell}']", XML).get("s", 0))
    format_id = styles.find("x:cellXfs", XML)[style].get("numFmtId")
    custom = styles.find(f"x:numFmts/x:numFmt[@numFmtId='{format_id}']", XML)
    return custom.get("formatCode") if custom is not None else format_id


def test_xlsx_scores_are_numbers_shown_with_their_decimals(client_as, kaltim):
    content = client_as("viewer").get(KALTIM, {"tahun": "2025", "format": "xlsx"}).content
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    assert workbook.sheet_names == ["Peringkat", "Keterangan"]
    row = sheet_rows(content)[2]  # Kutai Kartanegara, rank 1
    assert row[4] == pytest.approx(sum(row[5:12])) and isinstance(row[4], float)
    assert row[9] == pytest.approx(15 * 300 / 1000 / 0.5215)  # exact, not 8.63
    assert number_format(content, "E3") == "0.0"  # the score: one decimal
    assert number_format(content, "F3") == "0.00"  # each part's points: two
    assert number_format(content, "K3") == "0.00"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert 'xSplit="3" ySplit="1"' in sheet  # header and the Pemda's code and name stay


def test_xlsx_and_csv_of_a_province(client_as, kaltim):
    client = client_as("pemda", "64.71")
    rows = sheet_rows(client.get(KALTIM, {"tahun": "2025", "format": "xlsx"}).content)
    assert len(rows) == 1 + 1 + 10
    assert rows[1][:3] == ["", "64", "Kalimantan Timur"]  # the government: not ranked
    assert rows[2][:3] == [1, "64.02", "Kabupaten Kutai Kartanegara"]
    response = client.get(KALTIM, {"tahun": "2025", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="peringkat-64-2025.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(text[1:])))
    assert len(lines) == 1 + 1 + 10
    assert lines[2][:5] == ["1", "64.02", "Kabupaten Kutai Kartanegara", "Kabupaten", "66.1"]
    assert lines[2][5:12] == ["15.00", "10.00", "12.50", "15.00", "8.63", "0.00", "5.00"]
    assert lines[3][0] == "2" and lines[3][4] == "5.0"
