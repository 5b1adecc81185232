"""The work list of a region and month, read from the lake with DuckDB.

Two lists, from the same snapshots as the month's numbers (the refresh in force):

- **Lapsed members** (`tunggakan`): memberships in the extracts in force whose work region
  lies in the region, still active but paid until before the month minus the grace period:
  the engine's "lapsed" (`reconcile.reconciled_sql`) for members who owe contributions. An
  inactive membership owes nothing and is left out. Months in arrears count the months after
  the month paid, up to and including the month shown (paid until May, July shown: 2). No
  Rupiah amount: the extract carries no wage for most members, and the rules need one.
- **Not enrolled** (`belum terdaftar`): the people on the Pemda lists counted in the region
  (the gap list's people, `gaps.counted_in`) that BPJS does not know, one row per NIK
  (a person on two lists of a Pemda is one visit), grouped by the district and village they
  work in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb
from django.conf import settings

from pantau.engine import reconcile
from pantau.engine.coverage import current_generation
from pantau.engine.gaps import counted_in, gap_files_sql
from pantau.engine.incremental import extract_of
from pantau.engine.refresh import gaps_dir
from pantau.lake import scan
from pantau.lake.models import Snapshot

LAPSED_COLUMNS = ("nik", "name", "kpj", "region_code", "segment", "payer_type",
                  "payer_region", "paid_until", "months")  # fmt: skip
PEOPLE_COLUMNS = ("nik", "name", "birth_date", "region_code", "district", "village",
                  "snapshot")  # fmt: skip


@dataclass
class PayerGroup:
    payer_type: str
    payer_region: str | None
    members: int
    months: int  # months in arrears, summed over the members
    most_months: int


@dataclass
class PlaceGroup:
    district: str  # a district code, or the coarser code the list gives when it has none
    village: str | None
    people: int


@dataclass
class Sources:
    """The month's snapshots, as SQL over the lake, for one region."""

    region: str
    as_of: date
    grace_months: int
    members: str  # SQL: the membership rows in force
    names: str  # SQL: nik, name, kpj of every extract in force, with its rank (0 newest)
    gaps: str | None  # SQL: the not-enrolled gap rows joined to their lists; None: none
    place: str | None  # the work place the list rows must lie in (`gaps.counted_in`)
    lists: dict[int, tuple[str, str]] = field(default_factory=dict)  # id → (pemda, category)


def sources(region: str, as_of: date | None = None) -> Sources:
    """The snapshots behind the numbers of `as_of` (the latest month when None); raises
    `NoCoverage` when the month has none."""
    generation = current_generation(as_of)
    inputs = generation.refresh.inputs
    ids = reconcile.member_ids(inputs.get("members"))
    found = Snapshot.objects.in_bulk(ids)
    extracts = tuple(extract_of(found[pk]) for pk in ids if pk in found)
    members = reconcile.members_sql(reconcile.Inputs(generation.as_of, 0, members=extracts))
    names = " UNION ALL ".join(
        f"SELECT nik, name, kpj, province_code, {rank} AS rank FROM {_parquet(e.path)}"
        for rank, e in enumerate(extracts)
        if e.path is not None
    ) or ("SELECT NULL::VARCHAR AS nik, NULL::VARCHAR AS name, NULL::VARCHAR AS kpj, "
          "NULL::VARCHAR AS province_code, 0 AS rank WHERE false")  # fmt: skip
    lists, place = counted_in(Snapshot.objects.filter(pk__in=inputs.get("lists", [])), region)
    chosen = {
        pk: (path, pemda, category)
        for pk, path, pemda, category in lists.values_list("pk", "path", "pemda_id", "category")
    }
    gap_files = gap_files_sql(gaps_dir(generation.files), chosen)
    gaps = None
    if chosen and gap_files is not None:
        listed = scan.snapshots_sql(
            [(pk, str(settings.DATA_DIR / path)) for pk, (path, *_r) in sorted(chosen.items())],
            ("source_row", "nik", "name", "birth_date", "region_code"),
        )
        ids = ", ".join(str(int(pk)) for pk in sorted(chosen))
        gaps = (
            f"SELECT l.nik, l.name, l.birth_date, l.region_code, g.snapshot "
            f"FROM {gap_files} g "
            f"JOIN ({listed}) l ON l.snapshot = g.snapshot AND l.source_row = g.source_row "
            f"WHERE g.snapshot IN ({ids}) AND g.status = 'not_enrolled'"
        )
    return Sources(
        region=region,
        as_of=generation.as_of,
        grace_months=int(inputs.get("grace_months", 1)),
        members=members,
        names=names,
        gaps=gaps,
        place=place,
        lists={pk: (pemda, category) for pk, (_path, pemda, category) in chosen.items()},
    )


