"""The pack on the meeting page: coordinators make it (a background task with progress),
participants download it, others neither."""

from __future__ import annotations

import pytest

from pantau.packs.models import BriefingPack
from tests.ingest.wizard import IMMEDIATE


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def test_a_coordinator_makes_the_pack_and_participants_download_it(
    client_as, pack_meeting, immediate_tasks, django_assert_max_num_queries
):
    coordinator = client_as("national")
    panel = coordinator.get(f"/monev/{pack_meeting.pk}/bahan/", headers={"HX-Request": "true"})
    assert b'data-testid="make-pack"' in panel.content
    assert b'data-testid="no-packs"' in panel.content
    answer = coordinator.post(f"/monev/{pack_meeting.pk}/bahan/buat/", {"language": "en"},
                              headers={"HX-Request": "true"})  # fmt: skip
    assert answer.status_code == 200
    pack = BriefingPack.objects.get()
    assert (pack.status, pack.progress, pack.language, pack.pages) == ("done", 100, "en", 9)
    assert f"{pack.as_of:%Y-%m}" == "2022-07"
    assert b'data-testid="pack-pdf"' in answer.content
    assert b'hx-trigger="every 1s"' not in answer.content  # nothing left to poll

    coordinator.logout()
    for role, region in (("pemda", "64.02"), ("bpjs", "64.71"), ("viewer", None)):
        client = client_as(role, region)
        with django_assert_max_num_queries(12):
            pdf = client.get(f"/bahan-rapat/{pack.pk}/pdf/")
        assert pdf.status_code == 200, role
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf["Content-Disposition"].startswith("attachment")
        assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
        xlsx = client.get(f"/bahan-rapat/{pack.pk}/xlsx/")
        assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
        assert client.get(f"/bahan-rapat/{pack.pk}/csv/").status_code == 404
        client.logout()


def test_outsiders_neither_make_nor_download(client_as, pack_meeting, immediate_tasks):
    BriefingPack.objects.create(meeting=pack_meeting, status="done", pdf_path="x.pdf")
    pack = BriefingPack.objects.get()
    java = client_as("pemda", "32.73")  # Kota Bandung: not a region of the meeting
    assert java.get(f"/bahan-rapat/{pack.pk}/pdf/").status_code == 403
    panel = java.get(f"/monev/{pack_meeting.pk}/bahan/", headers={"HX-Request": "true"})
    assert b"pack-pdf" not in panel.content and b"make-pack" not in panel.content
    assert java.post(f"/monev/{pack_meeting.pk}/bahan/buat/").status_code == 403
    java.logout()
    officer = client_as("pemda", "64.02")  # a participant, but not a coordinator
    assert officer.post(f"/monev/{pack_meeting.pk}/bahan/buat/").status_code == 403
    assert BriefingPack.objects.count() == 1


def test_an_attendee_with_an_account_downloads_it(client, make_user, pack_meeting):
    from pantau.monev import services

    guest = make_user("ksp-staff", "pemda", "32.73")  # elsewhere, but at the meeting
    services.add_attendee(pack_meeting, name="Staf KSP", agency="KSP", account=guest)
    pack = BriefingPack.objects.create(meeting=pack_meeting, status="done", pdf_path="none.pdf")
    client.force_login(guest)
    assert client.get(f"/bahan-rapat/{pack.pk}/pdf/").status_code == 404  # allowed; no file


def test_without_htmx_the_panel_is_a_page_of_its_own(client_as, pack_meeting):
    page = client_as("national").get(f"/monev/{pack_meeting.pk}/bahan/")
    assert page.status_code == 200
    assert b"<html" in page.content and b'data-testid="make-pack"' in page.content
    meeting_page = client_as("viewer").get(f"/monev/{pack_meeting.pk}/")
    # The meeting page loads the panel, and links to it for browsers without scripts.
    assert f'hx-get="/monev/{pack_meeting.pk}/bahan/"'.encode() in meeting_page.content
