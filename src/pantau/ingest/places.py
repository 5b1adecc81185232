"""Where a worker is, from district and village names: resolved inside the Pemda, in SQL.

A worker list may name the place by `kecamatan` and `desa/kelurahan` instead of a
Kemendagri code. Names are compared by their key (the `place_key` macro of
validation.sql: lower case, no "Kec."/"Kel."/"Desa" prefix, letters and digits only).
Only an equal key matches, so "Tenggarong" is never "Tenggarong Seberang"; a village is
looked for inside the named district when the row names one, else anywhere in the Pemda.
A name that matches nothing, or more than one place, is a row error whose value suggests
the closest names (`closest_places`).

The tables are made per import from the Pemda's regions (a few hundred rows), joined with
the file's rows stream-first like every other join of the checking statement
(`validation.build_sql`); the wizard's preview resolves its sample with the same SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from pantau.core.spreadsheet import Column, Workbook, header, write_csv
from pantau.regions.choices import Level
from pantau.regions.models import Region

# The row errors of names, in the order they are looked for, with the column they name.
PLACE_ISSUES = {
    "district_unknown": "district_name",
    "district_ambiguous": "district_name",
    "village_unknown": "village_name",
    "village_ambiguous": "village_name",
}

TABLES_SQL = """
CREATE OR REPLACE TEMP TABLE place_names AS
    SELECT *, place_key(name) AS key FROM place_names_arrow;
-- Keys that name one district have its code; a key shared by several has none.
CREATE OR REPLACE TEMP TABLE place_districts AS
    SELECT key, CASE WHEN count(*) = 1 THEN any_value(code) END AS code, count(*) AS n,
        string_agg(code || ' ' || name, ', ' ORDER BY code) AS choices
    FROM place_names WHERE level = 'district' AND key IS NOT NULL GROUP BY key;
CREATE OR REPLACE TEMP TABLE place_villages AS
    SELECT district_code, key, CASE WHEN count(*) = 1 THEN any_value(code) END AS code,
        count(*) AS n, string_agg(code || ' ' || name, ', ' ORDER BY code) AS choices
    FROM place_names WHERE level = 'village' AND key IS NOT NULL GROUP BY district_code, key;
CREATE OR REPLACE TEMP TABLE place_villages_anywhere AS
    SELECT key, CASE WHEN count(*) = 1 THEN any_value(code) END AS code, count(*) AS n,
        string_agg(name || ' (' || district_name || ')', ', ' ORDER BY code) AS choices
    FROM place_names WHERE level = 'village' AND key IS NOT NULL GROUP BY key;
-- What an unknown name is compared with: the Pemda's districts and villages, and each
-- district's villages.
CREATE OR REPLACE TEMP TABLE place_choices AS
    SELECT list({'key': key, 'name': name} ORDER BY code) FILTER (level = 'district')
            AS districts,
        list({'key': key, 'name': name || ' (' || district_name || ')'} ORDER BY code)
            FILTER (level = 'village') AS villages
    FROM place_names WHERE key IS NOT NULL;
CREATE OR REPLACE TEMP TABLE place_district_villages AS
    SELECT district_code, list({'key': key, 'name': name} ORDER BY code) AS villages
    FROM place_names WHERE level = 'village' AND key IS NOT NULL GROUP BY district_code;
