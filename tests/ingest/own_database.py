"""A database of its own for tests that run `pantau` as real processes (kill -9, a pool of
import processes).

Such processes cannot use the suite's test database: it lives in the test process's
transaction (or, on SQLite, in its memory). Without `DATABASE_URL` they get a SQLite file
in their data directory, as before. When the suite runs on PostgreSQL they get a new, empty
database on the same server, dropped afterwards, so both databases are tested and the
processes never touch the developer's own database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


@contextmanager
def own_database(data_dir: Path) -> Iterator[dict[str, str]]:
    """The environment for `pantau` processes with `data_dir` and a database of their own."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(data_dir)
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith(("postgres://", "postgresql://")):
        yield env
        return
    name = f"pantau_processes_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(suite_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        env["DATABASE_URL"] = urlunsplit(urlsplit(suite_url)._replace(path=f"/{name}"))
        yield env
    finally:
        with psycopg.connect(suite_url, autocommit=True) as admin:
            # FORCE: a process killed with -9 may leave its session open a moment longer.
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
