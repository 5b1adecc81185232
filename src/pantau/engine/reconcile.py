"""Reconciliation of the Pemda lists with BPJS membership, and the region indicators.

Everything here is SQL over the Parquet lake, run by DuckDB (the embedded engine). The
statements are plain SQL so that the Spark engine can run the same text (see `backends/spark.py`);
their fixed text is in `reconcile.sql`, what depends on Python's lists and a refresh's values is
built here.

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
from pathlib import Path

from pantau.lake import scan
from pantau.regions.codes import is_within

NATIONAL = ""


def sql_sections(text: str) -> dict[str, str]:
    """The statements of a `.sql` file by name: each starts at a `-- name: <name>` line and
    runs to the next; other comment lines are left out (the engines never see them)."""
    sections: dict[str, list[str]] = {}
    lines: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("-- name: "):
            lines = sections[line.removeprefix("-- name: ").strip()] = []
        elif lines is not None and not line.lstrip().startswith("--"):
            lines.append(line)
    return {name: "\n".join(lines).strip() for name, lines in sections.items()}


# The fixed text of the statements, kept beside this module.
STATEMENTS = sql_sections(Path(__file__).with_name("reconcile.sql").read_text(encoding="utf-8"))
LIST_STATUSES = ("covered", "lapsed", "not_enrolled")
SEGMENTS = ("PU", "BPU", "JAKON", "PMI")
PAYERS = ("apbd_province", "apbd_regency", "apbdes", "employer", "self", "other")


@dataclass(frozen=True)
class MemberExtract:
    """A membership extract in force: its snapshot, files and the region it covers."""

    snapshot: int
    path: str | None  # the directory holding its Parquet partitions; None: no accepted rows
    region: str = NATIONAL  # "" (the whole country) or the code of the region it covers
    nik_numbers: bool = False  # its files hold `nik_number` (`lake.Snapshot.nik_numbers`)


@dataclass(frozen=True)
class Inputs:
    """The snapshots a refresh reads; their ids are the refresh's lineage."""

    as_of: date
    grace_months: int
    # The membership extracts in force, newest first (`extracts_in_force`).
    members: tuple[MemberExtract, ...] = ()
    # (snapshot id, directory, pemda code, pemda level, category) of every list in force
    lists: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    # The lists whose files hold `nik_number` (`lake.Snapshot.nik_numbers`).
    numbered_lists: frozenset[int] = frozenset()

    @property
    def member_ids(self) -> list[int]:
        return [extract.snapshot for extract in self.members]

    @property
    def by_number(self) -> bool:
        """Join the lists and the extracts on the NIKs' numbers: every extract with rows
        stores them. A list without them has its NIKs cast (the smaller side, read whole
        anyway); an extract without them would have to be cast too, which costs more than
        joining the text (docs/benchmarks.md, "NIKs joined as numbers"), so then the join
        is on the text, as before."""
        extracts = [extract for extract in self.members if extract.path is not None]
        return bool(extracts) and all(extract.nik_numbers for extract in extracts)

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


def _numbered(sql: str, by_number: bool) -> str:
    """An empty relation's statement, with the `nik_number` column when asked."""
    return f"SELECT *, NULL::BIGINT AS nik_number FROM ({sql})" if by_number else sql


def listed_sql(inputs: Inputs, by_number: bool = False) -> str:
    """Every listed person with the list's snapshot id, in one scan of all the lists; with
    `by_number`, also `nik_number` (read, or cast from the NIK for lists imported before it
    was stored: a second scan)."""
    if not inputs.lists:
        return _numbered(STATEMENTS["no_lists"], by_number)
    snapshots = [(snapshot, directory) for snapshot, directory, *_ in inputs.lists]
    if not by_number:
        return scan.snapshots_sql(snapshots, LISTED_COLUMNS)
    numbered = [item for item in snapshots if item[0] in inputs.numbered_lists]
    others = [item for item in snapshots if item[0] not in inputs.numbered_lists]
    scans = []
    if numbered:
        scans.append(scan.snapshots_sql(numbered, (*LISTED_COLUMNS, "nik_number")))
    if others:
        scans.append(scan.snapshots_sql(others, LISTED_COLUMNS,
                                        ["CAST(l.nik AS BIGINT) AS nik_number"]))  # fmt: skip
    return "\nUNION ALL\n".join(scans)


MEMBER_COLUMNS = ("nik", "birth_date", "status", "paid_until", "payer_type", "payer_region",
                  "region_code", "segment", "province_code")  # fmt: skip


def members_sql(inputs: Inputs, by_number: bool = False) -> str:
    """The membership rows that count at the as-of month, one per person.

    One extract (the usual case): its rows as they are. Several (a branch's extract for its
    city beside the national one): each extract's rows whose work region no newer extract
    covers, and of those, a person's row from the newest extract that has one (a person
    who moved to work in a newer extract's region counts there only). With `by_number`
    (`Inputs.by_number`), also the stored `nik_number`.
    """
    columns = ", ".join((*MEMBER_COLUMNS, "nik_number") if by_number else MEMBER_COLUMNS)
    extracts = [extract for extract in inputs.members if extract.path is not None]
    if not extracts:
        return _numbered(STATEMENTS["no_members"], by_number)
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


