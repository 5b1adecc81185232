"""Reconciliation of the Pemda lists with BPJS membership, and the region indicators.

Everything here is SQL over the Parquet lake, run by DuckDB (the embedded engine). The
statements are plain SQL so that the Spark engine can run the same text (see `backends/spark.py`).

Status of a listed person at an as-of month, by NIK against the membership rows in force
(for each work region, the newest extract covering it whose month is not after the as-of
month: `extracts_in_force`, `members_sql`):
- covered: a membership that is active and paid until no earlier than the as-of month
  minus the grace period (default 1 month: contributions fall due on the 15th of the
  next month);
- lapsed: a membership exists but is not active, or is active and paid too long ago;
- not_enrolled: no membership.
Flags for review: a membership whose birth date differs from the list's; a covered
person whose payer is not the listing Pemda.

Where a listed person counts: the listing Pemda and every region above it (a province
counts its own lists and its regencies' and cities' lists); and, for a regency's or
city's list, the district and village the person works in.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from pantau.lake import scan
from pantau.regions.codes import is_within

NATIONAL = ""
LIST_STATUSES = ("covered", "lapsed", "not_enrolled")
SEGMENTS = ("PU", "BPU", "JAKON", "PMI")
PAYERS = ("apbd_province", "apbd_regency", "apbdes", "employer", "self", "other")


@dataclass(frozen=True)
class MemberExtract:
    """A membership extract in force: its snapshot, files and the region it covers."""

    snapshot: int
    path: str | None  # the directory holding its Parquet partitions; None: no accepted rows
    region: str = NATIONAL  # "" (the whole country) or the code of the region it covers


@dataclass(frozen=True)
class Inputs:
    """The snapshots a refresh reads; their ids are the refresh's lineage."""

    as_of: date
    grace_months: int
    # The membership extracts in force, newest first (`extracts_in_force`).
    members: tuple[MemberExtract, ...] = ()
    # (snapshot id, directory, pemda code, pemda level, category) of every list in force
    lists: list[tuple[int, str, str, str, str]] = field(default_factory=list)

    @property
    def member_ids(self) -> list[int]:
        return [extract.snapshot for extract in self.members]

    def lineage(self) -> dict:
        return {
            "layout": LAYOUT,
            "as_of": self.as_of.isoformat(),
            "grace_months": self.grace_months,
            "members": member_lineage(self.member_ids),
            "lists": sorted(snapshot for snapshot, *_ in self.lists),
        }


def member_lineage(ids: list[int]) -> int | list[int] | None:
    """The extracts of a lineage: None, one id (as before regional extracts), or ids newest
    first. Their order and regions (fixed in the catalog) give the rows that count."""
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else list(ids)


def member_ids(lineage_value) -> list[int]:
    """`member_lineage` read back."""
    if lineage_value is None:
        return []
    if isinstance(lineage_value, int):
        return [lineage_value]
    return [int(value) for value in lineage_value]


def covers(region: str, code: str) -> bool:
    """Does an extract of `region` ("" = the whole country) cover region `code`?"""
    return is_within(code, region or None)


def extracts_in_force(candidates: Iterable[MemberExtract]) -> tuple[MemberExtract, ...]:
    """From the month's candidate extracts, newest first, those that still count.

    An extract stands for the people working inside its region, unless a newer one covers
    them: one wholly inside a newer extract's region counts for no one and is left out, and
    nothing older than a national extract counts (docs/engine.md, "Membership extracts").
    """
    chosen: list[MemberExtract] = []
    for extract in candidates:
        if any(covers(newer.region, extract.region) for newer in chosen):
            continue
        chosen.append(extract)
        if extract.region == NATIONAL:
            break
    return tuple(chosen)


def _parquet(directory: str) -> str:
    path = directory.replace("'", "''")
    return (
        f"read_parquet('{path}/data/**/*.parquet', hive_partitioning = true, "
        "hive_types = {'province_code': VARCHAR})"
    )


def list_meta_rows(inputs: Inputs) -> list[tuple]:
    return [
        (snapshot, pemda, level, category)
        for snapshot, _directory, pemda, level, category in inputs.lists
    ]


LISTED_COLUMNS = ("nik", "source_row", "name", "birth_date", "region_code", "monthly_income")


