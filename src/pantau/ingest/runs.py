"""The bookkeeping of import runs that the wizard and the worker share: runs whose worker
died, and the rows of a run's error report. Below both `uploads` (the wizard) and `tasks`
(the worker), so neither needs the other to keep a run honest."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from django.utils import timezone

from pantau.ingest.models import ImportRun


def count_csv_rows(path: Path) -> int:
    """Data rows of a CSV with a header (cells may hold line breaks, so not lines)."""
    with path.open(newline="", encoding="utf-8", errors="replace") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


# A running import writes its heartbeat every 10 s (`tasks.Heartbeat`); none for this
# long means its worker is gone.
STALE_AFTER = datetime.timedelta(seconds=60)
STALE_ERROR = (
    "Impor terhenti karena proses pengimpornya berhenti (misalnya kehabisan memori); "
    "data sebelumnya tidak berubah. Unggah ulang berkasnya atau hubungi admin Pantau.\n"
    "The import stopped because the process running it died (for example, out of memory); "
    "the previous data is unchanged. Upload the file again or contact the Pantau administrator."
)


def fail_stale_runs(run: ImportRun | None = None) -> int:
    """Fail the runs (or `run`) whose worker stopped beating; returns how many.

    Called when a run's page or progress is read and when a worker starts an import.
    The import is atomic, so whatever it did not finish left the previous data intact.
    A conditional update: a run that finishes meanwhile keeps its result.
    """
    cutoff = timezone.now() - STALE_AFTER
    if run is not None and not _looks_stale(run, cutoff):
        return 0  # the common case costs no query
    runs = ImportRun.objects.filter(
        status__in=(ImportRun.Status.QUEUED, ImportRun.Status.RUNNING), heartbeat_at__lt=cutoff
    )
    if run is not None:
        runs = runs.filter(pk=run.pk)
    failed = runs.update(
        status=ImportRun.Status.FAILED, finished_at=timezone.now(), error=STALE_ERROR
    )
    if failed and run is not None:
        run.refresh_from_db()
    return failed


def _looks_stale(run: ImportRun, cutoff) -> bool:
    active = run.status in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)
    return active and run.heartbeat_at is not None and run.heartbeat_at < cutoff


def fail_interrupted_runs() -> int:
    """Mark imports left `running` by a worker that died as failed; returns how many.

    Called when `pantau serve` starts its (single) task worker: nothing can be running
    then, and the user sees a clear message instead of a progress bar that never moves.
    The import itself was atomic, so the previous data is intact.
    """
    return ImportRun.objects.filter(status=ImportRun.Status.RUNNING).update(
        status=ImportRun.Status.FAILED,
        finished_at=timezone.now(),
        error=(
            "Impor terhenti karena server dimulai ulang; data sebelumnya tidak berubah. "
            "Unggah ulang berkasnya.\nThe import stopped because the server restarted; the "
            "previous data is unchanged. Upload the file again."
        ),
    )
