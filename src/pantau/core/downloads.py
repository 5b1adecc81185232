"""Files a page hands to the browser to save: one response for every CSV and XLSX export."""

from __future__ import annotations

from django.http import HttpResponse

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def download(content: bytes, name: str, fmt: str) -> HttpResponse:
    """`content` as the attachment `name.fmt`, typed by its format (`xlsx` or `csv`)."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
