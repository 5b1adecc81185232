"""`pantau meetings create` and `show`: the issue's JSON shape, attendees, agenda, findings."""

from __future__ import annotations

import pytest

from pantau.monev.models import Meeting
from tests.dashboard.coverage_data import publish
from tests.monev.world import run_json

pytestmark = pytest.mark.django_db


def test_create_gives_the_meeting_as_json():
    made = run_json(
        "meetings",
        "create",
        "--title",
        "Monev Kaltim dan Kaltara",
        "--date",
        "2022-07-05",
        "--place",
        "Balikpapan",
        "--regions",
        "64,6501",
        "--agencies",
        "Kemenko PMK, Setkab",
    )
    meeting = Meeting.objects.get()
    assert made["id"] == meeting.pk
    assert (made["title"], made["date"], made["place"]) == (
        "Monev Kaltim dan Kaltara",
        "2022-07-05",
        "Balikpapan",
    )
    # Undotted codes are read as Kemendagri codes.
    assert made["regions"] == ["64", "65.01"]
    assert made["agencies"] == ["Kemenko PMK", "Setkab"]
    assert (made["status"], made["version"], made["actions"], made["carried_over"]) == (
        "draft",
        0,
        [],
        [],
    )


def test_show_has_attendees_agenda_findings_and_actions():
    publish("2022-06", lists={("64.02", "non_asn"): (100, 35, 5, 60, 0)})
    meeting_id = str(
        run_json(
            "meetings", "create", "--title", "Monev", "--date", "2022-07-05", "--regions", "64"
        )["id"]
    )
    run_json(
        "meetings",
        "attendee",
        meeting_id,
        "--name",
        "Sri Wahyuni",
        "--agency",
        "Kemenko PMK",
        "--position",
        "Asisten Deputi",
    )
    run_json("meetings", "agenda", meeting_id, "--text", "Cakupan Kaltim 67 %")
    run_json(
        "meetings",
        "finding",
        meeting_id,
        "--region",
        "64.02",
        "--text",
        "Cakupan Non ASN 35 %",
        "--indicator",
        "list_coverage:non_asn",
    )
    added = run_json(
        "actions",
        "add",
        "--meeting",
        meeting_id,
        "--owner",
        "64.02",
        "--due",
        "2022-10-31",
        "--text",
        "Daftarkan Non ASN",
    )
    shown = run_json("meetings", "show", meeting_id, "--as-of", "2022-11-01")
    assert shown["attendees"] == [
        {"name": "Sri Wahyuni", "agency": "Kemenko PMK", "position": "Asisten Deputi"}
    ]
    assert shown["agenda"] == ["Cakupan Kaltim 67 %"]
    # The value at the meeting: the latest month with numbers up to the meeting's month.
    assert shown["findings"] == [
        {
            "region": "64.02",
            "text": "Cakupan Non ASN 35 %",
            "indicator": "list_coverage:non_asn",
            "value": 0.35,
            "value_month": "2022-06-01",
        }
    ]
    [row] = shown["actions"]
    assert (row["id"], row["owner"], row["due"], row["status"], row["overdue"]) == (
        added["id"],
        "64.02",
        "2022-10-31",
        "open",
        True,
    )
    assert shown["overdue"] == 1


def test_an_attendee_may_be_a_pantau_account(make_user):
    make_user("sri", "national", None)
    meeting_id = str(
        run_json(
            "meetings", "create", "--title", "Monev", "--date", "2022-07-05", "--regions", "64"
        )["id"]
    )
    shown = run_json(
        "meetings", "attendee", meeting_id, "--name", "Sri Wahyuni", "--account", "sri"
    )
    assert shown["attendees"] == [
        {"name": "Sri Wahyuni", "agency": "", "position": "", "account": "sri"}
    ]


def test_list_gives_every_meeting_newest_first():
    for day in ("2022-07-05", "2023-01-20"):
        run_json("meetings", "create", "--title", f"Monev {day}", "--date", day, "--regions", "64")
    listed = run_json("meetings", "list")
    assert listed["count"] == 2
    assert [row["date"] for row in listed["rows"]] == ["2023-01-20", "2022-07-05"]
