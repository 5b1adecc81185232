"""The scorecard's follow-up part: the share of a Pemda's monev actions due in the year (up to
today, dropped ones left out) that were done by their due date, as data; none due scores the
whole weight (nothing was missed)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from pantau.budgets.scorecard.services import NO_ACTIONS, follow_up_part, scorecard
from pantau.monev import services
from pantau.monev.services import FollowUp, follow_up_by_pemda
from tests.monev.world import action, balikpapan

pytestmark = pytest.mark.django_db

YEAR = 2022
TODAY = date(2023, 3, 1)


@pytest.fixture
def meeting():
    return balikpapan()


def made(meeting, owner: str, due: date, status: str | None = None, on: date | None = None):
    item = action(meeting, owner=owner, due=due)
    if status == "verified":
        services.change_status(item, "done", on=on)
        services.change_status(item, "verified", on=on)
    elif status is not None:
        services.change_status(item, status, on=on)
    return item


@pytest.mark.parametrize(("follow_up", "value", "note"), [
    (None, Fraction(1), NO_ACTIONS),
    (FollowUp(0, 0), Fraction(1), NO_ACTIONS),
    (FollowUp(4, 3), Fraction(3, 4), ""),
    (FollowUp(2, 0), Fraction(0), ""),
    (FollowUp(1, 1), Fraction(1), ""),
])  # fmt: skip
def test_the_part_as_data(follow_up, value, note):
    part = follow_up_part(5, follow_up)
    assert (part.value, part.note, part.points) == (value, note, 5 * value)


def test_what_counts_as_due_and_done_on_time(meeting):
    made(meeting, "64.02", date(2022, 9, 30), "done", date(2022, 9, 29))  # on time
    made(meeting, "64.02", date(2022, 9, 30), "verified", date(2022, 9, 30))  # on the day
    made(meeting, "64.02", date(2022, 9, 30), "done", date(2022, 10, 3))  # late
    made(meeting, "64.02", date(2022, 10, 31))  # never done
    made(meeting, "64.02", date(2022, 10, 31), "in_progress", date(2022, 8, 1))
    made(meeting, "64.02", date(2022, 10, 31), "dropped", date(2022, 8, 1))  # left out
    made(meeting, "64.02", date(2023, 1, 31), "done", date(2022, 12, 1))  # next year's
    made(meeting, "64.71", date(2022, 9, 30), "done", date(2022, 9, 1))  # another Pemda
    found = follow_up_by_pemda(["64.02", "64.71", "64.72"], YEAR, TODAY)
    assert found == {"64.02": FollowUp(5, 2), "64.71": FollowUp(1, 1)}


def test_actions_not_yet_due_today_do_not_count(meeting):
    made(meeting, "64.02", date(2022, 9, 30), "done", date(2022, 9, 1))
    made(meeting, "64.02", date(2022, 12, 31))
    assert follow_up_by_pemda(["64.02"], YEAR, date(2022, 10, 1)) == {"64.02": FollowUp(1, 1)}
    assert follow_up_by_pemda(["64.02"], YEAR, TODAY) == {"64.02": FollowUp(2, 1)}


def test_a_reopened_action_is_not_done(meeting):
    item = made(meeting, "64.02", date(2022, 9, 30), "done", date(2022, 9, 1))
    services.change_status(item, "open", on=date(2022, 9, 5))
    assert follow_up_by_pemda(["64.02"], YEAR, TODAY) == {"64.02": FollowUp(1, 0)}


def test_in_the_scorecard(meeting):
    made(meeting, "64.02", date(2022, 9, 30), "done", date(2022, 9, 29))
    made(meeting, "64.02", date(2022, 10, 31))
    part = scorecard("64.02", YEAR).rows[0].part("follow_up")
    assert (part.weight, part.value, part.points) == (5, Fraction(1, 2), Fraction(5, 2))
    assert part.inputs == {"due": 2, "on_time": 1}
