"""Whole responses of the aggregate pages, kept per session until anything they show changes
(issue 22: a page read again costs about what `/healthz` costs).

The page cache (`pantau.core.pagecache`) keeps a page's body; the rest of a response still
cost the session, the user, the top bar's template and the queries of what lies outside the
body. Here a whole response of a view marked `keeps_whole_response` is kept, in this
process's memory, under a key made of everything the response was computed from:

- the request: its path and query, host, scheme, the language cookie, `Accept` and
  `Accept-Language`, the CSRF cookie (the page's forms carry tokens of its secret);
- the session as stored (its key and data: the signed-in user, the session's auth hash,
  any queued message) and the signed-in user's whole row (password hash, role, region,
  active, superuser): what authentication decided on;
- `numbers_version()` (every table the aggregate pages read), the follow-up actions (the
  overdue count beside the body), today's date, an update under way, the demo's marker and
  the scorecard's policy file.

One query reads the session, the user and both versions (of the numbers, what tells whether
the version kept on the database connection still holds: `core.pagecache.version_after`). When
the key was seen, the stored response is returned before the rest of the middleware (it
passed through all of it when it was made, so it has the security headers). Otherwise the
page is made as always and kept when it is a 200 HTML page for the user the session named,
that set no cookie but the CSRF cookie it came with and left the session unchanged. A
session first seen by this process is not kept (its user is learned from that response).
Logging out deletes the session row, a changed password or role changes the user's row, an
expired session fails the check: each ends the reuse at once.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

from pantau.budgets.scorecard.views import policy_stamp
from pantau.core import pagecache
from pantau.core.demo import marker_path
from pantau.monev.choices import PENDING
from pantau.monev.models import Action, ActionEvent
from pantau.site.freshness import being_updated

# Per process, in bytes; a response larger than a tenth of it is not kept.
STORE_BYTES = 64 * 1024 * 1024
SESSIONS_REMEMBERED = 50_000
DB_SESSION_ENGINE = "django.contrib.sessions.backends.db"


class ResponseStore:
    """Responses by key, least recently used dropped first when over `capacity` bytes."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.size = 0
        self._entries: OrderedDict[str, tuple[int, tuple, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[int, tuple, bytes] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: str, status: int, headers: tuple, body: bytes) -> None:
        if len(body) * 10 > self.capacity:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old[2])
            self._entries[key] = (status, headers, body)
            self.size += len(body)
            while self.size > self.capacity:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped[2])

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._entries)


class SessionUsers:
    """Which user each session signed in, as the full middleware found it (bounded)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._users: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, session_key: str) -> int | None:
        with self._lock:
            return self._users.get(session_key)

    def put(self, session_key: str, user_id: int) -> None:
        with self._lock:
            self._users[session_key] = user_id
            self._users.move_to_end(session_key)
            if len(self._users) > self.capacity:
                self._users.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._users.clear()


responses = ResponseStore(STORE_BYTES)
session_users = SessionUsers(SESSIONS_REMEMBERED)


def _actions_columns() -> str:
    """The follow-up actions' fingerprint: an action is created, edited or changes status
    with an event each (never deleted); the pending ids' sums catch a status changed by
    hand too."""
    quote = connection.ops.quote_name
    pending = ", ".join(f"'{status.value}'" for status in PENDING)
    actions, events = quote(Action._meta.db_table), quote(ActionEvent._meta.db_table)
    return (
        f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' || "
        f"COALESCE(SUM(CASE WHEN status IN ({pending}) THEN id ELSE 0 END), 0) || ':' || "
        f"COALESCE(SUM(CASE WHEN status IN ({pending}) THEN id * id ELSE 0 END), 0) "
        f"FROM {actions}), (SELECT COALESCE(MAX(id), 0) FROM {events})"
    )


_SQL: dict[tuple[str, str | None], str] = {}


def _inputs_sql(marker: str | None) -> str:
    """One statement: the session's data and expiry, the user's row, the numbers' `marker`
    (or their version where none serves) and the actions' fingerprint. Built once per
    process, database vendor and kind."""
    sql = _SQL.get((connection.vendor, marker))
    if sql is None:
        quote = connection.ops.quote_name
        user_model = get_user_model()
        user_columns = ", ".join(
            f"u.{quote(field.column)}" for field in user_model._meta.concrete_fields
        )
        # The marker under which the numbers' version is kept on the connection (another
        # database: the version itself).
        numbers = marker or pagecache.fingerprint_columns()
        sql = (
            f"SELECT s.session_data, s.expire_date, {user_columns}, "
            f"{numbers}, {_actions_columns()} "
            f"FROM {quote(Session._meta.db_table)} s, {quote(user_model._meta.db_table)} u "
            f"WHERE s.session_key = %s AND u.{quote(user_model._meta.pk.column)} = %s"
        )
        _SQL[(connection.vendor, marker)] = sql
    return sql


@functools.lru_cache(maxsize=4096)  # the URLs do not change while the process runs
def _view_keeps_whole(path: str) -> bool:
    """Whether the view of `path` is marked: resolving took 0.2 ms of a kept page's 0.34."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    view = match.func
    return bool(
        getattr(view, "keeps_whole_response", False)
        or getattr(getattr(view, "view_class", None), "keeps_whole_response", False)
    )


