"""Overdue: not done, verified or dropped, and past due as of a date (the due day itself is
not overdue)."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.monev import services
from tests.monev.world import action, balikpapan, run_json

pytestmark = pytest.mark.django_db

DUE = date(2022, 10, 31)


@pytest.mark.parametrize(
    ("status", "as_of", "overdue"),
    [
        ("open", date(2022, 10, 31), False),
        ("open", date(2022, 11, 1), True),
        ("in_progress", date(2022, 11, 1), True),
        ("in_progress", date(2022, 10, 30), False),
        ("done", date(2023, 1, 1), False),
        ("verified", date(2023, 1, 1), False),
        ("dropped", date(2023, 1, 1), False),
    ],
)
def test_overdue_as_data(status, as_of, overdue):
    item = action(balikpapan(), due=DUE)
    steps = {"verified": ["done", "verified"]}.get(status, [] if status == "open" else [status])
    for step in steps:
        item = services.change_status(item, step, on=date(2022, 8, 1))
    assert services.is_overdue(item, as_of) is overdue


def test_list_counts_overdue_and_filters_by_meeting_and_region():
    first = balikpapan()
    late = action(first, owner="64.02", due=date(2022, 9, 30))
    action(first, owner="65.01", due=date(2023, 3, 31))
    second = balikpapan(title="Monev Kaltara", held_on=date(2022, 8, 1), regions=["65"])
    other = action(second, owner="65", due=date(2022, 9, 1))
    listed = run_json("actions", "list", "--as-of", "2022-10-01")
    assert (listed["count"], listed["overdue"]) == (3, 2)
    assert {row["id"] for row in listed["rows"] if row["overdue"]} == {late.pk, other.pk}
    row = next(row for row in listed["rows"] if row["id"] == late.pk)
    assert set(row) >= {
        "id",
        "owner",
        "due",
        "status",
        "overdue",
        "indicator_value",
        "target",
        "on_track",
    }
    assert run_json("actions", "list", "--meeting", str(second.pk))["count"] == 1
    kaltara = run_json("actions", "list", "--region", "65", "--as-of", "2022-10-01")
    assert (kaltara["count"], kaltara["overdue"]) == (2, 1)
    assert run_json("actions", "list", "--region", "6402")["count"] == 1
