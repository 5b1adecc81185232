"""Person-level gap lists: who on a Pemda's list is lapsed or never enrolled.

The rows stay in the lake (`lake/coverage/<generation>/gaps/snapshot=<id>/`, one
directory per list, written or carried over by the last refresh), with the names in the
lists they come from; this module pages through them for one Pemda and category. Every caller that
lets rows leave Pantau (a download, the CLI) records an audit event first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
from django.conf import settings

from pantau.engine.coverage import current_generation
from pantau.engine.refresh import gaps_dir
from pantau.lake import scan
from pantau.lake.models import Snapshot

STATUSES = ("lapsed", "not_enrolled")
COLUMNS = ("nik", "name", "birth_date", "region_code", "category", "status", "member_status",
           "paid_until", "payer_type", "payer_region", "gap_cost")  # fmt: skip
LIST_COLUMNS = ("nik", "name", "birth_date", "region_code")  # read from the list itself


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
    """The gap rows of one Pemda's lists, ordered by name then NIK; `count` is the total.

    A gap row holds the list's row number (`source_row`) and the statuses, in its list's
    `snapshot=<id>` directory; the Pemda and category come from the catalog (the lists the
    generation was computed from), and NIK, name, birth date and work place from that
    list's row, where they are kept.
    """
    generation = current_generation(as_of)
    lists = Snapshot.objects.filter(pk__in=generation.refresh.inputs.get("lists", []),
                                    pemda_id=pemda)  # fmt: skip
    if category:
        lists = lists.filter(category=category)
    directory = gaps_dir(generation.generation)
    found = {
        pk: (path, list_category)
        for pk, path, list_category in lists.values_list("pk", "path", "category")
        if (directory / f"snapshot={pk}").is_dir()  # a list without gaps has no files
    }
    if not found:
        return GapPage(0, [], generation.as_of)
    where, params = ["true"], []
    if status:
        where.append("g.status = ?")
        params.append(status)
    globs = ", ".join(f"'{_quoted(directory / f'snapshot={pk}')}/*.parquet'" for pk in found)
    gaps = f"read_parquet([{globs}], hive_partitioning = true, hive_types = {{'snapshot': BIGINT}})"
    listed = scan.snapshots_sql(
        [(pk, str(settings.DATA_DIR / path)) for pk, (path, _category) in sorted(found.items())],
        ("source_row", "nik", "name", "birth_date", "region_code"),
    )
    source = (
        f"{gaps} g JOIN ({listed}) l ON l.snapshot = g.snapshot AND l.source_row = g.source_row"
    )
    columns = ", ".join(
        "g.snapshot" if c == "category" else f"l.{c}" if c in LIST_COLUMNS else f"g.{c}"
        for c in COLUMNS
    )
    con = duckdb.connect()
    try:
        condition = " AND ".join(where)
        counted = con.execute(f"SELECT count(*) FROM {gaps} g WHERE {condition}", params)
        count = counted.fetchall()[0][0]
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        result = con.execute(
            f"SELECT {columns} FROM {source} WHERE {condition} ORDER BY l.name, l.nik{page}",
            params,
        )
        rows = [dict(zip(COLUMNS, row, strict=True)) for row in result.fetchall()]
    finally:
        con.close()
    for row in rows:
        row["category"] = found[row["category"]][1]  # the snapshot's category
    return GapPage(count, rows, generation.as_of)


def _quoted(path) -> str:
    return str(path).replace("'", "''")
