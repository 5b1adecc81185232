"""Builders for the files people send: valid rows to start from, written as they write them."""

from __future__ import annotations

import csv
from pathlib import Path

from pantau.core.vocabulary import Kind
from pantau.ingest.blank_forms import EXAMPLES

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
