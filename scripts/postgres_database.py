"""Make a PostgreSQL database when it does not exist yet (for `make test`'s Spark stream).

    python scripts/postgres_database.py <url of a database that exists> <name to make>

Connects with the first URL and runs `CREATE DATABASE <name>` unless a database of that name
is there. Exit status 0 either way; a connection error is raised as psycopg raises it.
"""

from __future__ import annotations

import sys

import psycopg
from psycopg import sql


def ensure(url: str, name: str) -> bool:
    """True when the database was made, False when it was there."""
    with psycopg.connect(url, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if found.fetchone():
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    ensure(sys.argv[1], sys.argv[2])
