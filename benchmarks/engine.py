"""Benchmark: the coverage engine (issue 5).

Target: 10 million membership rows and 2 million list rows over 40 Pemda (generated): a full
DuckDB refresh (`pantau refresh --full`) takes no more than 2× the time of one hand-written
DuckDB SQL query producing the province-level numbers from the same Parquet files, both timed
as whole processes in the same run, and under 60 s, with peak memory under 4 GB; a one-Pemda
incremental refresh under 2 s. Also reported: a refresh after a membership extract in which one
province changed, and Spark local mode. The baseline's numbers must equal what `pantau
coverage` reports for every province, or the run stops.

Issue 22 asks for more: the full refresh at no more than 1.5× a lighter query, the counts alone
(`COUNTS_BASELINE_SQL`: listed, covered, lapsed, not enrolled by province and category, active
members by province), timed in the same turns; both ratios are printed.

Claims (issue 17): one million claims (generated in SQL, imported with `pantau import
claims`; 95 % of the NIKs the extract's members', the payers mixed, a few flagged) add at most
20 % to the full refresh: the full refresh is timed with the claims file current and, in
turns, with it set aside, `--repeat` times each (`claims` in the JSON). The national claims
totals must equal a direct count over the file's rows.

Prints one JSON object; exits 1 when a target is missed.

    python benchmarks/engine.py [--members 10000000] [--lists 40] [--list-rows 50000]
                                [--claims 1000000] [--repeat 2] [--no-spark]
                                [--spark-memory 4g]
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 2.0  # issue 5: against the province numbers with gap costs and segments
TARGET_COUNTS_RATIO = 1.5  # issue 22: against the counts-only query (`COUNTS_BASELINE_SQL`)
TARGET_FULL_S = 60.0
TARGET_RSS_MB = 4096
TARGET_INCREMENTAL_S = 2.0
TARGET_CLAIMS_ADDED = 0.20  # claims add at most 20 % to the full refresh

AS_OF = "2025-06"
YEAR = 2025
COVERED_FROM = "2025-05-01"  # as-of month minus the default grace of one month
LIST_PROVINCES = ("64", "32", "35")  # Kalimantan Timur, Jawa Barat, Jawa Timur
MEMBER_PROVINCES = ("64", "65", "32", "35", "31")  # and Kalimantan Utara, DKI Jakarta
CATEGORIES = ("non_asn", "village_official", "rt_rw", "vulnerable")
CHANGED_PROVINCE = "64"
CHANGED_LIST_ROWS = 100  # rows of the one Pemda's list that differ in its new version
SHARE_LISTED_MEMBERS = 6  # in 10: listed NIKs found in the membership extract
# Of a province and category: everything `pantau coverage` gives there (the share is a ratio).
NUMBERS = ("listed", "covered", "lapsed", "not_enrolled", "gap_cost_annual")
SEGMENTS = ("PU", "BPU", "JAKON", "PMI")
SPREAD = 1_000_003  # prime: j → (j * SPREAD) % slots is one-to-one below slots

# A person's NIK from its number p: a real district (p modulo their number), then mixed radix
# over the rest (serial, day, month, year 1960-1999, sex), so every p has its own valid NIK.
NIK_MACRO = """
CREATE MACRO nik(p) AS
  {districts}[1 + p % {count}]
    || lpad(CAST(1 + (p // {count} // 9999) % 28 + 40 * ((p // {count} // 134386560) % 2)
                 AS VARCHAR), 2, '0')
    || lpad(CAST(1 + (p // {count} // 279972) % 12 AS VARCHAR), 2, '0')
    || CAST(60 + (p // {count} // 3359664) % 40 AS VARCHAR)
    || lpad(CAST(1 + (p // {count}) % 9999 AS VARCHAR), 4, '0')
"""

# Member i works in regency or city i modulo their number; by a hash of i (`h`), the
# `{inactive}` condition marks the inactive (here a tenth: `members_inactive`) and the active
# ones paid up to 0-7 months before the as-of month (a third too long ago to count as covered).
MEMBERS_SQL = """
COPY (
  SELECT nik(i) AS nik, 'Peserta ' || i AS name, '' AS birth_date, '' AS sex,
    CAST(10000000000 + i AS VARCHAR) AS kpj,
    ['PU', 'BPU', 'JAKON', 'PMI'][1 + (h // 60) % 4] AS segment,
    ['JKK,JKM', 'JKK,JKM,JHT', 'JKK,JKM,JHT,JP'][1 + i % 3] AS programs,
    region AS region_code,
    ['employer', 'self', 'apbd_regency', 'other'][1 + (h // 240) % 4] AS payer_type,
    CASE WHEN (h // 240) % 4 = 2 THEN region ELSE '' END AS payer_region,
    CAST(2000000 + (i * 7919) % 8000000 AS VARCHAR) AS wage,
    '2020-01-15' AS enrolled_on,
    strftime(DATE '{as_of}-01' - to_months(CAST([0, 0, 1, 1, 2, 7][1 + (h // 10) % 6] AS INTEGER)),
             '%Y-%m') AS paid_until,
    CASE WHEN {inactive} THEN 'inactive' ELSE 'active' END AS status
  FROM (SELECT i, CAST(hash(i) % 1000000 AS BIGINT) AS h,
               {regions}[1 + i % {region_count}] AS region
        FROM range({rows}) t(i))
) TO '{path}' (HEADER, DELIMITER ',')
"""

# List k holds listed persons g = k * rows + j: 60% are members working in the list's Pemda
# (member numbers {work} modulo the number of work regions, spread over the extract), the
# others NIKs the extract does not have. Each works in one of the Pemda's villages and earns
# Rp 2.5-5 million a month in whole thousands, as `pantau generate` writes non-ASN incomes.
LIST_SQL = """
COPY (
  SELECT nik(CASE WHEN j < {fresh} THEN {fresh_from} + j
                  WHEN hash(g) % 10 < {share} THEN {region_count} * ((j * {spread}) % {slots})
                                                   + {work}
                  ELSE {members} + g END) AS nik,
    'Pekerja ' || g AS name, '' AS birth_date, '' AS sex,
    {villages}[1 + (j * 31) % {village_count}] AS region_code,
    'Staf' AS position, CAST((2500 + (g * 7919) % 2501) * 1000 AS VARCHAR) AS monthly_income
  FROM (SELECT j, {k} * {rows} + j AS g FROM range({rows}) t(j))
) TO '{path}' (HEADER, DELIMITER ',')
"""

# Claim i: 95 % are paid to member p = (i * 7919) mod members (the extract's NIK, wage), the
# others to NIKs no extract has; the work region is a village, its district or its regency
# (a third each) of the member provinces; payers employer, self, APBD regency, APBDes (a
# village's claims) and APBD province; JKM Rp42,000,000 as the rules expect except one in a
# hundred (Rp40,000,000: flagged), other programmes not checkable or as their rule gives;
# events in 2024 and the first half of 2025, paid 10-40 days later; one in two hundred with an
# event before the member's enrolment (2019, flagged).
CLAIMS_SQL = """
COPY (
  SELECT 'K' || i AS claim_no,
    nik(CASE WHEN h % 20 = 0 THEN {members} * 3 + i ELSE p END) AS nik,
    'Peserta ' || p AS name, program,
    CASE program WHEN 'JKM' THEN 'death' WHEN 'JKK' THEN 'accident' WHEN 'JHT' THEN 'old_age'
         WHEN 'JP' THEN 'old_age' ELSE 'job_loss' END AS event,
    strftime(event_date, '%Y-%m-%d') AS event_date,
    strftime(event_date + CAST(10 + h % 31 AS INTEGER), '%Y-%m-%d') AS paid_on,
    CAST(CASE program WHEN 'JKM' THEN CASE WHEN h % 100 = 7 THEN 40000000 ELSE 42000000 END
         WHEN 'JKK' THEN 5000000 + (h % 50) * 100000
         WHEN 'JHT' THEN 10000000 + (i * 7919) % 50000000
         WHEN 'JP' THEN 3000000 ELSE 2000000 END AS VARCHAR) AS amount,
    '' AS scholarship, CAST(2000000 + (p * 7919) % 8000000 AS VARCHAR) AS wage,
    region_code,
    payer AS payer_type,
    CASE payer WHEN 'apbd_province' THEN substr(region_code, 1, 2)
               WHEN 'apbd_regency' THEN substr(region_code, 1, 5)
               WHEN 'apbdes' THEN region_code ELSE '' END AS payer_region,
    CASE WHEN h % 2 = 0 THEN 'PU' ELSE 'BPU' END AS segment, '' AS branch,
    CASE WHEN program = 'JKM' THEN 'istri' ELSE '' END AS heir_relation
  FROM (
    SELECT i, h, p, program, region_code,
      CASE WHEN (h // 7) % 5 = 3 AND length(region_code) < 13 THEN 'employer'
           ELSE ['employer', 'self', 'apbd_regency', 'apbdes', 'apbd_province'][1 + (h // 7) % 5]
      END AS payer,
      CASE WHEN h % 200 = 3 THEN DATE '2019-06-01'
           ELSE DATE '2024-01-01' + CAST(h % 500 AS INTEGER) END AS event_date
    FROM (
      SELECT i, h, p,
        ['JHT', 'JHT', 'JHT', 'JKK', 'JKK', 'JKM', 'JP', 'JKP'][1 + (h // 3) % 8] AS program,
        CASE (h // 11) % 3 WHEN 0 THEN village WHEN 1 THEN substr(village, 1, 8)
             ELSE substr(village, 1, 5) END AS region_code
      FROM (SELECT i, CAST(hash(i + 7) % 1000000 AS BIGINT) AS h, (i * 7919) % {members} AS p,
                   {villages}[1 + CAST(hash(i + 13) % {village_count} AS BIGINT)] AS village
            FROM range({rows}) t(i))
    )
  )
) TO '{path}' (HEADER, DELIMITER ',')
"""

# The baseline: the province numbers by hand, in one DuckDB query in a fresh process.
BASELINE_CODE = (
    "import duckdb,json,sys; con=duckdb.connect(); con.execute('SET enable_progress_bar = false');"
    "print(json.dumps(con.execute(sys.argv[1]).fetchall()))"
)
# The province-level numbers `pantau coverage` shows, written by hand: list statuses, a year
# of contributions for the people not covered (the default programmes of 2025 written out as
# rates: Non ASN PU JKK 0.24% + JKM 0.30% + JHT 3.7% + 2%, village officials PU JKK + JKM, both
# on the listed income, each part rounded half up; RT/RW heads and vulnerable workers the BPU
# package JKK Rp10.000 + JKM Rp6.800 a month), and active members by segment.
BASELINE_SQL = """
WITH members AS (
  SELECT nik, status, province_code, segment,
    coalesce(status = 'active' AND paid_until >= DATE '{covered_from}', false) AS covered
  FROM {members}
),
listed AS (
  {lists}
),
priced AS (
  SELECT l.province, l.category, m.nik IS NOT NULL AS member, coalesce(m.covered, false) AS covered,
    12 * CASE l.category
      WHEN 'non_asn' THEN (w * 24 + 5000) // 10000 + (w * 30 + 5000) // 10000
                          + (w * 370 + 5000) // 10000 + (w * 200 + 5000) // 10000
      WHEN 'village_official' THEN (w * 24 + 5000) // 10000 + (w * 30 + 5000) // 10000
      ELSE 10000 + 6800 END AS yearly
  FROM (SELECT *, monthly_income AS w FROM listed) l LEFT JOIN members m ON m.nik = l.nik
)
SELECT 'lists', province, category, count(*), count(*) FILTER (covered),
  count(*) FILTER (member AND NOT covered), count(*) FILTER (NOT member),
  coalesce(sum(yearly) FILTER (NOT covered), 0)
FROM priced GROUP BY province, category
UNION ALL
SELECT 'members', province_code, '', count(*),
  count(*) FILTER (segment = 'PU'), count(*) FILTER (segment = 'BPU'),
  count(*) FILTER (segment = 'JAKON'), count(*) FILTER (segment = 'PMI')
FROM members WHERE status = 'active' GROUP BY province_code
"""

# Issue 22's lighter baseline: the province-level counts only (listed, covered, lapsed, not
# enrolled by province and category; active members by province), no prices, no segments.
# Its counts must equal the richer baseline's.
COUNTS_BASELINE_SQL = """
WITH members AS (
  SELECT nik, status, province_code,
    coalesce(status = 'active' AND paid_until >= DATE '{covered_from}', false) AS covered
  FROM {members}
),
listed AS (
  {lists}
),
joined AS (
  SELECT l.province, l.category, m.nik IS NOT NULL AS member,
    coalesce(m.covered, false) AS covered
  FROM listed l LEFT JOIN members m ON m.nik = l.nik
)
SELECT 'lists', province, category, count(*), count(*) FILTER (covered),
  count(*) FILTER (member AND NOT covered), count(*) FILTER (NOT member)
FROM joined GROUP BY province, category
UNION ALL
SELECT 'members', province_code, '', count(*), NULL, NULL, NULL
FROM members WHERE status = 'active' GROUP BY province_code
"""


def parquet(directory: Path) -> str:
    return (
        f"read_parquet('{directory}/data/**/*.parquet', hive_partitioning = true, "
        "hive_types = {'province_code': VARCHAR})"
    )


def sql_list(values: list[str]) -> str:
    return "[" + ", ".join(f"'{value}'" for value in values) + "]"


class Regions:
    """Real Kemendagri codes from the data directory's region table (after `pantau setup`)."""

    def __init__(self, database: Path, lists: int) -> None:
        con = sqlite3.connect(database)
        pemdas = con.execute(
            "SELECT code, province_code FROM regions_region WHERE level IN ('regency', 'city') "
            "ORDER BY code"
        ).fetchall()
        ranked = []  # round robin over the provinces: 64.01, 32.01, 35.01, 64.02, …
        for province in LIST_PROVINCES:
            own = [code for code, p in pemdas if p == province]
            ranked += [(rank, LIST_PROVINCES.index(province), code) for rank, code in
                       enumerate(own)]  # fmt: skip
        self.pemdas = [code for *_, code in sorted(ranked)][:lists]
        if len(self.pemdas) < lists:
            raise SystemExit(f"only {len(self.pemdas)} Pemda in {LIST_PROVINCES}")
        self.villages = {
            pemda: [row[0] for row in con.execute(
                "SELECT code FROM regions_region WHERE level = 'village' AND regency_code = ? "
                "ORDER BY code", [pemda])]
            for pemda in self.pemdas
        }  # fmt: skip
        marks = ", ".join("?" * len(MEMBER_PROVINCES))
        self.work_regions = [row[0] for row in con.execute(
            f"SELECT code FROM regions_region WHERE level IN ('regency', 'city') "
            f"AND province_code IN ({marks}) ORDER BY code", MEMBER_PROVINCES)]  # fmt: skip
        # Claims are paid for work in these provinces' villages (or their districts, regencies).
        self.member_villages = [row[0] for row in con.execute(
            f"SELECT code FROM regions_region WHERE level = 'village' "
            f"AND province_code IN ({marks}) ORDER BY code", MEMBER_PROVINCES)]  # fmt: skip
        # NIKs are registered in the first district of each of these regencies and cities.
        self.districts = [row[0].replace(".", "") for row in con.execute(
            f"SELECT min(code) FROM regions_region WHERE level = 'district' "
            f"AND province_code IN ({marks}) GROUP BY regency_code ORDER BY 1",
            MEMBER_PROVINCES)]  # fmt: skip
        con.close()


def generator(regions: Regions):
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(NIK_MACRO.format(districts=sql_list(regions.districts),
                                 count=len(regions.districts)))  # fmt: skip
    return con


def members_inactive(changed: str | None) -> str:
    """A tenth of the members inactive; with `changed` (a province), 1% of its members flip,
    for the second extract."""
    flip = "false" if changed is None else f"starts_with(region, '{changed}.') AND h % 100 = 1"
    return f"(h % 10 = 0) <> ({flip})"


def make_members(con, regions: Regions, path: Path, rows: int, changed: str | None,
                 inactive: str | None = None) -> None:  # fmt: skip
    """The membership CSV; `inactive` replaces `members_inactive(changed)` (national.py)."""
    con.execute(MEMBERS_SQL.format(
        as_of=AS_OF, regions=sql_list(regions.work_regions),
        region_count=len(regions.work_regions), rows=rows, path=path,
        inactive=inactive or members_inactive(changed),
    ))  # fmt: skip


def make_list(con, regions: Regions, path: Path, k: int, rows: int, members: int,
              fresh: int = 0, fresh_from: int = 0) -> None:  # fmt: skip
    pemda, count = regions.pemdas[k], len(regions.work_regions)
    villages = regions.villages[pemda]
    con.execute(LIST_SQL.format(
        k=k, rows=rows, members=members, share=SHARE_LISTED_MEMBERS, spread=SPREAD,
        region_count=count, slots=members // count, work=regions.work_regions.index(pemda),
        villages=sql_list(villages), village_count=len(villages), fresh=fresh,
        fresh_from=fresh_from, path=path,
    ))  # fmt: skip


def make_claims(con, regions: Regions, path: Path, rows: int, members: int) -> None:
    con.execute(CLAIMS_SQL.format(
        members=members, villages=sql_list(regions.member_villages),
        village_count=len(regions.member_villages), rows=rows, path=path,
    ))  # fmt: skip


def set_claims_current(data_dir: Path, current: bool) -> None:
    """The claims files in force, or set aside (for a refresh without claims)."""
    con = sqlite3.connect(data_dir / "pantau.sqlite3")
    with con:
        con.execute("UPDATE lake_snapshot SET is_current = ? WHERE kind = 'claims'", [current])
    con.close()


def claims_check(data_dir: Path) -> dict:
    """The national claims totals stored, against a direct count over the file's rows."""
    import duckdb

    con = sqlite3.connect(data_dir / "pantau.sqlite3")
    stored = con.execute(
        "SELECT sum(count), sum(amount), sum(pemda_funded_count), sum(flagged) "
        "FROM engine_claimtotal WHERE region_code = '' AND generation = "
        "(SELECT generation FROM engine_currentclaims)"
    ).fetchone()  # fmt: skip
    rows = con.execute(
        "SELECT count(*) FROM engine_claimtotal WHERE generation = "
        "(SELECT generation FROM engine_currentclaims)"
    ).fetchone()[0]  # fmt: skip
    paths = [row[0] for row in con.execute(
        "SELECT path FROM lake_snapshot WHERE is_current AND kind = 'claims'")]  # fmt: skip
    members = [row[0] for row in con.execute(
        "SELECT path FROM lake_snapshot WHERE is_current AND kind = 'members'")]  # fmt: skip
    con.close()
    globs = ", ".join(f"'{data_dir / path}/data/**/*.parquet'" for path in paths)
    member_globs = ", ".join(f"'{data_dir / path}/data/**/*.parquet'" for path in members)
    # Flagged, by hand: the amount differs, the NIK is no member's, the event is before the
    # earliest enrolment.
    direct = duckdb.sql(
        f"SELECT count(*), sum(c.amount), "
        f"count(*) FILTER (c.payer_type IN ('apbd_province', 'apbd_regency', 'apbdes')), "
        f"count(*) FILTER (c.amount <> c.expected_amount OR m.nik IS NULL "
        f"                 OR c.event_date < m.enrolled_on) "
        f"FROM read_parquet([{globs}]) c LEFT JOIN (SELECT nik, min(enrolled_on) AS enrolled_on "
        f"FROM read_parquet([{member_globs}]) GROUP BY nik) m ON m.nik = c.nik"
    ).fetchall()[0]  # fmt: skip
    return {"national": list(stored), "direct": [int(v) for v in direct], "db_rows": rows,
            "matches": [int(v or 0) for v in stored] == [int(v) for v in direct]}  # fmt: skip


def rss_of(args: list[str], env: dict, check: bool = True) -> tuple[float, dict | None, int]:
    """`pantau …` as a user runs it, with this child's peak RSS from wait4 (MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "pantau", *args], env=env, stdout=subprocess.PIPE, text=True
    )
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        if check:
            raise SystemExit(f"pantau {' '.join(args)} failed with status {status}")
        return seconds, None, usage.ru_maxrss // 1024
    return seconds, json.loads(out), usage.ru_maxrss // 1024


def import_file(args: list[str], env: dict) -> dict:
    seconds, summary, rss = rss_of(["import", *args, "--format", "json"], env)
    print(f"import {' '.join(args[:1] + args[2:])}: {summary['accepted']:,} rows, "
          f"{seconds:.1f} s, {rss} MB", file=sys.stderr)  # fmt: skip
    if summary["rejected"] or summary["status"] != "created":
        raise SystemExit(f"import {' '.join(args)}: {summary}")
    return {"seconds": round(seconds, 2), "rows": summary["accepted"], "peak_rss_mb": rss}


def import_list(con, regions: Regions, scratch: Path, env: dict, k: int, options,
                **fresh) -> dict:  # fmt: skip
    path = scratch / f"list_{k}.csv"
    make_list(con, regions, path, k, options.list_rows, options.members, **fresh)
    category = CATEGORIES[k % len(CATEGORIES)]
    result = import_file(["workers", str(path), "--pemda", regions.pemdas[k], "--category",
                          category, "--year", str(YEAR)], env)  # fmt: skip
    path.unlink()
    return result


def baseline_sql(data_dir: Path, template: str = BASELINE_SQL) -> str:
    """The query over the snapshots in force, found in the catalog as `refresh` finds them."""
    con = sqlite3.connect(data_dir / "pantau.sqlite3")
    members = con.execute(
        "SELECT path FROM lake_snapshot WHERE is_current AND kind = 'members' AND as_of <= ? "
        "ORDER BY as_of DESC LIMIT 1", [f"{AS_OF}-01"]
    ).fetchone()[0]  # fmt: skip
    lists = con.execute(
        "SELECT s.path, s.pemda_id, s.category FROM lake_snapshot s WHERE is_current "
        "AND kind = 'workers' AND accepted > 0 AND year = (SELECT max(year) FROM lake_snapshot o "
        "WHERE o.is_current AND o.kind = 'workers' AND o.accepted > 0 AND o.year <= ? "
        "AND o.pemda_id = s.pemda_id AND o.category = s.category) ORDER BY s.id", [YEAR]
    ).fetchall()  # fmt: skip
    con.close()
    union = "\n  UNION ALL\n  ".join(
        f"SELECT nik, monthly_income, '{pemda[:2]}' AS province, '{category}' AS category "
        f"FROM {parquet(data_dir / path)}"
        for path, pemda, category in lists
    )
    return template.format(covered_from=COVERED_FROM, members=parquet(data_dir / members),
                           lists=union)  # fmt: skip


def baseline(sql: str, code: str = BASELINE_CODE, argument: str | None = None
             ) -> tuple[float, dict, int]:  # fmt: skip
    """One hand-written DuckDB query in a fresh process: seconds, numbers by province, RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, argument or sql], stdout=subprocess.PIPE, text=True
    )
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status:
        raise SystemExit(f"baseline query failed with status {status}")
    provinces: dict = {}
    for part, province, category, *values in json.loads(out):
        numbers = provinces.setdefault(
            province, {"active_members": 0, "members_by_segment": dict.fromkeys(SEGMENTS, 0),
                       "lists": {}}
        )  # fmt: skip
        if part == "members":
            numbers["active_members"] = values[0]
            numbers["members_by_segment"] = dict(zip(SEGMENTS, values[1:], strict=False))
        else:
            numbers["lists"][category] = dict(zip(NUMBERS, values, strict=False))
    return seconds, provinces, usage.ru_maxrss // 1024


def counts_of(provinces: dict) -> dict:
    """What the counts-only baseline computes, from either baseline's numbers."""
    return {
        province: {
            "active_members": numbers["active_members"],
            "lists": {
                category: {key: values[key] for key in NUMBERS if key != "gap_cost_annual"}
                for category, values in numbers["lists"].items()
            },
        }  # fmt: skip
        for province, numbers in provinces.items()
    }


def mismatches(expected: dict, env: dict) -> list[str]:
    """Where `pantau coverage --region P` differs from the baseline, for every province."""
    found = []
    for province, numbers in sorted(expected.items()):
        _, data, _ = rss_of(["coverage", "--region", province, "--format", "json"], env)
        pantau = {
            "active_members": data["active_members"],
            "members_by_segment": {key: data["members_by_segment"].get(key, 0)
                                   for key in SEGMENTS},  # fmt: skip
            "lists": {category: {key: values[key] for key in NUMBERS}
                      for category, values in data["lists"].items()},
        }  # fmt: skip
        if pantau != numbers:
            found.append(f"province {province}: baseline {numbers}, pantau coverage {pantau}")
    return found


def refresh(args: list[str], env: dict, expected: dict, check: bool = True) -> dict:
    """A timed `pantau refresh`, then its numbers held against the baseline's."""
    seconds, summary, rss = rss_of(["refresh", *args, "--format", "json"], env, check)
    result = {"seconds": round(seconds, 2), "peak_rss_mb": rss}
    if summary is None:
        return {**result, "failed": True}
    wrong = mismatches(expected, env)
    return {
        **result,
        "status": summary["status"],
        "timings": summary.get("timings", {}),
        "counts": summary.get("counts", {}),
        "matches_baseline": not wrong,
        **({"mismatches": wrong} if wrong else {}),
    }


def claims_step(con, regions: Regions, scratch: Path, data_dir: Path, env: dict,
                options) -> dict:  # fmt: skip
    """Import the claims, then time the full refresh with and without them, in turns."""
    path = scratch / "claims.csv"
    make_claims(con, regions, path, options.claims, options.members)
    imported, summary, import_rss = rss_of(["import", "claims", str(path), "--format", "json"],
                                           env)  # fmt: skip
    path.unlink()
    print(f"import claims: {summary['accepted']:,} rows, {summary['flagged']:,} flagged, "
          f"{imported:.1f} s, {import_rss} MB", file=sys.stderr)  # fmt: skip
    if summary["rejected"] or summary["status"] != "created":
        raise SystemExit(f"import claims: {summary}")
    without, with_claims, runs = [], [], []
    for _repeat in range(options.repeat):
        set_claims_current(data_dir, False)
        seconds, _, _ = rss_of(["refresh", "--full", "--format", "json"], env)
        without.append(seconds)
        set_claims_current(data_dir, True)
        seconds, full, rss = rss_of(["refresh", "--full", "--format", "json"], env)
        with_claims.append(seconds)
        runs.append((seconds, full, rss))
        print(f"full refresh without claims {without[-1]:.2f} s, with {seconds:.2f} s "
              f"(claims {full.get('claims', {}).get('timings')})", file=sys.stderr)  # fmt: skip
    best = min(runs, key=lambda run: run[0])
    base, added = min(without), min(with_claims) - min(without)
    # The first refresh to compute the claims after their import, reported beside the best:
    # whatever the import left for it to do (the claims' membership lookups), it pays.
    first_seconds, first_summary, _ = runs[0]
    return {
        "import": {"seconds": round(imported, 2), "rows": summary["accepted"],
                   "flagged": summary["flagged"], "peak_rss_mb": import_rss},
        "without_s": round(base, 2), "without_all_s": [round(t, 2) for t in without],
        "with_s": round(min(with_claims), 2),
        "with_all_s": [round(t, 2) for t in with_claims],
        "added": round(added / base, 3),
        "first_with_s": round(first_seconds, 2),
        "first_added": round(first_seconds / without[0] - 1, 3),
        "first_claims_timings": first_summary.get("claims", {}).get("timings", {}),
        "peak_rss_mb": best[2],
        "claims_timings": best[1].get("claims", {}).get("timings", {}),
        "claims_counts": best[1].get("claims", {}).get("counts", {}),
        "check": claims_check(data_dir),
    }  # fmt: skip


def compile_bytecode() -> None:
    """Pantau's modules compiled, as a wheel install leaves them.

    This machine sets PYTHONDONTWRITEBYTECODE=1, so without this every timed `pantau`
    process would compile its 130 modules from source again (0.07 s each time, measured),
    which no installed Pantau does. The baseline's duckdb is compiled by pip already.
    """
    import pantau

    compileall.compile_dir(Path(pantau.__file__).parent, quiet=1)


@contextlib.contextmanager
def _scratch(keep: str | None):
    """A new directory for the run's data: removed after it, or kept in `keep`."""
    if keep:
        Path(keep).mkdir(parents=True)  # new: a kept run is never mixed with another
        yield Path(keep)
        return
    with tempfile.TemporaryDirectory(dir=os.environ.get("PANTAU_BENCH_DIR")) as scratch:
        yield Path(scratch)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=10_000_000)
    parser.add_argument("--lists", type=int, default=40)
    parser.add_argument("--list-rows", type=int, default=50_000)
    parser.add_argument("--claims", type=int, default=1_000_000, help="0: no claims step")
    # Baseline and full refresh alternate this many times; the best of each is compared, so
    # a burst of other work on the machine does not decide the ratio.
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--spark-memory", default=os.environ.get("PANTAU_SPARK_MEMORY", "4g"))
    parser.add_argument("--keep", metavar="DIR",
                        help="the data in DIR (new), kept to measure again")  # fmt: skip
    options = parser.parse_args()
    compile_bytecode()
    listed_total = options.lists * options.list_rows
    results: dict = {
        "benchmark": "engine",
        "members": options.members,
        "lists": options.lists,
        "list_rows": options.list_rows,
        "claims_rows": options.claims,
        "as_of": AS_OF,
        "targets": {"ratio": TARGET_RATIO, "counts_ratio": TARGET_COUNTS_RATIO,
                    "full_s": TARGET_FULL_S, "peak_rss_mb": TARGET_RSS_MB,
                    "incremental_s": TARGET_INCREMENTAL_S, "claims_added": TARGET_CLAIMS_ADDED},
    }  # fmt: skip
    with _scratch(options.keep) as scratch:
        data_dir = scratch / "data"
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["PANTAU_DATA_DIR"] = str(data_dir)
        subprocess.run([sys.executable, "-m", "pantau", "setup"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        regions = Regions(data_dir / "pantau.sqlite3", options.lists)
        slots = options.members // len(regions.work_regions)  # members per work region
        if options.list_rows > slots or math.gcd(SPREAD, slots) != 1:
            raise SystemExit(f"--list-rows must not exceed --members / "
                             f"{len(regions.work_regions)} (the work regions)")  # fmt: skip
        con = generator(regions)

        # The data, imported once (not timed here; the import has its own benchmark).
        members_csv = scratch / "members.csv"
        make_members(con, regions, members_csv, options.members, None)
        imports = {"members": import_file(["members", str(members_csv), "--as-of", AS_OF], env)}
        members_csv.unlink()
        lists = [import_list(con, regions, scratch, env, k, options) for k in range(options.lists)]
        imports["lists_s"] = round(sum(item["seconds"] for item in lists), 1)
        imports["lists_rows"] = sum(item["rows"] for item in lists)
        results["imports"] = imports
        results["pemdas"] = regions.pemdas

        # 1-2. The two baselines and the full refresh, in turns; the numbers must agree.
        sql = baseline_sql(data_dir)
        counts_sql = baseline_sql(data_dir, COUNTS_BASELINE_SQL)
        bases, counts_bases, fulls, base_rss, full_rss, full = [], [], [], 0, 0, {}
        for repeat in range(options.repeat):
            seconds, expected, rss = baseline(sql)
            bases.append(seconds)
            base_rss = max(base_rss, rss)
            seconds, counted, _ = baseline(counts_sql)
            counts_bases.append(seconds)
            if counts_of(counted) != counts_of(expected):
                raise SystemExit("the two baselines disagree")
            seconds, full, rss = rss_of(["refresh", "--full", "--format", "json"], env)
            fulls.append(seconds)
            full_rss = max(full_rss, rss)
            if repeat == 0:
                wrong = mismatches(expected, env)
                if wrong:
                    raise SystemExit("the baseline and Pantau disagree:\n" + "\n".join(wrong))
        base, counts_base, seconds = min(bases), min(counts_bases), min(fulls)
        results.update({
            "baseline_s": round(base, 2),
            "baseline_all_s": [round(b, 2) for b in bases],
            "baseline_peak_rss_mb": base_rss,
            "counts_baseline_s": round(counts_base, 2),
            "counts_baseline_all_s": [round(b, 2) for b in counts_bases],
            "full_s": round(seconds, 2),
            "full_all_s": [round(t, 2) for t in fulls],
            "full_peak_rss_mb": full_rss,
            "ratio_to_baseline": round(seconds / base, 3),
            "ratio_to_counts_baseline": round(seconds / counts_base, 3),
            "full_timings": full["timings"],
            "counts": full["counts"],
            "provinces": expected,
            "matches_baseline": True,
        })  # fmt: skip

        # 2b. One million claims: the full refresh with them and, in turns, without them.
        if options.claims:
            results["claims"] = claims_step(con, regions, scratch, data_dir, env, options)

        # 3. One Pemda's list changes (a new version of the same list, some new people),
        # `--repeat` times with other new people each time; the fastest refresh is reported,
        # as for the full refresh, since one process start can be slowed by the machine.
        tries = []
        for repeat in range(options.repeat):
            changed = import_list(con, regions, scratch, env, 0, options,
                                  fresh=CHANGED_LIST_ROWS * (repeat + 1),
                                  fresh_from=options.members + listed_total)  # fmt: skip
            _, expected, _ = baseline(baseline_sql(data_dir))
            tries.append({"pemda": regions.pemdas[0], "import_s": changed["seconds"],
                          **refresh([], env, expected, check=False)})  # fmt: skip
        results["incremental_list"] = {
            **min(tries, key=lambda t: t["seconds"]),
            "all_s": [t["seconds"] for t in tries],
            "matches_baseline": all(t.get("matches_baseline", False) for t in tries),
        }

        # 4. The same month's extract again, 1% of one province's members changed.
        members_csv = scratch / "members_changed.csv"
        make_members(con, regions, members_csv, options.members, CHANGED_PROVINCE)
        again = import_file(["members", str(members_csv), "--as-of", AS_OF], env)
        members_csv.unlink()
        _, expected, _ = baseline(baseline_sql(data_dir))
        results["incremental_members"] = {"province": CHANGED_PROVINCE,
                                          "import_s": again["seconds"],
                                          **refresh([], env, expected, check=False)}  # fmt: skip
        con.close()

        # 5. Spark local mode, the same full refresh (reported, no target).
        if not options.no_spark:
            spark_env = {**env, "PANTAU_SPARK_MEMORY": options.spark_memory}
            spark = refresh(["--full", "--engine", "spark"], spark_env, expected, check=False)
            # wait4 sees the Python process only: the JVM it starts is not its waited child.
            spark["python_peak_rss_mb"] = spark.pop("peak_rss_mb")
            results["spark"] = {"memory": options.spark_memory, **spark}

    incremental = results["incremental_list"]
    met = {
        "ratio": results["ratio_to_baseline"] <= TARGET_RATIO,
        "counts_ratio": results["ratio_to_counts_baseline"] <= TARGET_COUNTS_RATIO,
        "full_under_60s": results["full_s"] < TARGET_FULL_S,
        "peak_rss": full_rss < TARGET_RSS_MB,
        "incremental_under_2s": incremental["seconds"] < TARGET_INCREMENTAL_S
        and incremental.get("matches_baseline", False),
    }
    if "claims" in results:
        met["claims_added"] = (results["claims"]["added"] <= TARGET_CLAIMS_ADDED
                               and results["claims"]["check"]["matches"])  # fmt: skip
    results["targets_met"] = met
    results["meets_target"] = all(met.values())
    print(json.dumps(results))
    sys.exit(0 if results["meets_target"] else 1)


if __name__ == "__main__":
    main()
