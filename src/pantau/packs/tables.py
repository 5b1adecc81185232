"""The pack's tables, defined once for both files: a column's header, kind and value.

The XLSX writes each value as a typed cell (`core.spreadsheet.Workbook`: integers for counts
and Rupiah, fractions as percent); the PDF shows the same value formatted by `shown` for the
language (`Rp460.000.000`, `48,0 %`). One definition, so the two files cannot disagree, and the
test that reads both compares them column by column.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.core.display import day_label, month_label, percent
from pantau.core.money import format_count, format_rupiah
from pantau.core.spreadsheet import Column


def shown(column: Column, value: object) -> str:
    """A value as the PDF prints it."""
    if value is None or value == "":
        return "–"
    if column.kind == "int":
        return format_count(int(value))
    if column.kind == "money":
        return format_rupiah(int(value))
    if column.kind == "rate":
        return percent(value if isinstance(value, Fraction) else Fraction(str(value)))
    if isinstance(value, datetime.date):
        return day_label(value)
    return str(value)


def column(header, kind: str, value, width: int = 14) -> Column:
    return Column(lambda: str(header), kind, value, width)


# One province's summary (the "Ringkasan" sheet; the PDF's key figures).
PROVINCE_COLUMNS = (
    column(gettext_lazy("Kode"), "text", lambda p: p.code, 8),
    column(gettext_lazy("Provinsi"), "text", lambda p: p.name, 24),
    column(gettext_lazy("Angkatan kerja"), "int", lambda p: p.workforce),
    column(
        gettext_lazy("Tahun data angkatan kerja"),
        "text",
        lambda p: str(p.workforce_year) if p.workforce_year else "",
        10,
    ),  # fmt: skip
    column(gettext_lazy("Peserta aktif"), "int", lambda p: p.active_members),
    column(gettext_lazy("Cakupan UCJ"), "rate", lambda p: p.ucj, 10),
    column(gettext_lazy("Terdaftar di daftar Pemda"), "int", lambda p: p.listed),
    column(gettext_lazy("Terlindungi"), "int", lambda p: p.covered),
    column(gettext_lazy("Cakupan daftar"), "rate", lambda p: p.list_coverage, 10),
    column(gettext_lazy("Belum terlindungi"), "int", lambda p: p.gap_total),
    column(
        gettext_lazy("Biaya iuran setahun yang belum dianggarkan"),
        "money",
        lambda p: p.gap_cost_total,
        18,
    ),  # fmt: skip
    column(gettext_lazy("Pemda dengan daftar atau anggaran"), "int", lambda p: p.pemda_total),
    column(gettext_lazy("Pemda belum menganggarkan"), "int", lambda p: p.not_budgeted),
    column(gettext_lazy("Klaim dibayar"), "int", lambda p: p.claims_total.count),
    column(gettext_lazy("Manfaat dibayar"), "money", lambda p: p.claims_total.amount, 18),
    column(
        gettext_lazy("Manfaat bagi peserta yang iurannya dibayar Pemda"),
        "money",
        lambda p: p.claims_total.pemda_funded_amount,
        18,
    ),  # fmt: skip
)

# The change since the previous meeting (rows: (page, change)).
CHANGE_COLUMNS = (
    column(gettext_lazy("Provinsi"), "text", lambda r: r[0].name, 24),
    column(gettext_lazy("Rapat sebelumnya"), "text", lambda r: r[1].meeting, 40),
    column(gettext_lazy("Angka per"), "text", lambda r: month_label(r[1].as_of), 14),
    column(gettext_lazy("Peserta aktif waktu itu"), "int", lambda r: r[1].active_members),
    column(gettext_lazy("Peserta aktif kini"), "int", lambda r: r[0].active_members),
    column(gettext_lazy("Cakupan UCJ waktu itu"), "rate", lambda r: r[1].ucj, 10),
    column(gettext_lazy("Cakupan UCJ kini"), "rate", lambda r: r[0].ucj, 10),
    column(gettext_lazy("Cakupan daftar waktu itu"), "rate", lambda r: r[1].list_coverage, 10),
    column(gettext_lazy("Cakupan daftar kini"), "rate", lambda r: r[0].list_coverage, 10),
)

# Per category of workers (rows: (page, line)).
CATEGORY_COLUMNS = (
    column(gettext_lazy("Provinsi"), "text", lambda r: r[0].name, 24),
    column(gettext_lazy("Kategori"), "text", lambda r: r[1].label, 26),
    column(gettext_lazy("Terdaftar"), "int", lambda r: r[1].listed),
    column(gettext_lazy("Terlindungi"), "int", lambda r: r[1].covered),
    column(gettext_lazy("Cakupan"), "rate", lambda r: r[1].coverage, 10),
    column(gettext_lazy("Belum terlindungi"), "int", lambda r: r[1].not_covered),
    column(gettext_lazy("Iuran setahun mereka"), "money", lambda r: r[1].gap_cost, 18),
    column(gettext_lazy("Pemda"), "int", lambda r: r[1].pemda_total, 10),
    column(gettext_lazy("Belum menganggarkan"), "int", lambda r: r[1].not_budgeted, 16),
)

# Claims paid per programme (rows: (page, line)).
PROGRAM_COLUMNS = (
    column(gettext_lazy("Provinsi"), "text", lambda r: r[0].name, 24),
    column(gettext_lazy("Program"), "text", lambda r: r[1].program, 10),
    column(gettext_lazy("Nama program"), "text", lambda r: r[1].name, 28),
    column(gettext_lazy("Klaim"), "int", lambda r: r[1].count, 10),
    column(gettext_lazy("Dibayar"), "money", lambda r: r[1].amount, 18),
    column(gettext_lazy("Klaim, iuran dibayar Pemda"), "int", lambda r: r[1].pemda_funded_count),
    column(
        gettext_lazy("Dibayar, iuran dibayar Pemda"),
        "money",
        lambda r: r[1].pemda_funded_amount,
        18,
    ),  # fmt: skip
    column(gettext_lazy("Bagian Pemda"), "rate", lambda r: r[1].pemda_share, 10),
)

# Every Pemda of the regions (rows: PemdaLine).
PEMDA_COLUMNS = (
    column(gettext_lazy("Kode"), "text", lambda r: r.code, 8),
    column(gettext_lazy("Pemda"), "text", lambda r: r.name, 24),
    column(gettext_lazy("Angkatan kerja"), "int", lambda r: r.workforce, 12),
    column(gettext_lazy("Peserta aktif"), "int", lambda r: r.active_members, 12),
    column(gettext_lazy("UCJ"), "rate", lambda r: r.ucj, 10),
    column(gettext_lazy("Terdaftar"), "int", lambda r: r.listed, 11),
    column(gettext_lazy("Terlindungi"), "int", lambda r: r.covered, 12),
    column(gettext_lazy("Cakupan daftar"), "rate", lambda r: r.list_coverage, 11),
    column(gettext_lazy("Belum terlindungi"), "int", lambda r: r.not_covered, 12),
    column(gettext_lazy("Iuran setahun mereka"), "money", lambda r: r.gap_cost, 16),
    column(gettext_lazy("Belum menganggarkan"), "text", lambda r: ", ".join(r.not_budgeted), 20),
    column(gettext_lazy("Tindak lanjut terbuka"), "int", lambda r: r.open_actions, 9),
    column(gettext_lazy("Lewat tenggat"), "int", lambda r: r.overdue_actions, 9),
)

# The follow-up actions still to be done (rows: ActionLine).
ACTION_COLUMNS = (
    column(gettext_lazy("No."), "int", lambda a: a.number, 6),
    column(gettext_lazy("Tindak lanjut"), "text", lambda a: a.text, 44),
    column(gettext_lazy("Penanggung jawab"), "text", lambda a: a.owner, 26),
    column(gettext_lazy("Tenggat"), "text", lambda a: day_label(a.due), 20),
    column(gettext_lazy("Status"), "text", lambda a: a.status, 16),
    column(gettext_lazy("Lewat tenggat"), "text", lambda a: _("ya") if a.overdue else "", 10),
    column(gettext_lazy("Disepakati di rapat"), "text", lambda a: a.meeting, 36),
)


def rows(columns, items) -> list[list[str]]:
    """The PDF's cells of a table."""
    return [[shown(col, col.value(item)) for col in columns] for item in items]


def headers(columns) -> list[str]:
    return [col.header() for col in columns]