def listed_sql(inputs: Inputs) -> str:
    """Every listed person with the list's snapshot id, in one scan of all the lists."""
    if not inputs.lists:
        return (
            "SELECT NULL::VARCHAR AS nik, NULL::BIGINT AS source_row, NULL::VARCHAR AS name,"
            " NULL::DATE AS birth_date, NULL::VARCHAR AS region_code,"
            " NULL::BIGINT AS monthly_income, NULL::BIGINT AS snapshot WHERE false"
        )
    return scan.snapshots_sql(
        [(snapshot, directory) for snapshot, directory, *_ in inputs.lists], LISTED_COLUMNS
    )


MEMBER_COLUMNS = ("nik", "birth_date", "status", "paid_until", "payer_type", "payer_region",
                  "region_code", "segment", "province_code")  # fmt: skip


def members_sql(inputs: Inputs) -> str:
    """The membership rows that count at the as-of month, one per person.

    One extract (the usual case): its rows as they are. Several (a branch's extract for its
    city beside the national one): each extract's rows whose work region no newer extract
    covers, and of those, a person's row from the newest extract that has one (a person
    who moved to work in a newer extract's region counts there only).
    """
    columns = ", ".join(MEMBER_COLUMNS)
    extracts = [extract for extract in inputs.members if extract.path is not None]
    if not extracts:
        return (
            "SELECT NULL::VARCHAR AS nik, NULL::DATE AS birth_date, NULL::VARCHAR AS status, "
            "NULL::DATE AS paid_until, NULL::VARCHAR AS payer_type, "
            "NULL::VARCHAR AS payer_region, NULL::VARCHAR AS region_code, "
            "NULL::VARCHAR AS segment, NULL::VARCHAR AS province_code WHERE false"
        )
    if len(inputs.members) == 1:
        return f"SELECT {columns} FROM {_parquet(extracts[0].path)}"
    ranks = {extract.snapshot: rank for rank, extract in enumerate(inputs.members)}
    named = [(f"extract_{ranks[e.snapshot]}", e) for e in extracts]
    ctes = []
    for name, extract in named:
        newer = [e.region for e in inputs.members[: ranks[extract.snapshot]]]
        where = _outside_sql(newer)
        ctes.append(f"{name} AS (SELECT {columns} FROM {_parquet(extract.path)}{where})")
    parts = []
    for index, (name, _extract) in enumerate(named):
        newer_niks = " UNION ALL ".join(f"SELECT nik FROM {other}" for other, _ in named[:index])
        where = f" WHERE nik NOT IN ({newer_niks})" if newer_niks else ""
        parts.append(f"SELECT {columns} FROM {name}{where}")
    return f"WITH {', '.join(ctes)}\n" + "\nUNION ALL ".join(parts)


def _outside_sql(regions: list[str]) -> str:
    """` WHERE` the row's work region lies in none of `regions` (empty: no condition).

    A code's ancestors are its prefixes of 2, 5 and 8 characters (`64.71.01.1001`), so one
    `IN` list per code length tests all the regions at once, however many branches sent
    extracts.
    """
    by_length: dict[int, list[str]] = {}
    for region in regions:
        by_length.setdefault(len(region), []).append(region)
    if not by_length:
        return ""
    tests = [
        f"substr(region_code, 1, {length}) IN ({', '.join(scan.quoted(c) for c in sorted(codes))})"
        for length, codes in sorted(by_length.items())
    ]
    return f" WHERE NOT ({' OR '.join(tests)})"


