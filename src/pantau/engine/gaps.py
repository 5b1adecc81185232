"""Person-level gap lists: who on the lists counted in a region is lapsed or never enrolled.

The rows stay in the lake (`lake/coverage/<generation>/gaps/**/*.parquet`, each row naming
its list, in a few files by a hash of the list: written or carried over by the last
refresh), with the names in the lists they come from; this module pages through them for
one region and category. A region's
rows are exactly the people its coverage figures count (`reconcile`, "where a listed person
counts"), so a count on the dashboard and the list behind its link agree. Every caller that
lets rows leave Pantau (a download, the CLI) records an audit event first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
from django.conf import settings

from pantau.engine import reconcile
from pantau.engine.coverage import current_generation
from pantau.engine.refresh import gaps_dir
from pantau.lake import scan
from pantau.lake.models import Snapshot

STATUSES = ("lapsed", "not_enrolled")
COLUMNS = ("nik", "name", "birth_date", "region_code", "pemda", "category", "status",
           "member_status", "paid_until", "payer_type", "payer_region", "gap_cost")  # fmt: skip
# Filled from the list's catalog row, not read from the lake.
FROM_CATALOG = ("pemda", "category")
LIST_COLUMNS = ("nik", "name", "birth_date", "region_code")  # read from the list itself


@dataclass
class GapPage:
    count: int
    rows: list[dict]
    as_of: date


def gap_rows(
    region: str,
    category: str | None = None,
    status: str | None = None,
    as_of: date | None = None,
    limit: int | None = None,
    offset: int = 0,
    *,
    pemda_only: bool = False,
) -> GapPage:
    """The gap rows counted in `region` (dotted code, "" for Indonesia), ordered by name,
    NIK and list; `count` is the total. With `pemda_only`, only the lists of the Pemda
    `region` itself (`pantau gaps --pemda`).

    A gap row holds its list (`snapshot`), the list's row number (`source_row`) and the
    statuses; the Pemda and category come from the catalog (the lists the generation was
    computed from), and NIK, name, birth date and work place from that list's row, where
    they are kept.
    """
    generation = current_generation(as_of)
    lists = Snapshot.objects.filter(pk__in=generation.refresh.inputs.get("lists", []))
    lists, place = (
        (lists.filter(pemda_id=region), None) if pemda_only else counted_in(lists, region)
    )
    if category:
        lists = lists.filter(category=category)
    found = {
        pk: (path, pemda, list_category)
        for pk, path, pemda, list_category in lists.values_list(
            "pk", "path", "pemda_id", "category"
        )  # fmt: skip
    }
    gaps = gap_files_sql(gaps_dir(generation.files), found)
    if not found or gaps is None:
        return GapPage(0, [], generation.as_of)
    where, params = [f"g.snapshot IN ({', '.join(str(int(pk)) for pk in sorted(found))})"], []
    if status:
        where.append("g.status = ?")
        params.append(status)
    if place:
        where.append(f"left(l.region_code, {len(place)}) = ?")
        params.append(place)
    gaps = f"{gaps} g"
    listed = scan.snapshots_sql(
        [(pk, str(settings.DATA_DIR / path)) for pk, (path, *_rest) in sorted(found.items())],
        ("source_row", "nik", "name", "birth_date", "region_code"),
    )
    source = f"{gaps} JOIN ({listed}) l ON l.snapshot = g.snapshot AND l.source_row = g.source_row"
    selected = [c for c in COLUMNS if c not in FROM_CATALOG]
    columns = ", ".join(f"l.{c}" if c in LIST_COLUMNS else f"g.{c}" for c in selected)
    con = duckdb.connect()
    try:
        condition = " AND ".join(where)
        # Without a work place to match, the gap files alone give the count.
        counted_from = source if place else gaps
        counted = con.execute(f"SELECT count(*) FROM {counted_from} WHERE {condition}", params)
        count = counted.fetchall()[0][0]
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        result = con.execute(
            f"SELECT g.snapshot, {columns} FROM {source} WHERE {condition} "
            f"ORDER BY l.name, l.nik, g.snapshot{page}",
            params,
        )
        fetched = result.fetchall()
    finally:
        con.close()
    rows = []
    for snapshot, *values in fetched:
        row = dict(zip(selected, values, strict=True))
        _path, row["pemda"], row["category"] = found[snapshot]
        rows.append({column: row[column] for column in COLUMNS})
    return GapPage(count, rows, generation.as_of)


def gap_files_sql(directory: Path, snapshots: Iterable[int] | None = None) -> str | None:
    """A generation's gap rows (`directory`: its `gaps/`) as a DuckDB source, or None when
    it has none (every listed person covered, or no list). With `snapshots`, only the files
    that may hold those lists' rows: a file under a `_bucket=<n>/` directory holds only the
    lists of that bucket (`reconcile.gap_bucket`); a page of one regency reads four files
    of the sixty-four."""
    wanted = None if snapshots is None else {reconcile.gap_bucket(s) for s in snapshots}
    files = [
        path
        for path in sorted(directory.glob("**/*.parquet"))
        if wanted is None or _bucket(path.relative_to(directory)) in (None, *wanted)
    ]
    if not files:
        return None
    listing = ", ".join(scan.quoted(path) for path in files)
    return f"read_parquet([{listing}], hive_partitioning = false, union_by_name = true)"


def _bucket(path: Path) -> int | None:
    """The bucket a gap file holds, None for any (`path` relative to `gaps/`)."""
    directory = reconcile.bucket_directory(path)
    return None if directory is None else int(directory.removeprefix("_bucket="))


def counted_in(lists, region: str):
    """The lists whose people count in `region`, and the work place code their rows must
    start with (None: every row), as `reconcile.SPREAD_SQL` spreads them: Indonesia counts
    every list; a province its own and its regencies' and cities' lists; a regency or city
    its own; a district or village the rows of its regency's or city's lists whose person
    works there (a list holds only people working inside its Pemda, and a province's own
    list does not count below the province)."""
    depth = region.count(".") if region else -1
    if depth < 0:
        return lists, None
    if depth == 0:
        return lists.filter(pemda__province_code=region), None
    if depth == 1:
        return lists.filter(pemda_id=region), None
    return lists.filter(pemda_id=region[:5]), region
