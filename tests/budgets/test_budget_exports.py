"""XLSX and CSV downloads of the budget pages: the page's rows, in its order, Rupiah as whole
numbers (never floats), CSV in UTF-8 with a BOM."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from python_calamine import CalamineWorkbook

from pantau.audit.models import AuditEvent
from pantau.budgets.allocations.services import record_allocation
from tests.budgets import test_budget_pages as pages
from tests.budgets.budget_files import entry
from tests.budgets.pages_world import YEAR, allocate, listed, pemda_url, region_url

# The pages' fixtures: the same data, downloaded instead of shown.
kaltim = pages.kaltim
kukar_history = pages.kukar_history

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(client, url: str, content_type: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="anggaran-')
    return response.content


def sheets(content: bytes) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def numbers_in_xml(content: bytes, sheet: int) -> list[str]:
    """The raw `<v>` of every number cell of a sheet (strings are `t="s"`)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read(f"xl/worksheets/sheet{sheet}.xml").decode()
    return re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?><v>([^<]+)</v></c>', xml)


def as_dicts(rows: list[list]) -> list[dict]:
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def test_the_province_xlsx_holds_the_page_rows_with_whole_rupiah(client_as, kaltim):
    client = client_as("viewer")
    content = download(client, region_url("64", tahun=YEAR, format="xlsx"), XLSX)
    book = sheets(content)
    assert list(book) == ["Anggaran 2025", "Keterangan"]
    rows = as_dicts(book["Anggaran 2025"])
    # The page's rows, in the page's order: not budgeted first.
    page = client.get(region_url("64", tahun=YEAR)).context["rows"]
    assert [(r["Kode"], r["Kategori"]) for r in rows] == [
        (row.code, str(row.category_label)) for row in page]  # fmt: skip
    assert [r["Kode"] for r in rows] == ["64.01", "64.71", "64.72", "64.01", "64", "64.02"]
    kukar = rows[-1]
    assert kukar["Pemda"] == "Kabupaten Kutai Kartanegara"
    assert (kukar["Kebutuhan (Rp)"], kukar["Pagu (Rp)"], kukar["Realisasi (Rp)"]) == (
        80_000_000, 2_500_000_000, 3_000_000_000)  # fmt: skip
    assert kukar["Tingkat realisasi (persen)"] == pytest.approx(1.2)
    assert kukar["Status"] == "Sudah menganggarkan"
    assert "pagu jauh di atas kebutuhan" in kukar["Catatan"]
    assert "realisasi melebihi pagu" in kukar["Catatan"]
    balikpapan = rows[1]  # no allocation: empty cells, not zeros
    assert (balikpapan["Pagu (Rp)"], balikpapan["Sasaran (orang)"]) == ("", "")
    assert rows[2]["Pagu (Rp)"] == 0  # Rp0 recorded
    # Money and persons are whole numbers in the file itself, not floats.
    for row in rows:
        for column in ("Kebutuhan (Rp)", "Pagu (Rp)", "Realisasi (Rp)", "Orang dalam daftar"):
            assert row[column] == "" or float(row[column]).is_integer(), (column, row)
    raw = numbers_in_xml(content, 1)
    assert "2500000000" in raw and "3000000000" in raw and "80000000" in raw
    assert all("E" not in value for value in raw)
    notes = dict(book["Keterangan"])
    assert notes["Wilayah"] == "64 Kalimantan Timur" and notes["Tahun anggaran"] == "2025"


def test_the_province_csv_has_a_bom_and_plain_numbers(client_as, kaltim):
    url = region_url("64", tahun=YEAR, format="csv")
    content = download(client_as("viewer"), url, "text/csv; charset=utf-8")
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row["Kode"] for row in rows] == ["64.01", "64.71", "64.72", "64.01", "64", "64.02"]
    kaltim_row = rows[4]
    columns = ("Pagu (Rp)", "Realisasi (Rp)", "Kebutuhan (Rp)", "Tingkat realisasi (persen)")
    assert [kaltim_row[c] for c in columns] == ["120000000", "90000000", "100000000", "75.0"]
    assert kaltim_row["Dokumen"] == "Pergub Kaltim 7/2025"
    assert kaltim_row["Status"] == "Sudah menganggarkan"
    assert rows[1]["Pagu (Rp)"] == "" and rows[1]["Status"] == "Belum menganggarkan"


def test_the_national_export(client_as, kaltim):
    content = download(client_as("viewer"), region_url(tahun=YEAR, format="csv"),
                       "text/csv; charset=utf-8")  # fmt: skip
    codes = [row["Kode"] for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))]
    assert sorted(codes) == ["64", "64.01", "64.01", "64.02", "64.71", "64.72", "65.01"]


