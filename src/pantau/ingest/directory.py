"""Importing a whole directory laid out as `pantau generate` writes it (the national demo).

    workers/<pemda undotted>_<category>_<year>.csv
    members/members_<YYYY-MM>.csv

Worker lists are many and small: they are checked in batches (`pantau.ingest.batch`), a
hundred lists to a statement, by a pool of processes (one per core). Each list is still a
separate snapshot with its own report, exactly as if uploaded one by one; the files a
batch does not take (a replacement, a workbook, a file for the careful reader) are
imported one by one afterwards, by the same pool.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pantau.core.processes import forked_pool, processes_for
from pantau.core.vocabulary import Category, Kind
from pantau.ingest import batch
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


# Lists per batch: enough to spread DuckDB's planning of the checking statement thin
# (a few milliseconds a list), few enough for the progress bar to move and for the pool
# to share the batches out evenly.
BATCH_FILES = 100
# Membership extracts below this size (the demo's) go to the pool; a bigger one is imported
# alone, with every core and the whole memory limit.
POOLED_EXTRACT_BYTES = 64 << 20


def batches_of(requests: list[ImportRequest]) -> list[list[ImportRequest]]:
    """Worker lists in batches of about `BATCH_FILES` and `batch.BATCH_BYTES`, a Pemda's lists
    (however its code is written in the names) always in one batch, in path order: whether
    a NIK is on the Pemda's other lists is settled there, and two files for one list meet
    there (the second is imported after the batch, as it would be one by one)."""
    by_pemda: dict[str | None, list[ImportRequest]] = {}
    for request in requests:
        by_pemda.setdefault(try_canonical_code(request.pemda_code), []).append(request)
    chunks: list[list[ImportRequest]] = []
    size = 0
    for lists in by_pemda.values():
        if not chunks or len(chunks[-1]) >= BATCH_FILES or size >= batch.BATCH_BYTES:
            chunks.append([])
            size = 0
        chunks[-1] += lists
        size += sum(Path(request.path).stat().st_size for request in lists)
    return chunks


def _import_task(requests: list[ImportRequest]) -> tuple[list, list[ImportRequest]]:
    """A batch of worker lists, or one membership extract: (outcomes, lists left over)."""
    if requests[0].kind == Kind.MEMBERS:
        return [_import_one(requests[0])], []
    return batch.import_batch(requests)


def _import_one(request: ImportRequest) -> tuple[str, dict | None, str | None]:
    try:
        return str(request.path), import_file(request).as_json(), None
    except FileRejected as error:
        return str(request.path), None, str(error)


def import_directory(
    directory: Path,
    processes: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    batches: bool = True,
) -> BatchResult:
    """Import every recognised file of `directory`; `batches=False` imports each list on
    its own (`import_file`), the way the batches are held to in the tests."""
    requests = requests_for(directory)
    result = BatchResult(files=len(requests))
    workers = [r for r in requests if r.kind == Kind.WORKERS]
    members = [r for r in requests if r.kind == Kind.MEMBERS]
    processes = processes_for(processes)
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

    chunks = batches_of(workers) if batches else []
    workers = workers if not batches else []
    pooled, alone = [], []
    for request in members:
        small = Path(request.path).stat().st_size < POOLED_EXTRACT_BYTES
        (pooled if small else alone).append(request)
    # The extracts first (the longest tasks first keep both processes busy to the end),
    # then the batches; the lists a batch leaves, one by one after every batch.
    tasks = [[request] for request in pooled] + chunks
    if processes > 1 and len(tasks) + len(workers) > 1:
        with forked_pool(processes) as pool:
            for outcomes, left in pool.imap_unordered(_import_task, tasks):
                for outcome in outcomes:
                    record(outcome)
                workers += left
            for outcome in pool.imap_unordered(_import_one, workers, chunksize=8):
                record(outcome)
    else:
        for task in tasks:
            outcomes, left = _import_task(task)
            for outcome in outcomes:
                record(outcome)
            workers += left
        for request in workers:
            record(_import_one(request))
    for request in alone:
        record(_import_one(request))
    return result
