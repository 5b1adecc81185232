"""XLSX of a gap list, with formula-looking cells neutralised like the error reports."""

from __future__ import annotations

from pathlib import Path

from pantau.accounts.scope import mask_nik
from pantau.core.spreadsheet import safe_cell
from pantau.engine.gaps import COLUMNS

HEADERS = {
    "nik": "NIK", "name": "Nama", "birth_date": "Tanggal lahir", "region_code": "Kode wilayah",
    "pemda": "Pemda", "category": "Kategori", "status": "Status",
    "member_status": "Status kepesertaan",
    "paid_until": "Iuran dibayar s.d.", "payer_type": "Pembayar",
    "payer_region": "Wilayah pembayar",
    "gap_cost": "Biaya setahun (Rp)",
}  # fmt: skip


def write_gaps_xlsx(path: Path, rows: list[dict], masked: bool) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                               "strings_to_formulas": False})  # fmt: skip
    sheet = workbook.add_worksheet("Celah")
    bold = workbook.add_format({"bold": True})
    for column, name in enumerate(COLUMNS):
        sheet.write_string(0, column, HEADERS[name], bold)
    for index, row in enumerate(rows, start=1):
        for column, name in enumerate(COLUMNS):
            value = row[name]
            if value is None:
                continue
            if name == "gap_cost":
                sheet.write_number(index, column, value)
            elif name == "nik":
                sheet.write_string(index, column, mask_nik(value) if masked else value)
            else:
                sheet.write_string(index, column, safe_cell(str(value)))
    sheet.freeze_panes(1, 0)
    workbook.close()
