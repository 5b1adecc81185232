"""Logs as JSON lines with request ids: one line per request (method, path, status,
duration, request id, user id; never a name or a NIK), the id on every record of the request
and in the response's X-Request-ID."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest

from pantau.core.logs import JsonFormatter, RequestIdFilter


@pytest.fixture
def json_log():
    """The JSON lines Pantau's handler would write, from the loggers named here."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger("pantau.request"), logging.getLogger("pantau.test")]
    before = [(logger.level, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    for logger, (level, _propagate) in zip(loggers, before, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_a_request_logs_one_json_line(client_as, json_log):
    client = client_as("national")
    user_id = client.session["_auth_user_id"]

    response = client.get("/wilayah/64/?q=3171010101010001")

    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [line] = [line for line in json_log() if line["logger"] == "pantau.request"]
    assert line["method"] == "GET"
    assert line["path"] == "/wilayah/64/"  # never the query string: it may hold a NIK
    assert line["status"] == response.status_code
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["request_id"] == request_id
    assert str(line["user_id"]) == str(user_id)
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")
    text = json.dumps(line)
    assert "3171010101010001" not in text and "national-id" not in text


def test_anonymous_request_has_no_user(client, db, json_log):
    client.get("/healthz")
    [line] = json_log()
    assert line["user_id"] is None and line["path"] == "/healthz" and line["status"] == 200


def test_proxy_request_id_is_kept_when_well_formed(client, db, json_log):
    given = "3f2b8c1e-7a4d-4c55-9e0f-0123456789ab"
    response = client.get("/healthz", HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] == given
    assert json_log()[0]["request_id"] == given


@pytest.mark.parametrize("bad", ["short", "x" * 200, "a b c d e f g h", "abc\ndef-ghi-jkl"])
def test_malformed_request_id_is_replaced(client, db, json_log, bad):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=bad)
    assert response["X-Request-ID"] != bad and len(response["X-Request-ID"]) == 32
    assert json_log()[0]["request_id"] == response["X-Request-ID"]


def test_every_record_of_a_request_carries_its_id(rf, json_log):
    from pantau.core.logs import RequestIdMiddleware

    def view(request):
        logging.getLogger("pantau.test").warning("inside", extra={"rows": 3})
        from django.http import HttpResponse

        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(rf.get("/x"))
    logging.getLogger("pantau.test").warning("outside")

    inside, request_line, outside = json_log()
    assert inside["message"] == "inside" and inside["rows"] == 3
    assert inside["request_id"] == request_line["request_id"] == response["X-Request-ID"]
    assert outside["request_id"] is None


def test_settings_write_json_lines_to_the_log_file(tmp_path):
    """PANTAU_LOG_FORMAT=json and PANTAU_LOG_FILE, as deploy/pantau.env.example sets them."""
    log_file = tmp_path / "logs" / "pantau.log"
    code = (
        "import django, logging; django.setup();"
        "from django.test import Client;"
        "Client().get('/healthz', HTTP_HOST='127.0.0.1', HTTP_X_REQUEST_ID='req-12345678');"
        "logging.getLogger('pantau.elsewhere').warning('outside a request')"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PANTAU_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="pantau.settings",
        PANTAU_DATA_DIR=str(tmp_path),
        PANTAU_LOG_FORMAT="json",
        PANTAU_LOG_FILE=str(log_file),
    )
    subprocess.run([sys.executable, "-m", "pantau", "migrate", "-v0"], env=env, check=True)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)

    lines = [json.loads(line) for line in log_file.read_text().splitlines()]
    request = [line for line in lines if line["logger"] == "pantau.request"]
    assert [(r["path"], r["status"], r["request_id"]) for r in request] == [
        ("/healthz", 200, "req-12345678")
    ]
    assert lines[-1]["message"] == "outside a request" and lines[-1]["request_id"] is None
    assert oct(log_file.parent.stat().st_mode & 0o777) == "0o700"
    assert oct(log_file.stat().st_mode & 0o777) == "0o600"