def _file_stamp(path) -> tuple:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ()
    return (stat.st_mtime_ns, stat.st_size)


class _KnownUser:
    """What the request log reads of a user on a kept response (`core.logs`): the id."""

    is_authenticated = True

    def __init__(self, pk: int) -> None:
        self.pk = pk


class WholePageMiddleware:
    """Right after the request id (whose log line and header every response gets): returns a
    kept response, or makes the page and keeps it (see the module's docstring)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.enabled = settings.SESSION_ENGINE == DB_SESSION_ENGINE

    def __call__(self, request: HttpRequest) -> HttpResponse:
        candidate = self._candidate(request)
        if candidate is None:
            return self.get_response(request)
        session_key, user_id = candidate
        key, version = self._key(request, session_key, user_id)
        if key is not None:
            kept = responses.get(key)
            if kept is not None:
                status, headers, body = kept
                response = HttpResponse(body, status=status)
                for name, value in headers:
                    response[name] = value
                request.user = _KnownUser(user_id)
                return response
            request._pantau_numbers_version = version  # the page reads it: one query fewer
        response = self.get_response(request)
        self._remember(request, response, session_key, user_id, key)
        return response

    def _candidate(self, request: HttpRequest) -> tuple[str, int | None] | None:
        """(session key, its user if known) for a GET the middleware may answer, or None."""
        if not self.enabled or request.method != "GET":
            return None
        meta, cookies = request.META, request.COOKIES
        session_key = cookies.get(settings.SESSION_COOKIE_NAME)
        if (
            not session_key
            or "messages" in cookies  # the cookie part of the messages storage
            or "HTTP_AUTHORIZATION" in meta  # an API client: its token decides
            or "HTTP_HX_REQUEST" in meta  # htmx asks for parts of pages
            or (settings.SECURE_SSL_REDIRECT and not request.is_secure())
            or not _view_keeps_whole(request.path_info)
        ):
            return None
        return session_key, session_users.get(session_key)

    def _key(self, request, session_key: str, user_id: int | None):
        """(key, numbers version), or (None, None) when the session must be checked by the
        full middleware: unknown to this process, gone, expired, or the database failed."""
        if user_id is None:
            return None, None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None, None
        marker = pagecache.marker_columns()
        try:
            with connection.cursor() as cursor:
                cursor.execute(_inputs_sql(marker), [session_key, user_id])
                row = cursor.fetchone()
        except DatabaseError:
            return None, None
        if row is None:
            return None, None
        expires = row[1]
        if isinstance(expires, str):  # SQLite returns text
            expires = datetime.datetime.fromisoformat(expires)
        if timezone.is_naive(expires):
            expires = timezone.make_aware(expires, datetime.UTC)
        if expires <= timezone.now():
            return None, None
        numbers_end = len(row) - 2
        user_end = numbers_end - (2 if marker else pagecache.watched_count())
        numbers = row[user_end:numbers_end]
        version = pagecache.version_after(numbers) if marker else pagecache.version_of(numbers)
        meta = request.META
        parts = (
            request.get_full_path(),
            host,
            request.scheme,
            session_key,
            row[:user_end],  # the session's data and expiry, the user's row
            request.COOKIES.get(settings.CSRF_COOKIE_NAME),
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
            meta.get("HTTP_ACCEPT_LANGUAGE"),
            meta.get("HTTP_ACCEPT"),
            version,
            row[-2:],  # the follow-up actions
            timezone.localdate().isoformat(),
            being_updated(),
            _file_stamp(marker_path()),
            policy_stamp(),
        )
        return hashlib.sha256(repr(parts).encode()).hexdigest(), version

    @staticmethod
    def _remember(request, response, session_key: str, user_id: int | None, key) -> None:
        user = request.__dict__.get("user")
        if user is None or not getattr(user, "is_authenticated", False):
            return
        session = getattr(request, "session", None)
        if session is None or session.session_key != session_key:
            return  # signed in with this request, or the session was cycled
        if user_id != user.pk:
            session_users.put(session_key, user.pk)  # learned: the next request may be kept
            return
        if key is None or not _keepable(request, response, session):
            return
        headers = tuple(response.items())
        responses.put(key, response.status_code, headers, response.content)


def _keepable(request, response, session) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False  # downloads (CSV, XLSX) are made each time
    if "no-store" in response.get("Cache-Control", "") or session.modified:
        return False
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    for name, morsel in response.cookies.items():
        if name != settings.CSRF_COOKIE_NAME or morsel.value != csrf_cookie:
            return False  # a cookie set or changed: this response belongs to one moment
    return True
