"""The task worker's heartbeat: a file under the data directory touched every few seconds
(`pantau worker`), whose modification time `/healthz` reads with one stat().

django-tasks' database worker records nothing while it waits for work, and a row written
every few seconds would cost a database write per beat; a file costs neither. The beat comes
from a thread of the worker process, so it keeps beating while a long import runs (DuckDB
releases the GIL) and stops when the process dies or hangs in Python.
"""

from __future__ import annotations

import datetime
import os
import threading
import time
from pathlib import Path

from django.conf import settings

from pantau.core.paths import private_dir, write_private_text

HEARTBEAT_FILE = Path("run") / "worker-heartbeat"
INTERVAL = float(os.environ.get("PANTAU_WORKER_HEARTBEAT_SECONDS", "15"))


def heartbeat_path(data_dir: Path | str | None = None) -> Path:
    return Path(data_dir or settings.DATA_DIR) / HEARTBEAT_FILE


def beat(path: Path | None = None) -> None:
    """Touch the heartbeat file (created 0600, holding the worker's pid)."""
    path = path or heartbeat_path()
    try:
        os.utime(path)
    except FileNotFoundError:
        private_dir(path.parent)
        write_private_text(path, f"{os.getpid()}\n")


def last_beat(path: Path | None = None) -> datetime.datetime | None:
    """When a worker last beat (aware, UTC), or None if none ever did."""
    try:
        moment = (path or heartbeat_path()).stat().st_mtime
    except FileNotFoundError:
        return None
    return datetime.datetime.fromtimestamp(moment, datetime.UTC)


def start(interval: float = INTERVAL) -> threading.Event:
    """Beat now and then every `interval` seconds from a daemon thread; set the returned
    event to stop it."""
    stop = threading.Event()
    path = heartbeat_path()
    beat(path)

    def run() -> None:
        while not stop.wait(interval):
            try:
                beat(path)
            except OSError:  # a full disk must not kill the worker; /healthz shows it
                time.sleep(interval)

    threading.Thread(target=run, name="pantau-heartbeat", daemon=True).start()
    return stop
