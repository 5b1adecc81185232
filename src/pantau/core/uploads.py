"""Who may send files: only the upload views, only to signed-in users, only so much.

Django writes any file of a multipart body it parses to the temporary upload folder, and
the CSRF check parses the body of every POST: so any POST with a csrftoken cookie, to the
sign-in page say, could make the server write as much as it was sent. Here:

- `FILE_UPLOAD_HANDLERS` is `NoFilesHandler`: a file in a body is refused (400) at its
  first byte, before anything of it is written or read, and parsing stops there. Only the
  upload views, which say `accepts_files = True`, install handlers that take files
  (`LimitedUploadHandler`), after their own permission check and
  before the CSRF check (`csrf_exempt` on dispatch, then `csrf_protect`, as Django
  documents for custom upload handlers).
- `UploadGateMiddleware` (before the CSRF check) answers 413 to a multipart body larger
  than `DATA_UPLOAD_MAX_MEMORY_SIZE` (form fields only) sent to any other view, or by
  someone not signed in, before a byte of it is read. An API upload view signs its
  client in itself, with a token in the Authorization header, which no session shows
  here: it says `authenticates_before_reading = True` (it checks the token and the
  user's rights before reading a byte of the body), and a request to it that carries
  an Authorization header is let through to that check. Smaller multipart bodies without
  files stay allowed: the test client and some browsers' scripts send plain forms so.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadhandler import (
    FileUploadHandler,
    MemoryFileUploadHandler,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


def is_multipart(request: HttpRequest) -> bool:
    return request.META.get("CONTENT_TYPE", "").lower().lstrip().startswith("multipart/")


def accepts_files(view_func) -> bool:
    """Does the view take files? Class-based views say so with `accepts_files = True`."""
    view = getattr(view_func, "view_class", view_func)
    return getattr(view, "accepts_files", False) is True


def signs_in_itself(view_func, request: HttpRequest) -> bool:
    """An upload view that authenticates the request's Authorization header itself, before
    it reads the body (`authenticates_before_reading = True`: the API's token uploads)."""
    view = getattr(view_func, "view_class", view_func)
    return getattr(view, "authenticates_before_reading", False) is True and bool(
        request.META.get("HTTP_AUTHORIZATION")
    )


class UploadGateMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not is_multipart(request):
            return None
        if accepts_files(view_func) and (
            request.user.is_authenticated or signs_in_itself(view_func, request)
        ):
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


def max_upload_bytes() -> int:
    return settings.PANTAU_MAX_UPLOAD_MB * 1024 * 1024


# Room for the form's other fields and the multipart boundaries beside the file.
FORM_OVERHEAD_BYTES = 64 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """Refuses a file over the limit before any of it is written, and reads no more.

    A body whose Content-Length passes the limit is refused at the file's first byte;
    a body that lies (or is chunked) is cut as soon as the file passes the limit. The
    form fields before the file (the CSRF token first) are still read, so the view
    shows the form again with a message; the rest of the body is never read
    (`connection_reset=True`), and the server discards it.
    """

    def __init__(self, request=None, limit: int | None = None) -> None:
        super().__init__(request)
        self.limit = limit if limit is not None else max_upload_bytes()
        self.received = 0
        self.body_over_limit = False

    @classmethod
    def install(cls, request, limit: int | None = None) -> None:
        """The handlers of an upload view: this one first, then Django's (memory for
        small files, a temporary file for the others; `FILE_UPLOAD_HANDLERS` holds only
        `pantau.core.uploads.NoFilesHandler`)."""
        request.upload_handlers = [
            cls(request, limit),
            MemoryFileUploadHandler(request),
            TemporaryFileUploadHandler(request),
        ]

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.body_over_limit = content_length > self.limit + FORM_OVERHEAD_BYTES
        return None

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.body_over_limit:
            self.stop()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.stop()
        return raw_data

    def stop(self) -> None:
        self.request.upload_too_large = True
        raise StopUpload(connection_reset=True)

    def file_complete(self, file_size: int) -> None:
        return None
