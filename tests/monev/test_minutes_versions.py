"""Finalised minutes are frozen: a correction makes a new version, the old one stays readable."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.monev import services
from pantau.monev.models import MeetingVersion
from tests.monev.world import action, balikpapan, run_json

pytestmark = pytest.mark.django_db


def test_finalise_then_correct():
    meeting = balikpapan(minutes="Kaltim 67 %, Kaltara 51 %.")
    services.add_attendee(meeting, "Sri Wahyuni", "Kemenko PMK", "Asisten Deputi")
    action(meeting)
    shown = run_json("meetings", "finalise", str(meeting.pk))
    assert (shown["status"], shown["version"]) == ("final", 1)
    with pytest.raises(services.MonevError) as refused:
        services.edit_meeting(meeting, minutes="Kaltim 68 %.")
    assert refused.value.code == "reason_missing"
    services.edit_meeting(meeting, minutes="Kaltim 67,0 %, Kaltara 51,0 %.", reason="angka desimal")
    first, second = MeetingVersion.objects.filter(meeting=meeting)
    assert first.content["minutes"] == "Kaltim 67 %, Kaltara 51 %."
    assert first.content["attendees"] == [
        {"name": "Sri Wahyuni", "agency": "Kemenko PMK", "position": "Asisten Deputi"}
    ]
    assert (second.number, second.reason) == (2, "angka desimal")
    assert second.content["minutes"] == "Kaltim 67,0 %, Kaltara 51,0 %."
    # An action agreed later is a version too; its status is not part of the minutes.
    services.add_action(
        meeting=meeting, owner="65", due=date(2022, 12, 31), text="RT/RW", reason="disusulkan"
    )
    assert MeetingVersion.objects.filter(meeting=meeting).count() == 3
    assert [v["number"] for v in run_json("meetings", "show", str(meeting.pk))["versions"]] == [
        1,
        2,
        3,
    ]


def test_finalising_twice_is_refused():
    meeting = balikpapan()
    services.finalise(meeting)
    with pytest.raises(services.MonevError) as refused:
        services.finalise(meeting)
    assert refused.value.code == "already_final"


def test_a_draft_changes_without_versions():
    meeting = balikpapan()
    services.edit_meeting(meeting, place="Hotel Novotel Balikpapan")
    services.add_agenda_item(meeting, "Paparan BPJS")
    assert meeting.versions.count() == 0 and meeting.version == 0


def test_an_older_version_stays_readable_on_its_page(client_as):
    meeting = balikpapan(minutes="Kaltim 67 %.")
    services.finalise(meeting)
    services.edit_meeting(meeting, minutes="Kaltim 67,0 %.", reason="desimal")
    client = client_as("viewer")
    first = client.get(f"/monev/{meeting.pk}/versi/1/").content.decode()
    assert "Kaltim 67 %." in first and "Kaltim 67,0 %." not in first
    assert "Notulen versi 1 dari 2" in first and "5 Juli 2022" in first
    second = client.get(f"/monev/{meeting.pk}/versi/2/").content.decode()
    assert "Kaltim 67,0 %." in second and "Alasan koreksi: desimal" in second
    assert client.get(f"/monev/{meeting.pk}/versi/3/").status_code == 404
    page = client.get(f"/monev/{meeting.pk}/").content.decode()
    assert f'href="/monev/{meeting.pk}/versi/1/"' in page


def test_a_correction_through_the_page_needs_its_reason(client_as):
    meeting = balikpapan(minutes="Kaltim 67 %.")
    services.finalise(meeting)
    client = client_as("national")
    fields = {
        "title": meeting.title,
        "held_on": "2022-07-05",
        "place": "Balikpapan",
        "agencies": "Kemenko PMK, Setkab",
        "minutes": "Kaltim 67,0 %.",
        "reason": "",
    }
    refused = client.post(f"/monev/{meeting.pk}/ubah/", fields)
    assert refused.status_code == 400
    assert "koreksi harus menyebut alasannya" in refused.content.decode()
    assert MeetingVersion.objects.filter(meeting=meeting).count() == 1
    done = client.post(f"/monev/{meeting.pk}/ubah/", {**fields, "reason": "desimal"})
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.agencies, meeting.version) == (
        "Kaltim 67,0 %.",
        ["Kemenko PMK", "Setkab"],
        2,
    )
    assert client_as("pemda", "64.02").get(f"/monev/{meeting.pk}/ubah/").status_code == 403
