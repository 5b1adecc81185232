"""`core.bulk.insert_rows`: many rows into a table, COPY on PostgreSQL and batched
`executemany` on SQLite, each value back as it went in, inside the caller's transaction."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, transaction

from pantau.core import bulk

pytestmark = pytest.mark.django_db

COLUMNS = ("n", "label", "day", "flag", "amount")


@pytest.fixture
def table():
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bulk_rows (n bigint PRIMARY KEY, label varchar(40), day date, "
            "flag boolean, amount bigint)"
        )
    yield "bulk_rows"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bulk_rows")


def stored() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM bulk_rows ORDER BY n")
        return [
            (n, label, _day(day), None if flag is None else bool(flag), amount)
            for n, label, day, flag, amount in cursor.fetchall()
        ]


def _day(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def rows(count: int) -> list[tuple]:
    """Values COPY must escape among them: tabs, newlines, backslashes, NULLs."""
    labels = ["Kutai Kartanegara", "tab\there", "line\nbreak", "back\\slash", "", None]
    return [
        (n, labels[n % len(labels)], datetime.date(2025, 1 + n % 12, 1),
         None if n % 7 == 0 else n % 2 == 0, 42_000_000 * n)
        for n in range(count)
    ]  # fmt: skip


def test_every_value_comes_back_as_it_went_in_across_batches(table):
    expected = rows(2 * bulk.BATCH + 3)
    with transaction.atomic():
        bulk.insert_rows(table, COLUMNS, iter(expected))  # an iterator, read once
    assert stored() == expected


def test_the_rows_belong_to_the_callers_transaction(table):
    with pytest.raises(RuntimeError), transaction.atomic():
        bulk.insert_rows(table, COLUMNS, rows(10))
        raise RuntimeError("the caller fails after the insert")
    assert stored() == []


def test_no_rows_inserts_nothing(table):
    bulk.insert_rows(table, COLUMNS, [])
    assert stored() == []


def test_fixed_values_are_on_every_row(table):
    # A quote and a percent sign: written into SQLite's statement, which the driver formats.
    label, amount = "Kukar's 100% list", 42
    varying = [(n, datetime.date(2025, 6, 1), n % 2 == 0) for n in range(bulk.BATCH + 2)]
    with transaction.atomic():
        bulk.insert_rows(table, ("n", "day", "flag"), varying,
                         fixed={"label": label, "amount": amount})  # fmt: skip
    assert stored() == [(n, label, day, flag, amount) for n, day, flag in varying]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's COPY takes any value")
def test_a_fixed_value_is_an_integer_or_text_on_sqlite(table):
    with pytest.raises(TypeError):
        bulk.insert_rows(table, ("n",), [(1,)], fixed={"day": datetime.date(2025, 6, 1)})
    with pytest.raises(TypeError):
        bulk.insert_rows(table, ("n",), [(1,)], fixed={"flag": True})
