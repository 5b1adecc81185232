"""Bad input to the meetings and actions commands: exit 2, one line naming the problem in both
languages, and nothing stored."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from pantau.monev.models import Action, ActionEvent, Meeting
from tests.monev.world import balikpapan, run

pytestmark = pytest.mark.django_db


def add_action(*extra: str, meeting="{m}", owner="64.02", due="2022-10-31") -> list[str]:
    """`actions add` with good arguments but those named; `{m}` is the meeting's id."""
    return ["actions", "add", "--meeting", meeting, "--owner", owner, "--due", due, "--text",
            "x", *extra]  # fmt: skip


CASES = [
    (
        ["meetings", "create", "--title", "M", "--date", "2022-07-05", "--regions", "64,99"],
        "Unknown region code: '99'",
    ),
    (
        ["meetings", "create", "--title", "M", "--date", "2022-07-05", "--regions", "64.02.99"],
        "Unknown region code",
    ),
    (
        ["meetings", "create", "--title", "M", "--date", "5 Juli 2022", "--regions", "64"],
        "--date must be a date YYYY-MM-DD",
    ),
    (
        ["meetings", "create", "--title", " ", "--date", "2022-07-05", "--regions", "64"],
        "The title is empty",
    ),
    (["meetings", "show", "999"], "No such meeting: 999"),
    (add_action(meeting="999"), "No such meeting: 999"),
    (add_action(due="2022-07-04"), "The due date 2022-07-04 is before the meeting (2022-07-05)"),
    (add_action(owner="64.99"), "Unknown region code: '64.99'"),
    (add_action(owner="64.02.01"), "is not a Pemda"),
    (add_action(owner="Dinas Entah"), "Unknown owner: 'Dinas Entah'"),
    (add_action("--indicator", "coverage"), "Unknown indicator: 'coverage'"),
    (
        add_action("--indicator", "list_coverage:petani"),
        "Unknown indicator: 'list_coverage:petani'",
    ),
    (
        add_action("--indicator", "ucj_coverage", "--target", "sembilan"),
        "The target must be a share",
    ),
    (add_action("--target", "0.9"), "A target needs an indicator"),
    (["actions", "update", "{a}", "--status", "finished"], "Unknown status: 'finished'"),
    (
        ["actions", "update", "{a}", "--status", "verified"],
        "The status cannot change from open to verified",
    ),
    (
        ["actions", "update", "{a}", "--status", "done", "--on", "2022-07-01"],
        "lies before the meeting or in the future",
    ),
    (["actions", "update", "999", "--status", "done"], "No such action: 999"),
    (["actions", "list", "--region", "99"], "Unknown region code: '99'"),
]


@pytest.mark.parametrize(("args", "message"), CASES)
def test_refused_with_one_line_and_nothing_stored(args, message):
    from tests.monev.world import action

    meeting = balikpapan()
    first = action(meeting)
    before = (
        Meeting.objects.count(),
        Action.objects.count(),
        ActionEvent.objects.count(),
        Action.objects.get().status,
    )
    filled = [a.format(m=meeting.pk, a=first.pk) for a in args]
    with pytest.raises(CommandError) as raised:
        run(*filled)
    assert raised.value.returncode == 2
    text = str(raised.value)
    assert message in text and "\n" not in text
    # Indonesian first, then English.
    assert " / " in text
    after = (
        Meeting.objects.count(),
        Action.objects.count(),
        ActionEvent.objects.count(),
        Action.objects.get().status,
    )
    assert after == before
