"""The numbers' version is read again only when something may have been written: kept on the
database connection under a marker (SQLite: the file's data version and the connection's
changes; PostgreSQL: the statement's snapshot, and never inside a transaction that wrote),
so a page asks one tiny query, and never sees a version older than the data."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from pantau.budgets.choices import RegulationKind
from pantau.budgets.models import Regulation
from pantau.core.pagecache import numbers_version
from pantau.regions.models import Region


def read() -> tuple[str, list[str]]:
    """The version, and the SQL of the statements that read it."""
    with CaptureQueriesContext(connection) as queries:
        version = numbers_version()
    return version, [query["sql"] for query in queries]


def scans(statements: list[str]) -> bool:
    """Whether the fingerprint (the watched tables) was read."""
    return any("budgets_regulation" in sql for sql in statements)


def add_regulation(number: str = "1") -> None:
    Regulation.objects.create(pemda=Region.objects.get(code="64.02"),
                              kind=RegulationKind.values[0], number=number,
                              issued_on=datetime.date(2025, 1, 2))  # fmt: skip


def test_read_again_the_version_costs_one_small_query_until_a_write(regions_in_live_db):
    first, _ = read()
    again, statements = read()
    assert again == first
    assert len(statements) == 1 and not scans(statements)
    add_regulation()  # on this connection, committed
    changed, statements = read()
    assert changed != first
    assert scans(statements)


def test_a_commit_of_another_connection_is_seen_at_once(regions_in_live_db):
    first, _ = read()
    read()

    def elsewhere():
        try:
            add_regulation()
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert read()[0] != first


@pytest.mark.django_db
def test_inside_a_transaction_that_wrote_each_read_sees_its_own_rows():
    first, _ = read()
    add_regulation()  # the test's transaction, not committed
    assert read()[0] != first
    second, _ = read()
    add_regulation("2")
    assert read()[0] != second