def reconciled_sql(inputs: Inputs, pu_categories: list[str]) -> str:
    """One row per listed person: status and flags (needs `listed` and `members`).

    Narrow on purpose, since the join's output is the refresh's largest table. A person is
    named by the list's snapshot and row (`source_row`), not by NIK: the NIK, name and
    birth date stay in the list, where the gap pages read them (`gaps.py`), so personal
    data is not copied into every generation, and a 16-character string per row is not
    carried. The list's Pemda and category are not copied onto each of its rows either
    (`list_meta` is joined where they are needed: after counting, and on the gap rows).
    `cost_wage`, the wage a gap's cost depends on, is the income on a PU category's list,
    NULL on the others (the costs: docs/benchmarks.md, "Why the code is shaped so").
    """
    covered_from = _months_before(inputs.as_of, inputs.grace_months)
    pu = ", ".join(
        str(int(snapshot))
        for snapshot, _directory, _pemda, _level, category in inputs.lists
        if category in pu_categories
    )
    cost_wage = f"CASE WHEN l.snapshot IN ({pu}) THEN l.monthly_income END" if pu else "NULL"
    return f"""
    SELECT l.source_row, l.region_code, l.snapshot, CAST({cost_wage} AS BIGINT) AS cost_wage,
        CASE WHEN m.nik IS NULL THEN 'not_enrolled'
             WHEN m.status = 'active' AND m.paid_until >= DATE '{covered_from}' THEN 'covered'
             ELSE 'lapsed' END AS status,
        m.status AS member_status, m.paid_until, m.payer_type, m.payer_region,
        coalesce(m.nik IS NOT NULL AND l.birth_date IS NOT NULL AND m.birth_date IS NOT NULL
                 AND l.birth_date <> m.birth_date, false) AS birth_date_mismatch
    FROM listed l
    LEFT JOIN members m ON m.nik = l.nik
    """


