"""`pantau import budgets FILE`: APBD allocations from a CSV or XLSX file.

Columns (docs/budgets.md, "Import format"): pemda_code, year, category, stage, persons,
amount, with realized, programs and document optional; Indonesian headers are understood
(kode_pemda, tahun, kategori, tahap, jumlah_orang/sasaran, pagu/anggaran, realisasi, program,
dokumen/dasar). Every row is checked with `allocations.validate`, the rule the form uses.

Semantics are the workforce import's (`pantau.engine.workforce`), through the same kit
(`pantau.ingest.tables`): rejected rows go to the error report
(`reports/budgets-<timestamp>/errors.csv` and `errors.xlsx`, Indonesian and English) and the
accepted rows are stored together in one transaction (if storing fails, nothing is stored).
A file that cannot be read at all (empty, binary, no header, a missing required column, no
rows) is refused whole and nothing is stored. Importing the same file again stores nothing:
every row is `unchanged`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from pantau.accounts.scope import can_edit_budget
from pantau.budgets.allocations.services import (
    FIELDS,
    AllocationConflict,
    AllocationValues,
    Issue,
    record_allocation,
    region_levels,
    validate,
)
from pantau.budgets.choices import STAGE_ORDER, EntrySource
from pantau.budgets.need import refresh_needs
from pantau.ingest import tables
from pantau.ingest.formats import Column
from pantau.ingest.tables import Checked, text_of

# A budget file is at most a few thousand rows (552 Pemda × 4 categories × 2 stages).
MAX_FILE_BYTES = 10 << 20
TOTALS = re.compile(r"^\s*(jumlah|total)\b", re.IGNORECASE)

COLUMNS = (
    Column("pemda_code", ("kode_pemda", "kode_wilayah", "kode_daerah", "pemda"), required=True),
    Column("year", ("tahun", "tahun_anggaran"), required=True),
    Column("category", ("kategori", "kategori_pekerja"), required=True),
    Column("stage", ("tahap", "tahap_apbd"), required=True),
    Column("persons", ("jumlah_orang", "sasaran", "jumlah_sasaran", "orang"), required=True),
    Column(
        "amount", ("pagu", "anggaran", "pagu_anggaran", "alokasi", "nilai_anggaran"), required=True
    ),  # fmt: skip
    Column("realized", ("realisasi", "realisasi_anggaran")),
    Column("programs", ("program", "program_jaminan")),
    Column("document", ("dokumen", "dasar", "dasar_hukum", "nomor_dokumen", "dasar_dokumen")),
)
assert tuple(column.name for column in COLUMNS) == FIELDS


@dataclass(frozen=True)
class StoreCounts(tables.StoreCounts):
    """created: a first allocation for the Pemda, year and category; updated: replaced the
    current allocation (perubahan, or a correction); history: a murni stored as history
    beside the perubahan in force."""

    history: int = 0

    @property
    def status(self) -> str:
        if self.created:
            return "created"
        return "updated" if self.updated or self.history else "unchanged"


@dataclass
class BudgetImportSummary:
    status: str  # created | updated | unchanged
    rows: int
    accepted: int
    rejected: int
    warnings: int
    errors_file: Path | None
    errors_xlsx: Path | None = None
    counts: StoreCounts = field(default_factory=StoreCounts)
    skipped_rows: int = 0  # totals rows (JUMLAH, TOTAL) not counted in `rows`

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "rows": self.rows,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "warnings": self.warnings,
            "errors_file": str(self.errors_file) if self.errors_file else None,
            "counts": {
                "created": self.counts.created,
                "updated": self.counts.updated,
                "unchanged": self.counts.unchanged,
                "history": self.counts.history,
            },
        }


# ---------------------------------------------------------------- reading


def read_records(path: Path) -> list[tuple[int, list[object]]]:
    """Each non-blank record with the row number a person sees (CSV line, sheet row)."""
    what = ("tabel anggaran", "budget table")
    records = tables.read_table(path, MAX_FILE_BYTES, what, COLUMNS)
    if not records:
        raise tables.empty()
    return records


# ---------------------------------------------------------------- checking a file


def _is_totals_row(row: dict[str, object]) -> bool:
    """`JUMLAH` / `TOTAL` rows of a spreadsheet, with no Pemda code: skipped, not rejected."""
    if text_of(row.get("pemda_code")) and not TOTALS.match(text_of(row.get("pemda_code"))):
        return False
    return any(TOTALS.match(text_of(value)) for value in row.values())


def check_records(records: list[tuple[int, list[object]]], user=None) -> Checked:
    """Apply every row rule; the first accepted row of a Pemda, year, category and stage
    wins. With `user`, rows for a Pemda the user may not edit are rejected."""
    data = tables.records_by_name(records, COLUMNS)
    rows = [(number, row) for number, row in data if not _is_totals_row(row)]
    if not rows:
        raise tables.no_rows()
    levels = region_levels(row.get("pemda_code") for _, row in rows)
    cache: dict = {}
    accepted: list[tuple[int, AllocationValues]] = []
    issues: list[Issue] = []
    first_row: dict[tuple, int] = {}
    for number, row in rows:
        values, found = validate(row, levels, cache)
        if values is not None and user is not None and not can_edit_budget(user, values.pemda):
            found = [Issue("pemda_code", "pemda_not_allowed", values.pemda)]
            values = None
        if values is not None:
            key = (*values.key, values.stage)
            if key in first_row:
                details = {"first_row": first_row[key]}
                found = [Issue("pemda_code", "duplicate", text_of(row.get("pemda_code")), details)]
                values = None
            else:
                first_row[key] = number
                accepted.append((number, values))
        issues.extend(issue.at_row(number) for issue in found)
    return Checked(len(rows), accepted, issues, len(data) - len(rows))


# ---------------------------------------------------------------- storing


def store(accepted: list[tuple[int, AllocationValues]], source_name: str, user=None):
    """Record every accepted row in one transaction: murni rows before perubahan rows, so a
    file holding both stages of an allocation ends with the perubahan in force."""
    counts = {"created": 0, "replaced": 0, "unchanged": 0, "history": 0}
    notices: list[Issue] = []
    changed: set[tuple[str, int]] = set()
    ordered = sorted(accepted, key=lambda item: (STAGE_ORDER[item[1].stage], item[0]))
    try:
        with transaction.atomic():
            for number, values in ordered:
                recorded = record_allocation(
                    values,
                    user=user,
                    source=EntrySource.IMPORT,
                    source_name=source_name,
                    source_row=number,
                )
                counts[recorded.status] += 1
                if recorded.status != "unchanged":
                    changed.add((values.pemda, values.year))
                notices += [
                    issue.at_row(number)
                    for issue in recorded.warnings
                    if issue.code == "murni_after_perubahan"
                ]
    except AllocationConflict as error:
        raise tables.refuse("concurrent_import", error.message_id, error.message_en) from None
    store_counts = StoreCounts(counts["created"], counts["replaced"], counts["unchanged"],
                               counts["history"])  # fmt: skip
    return store_counts, notices, changed


# ---------------------------------------------------------------- error report


def write_report(issues: list[Issue]) -> tuple[Path | None, Path | None]:
    """`reports/budgets-<timestamp>/errors.csv` and `errors.xlsx`, when there is anything."""
    return tables.write_issue_report("budgets", issues, FIELDS)


# ---------------------------------------------------------------- entry point


def import_budgets(path: Path | str, user=None) -> BudgetImportSummary:
    """Check a file and store its accepted rows; raises FileRejected for the whole file.

    `user` None is the operator at the command line; with a user, only rows for a Pemda
    that user may edit (`pantau.accounts.scope.can_edit_budget`) are accepted. After
    storing, the needs of the Pemda and years that changed are recomputed.
    """
    path = Path(path)
    checked = check_records(read_records(path), user)
    counts, notices, changed = StoreCounts(), [], set()
    if checked.accepted:
        counts, notices, changed = store(checked.accepted, path.name, user)
    issues = checked.issues + notices
    errors_file, errors_xlsx = write_report(issues)
    for year in sorted({year for _, year in changed}):
        refresh_needs(year, pemda={code for code, y in changed if y == year})
    return BudgetImportSummary(
        status=counts.status,
        rows=checked.rows,
        accepted=len(checked.accepted),
        rejected=checked.rejected,
        warnings=len({issue.row for issue in issues if not issue.is_error}),
        errors_file=errors_file,
        errors_xlsx=errors_xlsx,
        counts=counts,
        skipped_rows=checked.skipped,
    )