def test_the_pemda_xlsx_has_its_years_and_its_whole_history(client_as, make_user,
                                                            kukar_history):  # fmt: skip
    officer = make_user("petugas-kukar", "pemda", "64.02")
    record_allocation(entry(pemda_code="64.02", category="rt_rw", year="2023",
                            amount="5000000"), user=officer)  # fmt: skip
    client = client_as("bpjs", "64.71")
    assert "petugas-kukar" in client.get(pemda_url("64.02")).content.decode()  # the page
    content = download(client, pemda_url("64.02", format="xlsx"), XLSX)
    book = sheets(content)
    assert list(book) == ["Anggaran", "Riwayat", "Keterangan"]
    years = as_dicts(book["Anggaran"])
    assert [(r["Tahun"], r["Kategori"]) for r in years] == [
        (2025, "Pegawai Non ASN"), (2025, "Pekerja rentan"), (2024, "Pegawai Non ASN"),
        (2023, "Ketua RT/RW")]  # fmt: skip
    assert (years[0]["Pagu (Rp)"], years[0]["Kebutuhan (Rp)"], years[0]["Tahap"]) == (
        95_000_000, 90_000_000, "APBD perubahan")  # fmt: skip
    assert years[1]["Kebutuhan (Rp)"] == "" and "kebutuhan belum diketahui" in years[1]["Catatan"]
    history = as_dicts(book["Riwayat"])
    assert len(history) == 6
    replaced = [r for r in history if r["Berlaku"] == "Diganti"]
    assert sorted(r["Pagu (Rp)"] for r in replaced) == [60_000_000, 61_000_000]
    assert all(r["Diganti oleh"].startswith("APBD perubahan") for r in replaced)
    assert {r["Pagu (Rp)"] for r in history if r["Berlaku"] == "Berlaku"} == {
        70_000_000, 95_000_000, 10_000_000, 5_000_000}  # fmt: skip
    assert "Impor berkas, anggaran.csv" in {r["Sumber"] for r in history}
    # Aggregates only: the page names who entered a row, the file does not.
    cells = [str(cell) for rows in book.values() for row in rows for cell in row]
    assert not [cell for cell in cells if "petugas-kukar" in cell]


def test_the_pemda_csv_and_its_history_csv(client_as, kukar_history):
    client = client_as("viewer")
    years = download(client, pemda_url("64.02", format="csv"), "text/csv; charset=utf-8")
    rows = list(csv.DictReader(io.StringIO(years.decode("utf-8-sig"))))
    assert [(r["Tahun"], r["Pagu (Rp)"]) for r in rows] == [
        ("2025", "95000000"), ("2025", "10000000"), ("2024", "70000000")]  # fmt: skip
    history = download(client, pemda_url("64.02", format="csv", tabel="riwayat"),
                       "text/csv; charset=utf-8")  # fmt: skip
    assert history.startswith(b"\xef\xbb\xbf")
    lines = list(csv.DictReader(io.StringIO(history.decode("utf-8-sig"))))
    assert len(lines) == 5 and [r["Berlaku"] for r in lines].count("Diganti") == 2
    assert {r["Tingkat realisasi (persen)"] for r in lines if r["Pagu (Rp)"] == "95000000"} == {
        "80.0"
    }


def test_exports_are_aggregates_and_not_audited(client_as, kaltim):
    client = client_as("viewer")
    download(client, region_url("64", tahun=YEAR, format="xlsx"), XLSX)
    download(client, pemda_url("64.02", format="csv"), "text/csv; charset=utf-8")
    assert not AuditEvent.objects.exists()


def test_text_a_spreadsheet_would_run_is_neutralised(client_as, db):
    listed("64.02", "non_asn", 3, 1_000_000)
    allocate("64.02", "non_asn", 1_000_000, document="DPA +1 (ubah)")
    from pantau.budgets.models import Allocation

    # The import and the form refuse a leading =, + , - or @; a row stored some other way is
    # still written as text.
    Allocation.objects.filter(pemda_id="64.02").update(document='=HYPERLINK("x")')
    client = client_as("viewer")
    content = download(client, pemda_url("64.02", format="csv"), "text/csv; charset=utf-8")
    assert "'=HYPERLINK" in content.decode("utf-8-sig")
    book = sheets(download(client, pemda_url("64.02", format="xlsx"), XLSX))
    assert as_dicts(book["Anggaran"])[0]["Dokumen"] == '\'=HYPERLINK("x")'
