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
import shutil
import sqlite3
import subprocess
import sys
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
    env = process_env(data_dir)
    if not suite_on_postgresql():
        yield env
        return
    name = f"pantau_processes_{uuid.uuid4().hex[:12]}"
    env["DATABASE_URL"] = _create_database(name)
    try:
        yield env
    finally:
        _drop_database(name)


def process_env(data_dir: Path) -> dict[str, str]:
    """This process's environment for a `pantau` process in `data_dir`, on SQLite unless a
    `DATABASE_URL` is added."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(data_dir)
    return env


def rows_of(env: dict[str, str], query: str) -> list[tuple]:
    """The rows of `query` in the database of the `pantau` processes run with `env`, read
    from this process (a `pantau shell` process costs a third of a second or more)."""
    url = env.get("DATABASE_URL")
    if url:
        with psycopg.connect(url) as connection:
            return [tuple(row) for row in connection.execute(query).fetchall()]
    connection = sqlite3.connect(Path(env["PANTAU_DATA_DIR"]) / "pantau.sqlite3")
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def suite_on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


class SetUpHomes:
    """`pantau setup` (migrations, 91,599 regions, static files: half a minute) run once per
    session and database; a test that needs a set-up data directory gets a copy of it (a
    file copy, and on PostgreSQL a database made from the set-up one as its template).

    Tests of `pantau setup` itself keep running it."""

    def __init__(self, root: Path):
        self.root = root
        self.templates: dict[bool, tuple[Path, str | None]] = {}

    def _template(self, postgres: bool) -> tuple[Path, str | None]:
        if postgres not in self.templates:
            data_dir = self.root / ("postgresql" if postgres else "sqlite")
            env = process_env(data_dir)
            name = None
            if postgres:
                name = f"pantau_set_up_{uuid.uuid4().hex[:12]}"
                env["DATABASE_URL"] = _create_database(name)
            subprocess.run([sys.executable, "-m", "pantau", "setup"], env=env, check=True,
                           capture_output=True)  # fmt: skip
            self.templates[postgres] = (data_dir, name)
        return self.templates[postgres]

    @contextmanager
    def copy(self, data_dir: Path, postgres: bool | None = None) -> Iterator[dict[str, str]]:
        """The environment for `pantau` processes in `data_dir`, set up as `pantau setup`
        leaves it; `postgres` defaults to the suite's database."""
        postgres = suite_on_postgresql() if postgres is None else postgres
        template_dir, template_db = self._template(postgres)
        shutil.copytree(template_dir, data_dir, dirs_exist_ok=True)
        env = process_env(data_dir)
        if not postgres:
            yield env
            return
        name = f"pantau_processes_{uuid.uuid4().hex[:12]}"
        env["DATABASE_URL"] = _create_database(name, template=template_db)
        try:
            yield env
        finally:
            _drop_database(name)

    def close(self) -> None:
        for _, name in self.templates.values():
            if name is not None:
                _drop_database(name)


def _create_database(name: str, template: str | None = None) -> str:
    suite_url = os.environ["DATABASE_URL"]
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with psycopg.connect(suite_url, autocommit=True) as admin:
        admin.execute(statement)
        admin.execute(quick_commits(name))
    return urlunsplit(urlsplit(suite_url)._replace(path=f"/{name}"))


def quick_commits(name: str) -> sql.Composed:
    """A test database's commits return without waiting for the server's WAL flush to disk:
    only a crash of the PostgreSQL server itself could lose the last ones, which a test
    database does not outlive. A transaction stays all or nothing (a `pantau` process killed
    with -9 still leaves none of its half), so every test means what it did; the suite's
    many commits stop waiting on the disk (docs/benchmarks.md, "Test suite")."""
    return sql.SQL("ALTER DATABASE {} SET synchronous_commit = off").format(sql.Identifier(name))


def _drop_database(name: str) -> None:
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as admin:
        # FORCE: a process killed with -9 may leave its session open a moment longer.
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        admin.execute(drop.format(sql.Identifier(name)))
