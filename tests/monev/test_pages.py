"""The monev pages: meetings, one meeting, one action, a region's follow-up, the dashboard's
count. Everyone signed in reads them; forms show only to those who may act, and a POST from
anyone else is refused with nothing stored."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pantau.monev import services
from pantau.monev.models import Action, ActionEvent, Meeting
from tests.dashboard.coverage_data import publish
from tests.monev.world import action, balikpapan

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    made = balikpapan()
    action(made, owner="64.02", due=date(2022, 10, 31), text="Anggarkan iuran Non ASN")
    action(made, owner="65", due=date(2099, 1, 1), text="Daftarkan ketua RT")
    return made


def test_meetings_list_counts_actions_and_overdue(client_as, meeting):
    page = client_as("viewer").get("/monev/").content.decode()
    assert "Monev Inpres 2/2021 Kaltim dan Kaltara" in page
    row = page.split(f'data-meeting="{meeting.pk}"')[1].split("</tr>")[0]
    assert '<td class="num">2</td>' in row and '<td class="num overdue">1</td>' in row
    # Only coordinators are offered a new meeting.
    assert 'data-testid="meeting-new"' not in page
    assert 'data-testid="meeting-new"' in client_as("national").get("/monev/").content.decode()


def test_a_meeting_shows_its_actions_overdue_in_red(client_as, meeting):
    page = client_as("viewer").get(f"/monev/{meeting.pk}/").content.decode()
    late = Action.objects.get(owner_region_id="64.02")
    row = page.split(f'data-action="{late.pk}"')[1].split("</tr>")[0]
    assert row.startswith(' class="overdue"') and "lewat tenggat" in row
    assert "Kabupaten Kutai Kartanegara" in row and "31 Oktober 2022" in row
    assert 'data-testid="add-tindak-lanjut"' not in page  # a viewer records nothing


def test_coordinators_add_to_a_meeting_and_others_are_refused(client_as, meeting):
    refused = client_as("pemda", "64.02").post(
        f"/monev/{meeting.pk}/tambah/acara/", {"text": "Paparan BPJS"}
    )
    assert refused.status_code == 403 and meeting.agenda.count() == 0
    # Kaltim's officers do not record a meeting that also covers Kaltara.
    kaltim = client_as("pemda", "64")
    assert kaltim.post(f"/monev/{meeting.pk}/tambah/acara/", {"text": "x"}).status_code == 403
    assert kaltim.post(f"/monev/{meeting.pk}/final/").status_code == 403
    client = client_as("national")
    added = client.post(
        f"/monev/{meeting.pk}/tambah/tindak-lanjut/",
        {"text": "Verifikasi data Non ASN", "owner": "64.71", "due": "2022-12-31"},
    )
    assert added.status_code == 302 and meeting.actions.count() == 3
    bad = client.post(
        f"/monev/{meeting.pk}/tambah/tindak-lanjut/",
        {"text": "x", "owner": "64.71", "due": "2022-07-01"},
    )
    assert bad.status_code == 400 and meeting.actions.count() == 3
    assert "Tenggat 2022-07-01 sebelum tanggal rapat 2022-07-05." in bad.content.decode()


def test_a_new_meeting_through_the_form(client_as):
    client = client_as("national")
    response = client.post(
        "/monev/baru/",
        {
            "title": "Monev Kaltara",
            "held_on": "2023-01-20",
            "place": "Tanjung Selor",
            "regions": "65",
            "agencies": "Kemenko PMK, KSP",
            "minutes": "",
        },
    )
    made = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/monev/{made.pk}/"
    assert made.agencies == ["Kemenko PMK", "KSP"]
    assert client_as("viewer").get("/monev/baru/").status_code == 403


def test_the_owner_moves_an_action_by_htmx_and_a_stranger_cannot(client_as, meeting):
    late = Action.objects.get(owner_region_id="64.02")
    stranger = client_as("pemda", "64.71")
    assert stranger.post(f"/tindak-lanjut/{late.pk}/status/", {"status": "done"}).status_code == 403
    page = stranger.get(f"/tindak-lanjut/{late.pk}/").content.decode()
    assert 'data-testid="status-form"' not in page
    officer = client_as("pemda", "64.02")
    page = officer.get(f"/tindak-lanjut/{late.pk}/").content.decode()
    form = page.split('data-testid="status-form"')[1].split("</form>")[0]
    assert 'value="done"' in form and 'value="verified"' not in form
    answer = officer.post(
        f"/tindak-lanjut/{late.pk}/status/",
        {"status": "done", "note": "DPA"},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200
    assert answer.content.decode().startswith('<div id="action-status"')
    late.refresh_from_db()
    assert late.status == "done" and late.events.latest("id").text == "DPA"


def test_a_region_lists_its_owners_actions_overdue_first(client_as, meeting):
    other = action(meeting, owner="64.72", due=date(2099, 6, 30), text="Sosialisasi RT/RW")
    client = client_as("viewer")
    page = client.get("/wilayah/64/tindak-lanjut/").content.decode()
    late = Action.objects.get(owner_region_id="64.02")
    assert page.index(f'data-action="{late.pk}"') < page.index(f'data-action="{other.pk}"')
    assert "Daftarkan ketua RT" not in page  # Kaltara's
    assert 'data-kpi="overdue">1<' in page
    only_late = client.get("/wilayah/64/tindak-lanjut/?status=lewat").content
    assert f'data-action="{other.pk}"'.encode() not in only_late
    assert client.get("/wilayah/6402/tindak-lanjut/").status_code == 301


def test_the_dashboard_counts_overdue_actions(client_as, meeting):
    client = client_as("viewer")
    assert 'data-overdue="1"' in client.get("/wilayah/64/").content.decode()
    assert 'data-overdue="0"' in client.get("/wilayah/65/").content.decode()
    assert 'data-overdue="1"' in client.get("/wilayah/").content.decode()


def test_a_meeting_page_costs_the_same_queries_with_more_actions(client_as, meeting):
    client = client_as("viewer")
    url = f"/monev/{meeting.pk}/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for number in range(10):
        action(meeting, owner="64.72", due=date(2023, 1, number + 1), text=f"Langkah {number}")
    assert queries() == before
    # Actions on indicators of many owners: their numbers are read together.
    publish("2022-07", members={"64.02": (10, 40)}, lists={("64.71", "non_asn"): (10, 5, 0, 5, 0)})
    with_indicators = []
    for owner, indicator in (
        ("64.02", "ucj_coverage"),
        ("64.71", "list_coverage:non_asn"),
        ("64.72", "budget_status:rt_rw"),
    ):
        with_indicators.append(action(meeting, owner=owner, indicator=indicator, target="0.9"))
    first = queries()
    for owner in ("64.01", "64.03", "64.07", "64.08", "64.09"):
        action(meeting, owner=owner, indicator="ucj_coverage", target="0.9")
        action(meeting, owner=owner, indicator="list_coverage:rt_rw", target="0.9")
        action(meeting, owner=owner, indicator="budget_status:non_asn", target="1")
    assert queries() == first


def test_history_lines_show_on_the_action_page(client_as, meeting):
    late = Action.objects.get(owner_region_id="64.02")
    services.change_status(late, "in_progress", on=date(2022, 8, 1), note="Surat ke BPKAD")
    page = client_as("viewer").get(f"/tindak-lanjut/{late.pk}/").content.decode()
    history = page.split('data-testid="history"')[1].split("</ul>")[0]
    assert "1 Agustus 2022" in history and "Surat ke BPKAD" in history
    assert ActionEvent.objects.filter(action=late).count() == 2
