"""Builders for the files people send: valid rows to start from, written as they write them."""

from __future__ import annotations

import csv
from pathlib import Path

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
    row = {
        "nik": SITI,
        "name": "Siti Aminah",
        "birth_date": "1990-07-05",
        "sex": "P",
        "region_code": "64.02.05.2001",
        "position": "Staf Administrasi",
        "monthly_income": "3500000",
    }
    row.update(changes)
    return row


def member(**changes) -> dict[str, str]:
    row = {
        "nik": SITI,
        "name": "SITI AMINAH",
        "birth_date": "1990-07-05",
        "sex": "F",
        "kpj": "22010012345",
        "segment": "PU",
        "programs": "JKK,JKM,JHT",
        "region_code": "64.02",
        "payer_type": "apbd_regency",
        "payer_region": "64.02",
        "wage": "3500000",
        "enrolled_on": "2021-01-10",
        "paid_until": "2022-06",
        "status": "active",
    }
    row.update(changes)
    return row


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
