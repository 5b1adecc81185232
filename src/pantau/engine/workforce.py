"""Workforce denominators: employed persons per region and year (BPS Sakernas, August).

Two ways published figures get into `Workforce`:
- `import_workforce(path)`: a CSV or XLSX someone brings (`pantau import workforce FILE`);
  every row is checked, rejected rows go to an error report (CSV and XLSX, written by the
  small-table kit `pantau.ingest.tables`), accepted rows are upserted in one transaction
  (`is_estimate=False`).
- `load_shipped_workforce()`: the 14 published figures shipped in `data/`
  (docs/data-sources.md); a partial table, so the demo fills the rest with labelled
  estimates (`is_estimate=True`, `pantau.site.demo.workforce`).

Amounts are whole persons (int); nothing here uses floats.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from pantau.core import messages
from pantau.core.messages import ERROR
from pantau.core.vocabulary import STATISTICS_YEARS
from pantau.engine.models import Workforce
from pantau.ingest import tables
from pantau.ingest.formats import Column
from pantau.ingest.tables import Checked, StoreCounts, text_of
from pantau.regions.codes import depth, try_canonical_code
from pantau.regions.models import Region

SHIPPED_FILE = Path(__file__).resolve().parent / "data" / "workforce_by_province.csv"
# Registered residents per province and regency/city (Dukcapil, December 2024).
POPULATION_FILE = Path(__file__).resolve().parent / "data" / "population.csv.gz"
# A denominator file is a few hundred rows; anything far larger is not one.
MAX_FILE_BYTES = 10 << 20
# Far above any region's workforce (the population check is the real bound); it keeps a
# figure for a region without a population figure within the database column.
MAX_EMPLOYED = 10**9

COLUMNS = (
    Column("region_code", ("province_code", "kode_wilayah", "kode_provinsi"), required=True),
    Column("year", ("tahun",), required=True),
    Column("employed", ("penduduk_bekerja", "bekerja", "jumlah_bekerja"), required=True),
    Column("source", ("sumber", "sumber_data"), required=True),
)

# code: (severity, Indonesian, English); `{value}` is the cell, other fields per message.
MESSAGES: messages.Catalogue = {
    "region_missing": (ERROR, "Kode wilayah kosong.", "Region code is empty."),
    "region_invalid": (
        ERROR,
        "Bukan kode wilayah Kemendagri ({value}); contoh: 64 atau 64.02. Di Excel, format "
        "kolom sebagai Teks agar 64.10 tidak menjadi 64.1.",
        "Not a Kemendagri region code ({value}); e.g. 64 or 64.02. In Excel, format the "
        "column as Text so that 64.10 does not become 64.1.",
    ),
    "region_national": (
        ERROR,
        "Indonesia bukan baris ({value}): angka nasional adalah jumlah angka provinsi.",
        "Indonesia is not a row ({value}): the national figure is the sum of the provinces.",
    ),
    "region_unknown": (
        ERROR,
        "Kode wilayah tidak dikenal ({value}).",
        "Unknown region code ({value}).",
    ),
    "region_level": (
        ERROR,
        "Penduduk bekerja dicatat per provinsi atau kabupaten/kota, bukan kecamatan atau "
        "desa ({value}).",
        "Employed persons are recorded per province or regency/city, not per district or "
        "village ({value}).",
    ),
    "year_missing": (ERROR, "Tahun kosong.", "Year is empty."),
    "year_invalid": (
        ERROR,
        "Tahun harus bilangan bulat, misalnya 2023 ({value}).",
        "The year must be a whole number such as 2023 ({value}).",
    ),
    "year_out_of_range": (
        ERROR,
        "Tahun harus antara 2000 dan 2100 ({value}).",
        "The year must be between 2000 and 2100 ({value}).",
    ),
    "employed_missing": (ERROR, "Jumlah penduduk bekerja kosong.", "The number employed is empty."),
    "employed_decimal": (
        ERROR,
        "Jumlah penduduk bekerja harus bilangan bulat orang, tanpa desimal ({value}); tulis "
        "2450000, bukan 2,45 juta.",
        "The number employed must be whole persons, without decimals ({value}); write "
        "2450000, not 2.45 million.",
    ),
    "employed_invalid": (
        ERROR,
        "Jumlah penduduk bekerja bukan angka ({value}); contoh: 2395000, 2.395.000 atau 2,395,000.",
        "The number employed is not a number ({value}); e.g. 2395000, 2.395.000 or 2,395,000.",
    ),
    "employed_not_positive": (
        ERROR,
        "Jumlah penduduk bekerja harus lebih dari nol ({value}).",
        "The number employed must be more than zero ({value}).",
    ),
    "employed_too_large": (
        ERROR,
        "Jumlah penduduk bekerja terlalu besar ({value}).",
        "The number employed is too large ({value}).",
    ),
    "employed_above_population": (
        ERROR,
        "Jumlah penduduk bekerja ({value}) melebihi jumlah penduduk wilayah itu "
        "({population}, Dukcapil Desember 2024).",
        "The number employed ({value}) exceeds the region's population "
        "({population}, Dukcapil December 2024).",
    ),
    "source_missing": (
        ERROR,
        "Sumber kosong: sebutkan publikasi BPS dan tahunnya.",
        "Source is empty: name the BPS publication and its year.",
    ),
    "duplicate": (
        ERROR,
        "Wilayah dan tahun ini sudah ada di baris {first_row}; baris pertama yang dipakai.",
        "This region and year already appear on row {first_row}; the first row is kept.",
    ),
}

NATIONAL_NAMES = frozenset({"id", "idn", "indonesia", "nasional", "national", "0", "00"})


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class WorkforceRow:
    """An accepted row: a canonical region code and whole numbers."""

    row: int
    region_code: str
    year: int
    employed: int
    source: str


class Issue(messages.Issue):
    """Why a row was rejected: one line of the error report."""

    catalogue = MESSAGES


@dataclass(frozen=True)
class WorkforceSummary:
    status: str  # created | updated | unchanged
    rows: int
    accepted: int
    rejected: int
    errors_file: Path | None
    counts: StoreCounts
    errors_xlsx: Path | None = None

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "rows": self.rows,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "errors_file": str(self.errors_file) if self.errors_file else None,
        }


# ---------------------------------------------------------------- reading


def read_records(path: Path) -> list[tuple[int, list[object]]]:
    """Each non-blank record with the row number a person sees (CSV line, sheet row)."""
    what = ("tabel penduduk bekerja", "workforce table")
    return tables.read_table(path, MAX_FILE_BYTES, what, COLUMNS)


# ---------------------------------------------------------------- cell rules


def parse_employed(cell: object) -> tuple[int | None, str | None]:
    """(whole persons, None) or (None, an issue code): `tables.parse_whole`'s reading, where
    zero or a negative number is `employed_not_positive` and a fraction is refused even when
    it is zero (`2450000.0` is not a count of persons)."""
    employed, code = tables.parse_whole(cell, "employed", limit=MAX_EMPLOYED, zero_fraction=False)
    if code == "employed_negative" or employed == 0:
        return None, "employed_not_positive"
    return employed, code


def parse_year(cell: object) -> tuple[int | None, str | None]:
    text = text_of(cell)
    if not text:
        return None, "year_missing"
    if not tables.WHOLE_NUMBER.match(text):
        return None, "year_invalid"
    year = int(text)
    if not STATISTICS_YEARS[0] <= year <= STATISTICS_YEARS[1]:
        return None, "year_out_of_range"
    return year, None


def parse_region(cell: object, levels: dict[str, str]) -> tuple[str | None, str | None]:
    """A province or regency/city code that exists; `levels` maps known codes to levels."""
    text = text_of(cell)
    if not text:
        return None, "region_missing"
    if text.lower() in NATIONAL_NAMES:
        return None, "region_national"
    code = try_canonical_code(text)
    if code is None:
        return None, "region_invalid"
    if code not in levels:
        return None, "region_unknown"
    if depth(code) > 2:
        return None, "region_level"
    return code, None


# ---------------------------------------------------------------- checking a file


def check_records(records: list[tuple[int, list[object]]]) -> Checked:
    """Apply every row rule; the first accepted row of a (region, year) wins."""
    rows = tables.records_by_name(records, COLUMNS)
    levels = _region_levels(row["region_code"] for _, row in rows)
    population = region_population()
    accepted: list[WorkforceRow] = []
    issues: list[Issue] = []
    first_row: dict[tuple[str, int], int] = {}
    for number, row in rows:
        found = _check_row(number, row, levels, population)
        if isinstance(found, list):
            issues.extend(found)
            continue
        key = (found.region_code, found.year)
        if key in first_row:
            duplicate = text_of(row["region_code"])
            details = {"first_row": first_row[key]}
            issues.append(Issue("region_code", "duplicate", duplicate, details, number))
            continue
        first_row[key] = number
        accepted.append(found)
    return Checked(len(rows), accepted, issues)


def _check_row(
    number: int, row: dict[str, object], levels: dict[str, str], population: dict[str, int]
) -> WorkforceRow | list[Issue]:
    region, region_issue = parse_region(row["region_code"], levels)
    year, year_issue = parse_year(row["year"])
    employed, employed_issue = parse_employed(row["employed"])
    source = " ".join(text_of(row["source"]).split())
    issues = [
        Issue(column, code, text_of(row[column]), row=number)
        for column, code in (
            ("region_code", region_issue),
            ("year", year_issue),
            ("employed", employed_issue),
            ("source", None if source else "source_missing"),
        )
        if code
    ]
    if region and employed and employed > population.get(region, employed):
        details = {"population": population[region]}
        issues.append(
            Issue("employed", "employed_above_population", str(employed), details, number)
        )
    if issues:
        return issues
    return WorkforceRow(number, region, year, employed, source)


def _region_levels(cells: Iterable[object]) -> dict[str, str]:
    codes = {code for code in (try_canonical_code(text_of(c)) for c in cells) if code}
    return dict(Region.objects.filter(code__in=codes).values_list("code", "level"))


@cache
def region_population() -> dict[str, int]:
    """Registered residents per province and regency/city (Dukcapil, December 2024)."""
    with gzip.open(POPULATION_FILE, "rt", encoding="utf-8", newline="") as handle:
        return {row["code"]: int(row["population_total"]) for row in csv.DictReader(handle)}


# ---------------------------------------------------------------- storing


def store(rows: list[WorkforceRow], replace_real: bool = True) -> StoreCounts:
    """Upsert published figures in one transaction; other regions and years are kept.

    An estimate for the same region and year is always replaced by a published figure.
    `replace_real=False` leaves a different published figure already stored alone.
    """
    created: list[Workforce] = []
    changed: list[Workforce] = []
    now = timezone.now()
    try:
        with transaction.atomic():
            stored = _stored_for({(row.region_code, row.year) for row in rows})
            for row in rows:
                current = stored.get((row.region_code, row.year))
                if current is None:
                    created.append(
                        Workforce(
                            region_id=row.region_code,
                            year=row.year,
                            employed=row.employed,
                            source=row.source,
                        )
                    )
                    continue
                if not _replaces(current, row, replace_real):
                    continue
                current.employed = row.employed
                current.source = row.source
                current.is_estimate = False
                current.imported_at = now  # bulk_update skips auto_now
                changed.append(current)
            Workforce.objects.bulk_create(created)
            Workforce.objects.bulk_update(
                changed, ["employed", "source", "is_estimate", "imported_at"]
            )
    except IntegrityError:
        # Another import stored the same region and year between our read and write.
        raise tables.refuse(
            "concurrent_import",
            "Angka yang sama sedang diimpor proses lain; coba lagi.",
            "Another process is importing the same figures; try again.",
        ) from None
    return StoreCounts(len(created), len(changed), len(rows) - len(created) - len(changed))


def _replaces(current: Workforce, row: WorkforceRow, replace_real: bool) -> bool:
    if current.is_estimate:
        return True
    return replace_real and (current.employed, current.source) != (row.employed, row.source)


def _stored_for(keys: set[tuple[str, int]]) -> dict[tuple[str, int], Workforce]:
    regions = {code for code, _ in keys}
    years = {year for _, year in keys}
    found = Workforce.objects.select_for_update().filter(region_id__in=regions, year__in=years)
    return {(row.region_id, row.year): row for row in found}


# ---------------------------------------------------------------- error report


def write_report(issues: list[Issue]) -> tuple[Path | None, Path | None]:
    """`reports/workforce-<timestamp>/errors.csv` and `errors.xlsx`, when needed."""
    return tables.write_issue_report("workforce", issues, [column.name for column in COLUMNS])


# ---------------------------------------------------------------- entry points


def import_workforce(path: Path | str) -> WorkforceSummary:
    """Check a file and upsert its accepted rows; raises FileRejected for the whole file."""
    checked = check_records(read_records(Path(path)))
    errors_file, errors_xlsx = write_report(checked.issues)
    counts = store(checked.accepted) if checked.accepted else StoreCounts()
    return WorkforceSummary(counts.status, checked.rows, len(checked.accepted), checked.rejected,
                            errors_file, counts, errors_xlsx)  # fmt: skip


def load_shipped_workforce() -> WorkforceSummary:
    """The published figures shipped with Pantau; running it again changes nothing.

    A figure someone imported for the same region and year is kept: the shipped table is
    a fallback, and `pantau setup` or the demo must not undo a person's import.
    """
    checked = check_records(read_records(SHIPPED_FILE))
    if checked.issues:
        raise ValueError(f"shipped workforce file has invalid rows: {checked.issues}")
    counts = store(checked.accepted, replace_real=False)
    return WorkforceSummary(counts.status, checked.rows, len(checked.accepted), 0, None, counts)
