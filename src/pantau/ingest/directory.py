"""Importing a whole directory laid out as `pantau generate` writes it (the national demo).

    workers/<pemda undotted>_<category>_<year>.csv
    members/members_<YYYY-MM>.csv

Worker lists are many and small, so they are imported by a pool of processes (one per
core): each import is a separate snapshot, exactly as if uploaded one by one.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pantau.core.vocabulary import Category, Kind
from pantau.ingest.importer import import_file
from pantau.ingest.types import FileRejected, ImportRequest
from pantau.regions.codes import try_canonical_code


@dataclass
class BatchResult:
    files: int = 0
    statuses: Counter = field(default_factory=Counter)
    rows: int = 0
    accepted: int = 0
    rejected: int = 0
    refused: list[str] = field(default_factory=list)  # files refused whole, with the reason


def requests_for(directory: Path) -> list[ImportRequest]:
    """One request per recognised file; membership extracts last (they are the big ones)."""
    requests = []
    for path in sorted((directory / "workers").glob("*.csv")):
        code, _, rest = path.stem.partition("_")
        category, _, year = rest.rpartition("_")
        if category in Category.values and year.isdigit() and try_canonical_code(code):
            requests.append(
                ImportRequest(
                    path=path,
                    kind=Kind.WORKERS,
                    pemda_code=try_canonical_code(code),
                    category=category,
                    year=int(year),
                )  # fmt: skip
            )
    for path in sorted((directory / "members").glob("members_*.csv")):
        try:
            month = datetime.datetime.strptime(path.stem.split("_", 1)[1], "%Y-%m").date()
        except ValueError:
            continue
        requests.append(ImportRequest(path=path, kind=Kind.MEMBERS, as_of=month))
    return requests


def _import_one(request: ImportRequest) -> tuple[str, dict | None, str | None]:
    try:
        return str(request.path), import_file(request).as_json(), None
    except FileRejected as error:
        return str(request.path), None, str(error)


def _child_init() -> None:
    # Connections inherited from the parent must not be shared across processes.
    from django.db import connections

    connections.close_all()
    # Small lists gain nothing from DuckDB's threads; the pool already uses every core.
    os.environ["PANTAU_DUCKDB_THREADS"] = "1"


def import_directory(
    directory: Path,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    requests = requests_for(directory)
    result = BatchResult(files=len(requests))
    workers = [r for r in requests if r.kind == Kind.WORKERS]
    members = [r for r in requests if r.kind == Kind.MEMBERS]
    processes = processes or os.cpu_count() or 1
    done = 0

    def record(outcome: tuple[str, dict | None, str | None]) -> None:
        nonlocal done
        path, summary, error = outcome
        done += 1
        if error:
            result.refused.append(f"{path}: {error}")
        else:
            result.statuses[summary["status"]] += 1
            result.rows += summary["rows"]
            result.accepted += summary["accepted"]
            result.rejected += summary["rejected"]
        if progress:
            progress(done, len(requests))

    if processes > 1 and len(workers) > 1:
        from django.db import connections

        connections.close_all()
        context = multiprocessing.get_context("fork")
        with context.Pool(processes, initializer=_child_init) as pool:
            for outcome in pool.imap_unordered(_import_one, workers, chunksize=8):
                record(outcome)
    else:
        for request in workers:
            record(_import_one(request))
    for request in members:
        record(_import_one(request))
    return result
