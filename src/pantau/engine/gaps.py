"""Person-level gap lists: who on a Pemda's list is lapsed or never enrolled.

The rows stay in the lake (`lake/coverage/<generation>/gaps/pemda=<code>/snapshot=<id>/`,
one directory per list, written or carried over by the last refresh); this module pages
through them for one Pemda and category. Every caller that
lets rows leave Pantau (a download, the CLI) records an audit event first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from pantau.engine.coverage import current_generation
from pantau.engine.refresh import gaps_dir

STATUSES = ("lapsed", "not_enrolled")
COLUMNS = ("nik", "name", "birth_date", "region_code", "category", "status", "member_status",
           "paid_until", "payer_type", "payer_region", "gap_cost")  # fmt: skip


@dataclass
class GapPage:
    count: int
    rows: list[dict]
    as_of: date


def gap_rows(
    pemda: str,
    category: str | None = None,
    status: str | None = None,
    as_of: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> GapPage:
    """The gap rows of one Pemda's lists, ordered by name then NIK; `count` is the total."""
    generation = current_generation(as_of)
    partition = gaps_dir(generation.generation) / f"pemda={pemda}"
    if not any(partition.glob("*/*.parquet")):
        return GapPage(0, [], generation.as_of)
    where, params = ["true"], []
    if category:
        where.append("category = ?")
        params.append(category)
    if status:
        where.append("status = ?")
        params.append(status)
    source = (
        f"read_parquet('{str(partition).replace(chr(39), chr(39) * 2)}/*/*.parquet', "
        "hive_partitioning = false)"
    )
    con = duckdb.connect()
    try:
        condition = " AND ".join(where)
        counted = con.execute(f"SELECT count(*) FROM {source} WHERE {condition}", params)
        count = counted.fetchall()[0][0]
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        result = con.execute(
            f"SELECT {', '.join(COLUMNS)} FROM {source} WHERE {condition} ORDER BY name, nik{page}",
            params,
        )
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in result.fetchall()]
    finally:
        con.close()
    return GapPage(count, rows, generation.as_of)