def _parquet(directory: str) -> str:
    """An extract's files, as `reconcile` reads them."""
    return (
        f"read_parquet({scan.quoted(directory + '/data/**/*.parquet')}, hive_partitioning = true, "
        "hive_types = {'province_code': VARCHAR})"
    )


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def months_in_arrears(paid_until: date, as_of: date) -> int:
    """The months after the month paid, up to and including the month shown; any day of a
    month stands for the whole month (the lake keeps the first day)."""
    return month_index(as_of) - month_index(paid_until)


def lapsed_sql(src: Sources, payer: str | None) -> tuple[str, list]:
    """`lapsed`: the lapsed members of the region, with their months in arrears."""
    index = month_index(src.as_of) - src.grace_months
    first_covered = date(index // 12, index % 12 + 1, 1)
    conditions = ["m.status = 'active'", f"m.paid_until < DATE '{first_covered.isoformat()}'"]
    params: list = []
    if src.region:
        conditions.append("m.province_code = ?")
        conditions.append("(m.region_code = ? OR starts_with(m.region_code, ?))")
        params += [src.region[:2], src.region, src.region + "."]
    if payer:
        conditions.append("m.payer_type = ?")
        params.append(payer)
    as_of_index = month_index(src.as_of)
    # The names' province comes after the members' conditions in the text, so last.
    province = "WHERE province_code = ?" if src.region else ""
    if src.region:
        params.append(src.region[:2])
    sql = f"""
    WITH members AS ({src.members}),
    lapsed_rows AS (
        SELECT m.nik, m.region_code, m.segment, m.payer_type, m.payer_region, m.paid_until,
               {as_of_index} - (year(m.paid_until) * 12 + month(m.paid_until) - 1) AS months
        FROM members m WHERE {" AND ".join(conditions)}
    ),
    names AS (
        SELECT nik, arg_min(name, rank) AS name, arg_min(kpj, rank) AS kpj
        FROM ({src.names}) {province} GROUP BY nik
    ),
    lapsed AS (
        SELECT r.nik, n.name, n.kpj, r.region_code, r.segment, r.payer_type, r.payer_region,
               r.paid_until, r.months
        FROM lapsed_rows r LEFT JOIN names n ON n.nik = r.nik
    )
    """
    return sql, params


def people_sql(src: Sources, place: str | None) -> tuple[str, list]:
    """`people`: the not-enrolled people of the region, one row per NIK, with the district
    (or the coarser code the list gives) and the village they work in."""
    if src.gaps is None:
        empty = ", ".join(f"NULL::VARCHAR AS {c}" for c in PEOPLE_COLUMNS[:-1])
        return f"WITH people AS (SELECT {empty}, NULL::BIGINT AS snapshot WHERE false)", []
    conditions, params = ["true"], []
    if src.place:
        conditions.append("starts_with(region_code || '.', ?)")
        params.append(src.place + ".")
    if place:
        if place.count(".") == 3:
            conditions.append("region_code = ?")
        else:
            conditions.append("district = ?")
        params.append(place)
    sql = f"""
    WITH one_row AS (
        SELECT * FROM ({src.gaps})
        QUALIFY row_number() OVER (PARTITION BY nik ORDER BY snapshot) = 1
    ),
    placed AS (
        SELECT nik, name, birth_date, region_code,
               CASE WHEN length(region_code) >= 8 THEN left(region_code, 8)
                    ELSE region_code END AS district,
               CASE WHEN length(region_code) = 13 THEN region_code END AS village, snapshot
        FROM one_row
    ),
    people AS (SELECT * FROM placed WHERE {" AND ".join(conditions)})
    """
    return sql, params


@dataclass
class Worklist:
    as_of: date
    payers: list[PayerGroup]
    lapsed_count: int
    lapsed: list[dict]
    places: list[PlaceGroup]
    people_count: int
    people: list[dict]
    # Where the pages start: past the last row (an old link) is the last page.
    lapsed_offset: int = 0
    people_offset: int = 0


def worklist(
    src: Sources,
    *,
    payer: str | None = None,
    place: str | None = None,
    lapsed_page: tuple[int | None, int] = (None, 0),
    people_page: tuple[int | None, int] = (None, 0),
) -> Worklist:
    """Both lists of `src`'s region: the groups (whole region) and a page of each list
    (`(limit, offset)`, limit None: every row), filtered by payer type and work place."""
    con = duckdb.connect()
    try:
        payers = [
            PayerGroup(*row)
            for row in _fetch(con, *_with(lapsed_sql(src, None), """
                SELECT payer_type, payer_region, count(*), sum(months)::BIGINT, max(months)
                FROM lapsed GROUP BY ALL ORDER BY payer_type, payer_region NULLS FIRST"""))
        ]  # fmt: skip
        sql, params = lapsed_sql(src, payer)
        lapsed_count = sum(g.members for g in payers if payer in (None, g.payer_type))
        lapsed_page = _within(lapsed_page, lapsed_count)
        lapsed = [
            dict(zip(LAPSED_COLUMNS, row, strict=True))
            for row in _fetch(con, sql + f"""
                SELECT {", ".join(LAPSED_COLUMNS)} FROM lapsed
                ORDER BY payer_type, payer_region NULLS FIRST, months DESC, name, nik
                {_limit(*lapsed_page)}""", params)
        ]  # fmt: skip
        places = [
            PlaceGroup(*row)
            for row in _fetch(con, *_with(people_sql(src, None), """
                SELECT district, village, count(*) FROM people
                GROUP BY ALL ORDER BY district, village NULLS FIRST"""))
        ]  # fmt: skip
        sql, params = people_sql(src, place)
        people_count = sum(g.people for g in places if _at(g, place))
        people_page = _within(people_page, people_count)
        people = [
            dict(zip(PEOPLE_COLUMNS, row, strict=True))
            for row in _fetch(con, sql + f"""
                SELECT {", ".join(PEOPLE_COLUMNS)} FROM people
                ORDER BY district, village NULLS FIRST, name, nik
                {_limit(*people_page)}""", params)
        ]  # fmt: skip
    finally:
        con.close()
    for person in people:
        person["pemda"], person["category"] = src.lists[person.pop("snapshot")]
    return Worklist(src.as_of, payers, lapsed_count, lapsed, places, people_count, people,
                    lapsed_page[1], people_page[1])  # fmt: skip


def _at(group: PlaceGroup, place: str | None) -> bool:
    """Are the group's people in `place` (as `people_sql` filters them)?"""
    if place is None:
        return True
    return group.village == place if place.count(".") == 3 else group.district == place


def _within(page: tuple[int | None, int], count: int) -> tuple[int | None, int]:
    """The page `(limit, offset)`, moved back to the last page when it starts past `count`."""
    limit, offset = page
    if limit is None or offset < count:
        return page
    return limit, max(count - 1, 0) // limit * limit


def _with(query: tuple[str, list], select: str) -> tuple[str, list]:
    sql, params = query
    return sql + select, params


def _limit(limit: int | None, offset: int) -> str:
    return "" if limit is None else f"LIMIT {int(limit)} OFFSET {int(offset)}"


def _fetch(con, sql: str, params: list) -> list[tuple]:
    return con.execute(sql, params).fetchall()
