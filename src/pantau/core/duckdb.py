"""A DuckDB database configured the Pantau way: threads, memory, scratch under the data dir."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
from django.conf import settings

from pantau.core.paths import private_dir


def new_database(memory_limit: str, **config) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that spills to `PANTAU_DATA_DIR/tmp/duckdb`.

    Rows never rely on DuckDB's order (each carries its line or key), so insertion order
    is not kept: that lets every operator run on all cores.
    """
    # Spilled rows are person-level data too.
    scratch = private_dir(Path(settings.DATA_DIR) / "tmp" / "duckdb")
    return duckdb.connect(
        config={
            "threads": int(os.environ.get("PANTAU_DUCKDB_THREADS", os.cpu_count() or 2)),
            "memory_limit": memory_limit,
            "temp_directory": str(scratch),
            "preserve_insertion_order": False,
            **config,
        }
    )
