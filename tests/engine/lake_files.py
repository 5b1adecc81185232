"""Small snapshots written straight as Parquet, laid out as the lake lays them out
(`<snapshot>/data/province_code=<code>/*.parquet`), for tests of the reconciliation SQL
that need no import and no database."""

from __future__ import annotations

import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

LIST_SCHEMA = pa.schema([
    ("nik", pa.string()), ("source_row", pa.int64()), ("name", pa.string()),
    ("birth_date", pa.date32()), ("region_code", pa.string()), ("monthly_income", pa.int64()),
])  # fmt: skip
MEMBER_SCHEMA = pa.schema([
    ("nik", pa.string()), ("birth_date", pa.date32()), ("status", pa.string()),
    ("paid_until", pa.date32()), ("payer_type", pa.string()), ("payer_region", pa.string()),
    ("region_code", pa.string()), ("segment", pa.string()),
])  # fmt: skip


def month(text: str) -> datetime.date:
    """`2022-07` → 1 July 2022."""
    return datetime.date.fromisoformat(text + "-01")


def write_snapshot(directory: Path, schema: pa.Schema, rows: list[dict]) -> str:
    """One Parquet file per province (the first two characters of the work region)."""
    by_province: dict[str, list[dict]] = {}
    for row in rows:
        by_province.setdefault(row["region_code"][:2], []).append(row)
    for province, province_rows in by_province.items():
        partition = directory / "data" / f"province_code={province}"
        partition.mkdir(parents=True)
        columns = {name: [row.get(name) for row in province_rows] for name in schema.names}
        pq.write_table(pa.table(columns, schema=schema), partition / "part-0.parquet")
    return str(directory)


def member(nik: str, region: str, status: str = "active", paid_until: str = "2022-07",
           segment: str = "PU", payer_type: str = "employer", payer_region: str = "",
           birth_date: str | None = "1985-03-01") -> dict:  # fmt: skip
    return {
        "nik": nik, "region_code": region, "status": status, "paid_until": month(paid_until),
        "segment": segment, "payer_type": payer_type, "payer_region": payer_region,
        "birth_date": datetime.date.fromisoformat(birth_date) if birth_date else None,
    }  # fmt: skip


def rows_of(sql: str, views: dict[str, str] | None = None) -> list[tuple]:
    """The rows of `sql` in a fresh DuckDB, after `CREATE VIEW name AS ...` of each view."""
    con = duckdb.connect()
    try:
        for name, view in (views or {}).items():
            con.execute(f"CREATE VIEW {name} AS {view}")
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


def columns_of(sql: str, views: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(name, type) of each column `sql` gives."""
    con = duckdb.connect()
    try:
        for name, view in (views or {}).items():
            con.execute(f"CREATE VIEW {name} AS {view}")
        return [row[:2] for row in con.execute(f"DESCRIBE {sql}").fetchall()]
    finally:
        con.close()


def listed(nik: str, row: int, region: str, birth_date: str | None = "1985-03-01",
           income: int | None = 3_000_000) -> dict:  # fmt: skip
    return {"nik": nik, "source_row": row, "name": f"Orang {nik}", "region_code": region,
            "birth_date": datetime.date.fromisoformat(birth_date) if birth_date else None,
            "monthly_income": income}  # fmt: skip
