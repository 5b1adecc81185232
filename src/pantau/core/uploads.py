"""Who may send files: only the upload views, only to signed-in users, only so much.

Django writes any file of a multipart body it parses to the temporary upload folder, and
the CSRF check parses the body of every POST: so any POST with a csrftoken cookie, to the
sign-in page say, could make the server write as much as it was sent. Here:

- `FILE_UPLOAD_HANDLERS` is `NoFilesHandler`: a file in a body is refused (400) at its
  first byte, before anything of it is written or read, and parsing stops there. Only the
  upload views, which say `accepts_files = True`, install handlers that take files
  (`pantau.ingest.forms.LimitedUploadHandler`), after their own permission check and
  before the CSRF check (`csrf_exempt` on dispatch, then `csrf_protect`, as Django
  documents for custom upload handlers).
- `UploadGateMiddleware` (before the CSRF check) answers 413 to a multipart body larger
  than `DATA_UPLOAD_MAX_MEMORY_SIZE` (form fields only) sent to any other view, or by
  someone not signed in, before a byte of it is read. Smaller multipart bodies without
  files stay allowed: the test client and some browsers' scripts send plain forms so.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def is_multipart(request: HttpRequest) -> bool:
    return request.META.get("CONTENT_TYPE", "").lower().lstrip().startswith("multipart/")


def accepts_files(view_func) -> bool:
    """Does the view take files? Class-based views say so with `accepts_files = True`."""
    view = getattr(view_func, "view_class", view_func)
    return getattr(view, "accepts_files", False) is True


class UploadGateMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not is_multipart(request):
            return None
        if accepts_files(view_func) and request.user.is_authenticated:
            return None  # the view checks the user's rights and the size itself
        if content_length(request) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return None  # form fields; a file among them is refused by NoFilesHandler
        # The body is left unread: the server discards it (gunicorn drains it in memory
        # before the connection's next request), nothing goes to disk.
        message = _("Berkas hanya dapat diunggah di halaman unggah, setelah masuk.")
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


def content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class FilesNotAccepted(SuspiciousOperation):
    """A file sent to a view that takes none: Django answers 400."""


class NoFilesHandler(FileUploadHandler):
    """The default upload handler: refuses a file at its first byte, writing nothing."""

    def new_file(self, *args, **kwargs) -> None:
        raise FilesNotAccepted("a file sent to a view that takes no files")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        return None

    def file_complete(self, file_size: int) -> None:
        return None