def _months_before(month: date, months: int) -> str:
    index = month.year * 12 + month.month - 1 - months
    return date(index // 12, index % 12 + 1, 1).isoformat()


# Refreshes are incremental, so the aggregates come in two steps. An engine computes
# *partials* for the units that changed: a list's counts per region and category
# (`snapshot`), and a province partition's active members per region (`province_code`).
# Partials are summed into the region tables (`COMBINE_*`) with the unchanged units' kept
# partials. Every sum is cast to BIGINT: Parquet has no 128-bit integer, and DuckDB would
# store its HUGEINT sums as floating point.
#
# Both partials count first by the person's own region code and only then spread each
# count to the regions above it (where a person counts: the module docstring): millions of
# people become a few thousand region rows before they are multiplied by five places.

LIST_MEASURES = ("listed", "covered", "lapsed", "not_enrolled", "gap_cost_annual",
                 "gap_wage_missing", "birth_date_mismatch", "paid_by_other")  # fmt: skip


def _sums(measures: tuple[str, ...]) -> str:
    return ", ".join(f"CAST(sum({m}) AS BIGINT) AS {m}" for m in measures)


# Over `reconciled`: the list's counts by the person's own work place.
BY_REGION_SQL = """
SELECT r.snapshot, meta.category, meta.pemda, meta.pemda_level, r.region_code,
    count(*) AS listed,
    count(*) FILTER (status = 'covered') AS covered,
    count(*) FILTER (status = 'lapsed') AS lapsed,
    count(*) FILTER (status = 'not_enrolled') AS not_enrolled,
    coalesce(sum(gap_cost) FILTER (status <> 'covered'), 0) AS gap_cost_annual,
    count(*) FILTER (status <> 'covered' AND gap_cost IS NULL) AS gap_wage_missing,
    count(*) FILTER (birth_date_mismatch) AS birth_date_mismatch,
    count(*) FILTER (status = 'covered' AND coalesce(payer_region, '') <> meta.pemda)
        AS paid_by_other
FROM reconciled r
JOIN list_meta meta ON meta.snapshot = r.snapshot
LEFT JOIN gap_costs g ON g.category = meta.category AND g.wage IS NOT DISTINCT FROM r.cost_wage
GROUP BY r.snapshot, meta.category, meta.pemda, meta.pemda_level, r.region_code
"""

# Over `by_region`: each count spread to the places it counts in.
SPREAD_SQL = f"""
SELECT b.snapshot, place AS region_code, b.category, {_sums(LIST_MEASURES)}
FROM by_region b,
    UNNEST([
        b.pemda,
        CASE WHEN b.pemda_level <> 'province' THEN substr(b.pemda, 1, 2) END,
        '',
        CASE WHEN b.pemda_level <> 'province' AND length(b.region_code) >= 8
             THEN substr(b.region_code, 1, 8) END,
        CASE WHEN b.pemda_level <> 'province' AND length(b.region_code) >= 13
             THEN substr(b.region_code, 1, 13) END
    ]) AS t(place)
WHERE place IS NOT NULL
GROUP BY b.snapshot, place, b.category
"""

LIST_PARTIALS_SQL = f"WITH by_region AS ({BY_REGION_SQL})\n{SPREAD_SQL}"

# Over `list_partials`: each region's rows per category, and one row summing them ('').
COMBINE_LISTS_SQL = f"""
WITH by_category AS (
    SELECT region_code, category, {_sums(LIST_MEASURES)}
    FROM list_partials GROUP BY region_code, category
)
SELECT * FROM by_category
UNION ALL
SELECT region_code, '' AS category,
    {", ".join(f"CAST(sum({m}) AS BIGINT)" for m in LIST_MEASURES)}
FROM by_category GROUP BY region_code
"""

MEMBER_MEASURES = (
    "active_members",
    *(f"segment_{s.lower()}" for s in SEGMENTS),
    *(f"payer_{p}" for p in PAYERS),
)


def member_partials_sql(provinces: list[str] | None = None) -> str:
    """Active members per partition and region; only the given partitions, if any."""
    only = ""
    if provinces is not None:
        only = " AND province_code IN ({})".format(", ".join(f"'{p}'" for p in provinces) or "NULL")
    segments = ", ".join(
        f"CAST(coalesce(sum(n) FILTER (segment = '{s}'), 0) AS BIGINT) AS segment_{s.lower()}"
        for s in SEGMENTS
    )
    payers = ", ".join(
        f"CAST(coalesce(sum(n) FILTER (payer_type = '{p}'), 0) AS BIGINT) AS payer_{p}"
        for p in PAYERS
    )
    return f"""
    WITH by_region AS (
        SELECT province_code, region_code, segment, payer_type, count(*) AS n
        FROM members WHERE status = 'active'{only}
        GROUP BY province_code, region_code, segment, payer_type
    )
    SELECT province_code, place AS region_code, CAST(sum(n) AS BIGINT) AS active_members,
        {segments}, {payers}
    FROM by_region b,
        UNNEST([
            '', substr(b.region_code, 1, 2),
            CASE WHEN length(b.region_code) >= 5 THEN substr(b.region_code, 1, 5) END,
            CASE WHEN length(b.region_code) >= 8 THEN substr(b.region_code, 1, 8) END,
            CASE WHEN length(b.region_code) >= 13 THEN substr(b.region_code, 1, 13) END
        ]) AS t(place)
    WHERE place IS NOT NULL
    GROUP BY province_code, place
    """


# Over `member_partials`.
COMBINE_MEMBERS_SQL = f"""
SELECT region_code, {_sums(MEMBER_MEASURES)} FROM member_partials GROUP BY region_code
"""


# The glue around the statements above, shared by both engines (DuckDB dialect; the Spark
# engine translates it with sqlglot).

GAP_PAIRS_SQL = """SELECT DISTINCT meta.category, r.cost_wage
FROM reconciled r JOIN list_meta meta ON meta.snapshot = r.snapshot
WHERE r.status <> 'covered'"""

COUNTS_SQL = """SELECT count(*), count(*) FILTER (status = 'covered'),
    count(*) FILTER (status = 'lapsed'), count(*) FILTER (status = 'not_enrolled')
FROM reconciled"""
COUNT_NAMES = ("listed", "covered", "lapsed", "not_enrolled")

# A gap row: a lapsed or never enrolled person of a list, written under `snapshot=<id>/`
# and naming the list's row. The catalog gives the list's Pemda and category, the list its
# NIK, name and work place: only what the reconciliation adds is stored, in seven narrow
# columns partitioned by list alone (docs/benchmarks.md, "Why the code is shaped so").
GAP_COLUMNS = ("source_row", "status", "member_status", "paid_until", "payer_type", "payer_region",
               "gap_cost")  # fmt: skip
GAPS_SQL = f"""SELECT {", ".join(f"r.{c}" for c in GAP_COLUMNS[:-1])}, g.gap_cost, r.snapshot
FROM reconciled r
JOIN list_meta meta ON meta.snapshot = r.snapshot
LEFT JOIN gap_costs g ON g.category = meta.category AND g.wage IS NOT DISTINCT FROM r.cost_wage
WHERE r.status <> 'covered'"""

# Bump when the files a generation writes change shape: a refresh whose generation in force
# has another layout recomputes everything instead of carrying its files over.
LAYOUT = 3


class Stopwatch:
    """Seconds per named step, for a refresh's `timings`."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._clock = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self._clock, 3)
        self._clock = now
