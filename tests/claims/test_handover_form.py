"""The handover form on the claims page: for the officers who may see the region's people
(national, Pemda and BPJS of the region), files limited as budget evidence (refused before a
byte is stored), listed on the claims page, files downloaded only by those officers, audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pantau.audit.models import AuditEvent
from pantau.claims import services
from pantau.claims.models import Handover, HandoverDocument
from tests.budgets.budget_files import make_pdf
from tests.claims.files import JPEG
from tests.claims.pages import table_rows

URL = "/wilayah/64.71/klaim/penyerahan/"


@pytest.fixture(autouse=True)
def data_dir(own_data_directory):
    return own_data_directory


def post(client, url=URL, files=(), **fields):
    data = {
        "held_on": "2022-07-05",
        "place": "Kantor Wali Kota Balikpapan",
        "claim_numbers": "KLM-1, KLM-2",
        "officials": "Wali Kota Balikpapan\nKepala Cabang BPJS Ketenagakerjaan Balikpapan",
        "notes": "JKM untuk ahli waris",
        **fields,
    }
    data["files"] = [SimpleUploadedFile(name, content) for name, content in files]
    return client.post(url, data)


def test_a_pemda_officer_records_a_handover_with_files(client_as):
    client = client_as("pemda", "64.71")
    assert client.get(URL).status_code == 200
    response = post(client, files=[("foto.jpg", JPEG), ("berita-acara.pdf", make_pdf())])
    assert response.status_code == 302
    assert response["Location"] == "/wilayah/64.71/klaim/#penyerahan"
    handover = Handover.objects.get()
    assert handover.held_on == datetime.date(2022, 7, 5)
    assert handover.claim_numbers == ["KLM-1", "KLM-2"]
    assert handover.documents.count() == 2
    page = client.get("/wilayah/64.71/klaim/")
    rows = table_rows(page.content, "handover-list")
    assert rows[0][:2] == ["5 Juli 2022", "Kantor Wali Kota Balikpapan"]
    assert "KLM-1, KLM-2" in rows[0] and "foto.jpg berita-acara.pdf" in rows[0]
    # Listed on the province's and the nation's pages too.
    for url in ("/wilayah/64/klaim/", "/klaim/"):
        assert table_rows(client.get(url).content, "handover-list")[0][1] == handover.place


def test_others_are_refused_before_anything_is_read(client_as):
    for role, region in (("pemda", "64.02"), ("viewer", "64.71"), ("bpjs", "65")):
        client = client_as(role, region)
        assert client.get(URL).status_code == 403
        assert post(client, files=[("foto.jpg", JPEG)]).status_code == 403
        page = client.get("/wilayah/64.71/klaim/").content.decode()
        assert 'data-testid="handover-new"' not in page
    assert not Handover.objects.exists()


def test_a_bad_file_shows_the_form_again_in_both_languages(client_as, data_dir):
    client = client_as("bpjs", "64")
    response = post(client, files=[("foto.jpg", b"<html>bukan foto</html>")])
    assert response.status_code == 400
    page = response.content.decode()
    assert "foto.jpg: Berkas ini bukan foto JPEG/PNG atau dokumen PDF" in page
    assert "foto.jpg: This file is not a JPEG/PNG photo or a PDF document" in page
    assert not Handover.objects.exists()
    assert not (data_dir / "handovers").exists() or not any((data_dir / "handovers").rglob("*.*"))


def test_a_file_over_the_limit_is_stopped_before_it_is_stored(client_as, settings, data_dir):
    settings.PANTAU_EVIDENCE_MAX_BYTES = 2000
    client = client_as("national")
    response = post(client, files=[("besar.jpg", JPEG + b"\x00" * 5000)])
    assert response.status_code == 400
    assert "Berkas terlalu besar" in response.content.decode()
    assert not Handover.objects.exists()


def test_fields_are_checked(client_as):
    client = client_as("national")
    response = post(client, held_on="2099-01-01", place="", officials="")
    assert response.status_code == 400
    page = response.content.decode()
    assert "tidak boleh di masa depan" in page and "Isi tempat penyerahan." in page
    assert "Isi pejabat yang hadir." in page


def test_downloads_are_for_the_regions_officers_and_audited(client_as, make_user, client):
    services.record_handover(
        None, "64.71", datetime.date(2022, 7, 5), "Balikpapan", "Wali Kota",
        files=[("foto.jpg", JPEG)],
    )  # fmt: skip
    document = HandoverDocument.objects.get()
    url = f"/wilayah/64.71/klaim/berkas/{document.pk}/"
    client.force_login(make_user("kukar", "pemda", "64.02"))
    assert client.get(url).status_code == 403
    client.force_login(make_user("pengamat", "viewer", "64.71"))
    assert client.get(url).status_code == 403
    page = client.get("/wilayah/64.71/klaim/").content.decode()
    assert "foto.jpg" not in page and "Wali Kota" in page  # no files, no claim numbers
    assert not AuditEvent.objects.filter(action="handover_document_download").exists()
    client.force_login(make_user("bpp", "pemda", "64.71"))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == JPEG
    assert response["Content-Type"] == "image/jpeg"
    assert 'attachment; filename="foto.jpg"' in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="handover_document_download")
    assert (event.username, event.region_code) == ("bpp", "64.71")
    # The file of one region's handover is not reached through another region's URL.
    other = f"/wilayah/64.02/klaim/berkas/{document.pk}/"
    client.force_login(make_user("nasional", "national"))
    assert client.get(other).status_code == 404


@pytest.mark.usefixtures("claims_world")
def test_claim_numbers_not_imported_are_warned_about_but_kept(client_as):
    assert services.unknown_claim_numbers(["K3", "K9", "K1", "KLM-1"]) == ["K9", "KLM-1"]
    client = client_as("pemda", "64.71")
    response = post(client, claim_numbers="K3 K9")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Nomor klaim ini tidak ada di data klaim yang sudah diimpor: K9." in page
    assert Handover.objects.get().claim_numbers == ["K3", "K9"]
    post(client, claim_numbers="K3")
    assert "tidak ada di data klaim" not in client.get("/wilayah/64.71/klaim/").content.decode()


def test_without_any_claims_file_every_number_is_unknown(db):
    assert services.unknown_claim_numbers(["K1"]) == ["K1"]
    assert services.unknown_claim_numbers([]) == []
