"""Logs as JSON lines with request ids (docs/operations.md, "Pemantauan / Monitoring").

- `RequestIdMiddleware` (first in `MIDDLEWARE`) gives each request an id: the proxy's
  `X-Request-ID` when it is well-formed (Caddy sends one, deploy/Caddyfile), else a new
  one; it is sent back in the response's `X-Request-ID` and held in a context variable while
  the request runs. When the request ends it logs one line on `pantau.request`: method,
  path (never the query string: a search may carry a NIK or a name), status, duration in
  ms and the user's id (an id only, never a name).
- `RequestIdFilter` puts that id on every record logged during the request
  (`record.request_id`, None outside a request); the settings attach it to the handlers.
- `JsonFormatter` writes a record as one JSON object per line: `time` (UTC, ISO 8601),
  `level`, `logger`, `message`, `request_id`, `pid`, the record's extra fields, and
  `exception` when there is one.

Which format and where (`PANTAU_LOG_FORMAT`, `PANTAU_LOG_FILE`) is decided in settings.py.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
import time
import uuid

from django.utils.functional import empty

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "pantau_request_id", default=None
)
REQUEST_HEADER = "HTTP_X_REQUEST_ID"
RESPONSE_HEADER = "X-Request-ID"
# A proxy's id is taken only when it looks like one (UUIDs, hex, Caddy's and nginx's):
# anything else could smuggle text into the logs.
WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")

request_logger = logging.getLogger("pantau.request")

# Attributes every LogRecord has; anything else on a record is an `extra` field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
}


def current_request_id() -> str | None:
    return request_id_var.get()


def request_id_from(header: str | None) -> str:
    """The proxy's id if well-formed, else a new one (32 hex digits)."""
    if header and WELL_FORMED.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id`: the id of the request being served, or None."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; values JSON cannot hold are written as text."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
            "pid": record.process,
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in line:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def _user_id(request) -> int | None:
    """The signed-in user's id if the request has already loaded its user: reading it here
    must not cost a session or user query (static files, /healthz)."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    if getattr(user, "_wrapped", None) is empty:  # a lazy user nobody asked for
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


class RequestIdMiddleware:
    """The request id, the response header, and one log line per request."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = request_id_from(request.META.get(REQUEST_HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
            response[RESPONSE_HEADER] = request_id
            if request_logger.isEnabledFor(logging.INFO):
                request_logger.info(
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "user_id": _user_id(request),
                    },
                )
            return response
        finally:
            request_id_var.reset(token)
