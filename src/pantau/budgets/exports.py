"""XLSX and CSV of the budget pages' tables (aggregates only: no person-level data), with
the kit's table writers (`pantau.core.spreadsheet`): a bold frozen header, whole Rupiah and
persons, the realization rate as a percentage, a "Keterangan" sheet. Headers and labels
follow the language of the request.
"""

from __future__ import annotations

from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.budgets.status import BudgetRow
from pantau.core.display import moment_label
from pantau.core.spreadsheet import Column, Workbook, write_csv


def _flags(row: BudgetRow) -> str:
    return "; ".join(str(label) for label in getattr(row, "flag_labels", row.flags))


BUDGET_COLUMNS = (
    Column(lambda: _("Kategori"), "text", lambda r: str(r.category_label), 24),
    Column(lambda: _("Orang dalam daftar"), "int", lambda r: r.persons_listed),
    Column(lambda: _("Kebutuhan (Rp)"), "money", lambda r: r.need, 18),
    Column(lambda: _("Program"), "text", lambda r: r.programs_label, 20),
    Column(lambda: _("Tahap"), "text", lambda r: str(r.stage_label)),
    Column(lambda: _("Dokumen"), "text", lambda r: r.document, 36),
    Column(lambda: _("Sasaran (orang)"), "int", lambda r: r.persons_budgeted),
    Column(lambda: _("Pagu (Rp)"), "money", lambda r: r.allocated, 18),
    Column(lambda: _("Realisasi (Rp)"), "money", lambda r: r.realized, 18),
    Column(lambda: _("Tingkat realisasi (persen)"), "rate", lambda r: r.realization_rate),
    Column(lambda: _("Status"), "text", lambda r: str(r.status_label), 22),
    Column(lambda: _("Catatan"), "text", _flags, 40),
)
REGION_COLUMNS = (
    Column(lambda: _("Kode"), "text", lambda r: r.code, 8),
    Column(lambda: _("Pemda"), "text", lambda r: r.name, 32),
    *BUDGET_COLUMNS,
)
YEAR_COLUMN = Column(lambda: _("Tahun"), "int", lambda item: item[0], 8)
PEMDA_COLUMNS = (
    YEAR_COLUMN,
    *(Column(c.header, c.kind, (lambda f: lambda item: f(item[1]))(c.value), c.width)
      for c in BUDGET_COLUMNS),
)  # fmt: skip


def _recorded(allocation) -> str:
    return moment_label(allocation.created_at)


def _source(allocation) -> str:
    parts = [str(allocation.get_source_display())]
    if allocation.source_name:
        parts.append(allocation.source_name)
    if allocation.source_row:
        parts.append(_("baris %(row)s") % {"row": allocation.source_row})
    return ", ".join(parts)


def _in_force(allocation) -> str:
    if allocation.is_current:
        return _("Berlaku")
    return _("Diganti")


def _replaced_by(allocation) -> str:
    replacement = allocation.superseded_by
    if allocation.is_current or replacement is None:
        return ""
    return f"{replacement.get_stage_display()} ({_recorded(replacement)})"


# Who entered a row is left out: the files hold no personal data (the page shows it).
HISTORY_COLUMNS = (
    Column(lambda: _("Tahun"), "int", lambda a: a.year, 8),
    Column(lambda: _("Kategori"), "text", lambda a: str(a.category_label), 24),
    Column(lambda: _("Tahap"), "text", lambda a: str(a.get_stage_display())),
    Column(lambda: _("Sasaran (orang)"), "int", lambda a: a.persons),
    Column(lambda: _("Pagu (Rp)"), "money", lambda a: a.amount, 18),
    Column(lambda: _("Realisasi (Rp)"), "money", lambda a: a.realized, 18),
    Column(lambda: _("Tingkat realisasi (persen)"), "rate",
           lambda a: Fraction(a.realized, a.amount) if a.realized is not None and a.amount
           else None),
    Column(lambda: _("Program"), "text", lambda a: a.programs_label, 20),
    Column(lambda: _("Dokumen"), "text", lambda a: a.document, 36),
    Column(lambda: _("Dicatat"), "text", _recorded, 17),
    Column(lambda: _("Sumber"), "text", _source, 28),
    Column(lambda: _("Berlaku"), "text", _in_force, 10),
    Column(lambda: _("Diganti oleh"), "text", _replaced_by, 28),
)  # fmt: skip


def _about(region: str, year: int | None) -> list[tuple[str, str]]:
    lines = [(_("Wilayah"), region)]
    if year is not None:
        lines.append((_("Tahun anggaran"), str(year)))
    lines += [
        (_("Diunduh"), moment_label(timezone.now())),
        (_("Sumber"), _("Pantau: pagu APBD yang dicatat Pemda, kebutuhan dari daftar pekerja "
                        "yang berlaku (iuran setahun, aturan BPJS Ketenagakerjaan).")),
        (_("Satuan"), _("Rupiah bulat; sel kosong: tidak ada atau belum diketahui.")),
    ]  # fmt: skip
    return lines


def region_export(rows: list[BudgetRow], fmt: str, region: str, year: int) -> bytes:
    """The table of a region's page: one row per Pemda and category."""
    if fmt == "csv":
        return write_csv(REGION_COLUMNS, rows)
    book = Workbook()
    book.table(_("Anggaran %(year)s") % {"year": year}, REGION_COLUMNS, rows, freeze_columns=2)
    book.notes(_about(region, year))
    return book.close()


def pemda_export(years: list[tuple[int, list[BudgetRow]]], history: list, fmt: str,
                 region: str) -> bytes:  # fmt: skip
    """A Pemda's page: its budget per year and category (CSV), and its history (XLSX also)."""
    items = [(year, row) for year, rows in years for row in rows]
    if fmt == "csv":
        return write_csv(PEMDA_COLUMNS, items)
    book = Workbook()
    book.table(_("Anggaran"), PEMDA_COLUMNS, items, freeze_columns=2)
    book.table(_("Riwayat"), HISTORY_COLUMNS, history, freeze_columns=2)
    book.notes(_about(region, None))
    return book.close()


def history_csv(history: list) -> bytes:
    return write_csv(HISTORY_COLUMNS, history)
