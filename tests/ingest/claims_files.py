"""Builders for claims extracts and the membership extracts they are checked against."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from tests.ingest.files import ANDI, RINA, SITI, member, write_csv

__all__ = ["ANDI", "CLAIM_HEADER", "RINA", "SITI", "claim", "claims", "issues", "members"]

CLAIM_HEADER = [
    "claim_no", "nik", "name", "program", "event", "event_date", "paid_on", "amount",
    "scholarship", "wage", "region_code", "payer_type", "payer_region", "segment", "branch",
    "heir_relation",
]  # fmt: skip

# JKM for the heirs of a village official of Muara Badak whose contributions the village
# budget paid: Rp42,000,000 since PP 82/2019, what the rules expect.
_CLAIM = {
    "claim_no": "JKM-6402-2022-0001",
    "nik": SITI,
    "name": "SITI AMINAH",
    "program": "JKM",
    "event": "death",
    "event_date": "2022-06-14",
    "paid_on": "2022-07-05",
    "amount": "42000000",
    "scholarship": "",
    "wage": "3500000",
    "region_code": "64.02.05.2001",
    "payer_type": "apbdes",
    "payer_region": "64.02.05.2001",
    "segment": "BPU",
    "branch": "Tenggarong",
    "heir_relation": "suami",
}


def claim(**changes) -> dict[str, str]:
    """A valid claims row, with `changes`."""
    return {**_CLAIM, **changes}


def claims(path: Path, *, dry_run: bool = False, user=None, region: str | None = None, **options):
    """Import the claims extract at `path` (as the operator, unless `user`)."""
    request = ImportRequest(
        path=path, kind="claims", dry_run=dry_run, user=user, region_code=region, **options
    )
    return import_file(request)


def members(tmp_path: Path, *rows: dict[str, str], as_of=datetime.date(2022, 7, 1)):
    """A current membership extract holding `rows` (membership rows: `files.member`)."""
    path = write_csv(tmp_path / f"members-{as_of:%Y%m}.csv", [member(**row) for row in rows])
    summary = import_file(ImportRequest(path=path, kind="members", as_of=as_of))
    assert summary.status == "created" and summary.rejected == 0, summary
    return summary


def issues(summary, level: str | None = None) -> list[tuple[int, str, str, str]]:
    """(row, column, code, value) of every line of the error report (`level`: only the
    "galat" (errors) or "peringatan" (warnings))."""
    if not summary.errors_file:
        return []
    with open(summary.errors_file, encoding="utf-8") as handle:
        return [
            (int(line["baris"]), line["kolom"], line["kode"], line["nilai"])
            for line in csv.DictReader(handle)
            if level in (None, line["tingkat"])
        ]
