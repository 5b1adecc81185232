"""Many rows into one table, the fastest way each database offers.

PostgreSQL takes bulk rows through COPY: the national refresh's 440,000 region rows took
12-13 s as `executemany` and about 2 s as COPY (docs/benchmarks.md, "Storing region rows in
key order"). SQLite has no COPY; its `executemany` binds each row in C, in batches so that
the list of parameters built for a batch stays small.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django.db import connection

BATCH = 10_000


def insert_rows(
    table: str, columns: Sequence[str], rows: Iterable[Sequence], fixed: Mapping | None = None
) -> None:
    """Insert `rows` (values in the order of `columns`) into `table`, inside the caller's
    transaction. `table` and `columns` are the code's own names, never user input.

    `fixed`: columns whose value is the same on every row (a refresh's generation and month),
    integers or text; on SQLite they are written into the statement instead of bound on each
    row (440,000 region rows: 0.98–1.10 s → 0.84–0.99 s, docs/benchmarks.md).
    """
    fixed = dict(fixed or {})
    names = ", ".join((*fixed, *columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            constants = tuple(fixed.values())
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*constants, *row) if constants else row)
            return
        values = ", ".join([*map(_literal, fixed.values()), *["%s"] * len(columns)])
        sql = f"INSERT INTO {table} ({names}) VALUES ({values})"
        batch: list[Sequence] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _literal(value) -> str:
    """An SQL literal of a fixed value: an integer, or text (quotes doubled; a `%` doubled
    too, since the statement goes through the driver's `%s` formatting)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"a fixed value is an integer or text, not {type(value).__name__}")
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''").replace("%", "%%") + "'"
