"""Side effects of the upload wizard: keep the upload, queue the import, hand out reports.

Views call these and stay thin; the import itself runs in `pantau.ingest.tasks`.
"""

from __future__ import annotations

import csv
import logging
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.utils import timezone
from django.utils.text import get_valid_filename

from pantau.accounts.scope import can_upload_for
from pantau.audit.actions import record
from pantau.ingest.forms import may_upload
from pantau.ingest.models import ImportRun

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

    from pantau.accounts.models import User

logger = logging.getLogger(__name__)

UPLOADS = "uploads"
REPORT_FORMATS = ("csv", "xlsx")


# ---------------------------------------------------------------- who may see a run


def run_region_code(run: ImportRun) -> str | None:
    """The region a run belongs to: its Pemda, or for membership extracts the uploader's."""
    if run.pemda_id:
        return run.pemda_id
    return run.user.region_id if run.user_id else None


def can_view_run(user: User, run: ImportRun) -> bool:
    """The run page and its error report show NIKs and names of the file's people.

    Anyone who may upload for the run's region sees it (the uploader included, as long
    as that is still true); a run with no region (a national BPJS extract) is seen by
    its uploader and by superusers only.
    """
    code = run_region_code(run)
    if code is not None:
        return can_upload_for(user, code)
    if user.is_superuser:
        return True
    return run.user_id is not None and run.user_id == user.pk and may_upload(user)


# ---------------------------------------------------------------- step 1: the upload


def safe_file_name(name: str) -> str:
    """A name safe on any file system, keeping the extension the readers look at."""
    base = Path(name.replace("\\", "/")).name
    try:
        safe = get_valid_filename(base)
    except SuspiciousFileOperation:
        safe = ""
    suffix = Path(safe).suffix.lower()
    stem = Path(safe).stem[:100] or "berkas"
    return f"{stem}{suffix}"


def create_run(user: User, data: dict, upload: UploadedFile) -> ImportRun:
    """Keep the uploaded file under the data directory and record the run (status uploaded).

    The file is written first, in chunks (it may be hundreds of MB), and the row only
    then, so no run ever points at a missing file.
    """
    run_id = uuid.uuid4()
    directory = Path(settings.DATA_DIR) / UPLOADS / str(run_id)
    # Person-level data: readable by the Pantau account only.
    directory.mkdir(parents=True, mode=0o700)
    target = directory / safe_file_name(upload.name)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        options = {}
        if data.get("sheet"):
            options["sheet"] = data["sheet"].strip()
        if data.get("header_row"):
            options["header_row"] = data["header_row"]
        return ImportRun.objects.create(
            id=run_id,
            kind=data["kind"],
            pemda=data.get("pemda"),
            category=data.get("category") or "",
            year=data.get("year"),
            as_of=data.get("as_of"),
            options=options,
            source_name=Path(upload.name.replace("\\", "/")).name[:255],
            upload_path=str(target.relative_to(settings.DATA_DIR)),
            user=user,
            status=ImportRun.Status.UPLOADED,
        )
    except BaseException:
        target.unlink(missing_ok=True)
        directory.rmdir()
        raise


def upload_file(run: ImportRun) -> Path:
    return Path(settings.DATA_DIR) / run.upload_path


# ---------------------------------------------------------------- step 2: start


def can_start(run: ImportRun) -> bool:
    """A fresh upload, or one that was only checked (dry run) and may now be imported."""
    if run.status == ImportRun.Status.UPLOADED:
        return True
    return run.status == ImportRun.Status.DONE and run.result.get("status") == "dry_run"


def start_run(run: ImportRun, dry_run: bool = False) -> bool:
    """Queue the import; False when the run was already started (a double click)."""
    from pantau.ingest.tasks import run_import

    if not can_start(run):
        return False
    previous = run.status
    options = {**run.options, "dry_run": dry_run}
    options.pop("started_at", None)
    # A conditional update, so two clicks cannot queue the same file twice.
    claimed = ImportRun.objects.filter(pk=run.pk, status=previous).update(
        status=ImportRun.Status.QUEUED,
        options=options,
        rows_done=0,
        rows_total=None,
        result={},
        error="",
        finished_at=None,
    )
    if not claimed:
        return False
    try:
        run_import.enqueue(str(run.pk))
    except Exception:
        ImportRun.objects.filter(pk=run.pk).update(status=previous)
        raise
    return True


# ---------------------------------------------------------------- the error report


def report_path(run: ImportRun, fmt: str) -> Path | None:
    """The run's error report in `fmt` ("csv" or "xlsx"), when there is one on disk."""
    if fmt not in REPORT_FORMATS:
        return None
    key = "errors_file" if fmt == "csv" else "errors_xlsx"
    raw = run.result.get(key)
    if not raw and run.snapshot_id:
        relative = run.snapshot.errors_csv if fmt == "csv" else run.snapshot.errors_xlsx
        raw = str(Path(settings.DATA_DIR) / relative) if relative else None
    if not raw:
        return None
    path = Path(raw).resolve()
    # The path comes from our own pipeline, but a report outside the data directory
    # would mean something wrote where it should not: refuse rather than serve it.
    if not path.is_relative_to(Path(settings.DATA_DIR).resolve()):
        logger.warning("error report of run %s is outside the data directory: %s", run.pk, path)
        return None
    return path if path.is_file() else None


def count_csv_rows(path: Path) -> int:
    """Data rows of a CSV with a header (cells may hold line breaks, so not lines)."""
    with path.open(newline="", encoding="utf-8", errors="replace") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def count_report_rows(run: ImportRun) -> int | None:
    """Rows in the report: counted once by the task; the CSV holds them all (the XLSX
    stops at 100,000)."""
    if run.result.get("report_rows") is not None:
        return run.result["report_rows"]
    path = report_path(run, "csv")
    return count_csv_rows(path) if path is not None else None


def open_error_report(user: User, run: ImportRun, fmt: str, request: HttpRequest | None = None):
    """The open report file, after recording the download (it lists NIKs and names).

    Returns None when there is no report. The audit row is written before any byte
    leaves, so a failing audit refuses the download.
    """
    path = report_path(run, fmt)
    if path is None:
        return None
    handle = path.open("rb")
    try:
        record(
            user,
            "download_error_report",
            run_region_code(run) or getattr(user, "region_id", None),
            f"Laporan kesalahan {fmt.upper()} impor {run.pk} ({run.source_name})",
            rows=count_report_rows(run),
            request=request,
        )
    except BaseException:
        handle.close()
        raise
    return handle


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
