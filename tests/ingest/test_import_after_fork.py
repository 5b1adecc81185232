"""A process forked after importing (a pool of import processes started by a process that had
imported a file) drops its parent's DuckDB database without closing it: closing it crashed the
child (signal 11), and the pool waited for that child's file forever."""

from __future__ import annotations

import os

from pantau.ingest import importer
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from tests.ingest.files import WORKER_HEADER, worker, write_csv


def _import(tmp_path, name: str) -> None:
    path = write_csv(tmp_path / name, [worker()], WORKER_HEADER)
    import_file(ImportRequest(path=path, kind="workers", pemda_code="64.02",
                              category="non_asn", year=2022, dry_run=True))  # fmt: skip


def _small_databases_of(pid: int) -> list:
    """The shared databases for small files (every file here is one) of process `pid`."""
    return [(key, database) for key, database in importer._shared.items()
            if key[0] == pid and key[2]]  # fmt: skip


def test_a_database_of_another_process_is_dropped_not_closed(db, tmp_path, monkeypatch):
    _import(tmp_path, "parent.csv")
    [(parent_key, parent_database)] = _small_databases_of(os.getpid())
    # The same process after fork(): another pid, the parent's database still in the cache.
    monkeypatch.setattr(importer.os, "getpid", lambda: parent_key[0] + 1)
    _import(tmp_path, "child.csv")

    assert parent_key not in importer._shared
    assert parent_database.execute("SELECT 42").fetchall() == [(42,)]  # not closed
    for key, _database in _small_databases_of(parent_key[0] + 1):  # the "child's"
        importer._shared.pop(key).close()
    parent_database.close()


def test_a_database_of_an_older_region_file_in_this_process_is_closed(db, tmp_path):
    _import(tmp_path, "first.csv")
    [(key, _)] = _small_databases_of(os.getpid())
    # As if the regions were loaded again from another file since this process's last import.
    importer._shared.pop(key).close()
    importer._shared[(key[0], "an older region file", key[2])] = older = importer._new_database()
    _import(tmp_path, "second.csv")

    assert (key[0], "an older region file", key[2]) not in importer._shared
    assert key in importer._shared
    try:
        older.execute("SELECT 1")
    except Exception as error:  # duckdb.ConnectionException: the database was closed
        assert "closed" in str(error).lower()
    else:
        raise AssertionError("the older region file's database is still open")
