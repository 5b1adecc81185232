"""Reconciliation of the Pemda lists with BPJS membership, and the region indicators.

Everything here is SQL over the Parquet lake, run by DuckDB (the embedded engine). The
statements are plain SQL so that the Spark engine can run the same text (see `spark.py`).

Status of a listed person at an as-of month, by NIK against the membership snapshot in
force (the latest extract whose month is not after the as-of month):
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
from dataclasses import dataclass, field
from datetime import date

NATIONAL = ""
LIST_STATUSES = ("covered", "lapsed", "not_enrolled")
SEGMENTS = ("PU", "BPU", "JAKON", "PMI")
PAYERS = ("apbd_province", "apbd_regency", "apbdes", "employer", "self", "other")


@dataclass(frozen=True)
class Inputs:
    """The snapshots a refresh reads; their ids are the refresh's lineage."""

    as_of: date
    grace_months: int
    members_path: str | None  # the directory holding the extract's Parquet partitions
    members_snapshot: int | None
    # (snapshot id, directory, pemda code, pemda level, category) of every list in force
    lists: list[tuple[int, str, str, str, str]] = field(default_factory=list)

    def lineage(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "grace_months": self.grace_months,
            "members": self.members_snapshot,
            "lists": sorted(snapshot for snapshot, *_ in self.lists),
        }


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


def listed_sql(inputs: Inputs) -> str:
    """Every listed person with the list's Pemda and category (`list_meta` is registered)."""
    if not inputs.lists:
        return (
            "SELECT NULL::VARCHAR AS nik, NULL::DATE AS birth_date, NULL::VARCHAR AS region_code,"
            " NULL::BIGINT AS monthly_income, NULL::VARCHAR AS name, NULL::BIGINT AS snapshot"
            " WHERE false"
        )
    parts = [
        f"SELECT nik, name, birth_date, region_code, monthly_income, {snapshot} AS snapshot "
        f"FROM {_parquet(directory)}"
        for snapshot, directory, *_ in inputs.lists
    ]
    return "\nUNION ALL\n".join(parts)


def members_sql(inputs: Inputs) -> str:
    if inputs.members_path is None:
        return (
            "SELECT NULL::VARCHAR AS nik, NULL::DATE AS birth_date, NULL::VARCHAR AS status, "
            "NULL::DATE AS paid_until, NULL::VARCHAR AS payer_type, "
            "NULL::VARCHAR AS payer_region, NULL::VARCHAR AS region_code, "
            "NULL::VARCHAR AS segment WHERE false"
        )
    return (
        "SELECT nik, birth_date, status, paid_until, payer_type, payer_region, region_code, "
        f"segment FROM {_parquet(inputs.members_path)}"
    )


def reconciled_sql(inputs: Inputs) -> str:
    """One row per listed person: status and flags (needs `list_meta`, `listed`, `members`)."""
    covered_from = _months_before(inputs.as_of, inputs.grace_months)
    return f"""
    SELECT l.nik, l.name, l.birth_date, l.region_code, l.monthly_income, l.snapshot,
        meta.pemda, meta.pemda_level, meta.category,
        CASE WHEN m.nik IS NULL THEN 'not_enrolled'
             WHEN m.status = 'active' AND m.paid_until >= DATE '{covered_from}' THEN 'covered'
             ELSE 'lapsed' END AS status,
        m.status AS member_status, m.paid_until, m.payer_type, m.payer_region,
        coalesce(m.nik IS NOT NULL AND l.birth_date IS NOT NULL AND m.birth_date IS NOT NULL
                 AND l.birth_date <> m.birth_date, false) AS birth_date_mismatch
    FROM listed l
    JOIN list_meta meta ON meta.snapshot = l.snapshot
    LEFT JOIN members m ON m.nik = l.nik
    """


