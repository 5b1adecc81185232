"""A pool of forked processes for work that spreads over the cores: the batches of a
directory's lists (`pantau import dir`), the months of the demo's refresh."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, connections


def processes_for(requested: int | None) -> int:
    """How many processes: `requested`, or one per core. One inside a transaction, whose rows
    another process cannot see (and whose connection forking must not close), and when the
    database lives in this process's memory (a test's SQLite), which a forked process would
    write a copy of."""
    if connection.in_atomic_block:
        return 1
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return 1
    return requested or os.cpu_count() or 1


def _child_init() -> None:
    # Connections inherited from the parent must not be shared across processes.
    connections.close_all()
    # Each process takes one core; DuckDB's threads would only contend for it.
    os.environ["PANTAU_DUCKDB_THREADS"] = "1"


@contextmanager
def forked_pool(processes: int) -> Iterator[multiprocessing.pool.Pool]:
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_child_init) as pool:
        yield pool