def reconciled_sql(inputs: Inputs, pu_categories: list[str], by_number: bool = False,
                   members: str = "members") -> str:  # fmt: skip
    """One row per listed person: status and flags (needs `listed` and `members`).

    Narrow on purpose, since the join's output is the refresh's largest table. A person is
    named by the list's snapshot and row (`source_row`), not by NIK: the NIK, name and
    birth date stay in the list, where the gap pages read them (`gaps.py`), so personal
    data is not copied into every generation, and a 16-character string per row is not
    carried. The list's Pemda and category are not copied onto each of its rows either
    (`list_meta` is joined where they are needed: after counting, and on the gap rows).
    `cost_wage`, the wage a gap's cost depends on, is the income on a PU category's list,
    NULL on the others (the costs: docs/benchmarks.md, "Why the code is shaped so").
    `by_number`: joined on `nik_number` (both views must have it), else on the NIK's text.
    `members`: the relation of membership rows to join (`matched_provinces_sql`).
    """
    covered_from = _months_before(inputs.as_of, inputs.grace_months)
    pu = ", ".join(
        str(int(snapshot))
        for snapshot, _directory, _pemda, _level, category in inputs.lists
        if category in pu_categories
    )
    cost_wage = f"CASE WHEN l.snapshot IN ({pu}) THEN l.monthly_income END" if pu else "NULL"
    return STATEMENTS["reconciled"].format(
        cost_wage=cost_wage, covered_from=covered_from, key="nik_number" if by_number else "nik",
        members=members,
    )  # fmt: skip


def matched_provinces_sql(by_number: bool = False) -> str:
    """The province partitions of `members` holding a person of `listed`."""
    return STATEMENTS["matched_provinces"].format(key="nik_number" if by_number else "nik")


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


BY_REGION_SQL = STATEMENTS["by_region"]  # over `reconciled`
SPREAD_SQL = STATEMENTS["spread"].format(sums=_sums(LIST_MEASURES))  # over `by_region`
LIST_PARTIALS_SQL = f"WITH by_region AS ({BY_REGION_SQL})\n{SPREAD_SQL}"
COMBINE_LISTS_SQL = STATEMENTS["combine_lists"].format(
    sums=_sums(LIST_MEASURES),
    unnamed_sums=", ".join(f"CAST(sum({m}) AS BIGINT)" for m in LIST_MEASURES),
)

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
    return STATEMENTS["member_partials"].format(only=only, segments=segments, payers=payers)


COMBINE_MEMBERS_SQL = STATEMENTS["combine_members"].format(sums=_sums(MEMBER_MEASURES))


# The glue around the statements above, shared by both engines (DuckDB dialect; the Spark
# engine translates it with sqlglot).

GAP_PAIRS_SQL = STATEMENTS["gap_pairs"]
COUNTS_SQL = STATEMENTS["counts"]
COUNT_NAMES = ("listed", "covered", "lapsed", "not_enrolled")

# A gap row: a lapsed or never enrolled person of a list, naming the list (`snapshot`) and
# the list's row. The catalog gives the list's Pemda and category, the list its NIK, name
# and work place: only what the reconciliation adds is stored, in eight narrow columns
# (docs/benchmarks.md, "Why the code is shaped so").
GAP_COLUMNS = ("source_row", "status", "member_status", "paid_until", "payer_type", "payer_region",
               "gap_cost")  # fmt: skip
GAPS_SQL = STATEMENTS["gaps"].format(columns=", ".join(f"r.{c}" for c in GAP_COLUMNS[:-1]))

# Partial rows are written into this many files (`<dir>/_bucket=<n>/`) by a hash of their
# unit, so that an incremental refresh links the files of unchanged units and copies the
# kept rows of one bucket, not of all (`incremental.carry_over`).
BUCKETS = 16
# Gap rows likewise, in more files, by the list's id itself so that a page finds the files
# of its lists without reading the others (`gaps.gap_files_sql`): a bucket's kept rows are
# what one Pemda's new list costs to copy (7.2 million national gap rows: 113,000 a
# bucket), and a file per list would cost 2,208 files to write (docs/benchmarks.md, "Gap
# rows in buckets").
GAP_BUCKETS = 64


def bucket_of(unit: str) -> str:
    """The bucket of a partial row, as SQL over its unit column."""
    return f"hash({unit}) % {BUCKETS}"


def gap_bucket_of(unit: str) -> str:
    """The bucket of a gap row, as SQL over its list's id (`gap_bucket` in Python)."""
    return f"{unit} % {GAP_BUCKETS}"


def gap_bucket(snapshot: int) -> int:
    return int(snapshot) % GAP_BUCKETS


def bucket_directory(path: Path) -> str | None:
    """The nearest `_bucket=<n>` directory a written file lies in (its rows are all of that
    bucket), or None."""
    return next((part for part in reversed(path.parent.parts) if part.startswith("_bucket=")),
                None)  # fmt: skip


# Bump when the files a generation writes change shape: a refresh whose generation in force
# has another layout recomputes everything instead of carrying its files over.
LAYOUT = 4  # 4: gap rows in buckets, not a directory per list


class Stopwatch:
    """Seconds per named step, for a refresh's `timings`."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._clock = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round(now - self._clock, 3)
        self._clock = now
