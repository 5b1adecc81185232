"""Builders shared by the budget tests: allocation entries, budget files, worker lists.

Real region codes: 64 Kalimantan Timur, 64.02 Kutai Kartanegara, 64.71 Balikpapan,
65 Kalimantan Utara, 65.01 Bulungan.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pantau.core.pdf import one_page_pdf
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from tests.ingest.files import WORKER_HEADER, worker
from tests.ingest.files import write_csv as write_list_csv

HEADER = ("pemda_code", "year", "category", "stage", "persons", "amount", "realized",
          "programs", "document")  # fmt: skip


def entry(**changes) -> dict[str, object]:
    """A valid allocation entry (as a form or a file gives it), with `changes`."""
    return {
        "pemda_code": "64.02",
        "year": "2025",
        "category": "non_asn",
        "stage": "murni",
        "persons": "1200",
        "amount": "2500000000",
        "realized": "",
        "programs": "",
        "document": "DPA-SKPD 2.18.01 Tahun 2025",
        **changes,
    }


def row(**changes) -> list[str]:
    values = entry(**changes)
    return [str(values[name]) for name in HEADER]


def write_csv(path: Path, rows, header=HEADER, delimiter=",", encoding="utf-8", before=()):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerows(before)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def report_lines(path) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def nik(day: int, serial: int) -> str:
    """A valid NIK from Muara Badak (64.02.05): a man born on `day` March 1985."""
    return f"640205{day:02d}0385{serial:04d}"


def import_list(tmp_path: Path, pemda: str, category: str, year: int, incomes: list) -> int:
    """A worker list through the real ingest (one person per income; None: no income).

    Returns the snapshot id."""
    rows = [
        worker(nik=nik(index + 1, index + 1), name=f"Pekerja {index + 1}",
               birth_date=f"1985-03-{index + 1:02d}", sex="L", region_code=pemda,
               monthly_income="" if income is None else str(income))
        for index, income in enumerate(incomes)
    ]  # fmt: skip
    name = f"{pemda}-{category}-{year}-{len(incomes)}.csv"
    path = write_list_csv(tmp_path / name, rows, WORKER_HEADER)
    summary = import_file(ImportRequest(path=path, kind="workers", pemda_code=pemda,
                                        category=category, year=year))  # fmt: skip
    assert summary.rejected == 0, summary.errors_file
    return summary.snapshot


def make_pdf(text: str = "Peraturan Daerah Kabupaten Kutai Kartanegara 5/2022", pad: int = 0):
    """A one-page PDF 1.4 with a correct cross-reference table; `pad` adds stream bytes."""
    return one_page_pdf(text, pad)
