"""A gap list's files, on the kit's writers (`pantau.core.spreadsheet`): the XLSX of the page
and the CLI (NIK masked unless the user may see it), for people: headers, statuses, payers,
categories and months in the active language; and the CLI's CSV, whose header is the raw
column names and whose cells are the codes and ISO dates that scripts read."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.accounts.scope import mask_nik
from pantau.core.display import day_label, month_label
from pantau.core.spreadsheet import Column, Workbook, header, write_csv
from pantau.core.vocabulary import Category, MemberStatus, PayerType
from pantau.engine.gaps import COLUMNS

HEADERS = {
    "nik": gettext_lazy("NIK"), "name": gettext_lazy("Nama"),
    "birth_date": gettext_lazy("Tanggal lahir"), "region_code": gettext_lazy("Kode wilayah"),
    "pemda": gettext_lazy("Pemda"), "category": gettext_lazy("Kategori"),
    "status": gettext_lazy("Status"), "member_status": gettext_lazy("Status kepesertaan"),
    "paid_until": gettext_lazy("Iuran dibayar s.d."), "payer_type": gettext_lazy("Pembayar"),
    "payer_region": gettext_lazy("Wilayah pembayar"),
    "gap_cost": gettext_lazy("Biaya setahun (Rp)"),
}  # fmt: skip
# The gap statuses as the gap list page and the dashboard name them.
STATUS_LABELS = {
    "lapsed": gettext_lazy("Terputus"),
    "not_enrolled": gettext_lazy("Belum terdaftar"),
}
LABELS = {
    "status": STATUS_LABELS, "category": dict(Category.choices),
    "member_status": dict(MemberStatus.choices), "payer_type": dict(PayerType.choices),
}  # fmt: skip
MONEY = {"gap_cost"}
WIDTHS = {"nik": 18, "name": 28, "gap_cost": 18}


def _kind(name: str) -> str:
    return "money" if name in MONEY else "text"


def _value(name: str, masked: bool = False):
    if name == "nik" and masked:
        return lambda row: mask_nik(row["nik"]) if row["nik"] else row["nik"]
    return lambda row: row[name]


def _shown(name: str, masked: bool):
    """A cell as people read it: a label for a code, `Juli 2022` for a month, `5 Maret 1985`
    for a day; a code without a label (a newer vocabulary) is left as it is."""
    raw = _value(name, masked)
    if name in LABELS:
        return lambda row: str(LABELS[name].get(raw(row), raw(row) or ""))
    if name == "paid_until":
        return lambda row: month_label(_date(raw(row))) if raw(row) else ""
    if name == "birth_date":
        return lambda row: day_label(_date(raw(row))) if raw(row) else ""
    return raw


def _date(value) -> datetime.date:
    """A lake value (a date, `2022-11` or `2022-11-30`) as a date."""
    if isinstance(value, datetime.date):
        return value
    text = str(value)
    return datetime.date.fromisoformat(text if len(text) > 7 else f"{text[:7]}-01")


def xlsx_columns(masked: bool) -> list[Column]:
    return [
        Column(lambda name=name: str(HEADERS[name]), _kind(name), _shown(name, masked),
               WIDTHS.get(name, 14))
        for name in COLUMNS
    ]  # fmt: skip


CSV_COLUMNS = [Column(header(name), _kind(name), _value(name)) for name in COLUMNS]


def write_gaps_xlsx(path: Path, rows: list[dict], masked: bool) -> None:
    """The sheet "Celah", streamed to `path` (a province's list can be long)."""
    book = Workbook(path)
    book.table(_("Celah"), xlsx_columns(masked), rows)
    book.close()


def gaps_csv(rows: list[dict]) -> str:
    """The CLI's CSV: no BOM, as the programs that read it expect."""
    return write_csv(CSV_COLUMNS, rows, bom=False).decode("utf-8")
