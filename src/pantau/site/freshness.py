"""Whether the numbers pages show are behind the data, for the notice every page shows.

Being updated: an import from the web stores its snapshot, then `site.receivers` updates the
coverage and the needs in the background worker; until that is done, pages still show the
numbers of the last refresh. The worker marks the update with a file under the data
directory (the web processes and the worker share only the database and that directory),
removed when it ends, failed or not. A mark older than `STALE_AFTER` belongs to a worker that
died: it is ignored.

Not updated: `pantau import workers|members|workforce` stores its data and leaves the numbers
to `pantau refresh`. `imported_since_refresh()` finds, in one query, data the last finished
refresh cannot have read: a current worker list or membership extract, or a workforce
figure, stored after that refresh started. Only what `pantau refresh` (the latest extract's
month) would read counts, else it would find nothing to do and the notice would never go: an
extract of the latest month with numbers or later, a list in force in that month's year, a
workforce figure of that year or before. Not counted: an extract of an earlier month (it
needs `pantau refresh --as-of` for that month); budgets, whose import and form recompute the
need themselves; claims, which have their own refresh. A workforce figure whose source alone
changed shows the notice until `pantau refresh --full` (the refresh compares the figures).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from pantau.core.paths import private_dir, write_private_text
from pantau.core.vocabulary import Kind
from pantau.engine.models import CurrentGeneration, Refresh, Workforce
from pantau.lake.models import Snapshot

MARKS_DIR = "numbers-updating"
STALE_AFTER = 30 * 60  # seconds; an update after one import takes a minute or two


def marks_dir() -> Path:
    return Path(settings.DATA_DIR) / MARKS_DIR


@contextlib.contextmanager
def updating(name: str) -> Iterator[Path]:
    """Mark the numbers as being updated while the block runs (`name`: what for)."""
    path = private_dir(marks_dir()) / name
    write_private_text(path, name)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def being_updated() -> bool:
    """An update of the numbers is under way (one directory listing)."""
    oldest = time.time() - STALE_AFTER
    try:
        marks = list(marks_dir().iterdir())
    except FileNotFoundError:
        return False
    for mark in marks:
        with contextlib.suppress(FileNotFoundError):  # the update ended meanwhile
            if mark.stat().st_mtime >= oldest:
                return True
    return False


@dataclass(frozen=True)
class Unrefreshed:
    """Data stored after the last finished refresh started (`imported_at`, the newest), and
    when the numbers shown were computed (`computed_at`, None if never or not recorded)."""

    imported_at: datetime.datetime
    computed_at: datetime.datetime | None


def moment_of(value) -> datetime.datetime | None:
    """A datetime from a raw cursor: SQLite gives text (UTC), PostgreSQL an aware value."""
    if value is None or isinstance(value, datetime.datetime):
        moment = value
    else:
        moment = parse_datetime(str(value))
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def _newest(queryset, field: str):
    return queryset.order_by(f"-{field}").values(field)[:1]


@functools.cache
def _unrefreshed_sql(vendor: str) -> tuple[str, tuple]:
    """The query's text, built once per database vendor: it holds no value that changes, and
    building it through the ORM cost more than running it (9 of every page's 14 ms)."""
    latest = CurrentGeneration.objects.order_by("-as_of")
    latest_month = latest.values("as_of")[:1]
    latest_year = latest.annotate(year=ExtractYear("as_of")).values("year")[:1]
    current = Snapshot.objects.filter(is_current=True)
    # An extract of the latest month with numbers or later (or before any numbers): older
    # ones are not in force in the month `pantau refresh` computes.
    extracts = current.filter(kind=Kind.MEMBERS).filter(
        Q(as_of__gte=latest_month) | ~Exists(CurrentGeneration.objects.all())
    )
    # A list in force in the latest year with numbers (`lake.catalog.lists_in_force`): of
    # that year or before, and no later list of its Pemda and category up to that year.
    lists = current.filter(kind=Kind.WORKERS, year__lte=latest_year).exclude(
        Exists(
            current.filter(
                kind=Kind.WORKERS,
                pemda_id=OuterRef("pemda_id"),
                category=OuterRef("category"),
                year__gt=OuterRef("year"),
                year__lte=latest_year,
            )
        )
    )
    last_refresh = Refresh.objects.filter(status=Refresh.Status.DONE).order_by("-started_at")
    parts = (
        _newest(last_refresh, "started_at"),
        last_refresh.values("finished_at")[:1],
        _newest(extracts, "created_at"),
        _newest(lists, "created_at"),
        # The refresh stores the figures of the year of each month and before.
        _newest(Workforce.objects.filter(year__lte=latest_year), "imported_at"),
    )
    texts, params = [], []
    for part in parts:
        sql, part_params = part.query.sql_with_params()
        texts.append(f"({sql})")
        params.extend(part_params)
    return "SELECT " + ", ".join(texts), tuple(params)


def imported_since_refresh() -> Unrefreshed | None:
    """Data the numbers shown do not include yet, or None (one query)."""
    sql, params = _unrefreshed_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        started, finished, *stored = (moment_of(value) for value in cursor.fetchone())
    stored = [moment for moment in stored if moment is not None]
    if not stored:
        return None
    newest = max(stored)
    if started is not None and newest <= started:
        return None
    return Unrefreshed(newest, finished)
