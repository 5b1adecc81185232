"""Many rows into one table, the fastest way each database offers.

PostgreSQL takes bulk rows through COPY: the national refresh's 440,000 region rows took
12-13 s as `executemany` and about 2 s as COPY (docs/benchmarks.md, "Storing region rows in
key order"). SQLite has no COPY; its `executemany` binds each row in C, in batches so that
the list of parameters built for a batch stays small.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection

BATCH = 10_000


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert `rows` (values in the order of `columns`) into `table`, inside the caller's
    transaction. `table` and `columns` are the code's own names, never user input."""
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"
        batch: list[Sequence] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
