"""XLSX and CSV of the dashboard's tables: the children (ranking) and the trend.

Aggregates only, no person-level data, so no audit entry; the same file conventions as the
budget downloads (`budgets.exports`: whole numbers, shares as %, a BOM in CSV, a notes sheet).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.core.display import moment_label, month_label
from pantau.core.spreadsheet import Column, Workbook, write_csv
from pantau.core.vocabulary import Category
from pantau.dashboard.summary import Dashboard

TABLES = ("wilayah", "tren")


def _common() -> tuple[Column, ...]:
    return (
        Column(lambda: _("Pekerja terdaftar"), "int", lambda r: r.listed),
        Column(lambda: _("Terlindungi"), "int", lambda r: r.covered),
        Column(lambda: _("Terputus"), "int", lambda r: r.lapsed),
        Column(lambda: _("Belum terdaftar"), "int", lambda r: r.not_enrolled),
        Column(lambda: _("Cakupan daftar"), "rate", lambda r: r.list_coverage),
        Column(
            lambda: _("Biaya menutup celah setahun (Rp)"), "money", lambda r: r.gap_cost, width=20
        ),  # fmt: skip
        Column(lambda: _("Peserta aktif"), "int", lambda r: r.active_members),
        Column(lambda: _("Penduduk bekerja"), "int", lambda r: r.workforce),
        Column(lambda: _("Cakupan UCJ"), "rate", lambda r: r.ucj),
    )


def children_columns() -> tuple[Column, ...]:
    return (
        Column(lambda: _("Peringkat"), "int", lambda r: r.rank, width=10),
        Column(lambda: _("Kode"), "text", lambda r: r.code),
        Column(lambda: _("Nama"), "text", lambda r: r.name, width=32),
        *_common(),
        Column(lambda: _("Pemda belum menganggarkan"), "int", lambda r: r.not_budgeted),
    )


def trend_columns(for_people: bool = True) -> tuple[Column, ...]:
    """The trend's columns; its month reads `Juli 2022` in the XLSX, `2022-07` in the CSV
    (scripts sort and join on it)."""
    month = (lambda pair: month_label(pair[0].as_of)) if for_people else (lambda pair: pair[0].key)
    return (Column(lambda: _("Bulan"), "text", month),) + tuple(
        Column(column.header, column.kind, lambda pair, c=column: c.value(pair[1]), column.width)
        for column in _common()
    )


def _notes(dashboard: Dashboard, table: str) -> list[tuple[str, str]]:
    name = dashboard.region.name if dashboard.region else "Indonesia"
    code = dashboard.region.code if dashboard.region else "ID"
    category = dict(Category.choices).get(dashboard.category, _("Semua kategori"))
    return [
        (_("Isi"), _("Wilayah di bawahnya") if table == "wilayah" else _("Tren per bulan")),
        (_("Wilayah"), f"{code} {name}"),
        (_("Per bulan"), month_label(dashboard.month.as_of) if dashboard.month else "–"),
        (_("Kategori"), str(category)),
        (_("Peringkat menurut"), str(dashboard.indicator.label)),
        (_("Sumber"), _("Tabel agregat Pantau (pembaruan angka terakhir)")),
        (_("Dibuat"), moment_label(timezone.now())),
    ]


def export(dashboard: Dashboard, table: str, fmt: str) -> bytes:
    if table == "tren":
        columns, items = trend_columns(for_people=fmt != "csv"), dashboard.trend
    else:
        columns, items = children_columns(), dashboard.children
    if fmt == "csv":
        return write_csv(columns, items)
    book = Workbook()
    book.table(_("Tren") if table == "tren" else _("Wilayah"), columns, items, freeze_columns=1)
    book.notes(_notes(dashboard, table))
    return book.close()
