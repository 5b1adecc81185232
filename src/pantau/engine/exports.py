"""A gap list's files, on the kit's writers (`pantau.core.spreadsheet`): the XLSX of the page
and the CLI (NIK masked unless the user may see it), and the CLI's CSV, whose header is the
raw column names that scripts read."""

from __future__ import annotations

from pathlib import Path

from pantau.accounts.scope import mask_nik
from pantau.core.spreadsheet import Column, Workbook, header, write_csv
from pantau.engine.gaps import COLUMNS

HEADERS = {
    "nik": "NIK", "name": "Nama", "birth_date": "Tanggal lahir", "region_code": "Kode wilayah",
    "pemda": "Pemda", "category": "Kategori", "status": "Status",
    "member_status": "Status kepesertaan",
    "paid_until": "Iuran dibayar s.d.", "payer_type": "Pembayar",
    "payer_region": "Wilayah pembayar",
    "gap_cost": "Biaya setahun (Rp)",
}  # fmt: skip
MONEY = {"gap_cost"}
WIDTHS = {"nik": 18, "name": 28, "gap_cost": 18}


def _kind(name: str) -> str:
    return "money" if name in MONEY else "text"


def _value(name: str, masked: bool = False):
    if name == "nik" and masked:
        return lambda row: mask_nik(row["nik"]) if row["nik"] else row["nik"]
    return lambda row: row[name]


def xlsx_columns(masked: bool) -> list[Column]:
    return [
        Column(header(HEADERS[name]), _kind(name), _value(name, masked), WIDTHS.get(name, 14))
        for name in COLUMNS
    ]


CSV_COLUMNS = [Column(header(name), _kind(name), _value(name)) for name in COLUMNS]


def write_gaps_xlsx(path: Path, rows: list[dict], masked: bool) -> None:
    """The sheet "Celah", streamed to `path` (a province's list can be long)."""
    book = Workbook(path)
    book.table("Celah", xlsx_columns(masked), rows)
    book.close()


def gaps_csv(rows: list[dict]) -> str:
    """The CLI's CSV: no BOM, as the programs that read it expect."""
    return write_csv(CSV_COLUMNS, rows, bom=False).decode("utf-8")