"""


def pemda_places(pemda_code: str) -> list[tuple[str, str, str, str, str]]:
    """(code, name, level, district code, district name) of the Pemda's districts and
    villages, in code order."""
    pemda = Region.objects.get(code=pemda_code)
    rows = list(
        Region.objects.subtree(pemda)
        .filter(level__in=(Level.DISTRICT, Level.VILLAGE))
        .order_by("code")
        .values_list("code", "name", "level", "district_code")
    )
    districts = {code: name for code, name, level, _ in rows if level == Level.DISTRICT}
    return [
        (code, name, level, district, districts.get(district, ""))
        for code, name, level, district in rows
    ]


def create_tables(con, pemda_code: str) -> None:
    """The name tables of the Pemda in `con` (TEMP: each import's cursor has its own)."""
    rows = pemda_places(pemda_code)
    names = ("code", "name", "level", "district_code", "district_name")
    table = pa.table(
        {name: [row[i] for row in rows] for i, name in enumerate(names)},
        schema=pa.schema([(name, pa.string()) for name in names]),
    )
    con.register("place_names_arrow", table)
    try:
        con.execute(TABLES_SQL)
    finally:
        con.unregister("place_names_arrow")


def placed_sql(source: str) -> str:
    """`source` (with region_raw, district_raw, village_raw, district_key, village_key)
    with `place_issue`, `place_value` and `region_code` filled from the names when the row
    has no code (an issue leaves it NULL)."""
    return f"""
    SELECT * EXCLUDE (district_choices, village_choices, nearby_districts, nearby_villages,
                      place_code)
        REPLACE (coalesce(region_code, CASE WHEN place_issue IS NULL THEN place_code END)
                 AS region_code),
        CASE place_issue
            WHEN 'district_unknown' THEN district_raw || ' → '
                || closest_places(nearby_districts, district_key)
            WHEN 'district_ambiguous' THEN district_raw || ' → ' || district_choices
            WHEN 'village_unknown' THEN village_raw || ' → '
                || closest_places(nearby_villages, village_key)
            WHEN 'village_ambiguous' THEN village_raw || ' → ' || village_choices
        END AS place_value
    FROM (
        SELECT t.*,
            CASE
                WHEN t.region_raw IS NOT NULL THEN NULL
                WHEN t.district_key IS NOT NULL AND pd.key IS NULL THEN 'district_unknown'
                WHEN pd.n > 1 THEN 'district_ambiguous'
                WHEN t.village_key IS NOT NULL AND coalesce(pv.key, pa.key) IS NULL
                    THEN 'village_unknown'
                WHEN coalesce(pv.n, pa.n) > 1 THEN 'village_ambiguous'
            END AS place_issue,
            coalesce(pv.code, pa.code, pd.code) AS place_code,
            pd.choices AS district_choices,
            coalesce(pv.choices, pa.choices) AS village_choices,
            pc.districts AS nearby_districts,
            CASE WHEN t.district_key IS NOT NULL THEN dv.villages ELSE pc.villages END
                AS nearby_villages
        FROM {source} t
        LEFT JOIN place_districts pd ON pd.key = t.district_key
        LEFT JOIN place_villages pv ON pv.district_code = pd.code AND pv.key = t.village_key
        LEFT JOIN place_villages_anywhere pa
            ON pa.key = CASE WHEN t.district_key IS NULL THEN t.village_key END
        LEFT JOIN place_district_villages dv ON dv.district_code = pd.code
        CROSS JOIN place_choices pc
    )
    """


@dataclass
class Resolution:
    """How one (district, village) pair of a file was read, for the wizard's preview."""

    district: str
    village: str
    rows: int
    code: str | None
    name: str
    issue: str | None
    value: str | None
    message: str = ""  # the issue's message, for the page

    @property
    def written(self) -> str:
        return " / ".join(part for part in (self.district, self.village) if part)


def resolve(con, pemda_code: str, pairs: dict[tuple[str, str], int]) -> list[Resolution]:
    """Resolve (district, village) names → rows, as the import would; unknown first.

    `con` has the checking macros (`importer.connect()`); it is closed here.
    """
    try:
        create_tables(con, pemda_code)
        keys = list(pairs)
        con.register(
            "pairs_arrow",
            pa.table(
                {
                    "district_raw": [d or None for d, _ in keys],
                    "village_raw": [v or None for _, v in keys],
                    "rows": [pairs[key] for key in keys],
                },
                schema=pa.schema(
                    [
                        ("district_raw", pa.string()),
                        ("village_raw", pa.string()),
                        ("rows", pa.int64()),
                    ]
                ),  # fmt: skip
            ),
        )
        source = """(SELECT *, NULL::VARCHAR AS region_raw, NULL::VARCHAR AS region_code,
                        place_key(district_raw) AS district_key,
                        place_key(village_raw) AS village_key FROM pairs_arrow)"""
        found = con.execute(
            f"""SELECT p.district_raw, p.village_raw, p.rows, p.region_code, n.name,
                    p.place_issue, p.place_value
                FROM ({placed_sql(source)}) p LEFT JOIN place_names n ON n.code = p.region_code
                ORDER BY p.place_issue IS NULL, p.region_code, p.district_raw, p.village_raw"""
        ).fetchall()
    finally:
        con.close()
    return [
        Resolution(d or "", v or "", rows, code, name or "", issue, value)
        for d, v, rows, code, name, issue, value in found
    ]


# ---------------------------------------------------------------- the download of codes


def codes_columns() -> list:
    """The columns of the list of a Pemda's codes and names; the headers are the worker
    list's own (formats.py), so the file may be the start of a list."""
    return [
        Column(header("kode_wilayah"), "text", lambda row: row[0], width=16),
        Column(header("kecamatan"), "text", lambda row: row[4] or row[1], width=26),
        Column(header("desa_kelurahan"), "text",
               lambda row: row[1] if row[2] == Level.VILLAGE else "", width=30),
        Column(header("tingkat"), "text", lambda row: str(Level(row[2]).label), width=16),
    ]  # fmt: skip


def codes_file(pemda_code: str, fmt: str) -> bytes:
    """The Pemda's districts and villages with their Kemendagri codes, as CSV or XLSX."""
    rows = pemda_places(pemda_code)
    if fmt == "csv":
        return write_csv(codes_columns(), rows)
    book = Workbook()
    book.table("Wilayah", codes_columns(), rows, text_columns=True)
    return book.close()
