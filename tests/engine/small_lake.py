"""A few membership rows, list rows and refresh partials written straight to Parquet, in the
layout the lake and a refresh generation use, for tests of the refresh's bookkeeping
(`pantau.engine.incremental`) that need files but not a whole import and refresh."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import duckdb

from pantau.engine import reconcile
from pantau.lake.models import Snapshot

JULY = datetime.date(2022, 7, 1)


def person(nik: str, region: str, **fields) -> dict:
    """One membership row (`reconcile.MEMBER_COLUMNS`); the partition is the work province."""
    return {
        "nik": nik, "birth_date": datetime.date(1985, 3, 1), "status": "active",
        "paid_until": datetime.date(2022, 7, 1), "payer_type": "apbd_regency",
        "payer_region": region[:5], "region_code": region, "segment": "PU",
        **fields, "province_code": region[:2],
    }  # fmt: skip


def _copy(directory: Path, columns: dict[str, str], rows: list[tuple], partition: str) -> None:
    """`rows` into `directory` as Parquet with the given column types, one file per value of
    `partition` (`<partition>=<value>/`), or one `computed.parquet` when `partition` is ""."""
    directory.mkdir(parents=True, exist_ok=True)
    con = _connection()
    try:
        con.execute(f"CREATE TABLE t ({', '.join(f'{c} {t}' for c, t in columns.items())})")
        if rows:
            marks = ", ".join("?" for _ in columns)
            con.executemany(f"INSERT INTO t VALUES ({marks})", rows)
        target = str(directory).replace("'", "''")
        if partition:
            con.execute(f"COPY t TO '{target}' (FORMAT parquet, PARTITION_BY ({partition}))")
        else:
            con.execute(f"COPY t TO '{target}/computed.parquet' (FORMAT parquet)")
    finally:
        con.execute("DROP TABLE IF EXISTS t")


_connections: dict[int, duckdb.DuckDBPyConnection] = {}


def _connection() -> duckdb.DuckDBPyConnection:
    """One writer per process (opening a DuckDB costs a tenth of a second)."""
    pid = os.getpid()
    if pid not in _connections:
        _connections[pid] = duckdb.connect(config={"threads": 1})
    return _connections[pid]


MEMBER_TYPES = {
    "nik": "VARCHAR", "birth_date": "DATE", "status": "VARCHAR", "paid_until": "DATE",
    "payer_type": "VARCHAR", "payer_region": "VARCHAR", "region_code": "VARCHAR",
    "segment": "VARCHAR", "province_code": "VARCHAR",
}  # fmt: skip


def write_extract(directory: Path, people: list[dict]) -> str:
    """A membership extract's files (`<directory>/data/province_code=<p>/`); its path."""
    rows = [tuple(p[c] for c in MEMBER_TYPES) for p in people]
    _copy(directory / "data", MEMBER_TYPES, rows, "province_code")
    return str(directory)


LIST_TYPES = {
    "nik": "VARCHAR", "source_row": "BIGINT", "name": "VARCHAR", "birth_date": "DATE",
    "region_code": "VARCHAR", "monthly_income": "BIGINT", "province_code": "VARCHAR",
}  # fmt: skip


def write_list(directory: Path, niks: list[str], region: str = "64.02") -> str:
    """A worker list's files: each NIK a row working in `region`; its path."""
    rows = [
        (nik, row, f"Orang {row}", datetime.date(1985, 3, 1), region, 3_000_000, region[:2])
        for row, nik in enumerate(niks, start=2)
    ]
    _copy(directory / "data", LIST_TYPES, rows, "province_code")
    return str(directory)


def a_list(directory: Path, snapshot: int, niks: list[str], pemda: str = "64.02") -> tuple:
    """An entry of `reconcile.Inputs.lists` for a Non ASN list of `pemda` holding `niks`."""
    level = "province" if len(pemda) == 2 else "regency"
    return (snapshot, write_list(directory / f"list-{snapshot}", niks), pemda, level, "non_asn")


def extract_snapshot(data_dir: Path, name: str, people: list[dict], region: str = "",
                     accepted: bool = True) -> Snapshot:  # fmt: skip
    """A membership extract in the catalog, its files under the data directory."""
    write_extract(data_dir / "lake" / name, people)
    return Snapshot.objects.create(
        kind="members", as_of=JULY, region_code=region, source_name=f"{name}.csv",
        sha256=name, rules_version="test", path=f"lake/{name}",
        rows=len(people), accepted=len(people) if accepted else 0, is_current=False,
    )  # fmt: skip


def inputs(*members: reconcile.MemberExtract, lists: list[tuple] | None = None,
           grace_months: int = 1) -> reconcile.Inputs:  # fmt: skip
    return reconcile.Inputs(JULY, grace_months, tuple(members), list(lists or []))


LIST_PARTIAL_TYPES = {
    "snapshot": "BIGINT", "region_code": "VARCHAR", "category": "VARCHAR",
    **{m: "BIGINT" for m in reconcile.LIST_MEASURES},
}  # fmt: skip
MEMBER_PARTIAL_TYPES = {
    "province_code": "VARCHAR", "region_code": "VARCHAR",
    **{m: "BIGINT" for m in reconcile.MEMBER_MEASURES},
}  # fmt: skip


def write_list_partials(directory: Path, rows: list[tuple]) -> None:
    """`lists/computed.parquet`: (snapshot, region, category, listed, covered, lapsed,
    not_enrolled); the other measures 0."""
    zeros = (0,) * (len(reconcile.LIST_MEASURES) - 4)
    _copy(directory, LIST_PARTIAL_TYPES, [(*row, *zeros) for row in rows], "")


def write_member_partials(directory: Path, rows: list[tuple]) -> None:
    """`members/computed.parquet`: (province, region, active members); the rest 0."""
    zeros = (0,) * (len(reconcile.MEMBER_MEASURES) - 1)
    _copy(directory, MEMBER_PARTIAL_TYPES, [(*row, *zeros) for row in rows], "")


GAP_TYPES = {
    "source_row": "BIGINT", "status": "VARCHAR", "member_status": "VARCHAR",
    "paid_until": "DATE", "payer_type": "VARCHAR", "payer_region": "VARCHAR",
    "gap_cost": "BIGINT", "snapshot": "BIGINT",
}  # fmt: skip


def write_gap_rows(directory: Path, rows: list[tuple]) -> None:
    """`gaps/computed.parquet`: (snapshot, source_row) never enrolled persons."""
    _copy(directory, GAP_TYPES,
          [(row, "not_enrolled", None, None, None, None, 0, snapshot) for snapshot, row in rows],
          "")  # fmt: skip
