"""Background imports for the upload wizard (django-tasks; `pantau serve` runs the worker).

The task only moves an `ImportRun` through its states and writes progress; the import
itself is `pantau.ingest.importer.import_file`, the same as `pantau import` on the CLI.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks import task

from pantau.ingest.importer import import_file
from pantau.ingest.models import ImportRun
from pantau.ingest.runs import count_csv_rows, fail_stale_runs
from pantau.ingest.signals import data_imported
from pantau.ingest.types import FileRejected, ImportRequest

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5  # seconds between progress writes: the page polls every second
# Seconds between heartbeats while DuckDB works without reporting progress; well below
# `runs.STALE_AFTER`, after which the run is shown as failed.
HEARTBEAT_INTERVAL = float(os.environ.get("PANTAU_HEARTBEAT_SECONDS", "10"))
GENERIC_ERROR = (
    "Impor gagal karena kesalahan sistem. Berkas Anda tidak disimpan; coba lagi nanti atau "
    "hubungi admin Pantau.\n"
    "The import failed because of a system error. Nothing was stored; try again later or "
    "contact the Pantau administrator."
)


class ProgressWriter:
    """`progress(rows_done, rows_total)` for `import_file`, written at most every 0.5 s.

    The pipeline also reports from a side thread while DuckDB works; that thread gets
    its own database connection, closed after each write so none is left open.
    A failed write (a locked SQLite file) is skipped: progress must never fail an import.
    """

    def __init__(self, run_id, interval: float = PROGRESS_INTERVAL) -> None:
        self.run_id = run_id
        self.interval = interval
        self.last = float("-inf")
        self.lock = threading.Lock()
        self.owner = threading.get_ident()

    def __call__(self, rows_done: int, rows_total: int | None) -> None:
        with self.lock:
            now = time.monotonic()
            if now - self.last < self.interval:
                return
            self.last = now
        try:
            ImportRun.objects.filter(pk=self.run_id).update(
                rows_done=max(int(rows_done), 0),
                rows_total=int(rows_total) if rows_total is not None else None,
                heartbeat_at=timezone.now(),
            )
        except DatabaseError:
            logger.debug("progress of import %s not written", self.run_id, exc_info=True)
        finally:
            if threading.get_ident() != self.owner:
                connections.close_all()


class Heartbeat:
    """A thread that writes the run's `heartbeat_at` every `interval` seconds while the
    import works, also through long DuckDB statements (they release the GIL). When the
    worker dies (killed, out of memory) the heartbeat stops, and the run is failed
    (`runs.fail_stale_runs`) instead of showing "running" forever.
    """

    def __init__(self, run_id, interval: float = HEARTBEAT_INTERVAL) -> None:
        self.run_id = run_id
        self.interval = interval
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"heartbeat-{run_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        # Not forever: a beat waiting for a row lock must not hold up the import's end
        # (it then finds the run finished and writes nothing).
        self.thread.join(timeout=5)

    def _beat(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                ImportRun.objects.filter(pk=self.run_id, status=ImportRun.Status.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
            except DatabaseError:
                logger.debug("heartbeat of import %s not written", self.run_id, exc_info=True)
            finally:
                connections.close_all()  # this thread's own connection


def import_request(run: ImportRun) -> ImportRequest:
    options = run.options or {}
    return ImportRequest(
        path=Path(settings.DATA_DIR) / run.upload_path,
        kind=run.kind,
        pemda_code=run.pemda_id,
        category=run.category or None,
        year=run.year,
        as_of=run.as_of,
        region_code=run.region_id,
        source_name=run.source_name,
        sheet=options.get("sheet") or None,
        header_row=options.get("header_row") or None,
        dry_run=bool(options.get("dry_run")),
        user=run.user,
        replace=bool(options.get("replace")),
    )


@task()
def run_import(run_id: str) -> str:
    """Import a queued run; returns its final status."""
    # A worker that starts after one died fails the imports the dead one left running.
    fail_stale_runs()
    run = ImportRun.objects.select_related("user").filter(pk=run_id).first()
    if run is None or run.status != ImportRun.Status.QUEUED:
        # Deleted, or already taken by another worker: nothing to do.
        return run.status if run is not None else "missing"
    options = {**run.options, "started_at": timezone.now().isoformat()}
    claimed = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, options=options, heartbeat_at=timezone.now()
    )
    if not claimed:
        return ImportRun.Status.RUNNING
    run.options = options

    try:
        with Heartbeat(run.pk):
            summary = import_file(import_request(run), progress=ProgressWriter(run.pk))
    except FileRejected as rejected:
        _finish(run, ImportRun.Status.FAILED, error=f"{rejected.message_id}\n{rejected.message_en}")
        return ImportRun.Status.FAILED
    except Exception:
        logger.exception("import %s (%s) failed", run.pk, run.source_name)
        _finish(run, ImportRun.Status.FAILED, error=GENERIC_ERROR)
        raise  # the task result records the traceback too

    result = {
        **summary.as_json(),
        "errors_xlsx": summary.errors_xlsx,
        "skipped_rows": summary.skipped_rows,
        "ignored_columns": summary.ignored_columns,
        # Counted here, in the background, so a download's audit row need not read it.
        "report_rows": _report_rows(summary.errors_file),
        "replaces": summary.replaces,
        "people_regions": summary.people_regions,
        "report_regions": summary.report_regions,
    }
    _finish(
        run,
        ImportRun.Status.DONE,
        result=result,
        snapshot_id=summary.snapshot,
        rows_done=summary.rows,
        rows_total=summary.rows,
    )
    # A dry run, or a replacement waiting for its confirmation, keeps the file: the
    # import usually follows.
    if summary.status not in ("dry_run", "needs_confirmation"):
        _discard_upload(run)
        if summary.status == "created":
            data_imported.send(sender=ImportRun, run=run)  # the numbers follow
    return ImportRun.Status.DONE


def _discard_upload(run: ImportRun) -> None:
    """The snapshot now holds the accepted rows; the uploaded copy of the people's data is
    deleted (UU PDP 27/2022: keep personal data no longer than needed)."""
    if not run.upload_path:
        return
    path = Path(settings.DATA_DIR) / run.upload_path
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not empty: leave the directory
        path.parent.rmdir()


def _report_rows(errors_file: str | None) -> int | None:
    path = Path(errors_file) if errors_file else None
    return count_csv_rows(path) if path is not None and path.is_file() else None


def _finish(run: ImportRun, status: str, **fields) -> None:
    ImportRun.objects.filter(pk=run.pk).update(status=status, finished_at=timezone.now(), **fields)
