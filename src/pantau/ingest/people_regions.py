"""The regions of an upload's people, kept with the run so that who may see its rows
(`pantau.accounts.scope.can_view_upload_rows`) is decided without reading the file.

Regions are regency/city codes (a province code for a row placed at province level); a
row whose region is missing or unknown counts as the uploader's region only, and an
uploader without a region (the operator, BPJS's national staff) as the whole country,
written None.
"""

from __future__ import annotations

from pathlib import Path

REGENCY_CODE_LENGTH = len("64.02")


def read(
    con, directory: Path, invalid_as: str | None, source: str | None = None
) -> tuple[list, list]:
    """(regions of all the file's rows, regions of the rows in the error report).

    `directory` holds the checked rows as `validation.write` wrote them, the rejected
    partition included; `invalid_as` stands in for rows whose region does not exist.
    `source` reads the rows from a view of them instead (claims: `claims.ROWS_VIEW`, with
    the membership flags that are not stored).
    """
    rows_sql = source or (
        f"""read_parquet('{directory}/**/*.parquet', hive_partitioning = true,
                         hive_types = {{'province_code': VARCHAR}})"""
    )
    # Grouped by code first: the join then meets a few thousand codes, not every row.
    rows = con.execute(
        f"""WITH codes AS (
                SELECT region_code, bool_or(errors IS NOT NULL OR warnings IS NOT NULL) AS shown
                FROM {rows_sql}
                GROUP BY region_code)
            SELECT CASE WHEN r.code IS NULL THEN NULL
                        ELSE substr(r.code, 1, {REGENCY_CODE_LENGTH}) END AS place,
                   bool_or(c.shown) AS reported
            FROM codes c LEFT JOIN regions r ON r.code = c.region_code
            GROUP BY place"""
    ).fetchall()
    everyone = _codes((place for place, _ in rows), invalid_as)
    reported = _codes((place for place, shown in rows if shown), invalid_as)
    return everyone, reported


def place(code: str | None) -> str | None:
    """The region a person is counted in: the regency/city of `code` (or its province)."""
    return code[:REGENCY_CODE_LENGTH] if code is not None else None


def _codes(places, invalid_as: str | None) -> list:
    codes = {invalid_as if place is None else place for place in places}
    return sorted(codes, key=lambda code: (code is not None, code or ""))
