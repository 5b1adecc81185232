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
from django.utils.text import get_valid_filename

from pantau.accounts.scope import (
    can_start_upload,
    can_view_upload_niks,
    can_view_upload_rows,
    mask_nik,
)
from pantau.audit.actions import record
from pantau.ingest.models import ImportRun
from pantau.ingest.runs import count_csv_rows
from pantau.ingest.tasks import run_import
from pantau.regions.codes import ancestor_codes

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

    from pantau.accounts.models import User

logger = logging.getLogger(__name__)

UPLOADS = "uploads"
REPORT_FORMATS = ("csv", "xlsx")


# ---------------------------------------------------------------- who may see a run


def run_region_code(run: ImportRun) -> str | None:
    """The region a run is for: its Pemda, or the region a membership extract covers
    (None: the whole country). Never the uploader's: an extract uploaded by a branch
    may hold people of any province."""
    return run.pemda_id or run.region_id


def people_regions(run: ImportRun) -> list[str | None]:
    """Regions of the run's people: found by the check, or before it the region the run
    is for (its rows cannot be shown to anyone the target's people are hidden from)."""
    found = (run.result or {}).get("people_regions")
    return found if found else [run_region_code(run)]


def report_regions(run: ImportRun) -> list[str | None]:
    """Regions of the people in the run's error report (those a download shows)."""
    found = (run.result or {}).get("report_regions")
    return found if found else people_regions(run)


def can_view_run(user: User, run: ImportRun) -> bool:
    """The run page, its preview, rejected rows and error report show the file's people:
    its uploader, the national team and officers whose region holds them all."""
    return can_view_upload_rows(user, run.user_id, people_regions(run))


def may_start(user: User, run: ImportRun) -> bool:
    """Starting or confirming the import: its uploader, or national-scope uploaders."""
    return can_start_upload(user, run.user_id)


def may_see_niks(user: User, run: ImportRun) -> bool:
    """Whole NIKs of the report's people (the error report, the rejected rows)."""
    return can_view_upload_niks(user, run.user_id, report_regions(run))


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
            region=data.get("region"),
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


# Results that wait for the user's decision: checked only, or a replacement to confirm.
AWAITING_DECISION = ("dry_run", "needs_confirmation")


def can_start(run: ImportRun) -> bool:
    """A fresh upload, or one that was only checked (a dry run, or a replacement waiting
    for its confirmation) and may now be imported."""
    if run.status == ImportRun.Status.UPLOADED:
        return True
    return run.status == ImportRun.Status.DONE and awaiting_decision(run)


def awaiting_decision(run: ImportRun) -> bool:
    return (run.result or {}).get("status") in AWAITING_DECISION


def needs_confirmation(run: ImportRun) -> bool:
    """Would importing this checked run replace a snapshot the user must agree to lose?"""
    replaces = (run.result or {}).get("replaces") or {}
    return awaiting_decision(run) and bool(replaces.get("needs_confirmation"))


def start_run(run: ImportRun, dry_run: bool = False, replace: bool = False) -> bool:
    """Queue the import; False when the run was already started (a double click).

    `replace` is the user's confirmation that the file may replace the current snapshot
    with fewer people or rejected rows (`replacement.compare`); without it the task
    stops before publishing and the page asks.
    """
    if not can_start(run):
        return False
    previous = run.status
    options = {**run.options, "dry_run": dry_run, "replace": replace}
    options.pop("started_at", None)
    # A conditional update, so two clicks cannot queue the same file twice.
    # The people's regions stay known while it runs: who sees the run does not widen.
    regions = run.result.get("people_regions")
    kept = {"people_regions": regions} if regions else {}
    claimed = ImportRun.objects.filter(pk=run.pk, status=previous).update(
        status=ImportRun.Status.QUEUED,
        options=options,
        rows_done=0,
        rows_total=None,
        result=kept,
        error="",
        finished_at=None,
        heartbeat_at=None,
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
        record_people_shown(
            user,
            "download_error_report",
            report_regions(run),
            f"Laporan kesalahan {fmt.upper()} impor {run.pk} ({run.source_name})",
            rows=count_report_rows(run),
            request=request,
        )
    except BaseException:
        handle.close()
        raise
    return handle


# ---------------------------------------------------------------- the audit of people shown


def record_people_shown(user, action, regions, description, rows=None, request=None):
    """An audit event naming the regions of the people shown: their common region in
    `region_code` (empty when they span provinces), every one in the description."""
    codes = sorted(regions, key=lambda code: (code is not None, code or ""))
    listed = ", ".join("seluruh Indonesia" if code is None else code for code in codes)
    return record(
        user,
        action,
        common_region(codes),
        f"{description}; wilayah: {listed or '-'}",
        rows=rows,
        request=request,
    )


def common_region(codes) -> str | None:
    """The smallest region holding every code; None for the whole country."""
    if not codes or None in codes:
        return None
    common = ancestor_codes(codes[0])
    for code in codes[1:]:
        others = ancestor_codes(code)
        common = [a for a, b in zip(common, others, strict=False) if a == b]
    return common[-1] if common else None


def record_preview(user, run: ImportRun, regions, rows: int, request=None):
    """Opening the preview shows a few of the file's people: audited like a download."""
    return record_people_shown(
        user, "view_import_preview", regions, f"Pratinjau impor {run.pk} ({run.source_name})",
        rows=rows, request=request,
    )  # fmt: skip


# ---------------------------------------------------------------- rejected rows on the page

REJECTED_ROWS_SHOWN = 50
ERROR_LEVEL = "galat"


def rejected_rows(user, run: ImportRun, request=None, limit: int = REJECTED_ROWS_SHOWN):
    """The first `limit` errors of the run's report, for the table beside the download;
    NIKs masked unless the user may see them whole. Recorded in the audit trail."""
    path = report_path(run, "csv")
    if path is None:
        return []
    whole_niks = may_see_niks(user, run)
    rows = []
    with path.open(newline="", encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            if row.get("tingkat") != ERROR_LEVEL:
                continue
            nik = (row.get("nik") or "").lstrip("'")
            rows.append({**row, "nik": nik} if whole_niks else masked_row(row, nik))
            if len(rows) >= limit:
                break
    if rows:
        record_people_shown(
            user, "view_rejected_rows", report_regions(run),
            f"Baris ditolak impor {run.pk} ({run.source_name})", rows=len(rows), request=request,
        )  # fmt: skip
    return rows


def masked_row(row: dict, nik: str) -> dict:
    """A report row with its NIK masked wherever it appears: an error in the NIK column
    quotes the NIK the file held in its value and its message."""
    quoted = {nik}
    if row.get("kolom") == "nik" and row.get("nilai"):
        quoted.add(row["nilai"].lstrip("'"))
    masked = {**row, "nik": mask_nik(nik)}
    for text in sorted(filter(None, quoted), key=len, reverse=True):
        for column in ("nilai", "pesan", "message"):
            if masked.get(column):
                masked[column] = masked[column].replace(text, mask_nik(text))
    return masked
