"""XLSX and CSV of a work list, on the kit's table writers (`pantau.core.spreadsheet`).

The rows arrive labelled by the view (`nik_shown` is the NIK, masked unless the user may
see it whole); a file never holds more than the page would show the same user. Headers
follow the request's language.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.core.display import moment_label, month_label
from pantau.core.spreadsheet import Column, Workbook, write_csv

LAPSED_COLUMNS = (
    Column(lambda: "NIK", "text", lambda r: r["nik_shown"], 20),
    Column(lambda: _("Nama"), "text", lambda r: r["name"], 28),
    Column(lambda: _("No. KPJ"), "text", lambda r: r["kpj"], 14),
    Column(lambda: _("Kode wilayah kerja"), "text", lambda r: r["region_code"], 14),
    Column(lambda: _("Wilayah kerja"), "text", lambda r: r["region_name"], 24),
    Column(lambda: _("Segmen"), "text", lambda r: r["segment"], 8),
    Column(lambda: _("Pembayar"), "text", lambda r: str(r["payer_label"]), 20),
    Column(lambda: _("Wilayah pembayar"), "text", lambda r: r["payer_region_name"], 24),
    Column(lambda: _("Iuran dibayar s.d."), "text", lambda r: month_label(r["paid_until"]), 16),
    Column(lambda: _("Bulan tunggakan"), "int", lambda r: r["months"], 12),
)
PEOPLE_COLUMNS = (
    Column(lambda: "NIK", "text", lambda r: r["nik_shown"], 20),
    Column(lambda: _("Nama"), "text", lambda r: r["name"], 28),
    Column(lambda: _("Tanggal lahir"), "text", lambda r: _day(r["birth_date"]), 14),
    Column(lambda: _("Kode wilayah kerja"), "text", lambda r: r["region_code"], 14),
    Column(lambda: _("Kecamatan"), "text", lambda r: r["district_name"], 22),
    Column(lambda: _("Desa"), "text", lambda r: r["village_name"], 22),
    Column(lambda: _("Pemda"), "text", lambda r: r["pemda_name"], 24),
    Column(lambda: _("Kategori"), "text", lambda r: str(r["category_label"]), 22),
)  # fmt: skip


def _day(day) -> str:
    """`5 Maret 1985` (`5 March 1985`): never a US or ISO date in front of people."""
    return f"{day.day} {month_label(day)}" if day else ""


def workbook(region, work) -> bytes:
    """Both lists, a sheet each, and a sheet saying what they are. Written to a scratch
    file in constant memory (a province's list runs to many thousand rows), then read."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "daftar-kerja.xlsx"
        _write(Workbook(path), region, work)
        return path.read_bytes()


def _write(book: Workbook, region, work) -> None:
    book.table(_("Menunggak"), LAPSED_COLUMNS, work.lapsed, freeze_columns=2)
    book.table(_("Belum terdaftar"), PEOPLE_COLUMNS, work.people, freeze_columns=2)
    book.notes([
        (_("Wilayah daftar"), f"{region.name} ({region.code})"),
        (_("Per bulan"), month_label(work.as_of)),
        (_("Menunggak"), _("Kepesertaan aktif yang iurannya belum dibayar melewati masa "
                           "tenggang; bulan tunggakan sampai bulan ini.")),
        (_("Belum terdaftar"), _("Orang dalam daftar Pemda yang belum terdaftar sebagai "
                                 "peserta; orang yang ada di dua daftar dihitung sekali.")),
        (_("Dibuat"), moment_label(timezone.now())),
    ])  # fmt: skip
    book.close()


def csv_of(work, which: str) -> bytes:
    """One list as CSV: `tunggakan` (lapsed members) or `belum` (not enrolled)."""
    if which == "belum":
        return write_csv(PEOPLE_COLUMNS, work.people)
    return write_csv(LAPSED_COLUMNS, work.lapsed)
