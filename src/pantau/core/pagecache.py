"""Rendered page bodies, kept until the numbers they show change.

The dashboard, budget and ranking pages show only aggregates, but a national page judges
every Pemda (half a second) and renders hundreds of rows. Their bodies (everything but the
signed-in top bar and forms with CSRF tokens) are kept in the cache under:

- what the page was asked for (the caller's `parts`: region, choices, the user's rights
  where they change the page), the template and the language;
- `numbers_version()`: what every such page is computed from. Each month's current coverage
  generation, and a fingerprint (count, last id or time, sums) of the allocations, needs,
  worker lists and compliance records (the tables `pantau.site.pagecache` names), read in
  one query. A refresh, an import, a form, an edit in the admin: any change of those
  tables changes the key, so a page is never stale;
- today's date (the pages offer "this year").

Body templates must hold nothing user-specific beyond their `parts`, and no `{% csrf_token %}`.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

CACHE_SECONDS = 24 * 3600


# What the pages are computed from: (model, aggregates, condition) per table, in order.
# The roof names them (`pantau.site.pagecache`, from its AppConfig.ready()): the kit knows no
# app's tables.
_WATCHED: list[tuple[type, tuple[str, ...], str]] = []


def watch(model: type, *aggregates: str, where: str = "") -> None:
    """Make `model`'s table part of `numbers_version()`: its row count and `aggregates`.
    Asking twice (an AppConfig.ready() run again) changes nothing."""
    if (model, aggregates, where) not in _WATCHED:
        _WATCHED.append((model, aggregates, where))
        fingerprint_columns.cache_clear()


@functools.cache  # one text per process: the tables and the database vendor do not change
def fingerprint_columns() -> str:
    """The select list of `numbers_version()`'s query, one sub-select per watched table, for
    a caller that reads the version in a query of its own (`pantau.site.wholepage`)."""

    def table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    def text(expression: str) -> str:
        return f"COALESCE(CAST({expression} AS TEXT), '')"

    def parts(*expressions: str) -> str:
        return " || ':' || ".join(text(e) for e in ("COUNT(*)", *expressions))

    # One row of aggregates; each sub-select reads one small table (a few thousand rows).
    selects = (
        f"SELECT {parts(*aggregates)} FROM {table(model)}" + (f" WHERE {where}" if where else "")
        for model, aggregates, where in _WATCHED
    )
    return ", ".join(f"({select})" for select in selects)


def numbers_version() -> str:
    """What every aggregate page is computed from, as one string: one tiny query while
    nothing was written since it was last read on this connection (`version_after`), else
    the fingerprint's too; on PostgreSQL inside a transaction, the fingerprint alone."""
    columns = marker_columns()
    if columns is None:
        return _fingerprint()
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + columns)
        marker = cursor.fetchone()
    return version_after(marker)


def _fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + fingerprint_columns())
        row = cursor.fetchone()
    return version_of(row)


# What moves whenever the data a statement sees may have changed, per database (`version_after`).
_MARKERS = {
    # `data_version` moves with every commit of another connection (another thread, process
    # or tool), `total_changes()` with every row this connection changes.
    "sqlite": "(SELECT data_version FROM pragma_data_version()), total_changes()",
    # The statement's snapshot (oldest running, next and running transaction ids): two equal
    # snapshots see the same committed transactions. And this transaction's id if it wrote:
    # its own rows change no snapshot, so then (and inside any transaction) the fingerprint
    # is read each time; a page's statements each commit on their own.
    "postgresql": "CAST(pg_current_snapshot() AS TEXT), pg_current_xact_id_if_assigned()",
}


def marker_columns() -> str | None:
    """Two values that stay the same while the watched tables cannot have changed: read
    before the version (`version_after`), on SQLite in a statement of its own. None where no
    marker serves: on PostgreSQL inside a transaction, another database."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        return None
    return _MARKERS.get(connection.vendor)


def version_after(marker) -> str:
    """`numbers_version()`, given the `marker_columns()` just read: the fingerprint (four of
    its tables are scanned: 0.85 ms of a kept page's 1.8 ms on SQLite) is kept on the database
    connection with the marker it was read under, and read again only when the marker moved.
    On SQLite the marker is read before the fingerprint, so a kept fingerprint holds every
    commit made before its marker; on PostgreSQL both come from one statement, one snapshot."""
    marker = tuple(marker)
    postgresql = connection.vendor == "postgresql"
    if postgresql and marker[1] is not None:
        return _fingerprint()  # this transaction wrote: its own rows change no snapshot
    raw = connection.connection
    kept = getattr(connection, "_pantau_numbers", None)
    if kept is not None and kept[0] is raw and kept[1] == marker:
        return kept[2]
    if postgresql:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {marker_columns()}, {fingerprint_columns()}")
            row = cursor.fetchone()
        marker, version = tuple(row[:2]), version_of(row[2:])
    else:
        version = _fingerprint()
    connection._pantau_numbers = (raw, marker, version)
    return version


def version_of(parts) -> str:
    """`numbers_version()` from the values of `fingerprint_columns()`."""
    return "|".join(str(part) for part in parts)


def watched_count() -> int:
    """How many values `fingerprint_columns()` selects."""
    return len(_WATCHED)


def keeps_whole_response(view):
    """Mark a page view (a function, or a class-based view's class) whose whole response may
    be kept per session and version (`pantau.site.wholepage`): a GET that shows only
    aggregates and what its URL, user, language and the watched tables decide, writes
    nothing and audits nothing."""
    view.keeps_whole_response = True
    return view


def request_numbers_version(request: HttpRequest) -> str:
    """`numbers_version()` read once per request (kept on it, `known_numbers_version`)."""
    version = known_numbers_version(request)
    if version is None:
        version = request._pantau_numbers_version = numbers_version()
    return version


def known_numbers_version(request: HttpRequest | None) -> str | None:
    """The version this request's page read already, or None (a page without the cache)."""
    return getattr(request, "_pantau_numbers_version", None)


def kept_for_version(name: str, version: str, compute: Callable[[], object]) -> object:
    """`compute()` once per `version` of the numbers: kept in the cache under `name` with
    the version it belongs to (one entry per name; None is kept too)."""
    key = f"pantau:{name}"
    kept = cache.get(key)
    if kept is None or kept[0] != version:
        kept = (version, compute())
        cache.set(key, kept, CACHE_SECONDS)
    return kept[1]


def cached_body(
    request: HttpRequest,
    template: str,
    parts: tuple,
    context: Callable[[], dict],
    version: str | None = None,
) -> SafeString:
    """The rendered `template`, from the cache when its key is there; `context` is called
    only on a miss. Pass `version` when the caller already read `numbers_version()`."""
    if version is None:
        version = request_numbers_version(request)
    key_parts = (template, parts, get_language(), timezone.localdate().isoformat(), version)
    key = "pantau:page:" + hashlib.sha256(repr(key_parts).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = render_to_string(template, context(), request)
        cache.set(key, body, CACHE_SECONDS)
    return mark_safe(body)  # rendered by Django's templates: escaped where it must be
