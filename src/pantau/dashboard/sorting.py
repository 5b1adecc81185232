"""Sorting the children table by a column header (`?urut=nama`, `?urut=-ucj`).

Sorting happens on the server: the table stays sortable without a script, the order is part
of the shareable URL, and screen readers hear a normal page with `aria-sort` on the column.
Regions without a value sort last whichever the direction.
"""

from __future__ import annotations

from pantau.dashboard.indicators import INDICATORS
from pantau.dashboard.summary import RegionNumbers

SORT_KEYS = ("peringkat", "kode", "nama", *INDICATORS)


def _key(sort: str):
    if sort == "kode":
        return lambda row: row.code
    if sort == "nama":
        return lambda row: row.name.lower()
    if sort == "peringkat":
        return lambda row: row.rank
    return lambda row: row.value(INDICATORS[sort])


def sort_rows(rows: list[RegionNumbers], sort: str) -> list[RegionNumbers]:
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name not in SORT_KEYS:
        name, descending = "peringkat", False
    key = _key(name)
    known = [row for row in rows if key(row) is not None]
    unknown = [row for row in rows if key(row) is None]
    known.sort(key=key, reverse=descending)
    unknown.sort(key=lambda row: row.code)
    return known + unknown
