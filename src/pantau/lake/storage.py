"""Where snapshots live on disk, and how one becomes visible atomically.

A snapshot is written into `lake/_staging/<id>/`, then renamed to `lake/<kind>/<id>/`
(one atomic rename on the same file system), then registered in the catalog in one
database transaction. A process killed at any point leaves either nothing visible
(a staging or unregistered directory, removed by `collect_garbage`) or the whole
snapshot: readers only ever open snapshots the catalog names.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

from django.conf import settings

STALE_SECONDS = 60 * 60


def lake_root() -> Path:
    return Path(settings.DATA_DIR) / "lake"


def new_staging_dir() -> tuple[str, Path]:
    snapshot_id = uuid.uuid4().hex
    path = lake_root() / "_staging" / snapshot_id
    path.mkdir(parents=True)
    return snapshot_id, path


def reports_dir(run_id: str) -> Path:
    path = Path(settings.DATA_DIR) / "reports" / run_id
    path.mkdir(parents=True, exist_ok=True)
    return path


def _fsync_tree(path: Path) -> None:
    for file in path.rglob("*"):
        if file.is_file():
            with file.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(staging: Path, kind: str, snapshot_id: str) -> Path:
    """Move a complete staging directory to its final place; returns the final path."""
    _fsync_tree(staging)
    final = lake_root() / kind / snapshot_id
    final.parent.mkdir(parents=True, exist_ok=True)
    os.rename(staging, final)
    _fsync_dir(final.parent)
    return final


def relative(path: Path) -> str:
    return str(path.relative_to(settings.DATA_DIR))


def collect_garbage(now: float | None = None, everything: bool = True) -> list[Path]:
    """Remove staging leftovers and unregistered snapshot directories older than an hour.

    Imports call it with `everything=False` (staging only: cheap at every import);
    `pantau setup` looks at every snapshot directory.
    """
    from pantau.lake.models import Snapshot

    now = now or time.time()
    root = lake_root()
    if not root.exists():
        return []
    registered = set(Snapshot.objects.values_list("path", flat=True)) if everything else set()
    removed = []
    for kind_dir in root.iterdir():
        if not kind_dir.is_dir() or (not everything and kind_dir.name != "_staging"):
            continue
        for directory in kind_dir.iterdir():
            if not directory.is_dir() or now - directory.stat().st_mtime < STALE_SECONDS:
                continue
            if kind_dir.name == "_staging" or relative(directory) not in registered:
                shutil.rmtree(directory, ignore_errors=True)
                removed.append(directory)
    return removed
