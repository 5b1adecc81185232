"""Forked processes for work that spreads over the cores: a pool for the batches of a
directory's lists (`pantau import dir`) and the months of the demo's refresh; one process
`aside` for work that need not wait (the demo's static files while it generates its
files)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import TypeVar

from django.db import connection, connections

T = TypeVar("T")


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


def forked_pool(processes: int) -> multiprocessing.pool.Pool:
    """A pool of forked processes (`with forked_pool(n) as pool:` ends them)."""
    connections.close_all()  # not to be shared with the forked processes
    return multiprocessing.get_context("fork").Pool(processes, initializer=_child_init)


def aside(function: Callable[..., T], *args) -> Callable[[], T]:
    """Start `function(*args)` in a forked process and go on; returns the wait for its result,
    which raises what the function raised. Not inside a transaction (`processes_for`)."""
    pool = forked_pool(1)
    pending = pool.apply_async(function, args)

    def wait() -> T:
        try:
            return pending.get()
        finally:
            pool.close()
            pool.join()

    return wait
