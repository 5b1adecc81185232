"""XLSX and CSV of the claims page (`core.spreadsheet`): the totals (aggregates, open to every
signed-in user) and the flagged claims (person-level: the view checks and audits first).
Headers and labels follow the language of the request; amounts are whole Rupiah.
"""

from __future__ import annotations

import functools

from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pantau.claims.summary import ClaimsSummary
from pantau.core.display import moment_label, month_label
from pantau.core.spreadsheet import Column, Workbook, write_csv
from pantau.rules import claims as claim_rules

TABLES = ("program", "bulan", "wilayah")


@functools.cache
def _english_bases() -> dict[str, str]:
    return {row.basis_id: row.basis_en for row in claim_rules.claim_schedule()}


def basis_in_language(basis: str | None) -> str:
    """The regulation behind an expected amount, in the active language (stored in Bahasa)."""
    if not basis:
        return ""
    if (get_language() or "id").startswith("en"):
        return _english_bases().get(basis, basis)
    return basis


def _numbers():
    return (
        Column(lambda: _("Jumlah klaim"), "int", lambda r: r.numbers.count),
        Column(lambda: _("Jumlah dibayar (Rp)"), "money", lambda r: r.numbers.amount, 20),
        Column(lambda: _("Klaim iuran Pemda"), "int", lambda r: r.numbers.pemda_funded_count),
        Column(lambda: _("Dibayar, iuran Pemda (Rp)"), "money",
               lambda r: r.numbers.pemda_funded_amount, 22),
        Column(lambda: _("Klaim ditandai"), "int", lambda r: r.numbers.flagged),
    )  # fmt: skip


PROGRAM_COLUMNS = (
    Column(lambda: _("Program"), "text", lambda r: r.program, 8),
    Column(lambda: _("Nama program"), "text", lambda r: r.name, 32),
    *_numbers(),
)
MONTH_COLUMNS = (
    Column(lambda: _("Bulan"), "text", lambda r: r.label, 16),
    *_numbers(),
)
CHILD_COLUMNS = (
    Column(lambda: _("Kode"), "text", lambda r: r.code, 14),
    Column(lambda: _("Wilayah"), "text", lambda r: r.name, 32),
    *_numbers(),
)


def _about(summary: ClaimsSummary) -> list[tuple[str, str]]:
    region = summary.region
    lines = [
        (_("Wilayah"), f"{region.code} {region.name}" if region else "ID Indonesia"),
        (_("Dari bulan"), month_label(summary.first) if summary.first else _("awal data")),
        (_("Sampai bulan"), month_label(summary.last) if summary.last else _("akhir data")),
    ]
    if summary.computed_at:
        lines.append((_("Angka dihitung"), moment_label(summary.computed_at)))
    lines += [
        (_("Diunduh"), moment_label(timezone.now())),
        (_("Sumber"), _("Pantau: data klaim BPJS Ketenagakerjaan yang diimpor, bulan menurut "
                        "tanggal dibayar; iuran Pemda: pembayar APBD provinsi, APBD "
                        "kabupaten/kota atau APBDes.")),
        (_("Satuan"), _("Rupiah bulat.")),
    ]  # fmt: skip
    return lines


def totals_export(summary: ClaimsSummary, fmt: str, table: str = "") -> bytes:
    """XLSX: programmes, months and child regions; CSV: the table asked (`program` first)."""
    tables = {
        "program": (_("Program"), PROGRAM_COLUMNS, summary.programs),
        "bulan": (_("Per bulan"), MONTH_COLUMNS, summary.by_month),
        "wilayah": (_("Wilayah di bawahnya"), CHILD_COLUMNS, summary.children),
    }
    if fmt == "csv":
        _name, columns, items = tables[table if table in TABLES else "program"]
        return write_csv(columns, items)
    book = Workbook()
    for name, columns, items in tables.values():
        book.table(name, columns, items, freeze_columns=1)
    book.notes(_about(summary))
    return book.close()


FLAGGED_COLUMNS = (
    Column(lambda: _("Nomor klaim"), "text", lambda r: r["claim_no"], 18),
    Column(lambda: "NIK", "text", lambda r: r["nik_shown"], 18),
    Column(lambda: _("Nama"), "text", lambda r: r["name"], 28),
    Column(lambda: _("Program"), "text", lambda r: r["program"], 8),
    Column(lambda: _("Kejadian"), "text", lambda r: r["event_label"], 22),
    Column(lambda: _("Tanggal kejadian"), "text", lambda r: _day(r["event_date"]), 14),
    Column(lambda: _("Tanggal dibayar"), "text", lambda r: _day(r["paid_on"]), 14),
    Column(lambda: _("Dibayar (Rp)"), "money", lambda r: r["amount"], 16),
    Column(lambda: _("Seharusnya (Rp)"), "money", lambda r: r["expected_amount"], 16),
    Column(lambda: _("Dasar"), "text", lambda r: r["basis_shown"], 50),
    Column(lambda: _("Alasan ditandai"), "text", lambda r: "; ".join(r["reason_labels"]), 40),
    Column(lambda: _("Kode wilayah kerja"), "text", lambda r: r["region_code"], 14),
    Column(lambda: _("Wilayah kerja"), "text", lambda r: r["region_name"], 28),
    Column(lambda: _("Pembayar iuran"), "text", lambda r: r["payer_label"], 20),
    Column(lambda: _("Ahli waris"), "text", lambda r: r["heir_label"], 16),
)


def _day(value) -> str:
    return formats.date_format(value) if value else ""


def flagged_export(rows: list[dict], fmt: str, region, first, last, masked: bool) -> bytes:
    if fmt == "csv":
        return write_csv(FLAGGED_COLUMNS, rows)
    book = Workbook()
    book.table(_("Klaim ditandai"), FLAGGED_COLUMNS, rows, freeze_columns=1)
    book.notes([
        (_("Wilayah"), f"{region.code} {region.name}" if region else "ID Indonesia"),
        (_("Dari bulan"), month_label(first) if first else _("awal data")),
        (_("Sampai bulan"), month_label(last) if last else _("akhir data")),
        (_("Diunduh"), moment_label(timezone.now())),
        ("NIK", _("disamarkan sesuai peran Anda") if masked else _("lengkap")),
        (_("Kerahasiaan"), _("Data pribadi (UU PDP 27/2022): unduhan ini dicatat dalam jejak "
                             "audit. Simpan dan bagikan hanya untuk tugas pemantauan.")),
    ])  # fmt: skip
    return book.close()
