"""Files a page hands to the browser to save: one response for every CSV and XLSX export, and
stored files opened for a download after their audit line (`open_recorded`) and handed over
as a private attachment (`stored_file`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.http import FileResponse, HttpResponse

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def download(content: bytes, name: str, fmt: str) -> HttpResponse:
    """`content` as the attachment `name.fmt`, typed by its format (`xlsx` or `csv`)."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def open_recorded(path: Path, record: Callable[[], object]) -> BinaryIO:
    """`path` opened for a download once `record()` (its audit line) has been written: the
    line goes in before any byte leaves, and a failing audit refuses the download (the file
    is closed again). Raises FileNotFoundError when the file is gone."""
    handle = path.open("rb")
    try:
        record()
    except BaseException:
        handle.close()
        raise
    return handle


def stored_file(handle: BinaryIO, filename: str, content_type: str) -> FileResponse:
    """A stored file (evidence, a handover document, a briefing pack) as an attachment under
    its own name: never kept by a cache on the way, never sniffed into another type."""
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type)  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
