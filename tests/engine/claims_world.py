"""The claims tests' world: claims files written straight in the lake's claims schema
(docs/formats.md) with their `Snapshot(kind="claims")`, and membership extracts imported for
real, which the refresh checks the claims against.

Expected numbers (docs/engine.md, "Claims"):
- K1 A JKM 42,000,000 paid 2022-06-15 in village 64.02.05.2001, APBDes: not flagged.
- K2 B JKK 5,000,000 paid 2022-07-05 in district 64.02.05, employer: event 2021-01-01 before
  B's earliest enrolment (2021-06-01 in June's extract; 2022-03-01 in July's): flagged.
- K3 X JHT 10,000,000 paid 2022-07-20 in city 64.71, self: X is no member: flagged.
- K4 A JKM paid 2022-07-10 in district 65.01.01, APBD regency: 40,000,000 against 42,000,000
  in the first file (flagged), corrected to 42,000,000 by the second (not flagged).
- K5 A JKK 3,000,000 against 2,500,000 paid 2022-07-01 in 64.02.05.2001, APBD province:
  flagged (second file).
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
from pathlib import Path

import duckdb
from django.conf import settings

from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from tests.engine.ground_truth import A, B, C, member_row
from tests.ingest.files import MEMBER_HEADER, write_csv

X = C  # in no membership extract
JUNE = datetime.date(2022, 6, 1)
JULY = datetime.date(2022, 7, 1)
JKM_2022 = 42_000_000
BASIS = (
    "PP 82/2019: santunan sekaligus Rp20.000.000 + berkala Rp12.000.000 + pemakaman Rp10.000.000"
)

COLUMNS = (
    ("claim_no", "VARCHAR"), ("nik", "VARCHAR"), ("name", "VARCHAR"), ("program", "VARCHAR"),
    ("event", "VARCHAR"), ("event_date", "DATE"), ("paid_on", "DATE"), ("amount", "BIGINT"),
    ("scholarship", "BIGINT"), ("wage", "BIGINT"), ("region_code", "VARCHAR"),
    ("payer_type", "VARCHAR"), ("payer_region", "VARCHAR"), ("segment", "VARCHAR"),
    ("branch", "VARCHAR"), ("heir_relation", "VARCHAR"), ("expected_amount", "BIGINT"),
    ("expected_basis", "VARCHAR"), ("source_row", "BIGINT"), ("errors", "VARCHAR"),
    ("warnings", "VARCHAR"),
)  # fmt: skip
_files = itertools.count(1)


def claim(claim_no, nik, program, event, event_date, paid_on, amount, region_code, payer_type,
          expected_amount=None, heir_relation=None, wage=None) -> dict:  # fmt: skip
    return {
        "claim_no": claim_no, "nik": nik, "name": f"Orang {nik[-2:]}", "program": program,
        "event": event, "event_date": event_date, "paid_on": paid_on, "amount": amount,
        "scholarship": None, "wage": wage, "region_code": region_code, "payer_type": payer_type,
        "payer_region": None, "segment": "PU", "branch": None, "heir_relation": heir_relation,
        "expected_amount": expected_amount,
        "expected_basis": BASIS if expected_amount == JKM_2022 else None,
        "errors": None, "warnings": "[]",
    }  # fmt: skip


def write_claims(rows: list[dict], name: str = "claims.csv") -> Snapshot:
    """A claims snapshot as h4's import stores one: Parquet per province, the catalog row."""
    relative = Path("lake") / "claims-files" / str(next(_files))
    directory = Path(settings.DATA_DIR) / relative
    con = duckdb.connect()
    names = [column for column, _kind in COLUMNS]
    con.execute("CREATE TABLE c (" + ", ".join(f"{c} {k}" for c, k in COLUMNS) + ")")
    for number, row in enumerate(rows, start=2):
        values = [number if column == "source_row" else row[column] for column in names]
        con.execute(f"INSERT INTO c VALUES ({', '.join(['?'] * len(names))})", values)
    by_province = con.execute("SELECT DISTINCT substr(region_code, 1, 2) FROM c").fetchall()
    for (province,) in by_province:
        part = directory / "data" / f"province_code={province}"
        part.mkdir(parents=True)
        con.execute(
            f"COPY (SELECT * FROM c WHERE substr(region_code, 1, 2) = '{province}') "
            f"TO '{part / 'part-0.parquet'}' (FORMAT parquet)"
        )
    con.close()
    return Snapshot.objects.create(
        kind="claims", source_name=name, sha256=hashlib.sha256(name.encode()).hexdigest(),
        rows=len(rows), accepted=len(rows), rules_version="test", path=str(relative),
        is_current=True,
    )  # fmt: skip


def import_members(tmp_path, rows: list[dict], as_of: datetime.date, name: str,
                   region: str | None = None) -> Snapshot:  # fmt: skip
    path = write_csv(tmp_path / name, rows, MEMBER_HEADER)
    summary = import_file(ImportRequest(path=path, kind="members", as_of=as_of,
                                        region_code=region))  # fmt: skip
    assert summary.rejected == 0, summary.errors_file
    return Snapshot.objects.get(pk=summary.snapshot)


def build_claims_world(tmp_path) -> tuple[Snapshot, Snapshot]:
    """Two claims files and two membership extracts (June, July); the claims snapshots."""
    d = datetime.date
    first = write_claims([
        claim("K1", A, "JKM", "death", d(2022, 5, 10), d(2022, 6, 15), JKM_2022,
              "64.02.05.2001", "apbdes", JKM_2022, "spouse"),
        claim("K2", B, "JKK", "accident", d(2021, 1, 1), d(2022, 7, 5), 5_000_000,
              "64.02.05", "employer"),
        claim("K3", X, "JHT", "old_age", d(2022, 6, 30), d(2022, 7, 20), 10_000_000,
              "64.71", "self"),
        claim("K4", A, "JKM", "death", d(2022, 6, 1), d(2022, 7, 10), 40_000_000,
              "65.01.01", "apbd_regency", JKM_2022, "child"),
    ], "first.csv")  # fmt: skip
    second = write_claims([
        claim("K4", A, "JKM", "death", d(2022, 6, 1), d(2022, 7, 10), JKM_2022,
              "65.01.01", "apbd_regency", JKM_2022, "child"),
        claim("K5", A, "JKK", "accident", d(2022, 6, 20), d(2022, 7, 1), 3_000_000,
              "64.02.05.2001", "apbd_province", 2_500_000, wage=3_000_000),
    ], "second.csv")  # fmt: skip
    import_members(tmp_path, [
        member_row(A, paid_until="2022-06", status="active", enrolled_on="2021-01-10"),
        member_row(B, paid_until="2022-06", status="active", enrolled_on="2021-06-01"),
    ], JUNE, "june.csv")  # fmt: skip
    import_members(tmp_path, [
        member_row(A, paid_until="2022-07", status="active", enrolled_on="2021-01-10"),
        member_row(B, paid_until="2022-07", status="active", enrolled_on="2022-03-01"),
    ], JULY, "july.csv")  # fmt: skip
    return first, second


def refreshed_claims_world(tmp_path) -> dict:
    """`build_claims_world`, then the claims refresh it is built for (the claims pages' and
    the API's world); the refresh's summary."""
    from pantau.engine import claims

    build_claims_world(tmp_path)
    result = claims.refresh_claims()
    assert result["status"] == "created", result
    return result
