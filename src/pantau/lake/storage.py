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
import socket
import time
import uuid
from pathlib import Path

from django.conf import settings

from pantau.core.paths import PRIVATE_DIR, private_dir, restrict_tree
from pantau.core.vocabulary import Kind

STALE_SECONDS = 60 * 60
# A staging directory is named `<snapshot id>+<host>+<pid>`: the writer is known from the
# moment the directory exists until it is renamed away (an owner file inside it left windows,
# between mkdir and write and while publishing fsyncs, where a kill -9 left an ownerless
# directory for an hour). Host names hold no "+".
OWNER_SEPARATOR = "+"
# The catalog's directories under the lake: staging and one per snapshot kind. The others
# (`coverage/`, `claims-computed/`, `claims-members/`) belong to the engine, which deletes
# what it replaces; the catalog does not name them, so they are never its garbage.
SNAPSHOT_DIRS = {"_staging", *Kind.values}


def lake_root() -> Path:
    return Path(settings.DATA_DIR) / "lake"


def new_staging_dir() -> tuple[str, Path]:
    snapshot_id = uuid.uuid4().hex
    name = OWNER_SEPARATOR.join((snapshot_id, socket.gethostname(), str(os.getpid())))
    path = private_dir(lake_root() / "_staging") / name
    path.mkdir(mode=PRIVATE_DIR)
    path.chmod(PRIVATE_DIR)  # mkdir's mode is masked by the umask
    return snapshot_id, path


def _owner_is_gone(staging: Path) -> bool:
    """A staging dir whose writer died on this host (kill -9) can go at once."""
    parts = staging.name.split(OWNER_SEPARATOR)
    if len(parts) != 3:
        return False
    _snapshot_id, host, pid = parts
    if host != socket.gethostname():
        return False  # another machine's process on shared storage: wait until stale
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, ValueError):
        return False
    return False


def reports_dir(run_id: str) -> Path:
    return private_dir(Path(settings.DATA_DIR) / "reports" / run_id)


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
    # DuckDB writes its Parquet files 0666 less the umask: made private before anyone sees them.
    restrict_tree(staging)
    _fsync_tree(staging)
    final = lake_root() / kind / snapshot_id
    private_dir(final.parent)
    os.rename(staging, final)
    _fsync_dir(final.parent)
    return final


def relative(path: Path) -> str:
    return str(path.relative_to(settings.DATA_DIR))


def collect_garbage(now: float | None = None, everything: bool = True) -> list[Path]:
    """Remove staging leftovers and unregistered snapshot directories older than an hour.

    A staging directory whose writing process has died on this machine goes at once.

    Imports call it with `everything=False` (staging only: cheap at every import);
    `pantau setup` looks at every snapshot directory. Directories of the engine under the
    lake (coverage generations, claims) are not the catalog's: left alone.
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
        if kind_dir.name not in SNAPSHOT_DIRS:
            continue  # the refresh's generations and the claims' lookups: the engine's own
        for directory in kind_dir.iterdir():
            staging = kind_dir.name == "_staging"
            try:
                if not directory.is_dir():
                    continue
                if now - directory.stat().st_mtime < STALE_SECONDS and not (
                    staging and _owner_is_gone(directory)
                ):
                    continue
            except FileNotFoundError:
                # Another import published or removed it after the listing (the batch
                # importer runs one import per core).
                continue
            if kind_dir.name == "_staging" or relative(directory) not in registered:
                shutil.rmtree(directory, ignore_errors=True)
                removed.append(directory)
    return removed
