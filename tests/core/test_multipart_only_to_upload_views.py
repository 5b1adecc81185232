"""Files reach only the upload views, from signed-in users who may upload, and no more of
them than the limit: a file sent anywhere else is refused at its first byte, a multipart
body larger than form fields need (a 50 MB POST to the sign-in page with a csrftoken
cookie) before a byte of it is read, and nothing is written to the temporary upload
folder.

Requests go through Django's whole handler and middleware with a request body that counts
what the server reads; the last test sends one to a real `pantau serve` (gunicorn).
"""

from __future__ import annotations

import io
import os
import select
import socket

import pytest
from django.conf import settings
from django.test.client import ClientHandler, RequestFactory

BOUNDARY = "pantau-uji-batas"
CSRF = "c" * 32
FIFTY_MB = 50 * 1024 * 1024


def multipart(file_bytes: int, **fields: str) -> bytes:
    """A form as a browser sends it: the CSRF token and fields first, then the file."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in {"csrfmiddlewaretoken": CSRF, **fields}.items()
    ]
    head = "".join(parts) + (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="daftar.csv"'
        "\r\nContent-Type: text/csv\r\n\r\n"
    )
    return head.encode() + b"x" * file_bytes + f"\r\n--{BOUNDARY}--\r\n".encode()


class CountingBody:
    """The request body as the server reads it, counting the bytes read."""

    def __init__(self, data: bytes) -> None:
        self.stream = io.BytesIO(data)
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size: int = -1) -> bytes:
        line = self.stream.readline(size)
        self.read_bytes += len(line)
        return line


def post(path: str, body: bytes, client=None):
    """(response, bytes of the body the server read), CSRF checked as in production."""
    environ = RequestFactory().generic("POST", path).environ
    counting = CountingBody(body)
    cookies = [f"csrftoken={CSRF}"]
    if client is not None and "sessionid" in client.cookies:
        cookies.append(f"sessionid={client.cookies['sessionid'].value}")
    environ.update(
        {
            "wsgi.input": counting,
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_COOKIE": "; ".join(cookies),
        }
    )
    response = ClientHandler(enforce_csrf_checks=True)(environ)
    return response, counting.read_bytes


def temporary_uploads() -> list[str]:
    return sorted(os.listdir(settings.FILE_UPLOAD_TEMP_DIR))


def test_a_50_mb_post_to_the_sign_in_page_is_refused_unread(db):
    before = temporary_uploads()
    response, read = post("/accounts/login/", multipart(FIFTY_MB, username="a", password="b"))
    assert response.status_code == 413
    assert read == 0
    assert "halaman unggah" in response.content.decode()
    assert temporary_uploads() == before


NO_FILES = ["/", "/accounts/login/", "/pemda/64.02/kepatuhan/regulasi/"]


@pytest.mark.parametrize("path", NO_FILES)
def test_views_that_take_no_files_refuse_a_file_at_its_first_byte(client_as, path):
    before = temporary_uploads()
    officer = client_as("pemda", "64.02")
    response, read = post(path, multipart(1024 * 1024), officer)
    assert response.status_code == 400
    assert read < 128 * 1024  # the fields before the file
    assert temporary_uploads() == before


@pytest.mark.parametrize("path", NO_FILES)
def test_views_that_take_no_files_refuse_a_large_body_unread(client_as, path):
    officer = client_as("pemda", "64.02")
    response, read = post(path, multipart(8 * 1024 * 1024), officer)
    assert (response.status_code, read) == (413, 0)


@pytest.mark.parametrize("path", ["/impor/baru/", "/pemda/64.02/kepatuhan/bukti/"])
def test_upload_views_take_no_body_from_people_not_signed_in(db, path):
    response, read = post(path, multipart(8 * 1024 * 1024))
    assert (response.status_code, read) == (413, 0)
    response, read = post(path, multipart(1024 * 1024))
    assert (response.status_code, read) == (302, 0)  # to the sign-in page


@pytest.mark.parametrize(
    ("role", "region", "path"),
    [("viewer", None, "/impor/baru/"), ("national", None, "/impor/baru/"),
     ("pemda", "64.01", "/pemda/64.02/kepatuhan/bukti/")],
)  # fmt: skip
def test_upload_views_refuse_users_who_may_not_upload_before_reading(client_as, role, region,
                                                                     path):  # fmt: skip
    response, read = post(path, multipart(1024 * 1024), client_as(role, region))
    assert (response.status_code, read) == (403, 0)


WIZARD_FIELDS = {"kind": "workers", "pemda": "64.02", "category": "non_asn", "year": "2025"}


def test_the_wizard_refuses_by_content_length_at_the_file_first_byte(client_as, settings):
    settings.PANTAU_MAX_UPLOAD_MB = 1
    before = temporary_uploads()
    body = multipart(8 * 1024 * 1024, **WIZARD_FIELDS)
    response, read = post("/impor/baru/", body, client_as("pemda", "64.02"))
    assert response.status_code == 400
    assert "Berkas terlalu besar: batasnya 1 MB" in response.content.decode()
    assert read < 128 * 1024  # the fields before the file, not the file
    assert temporary_uploads() == before


def test_the_wizard_cuts_a_file_that_passes_the_limit_while_streaming(
    client_as, settings, monkeypatch
):
    from pantau.core import uploads

    settings.PANTAU_MAX_UPLOAD_MB = 1
    # Room for large other fields lets the Content-Length pass: the stream itself is cut.
    monkeypatch.setattr(uploads, "FORM_OVERHEAD_BYTES", 8 * 1024 * 1024)
    body = multipart(4 * 1024 * 1024, **WIZARD_FIELDS)
    response, read = post("/impor/baru/", body, client_as("pemda", "64.02"))
    assert response.status_code == 400
    assert "Berkas terlalu besar" in response.content.decode()
    assert read < 1024 * 1024 + 256 * 1024  # the limit and a chunk or two, not 4 MB


def test_evidence_uploads_are_refused_by_content_length(client_as, settings):
    settings.PANTAU_EVIDENCE_MAX_BYTES = 4096
    body = multipart(8 * 1024 * 1024, description="Pindaian Perda")
    response, read = post("/pemda/64.02/kepatuhan/bukti/", body, client_as("pemda", "64.02"))
    assert response.status_code == 400
    assert "Berkas terlalu besar" in response.content.decode()
    assert read < 128 * 1024


# ---------------------------------------------------------------- a real server


def test_a_real_server_writes_nothing_for_a_50_mb_post_to_the_sign_in_page(served, tmp_path):  # noqa: F811
    port, uploads = served.port, tmp_path / "tmp" / "uploads"
    body = multipart(FIFTY_MB, username="a", password="b")
    head = (
        f"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Cookie: csrftoken={CSRF}\r\nReferer: http://127.0.0.1:{port}/accounts/login/\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    seen: set[str] = set()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)
        # The answer comes before the body is sent: nothing of it was needed.
        answered = bool(select.select([sock], [], [], 10)[0])
        try:
            for start in range(0, 0 if answered else len(body), 256 * 1024):
                sock.sendall(body[start : start + 256 * 1024])
                seen.update(os.listdir(uploads))
            reply = sock.recv(4096).decode(errors="replace")
        except (BrokenPipeError, ConnectionResetError):
            reply = ""
    assert answered
    assert reply.startswith("HTTP/1.1 413"), reply[:200]
    assert seen == set() and os.listdir(uploads) == []
