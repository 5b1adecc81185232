"""The pack as an XLSX: the PDF's numbers as typed cells, one sheet per section.

Counts and Rupiah are integers, shares are fractions formatted as percent (`core.spreadsheet`);
the columns are the PDF's (`tables.py`). The last sheet, "Catatan", stamps where the numbers
come from.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.core.display import day_label, moment_label, month_label
from pantau.core.spreadsheet import Workbook
from pantau.packs import tables
from pantau.packs.snapshot import Pack

# Sheet names: the same in both languages, so scripts find them (31 characters at most).
SHEETS = ("Ringkasan", "Perubahan", "Kategori", "Klaim", "Pemda", "Tindak lanjut", "Catatan")


def notes(pack: Pack) -> list[tuple[str, str]]:
    """The stamp: what the numbers are and where they come from."""
    meeting = pack.meeting
    vintage = pack.vintage
    lines = [
        (_("Rapat"), meeting.title),
        (_("Tanggal"), day_label(meeting.held_on)),
        (_("Tempat"), meeting.place),
        (_("Wilayah"), ", ".join(f"{r.name} ({r.code})" for r in pack.regions)),
        (_("Angka per"), month_label(pack.as_of) if pack.as_of else "–"),
    ]
    if vintage is not None:
        lines += [
            (_("Pembaruan angka"), f"#{vintage.refresh_id}"),
            (_("Dihitung"), moment_label(vintage.computed_at) if vintage.computed_at else "–"),
            (_("Ekstrak kepesertaan"), ", ".join(f"#{i}" for i in vintage.member_snapshots)),
            (_("Daftar pekerja Pemda"), str(vintage.lists)),
        ]
    lines += [
        (_("Klaim dibayar"), f"{month_label(pack.claims_first)} – {month_label(pack.claims_last)}"),
        (_("Berkas klaim"), ", ".join(f"#{i}" for i in pack.claim_files) or "–"),
        (_("Dibuat"), moment_label(timezone.now())),
        (_("Sumber"), _('Pantau; definisi: lembar PDF "Sumber dan definisi".')),
    ]
    return lines


def render(pack: Pack) -> bytes:
    book = Workbook()
    pages = pack.provinces
    book.table(SHEETS[0], tables.PROVINCE_COLUMNS, pages, freeze_columns=2)
    changes = [(page, page.change) for page in pages if page.change]
    book.table(SHEETS[1], tables.CHANGE_COLUMNS, changes, freeze_columns=1)
    categories = [(page, line) for page in pages for line in page.categories]
    book.table(SHEETS[2], tables.CATEGORY_COLUMNS, categories, freeze_columns=2)
    programs = [(page, line) for page in pages for line in page.programs]
    book.table(SHEETS[3], tables.PROGRAM_COLUMNS, programs, freeze_columns=2)
    book.table(SHEETS[4], tables.PEMDA_COLUMNS, [r for p in pages for r in p.pemda],
               freeze_columns=2)  # fmt: skip
    book.table(SHEETS[5], tables.ACTION_COLUMNS, pack.actions, freeze_columns=1)
    book.notes(notes(pack), SHEETS[6])
    return book.close()
