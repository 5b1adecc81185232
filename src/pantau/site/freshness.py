"""Whether the numbers are being updated after an import, for the notice every page shows.

An import from the web stores its snapshot, then `site.receivers` updates the coverage and
the needs in the background worker; until that is done, pages still show the numbers of the
last refresh. The worker marks the update with a file under the data directory (the web
processes and the worker share only the database and that directory), removed when it ends,
failed or not. A mark older than `STALE_AFTER` belongs to a worker that died: it is ignored.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from pantau.core.paths import private_dir, write_private_text

MARKS_DIR = "numbers-updating"
STALE_AFTER = 30 * 60  # seconds; an update after one import takes a minute or two


def marks_dir() -> Path:
    return Path(settings.DATA_DIR) / MARKS_DIR


@contextlib.contextmanager
def updating(name: str) -> Iterator[Path]:
    """Mark the numbers as being updated while the block runs (`name`: what for)."""
    path = private_dir(marks_dir()) / name
    write_private_text(path, name)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def being_updated() -> bool:
    """An update of the numbers is under way (one directory listing)."""
    oldest = time.time() - STALE_AFTER
    try:
        marks = list(marks_dir().iterdir())
    except FileNotFoundError:
        return False
    for mark in marks:
        with contextlib.suppress(FileNotFoundError):  # the update ended meanwhile
            if mark.stat().st_mtime >= oldest:
                return True
    return False
