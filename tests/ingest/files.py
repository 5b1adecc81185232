"""Builders for the files people send: valid rows to start from, written as they write them."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from pantau.core.vocabulary import Kind
from pantau.ingest.blank_forms import EXAMPLES
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest

WORKER_HEADER = ["nik", "name", "birth_date", "sex", "region_code", "position", "monthly_income"]
MEMBER_HEADER = [
    "nik", "name", "birth_date", "sex", "kpj", "segment", "programs", "region_code",
    "payer_type", "payer_region", "wage", "enrolled_on", "paid_until", "status",
]  # fmt: skip

# Valid NIKs issued in Muara Badak (64.02.05), Kutai Kartanegara.
SITI = "6402054507900001"  # woman, born 5 July 1990 (day 05 + 40)
ANDI = "6402051203850002"  # man, born 12 March 1985
RINA = "6402056111920003"  # woman, born 21 November 1992


def worker(**changes) -> dict[str, str]:
    """A valid worker-list row (the blank form's example), with `changes`."""
    return {**EXAMPLES[Kind.WORKERS], **changes}


def member(**changes) -> dict[str, str]:
    """A valid membership row (the blank form's example), with `changes`."""
    return {**EXAMPLES[Kind.MEMBERS], **changes}


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    header: list[str] | None = None,
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    before: list[list[str]] = (),
) -> Path:
    header = header or list(rows[0])
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        for line in before:
            writer.writerow(line)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
    return path


def workers(path: Path, **options):
    request = ImportRequest(path=path, kind="workers", pemda_code="64.02", category="non_asn",
                            year=2025, dry_run=True, **options)  # fmt: skip
    return import_file(request)


def issues_of(summary) -> list[dict]:
    if not summary.errors_file:
        return []
    with open(summary.errors_file, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


INDONESIAN_HEADER = ["No", "NIK", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Kode Wilayah",
                     "Jabatan", "Penghasilan"]  # fmt: skip


def people_sheet_rows() -> list[list[str]]:
    return [
        ["1", SITI, "Siti Aminah", "05/07/1990", "P", "64.02.05.2001", "Staf", "3.500.000"],
        ["2", ANDI, "Andi Pratama", "12-03-1985", "L", "6402052001", "Staf", "3500000"],
        ["3", RINA, "Rina Wulandari", "1992-11-21", "P", "64.02.05", "Staf", ""],
    ]


def write_xlsx(path: Path, rows: list[list], header=INDONESIAN_HEADER, title=True) -> Path:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Pegawai")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    start = 0
    if title:
        sheet.write_string(0, 0, "DAFTAR PEGAWAI NON ASN")
        start = 2
    for column, name in enumerate(header):
        sheet.write_string(start, column, name)
    for index, row in enumerate(rows, start=start + 1):
        for column, value in enumerate(row):
            if isinstance(value, datetime.date):
                moment = datetime.datetime.combine(value, datetime.time())
                sheet.write_datetime(index, column, moment, date_format)
            elif isinstance(value, (int, float)):
                sheet.write_number(index, column, value)
            elif value is not None:
                sheet.write_string(index, column, value)
    workbook.add_worksheet("Catatan").write_string(0, 0, "catatan")
    workbook.close()
    return path