def _months_before(month: date, months: int) -> str:
    index = month.year * 12 + month.month - 1 - months
    return date(index // 12, index % 12 + 1, 1).isoformat()


# Where a listed person counts (see the module docstring), as (person, region) rows.
LIST_PLACES_SQL = """
SELECT r.*, place FROM reconciled r,
    UNNEST([
        r.pemda,
        CASE WHEN r.pemda_level <> 'province' THEN substr(r.pemda, 1, 2) END,
        '',
        CASE WHEN r.pemda_level <> 'province' AND length(r.region_code) >= 8
             THEN substr(r.region_code, 1, 8) END,
        CASE WHEN r.pemda_level <> 'province' AND length(r.region_code) >= 13
             THEN substr(r.region_code, 1, 13) END
    ]) AS t(place)
WHERE place IS NOT NULL
"""

LIST_COVERAGE_SQL = f"""
WITH placed AS ({LIST_PLACES_SQL}),
by_category AS (
    SELECT place AS region_code, p.category,
        count(*) AS listed,
        count(*) FILTER (status = 'covered') AS covered,
        count(*) FILTER (status = 'lapsed') AS lapsed,
        count(*) FILTER (status = 'not_enrolled') AS not_enrolled,
        coalesce(sum(gap_cost) FILTER (status <> 'covered'), 0) AS gap_cost_annual,
        count(*) FILTER (status <> 'covered' AND gap_cost IS NULL) AS gap_wage_missing,
        count(*) FILTER (birth_date_mismatch) AS birth_date_mismatch,
        count(*) FILTER (status = 'covered' AND coalesce(payer_region, '') <> pemda)
            AS paid_by_other
    FROM placed p LEFT JOIN gap_costs g
        ON g.category = p.category AND g.wage IS NOT DISTINCT FROM p.cost_wage
    GROUP BY place, p.category
)
SELECT * FROM by_category
UNION ALL
SELECT region_code, '' AS category, sum(listed), sum(covered), sum(lapsed), sum(not_enrolled),
    sum(gap_cost_annual), sum(gap_wage_missing), sum(birth_date_mismatch), sum(paid_by_other)
FROM by_category GROUP BY region_code
"""

MEMBER_PLACES_SQL = """
SELECT m.*, place FROM members m,
    UNNEST([
        '', substr(m.region_code, 1, 2),
        CASE WHEN length(m.region_code) >= 5 THEN substr(m.region_code, 1, 5) END,
        CASE WHEN length(m.region_code) >= 8 THEN substr(m.region_code, 1, 8) END,
        CASE WHEN length(m.region_code) >= 13 THEN substr(m.region_code, 1, 13) END
    ]) AS t(place)
WHERE place IS NOT NULL AND m.status = 'active'
"""

MEMBER_COVERAGE_SQL = f"""
SELECT place AS region_code, count(*) AS active_members,
    {", ".join(f"count(*) FILTER (segment = '{s}') AS segment_{s.lower()}" for s in SEGMENTS)},
    {", ".join(f"count(*) FILTER (payer_type = '{p}') AS payer_{p}" for p in PAYERS)}
FROM ({MEMBER_PLACES_SQL}) GROUP BY place
"""


# The glue around the statements above, shared by both engines (DuckDB dialect; the Spark
# engine translates it with sqlglot).
GAP_COLUMNS = """r.nik, r.name, r.birth_date, r.region_code, r.pemda, r.category, r.status,
    r.member_status, r.paid_until, r.payer_type, r.payer_region, r.birth_date_mismatch,
    g.gap_cost"""


def with_cost_wage_sql(inputs: Inputs, pu_categories: list[str]) -> str:
    """`reconciled_sql` plus the wage a gap's cost depends on (PU categories only)."""
    pu = ", ".join(f"'{c}'" for c in pu_categories) or "''"
    return f"""SELECT *, CASE WHEN category IN ({pu}) THEN monthly_income END AS cost_wage
    FROM ({reconciled_sql(inputs)})"""


GAP_PAIRS_SQL = "SELECT DISTINCT category, cost_wage FROM reconciled WHERE status <> 'covered'"
COUNTS_SQL = """SELECT count(*), count(*) FILTER (status = 'covered'),
    count(*) FILTER (status = 'lapsed'), count(*) FILTER (status = 'not_enrolled')
FROM reconciled"""
COUNT_NAMES = ("listed", "covered", "lapsed", "not_enrolled")
GAPS_SQL = f"""SELECT {GAP_COLUMNS} FROM reconciled r
LEFT JOIN gap_costs g ON g.category = r.category AND g.wage IS NOT DISTINCT FROM r.cost_wage
WHERE status <> 'covered'"""


class Stopwatch:
    """Seconds per named step, for a refresh's `timings`."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._clock = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self._clock, 3)
        self._clock = now
