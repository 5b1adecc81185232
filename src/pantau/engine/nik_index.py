"""Each membership extract's NIK numbers by province, sorted: which province partitions hold
an upload's few thousand people, found without reading the extract's sixty million rows.

`cache/nik-index/<extract id>.v<LAYOUT>/<province>.npy`: the `nik_number` of every row of
the extract's partition `province_code=<province>`, sorted (a NumPy file, opened mapped).
A refresh of lists holding few people (`refresh.few_listed`) looks their NIKs up in each
province's file, a binary search per NIK (`provinces_holding`), instead of scanning the
extract's NIK column (one Pemda's list against 60 million rows: 0.32 s read and joined,
against 0.03 s; docs/benchmarks.md, "The NIK index"). Building one costs a read and a
sort of that column (1.2–1.3 s at 60 million rows, 460 MB), more than one scan: the worker
builds it after the import that brought the extract (`tasks`), so that neither the import
nor any refresh waits for it; until it exists the refresh scans.

The extract's files never change once published, so its index never changes either. It is
derived from the lake alone: backups leave `cache/` out, and `pantau restore` queues the
indexes for the worker again. NIKs are personal data: the files are 0600.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from django.conf import settings

from pantau.core.duckdb import new_database
from pantau.core.paths import PRIVATE_FILE, private_dir, restrict_tree
from pantau.engine import reconcile
from pantau.lake import catalog

# Part of every directory name: when the files' shape changes, the old ones are not read.
LAYOUT = 1
PARTITION = "province_code="
# One partition's NIK column at a time per thread: 40 MB at the largest province's rows.
INDEX_MEMORY = "1GB"


def index_root() -> Path:
    return Path(settings.DATA_DIR) / "cache" / "nik-index"


def index_dir(extract: int) -> Path:
    return index_root() / f"{extract}.v{LAYOUT}"


def directories(extracts: Iterable[reconcile.MemberExtract]) -> tuple[Path, ...]:
    """The index directories of the extracts with rows; empty when one has none yet (or its
    files hold no NIK numbers): then the refresh scans."""
    found = []
    for extract in extracts:
        if extract.path is None:
            continue
        directory = index_dir(extract.snapshot)
        if not extract.nik_numbers or not directory.is_dir():
            return ()
        found.append(directory)
    return tuple(found)


def provinces_holding(indexes: Sequence[Path], niks) -> set[str] | None:
    """The provinces whose partitions hold a row with one of `niks` (NIK numbers, a NumPy
    array or anything it takes), in any of the extracts `indexes` (`directories`). None when
    an index cannot be read (deleted meanwhile): the caller scans instead."""
    wanted = np.unique(np.asarray(niks, dtype=np.int64))  # sorted, as searchsorted needs
    found: set[str] = set()
    if not len(wanted):
        return found
    try:
        for directory in indexes:
            for path in directory.iterdir():
                if path.suffix != ".npy" or path.stem in found:
                    continue
                held = np.load(path, mmap_mode="r")
                if not len(held):
                    continue
                at = np.minimum(np.searchsorted(held, wanted), len(held) - 1)
                if np.any(held[at] == wanted):
                    found.add(path.stem)
    except (OSError, ValueError):
        return None
    return found


def prepare() -> tuple[list[Path], int]:
    """The indexes of the current membership extracts with accepted rows and NIK numbers,
    the missing ones built, every other one deleted (`_delete_stale`). Returns the
    directories and how many were built."""
    extracts = catalog.current_memberships()
    wanted = {index_dir(e.pk): e for e in extracts if e.accepted and e.nik_numbers}
    if not wanted and not index_root().exists():
        return [], 0
    root = private_dir(index_root())
    _delete_stale(root, set(wanted))
    missing = [(path, extract) for path, extract in wanted.items() if not path.exists()]
    for path, extract in missing:
        build(Path(extract.absolute_path), path)
    return list(wanted), len(missing)


def build(extract_dir: Path, target: Path) -> None:
    """Write the index of the extract whose partitions are under `extract_dir/data/`."""
    partitions = sorted(
        p for p in (extract_dir / "data").iterdir() if p.is_dir() and p.name.startswith(PARTITION)
    )
    # Written under a temporary name and renamed: a directory in place is always complete.
    partial = private_dir(target.with_name(f".{target.name}.{os.getpid()}"))
    con = new_database(INDEX_MEMORY)
    con.execute("SET enable_progress_bar = false")
    try:
        # Two partitions at a time: one is read by DuckDB while the other is sorted (NumPy
        # lets go of the GIL while it sorts).
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda p: _write_partition(con.cursor(), p, partial), partitions))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    finally:
        con.close()
    restrict_tree(partial)
    partial.rename(target)


def _write_partition(cursor, partition: Path, into: Path) -> None:
    files = partition.as_posix().replace("'", "''") + "/*.parquet"
    try:
        column = cursor.sql(
            f"SELECT nik_number FROM read_parquet('{files}') WHERE nik_number IS NOT NULL"
        ).to_arrow_table()["nik_number"]
    finally:
        cursor.close()
    numbers = np.sort(column.to_numpy())
    province = partition.name.removeprefix(PARTITION)
    fd = os.open(into / f"{province}.npy", os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as handle:
        np.save(handle, numbers)


def _delete_stale(root: Path, wanted: set[Path]) -> None:
    """Delete every index but those of the current extracts (`wanted`), and partial ones
    once left a day (another process may be building one). Unlike the claims lookups, an
    extract set aside or replaced loses its index: each is a tenth of its extract's size
    (458 MB at 60 million rows), and the worker builds it again in a second or two if the
    extract comes back."""
    day_ago = time.time() - 86_400
    for path in root.iterdir():
        if path in wanted or (path.name.startswith(".") and path.stat().st_mtime >= day_ago):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
