"""Evidence on an action: photos or PDFs checked by content and size as budget evidence is,
stored 0600, named in the history, uploads and downloads audited; for the owner's side, and
downloads also for those who may see the owner's region's people."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from pantau.audit.models import AuditEvent
from pantau.monev import services
from pantau.monev.models import ActionEvidence
from tests.budgets.budget_files import make_pdf
from tests.claims.files import JPEG
from tests.monev.world import action, balikpapan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(own_data_directory):
    return own_data_directory


@pytest.fixture
def kukar_action():
    return action(balikpapan(), owner="64.02", due=date(2022, 10, 31))


def upload(client, item, *files, note="DPA-P 2022"):
    return client.post(
        f"/tindak-lanjut/{item.pk}/bukti/",
        {"note": note, "files": [SimpleUploadedFile(name, content) for name, content in files]},
    )


def test_the_owner_uploads_evidence(client_as, kukar_action):
    officer = client_as("pemda", "64.02")
    answer = upload(officer, kukar_action, ("dpa.pdf", make_pdf("DPA")), ("foto.jpg", JPEG))
    assert answer.status_code == 302
    stored = list(ActionEvidence.objects.filter(action=kukar_action))
    assert [e.original_name for e in stored] == ["dpa.pdf", "foto.jpg"]
    for evidence in stored:
        path = Path(settings.DATA_DIR) / evidence.path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    line = kukar_action.events.latest("id")
    assert (line.kind, line.actor, line.text) == (
        "evidence",
        "pemda-6402",
        "dpa.pdf, foto.jpg: DPA-P 2022",
    )
    assert (
        AuditEvent.objects.filter(
            action=services.AUDIT_EVIDENCE_UPLOAD, region_code="64.02"
        ).count()
        == 1
    )


def test_a_file_that_is_not_a_photo_or_pdf_is_refused_and_nothing_kept(client_as, kukar_action):
    officer = client_as("pemda", "64.02")
    answer = upload(
        officer,
        kukar_action,
        ("dpa.pdf", make_pdf("DPA")),
        ("dpa.pdf.exe", b"MZ\x90\x00 not a pdf"),
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "dpa.pdf.exe" in page and "not a JPEG/PNG photo or a PDF" in page
    assert ActionEvidence.objects.count() == 0
    assert not any((Path(settings.DATA_DIR) / services.EVIDENCE_DIR).rglob("*.pdf"))
    assert kukar_action.events.count() == 1


def test_others_may_not_upload(client_as, kukar_action):
    for role, region in (("pemda", "64.71"), ("viewer", None), ("bpjs", "64.02")):
        answer = upload(client_as(role, region), kukar_action, ("dpa.pdf", make_pdf("DPA")))
        assert answer.status_code == 403
    assert ActionEvidence.objects.count() == 0


def test_downloads_are_allowed_to_the_region_and_audited(client_as, kukar_action):
    services.attach_evidence(kukar_action, [("dpa.pdf", make_pdf("DPA"))])
    evidence = ActionEvidence.objects.get()
    url = f"/tindak-lanjut/{kukar_action.pk}/bukti/{evidence.pk}/"
    assert client_as("viewer").get(url).status_code == 403
    assert client_as("pemda", "64.71").get(url).status_code == 403
    for role, region in (("pemda", "64.02"), ("bpjs", "64.02"), ("national", None)):
        answer = client_as(role, region).get(url)
        assert answer.status_code == 200, role
        assert b"".join(answer.streaming_content).startswith(b"%PDF-")
    assert AuditEvent.objects.filter(action=services.AUDIT_EVIDENCE_DOWNLOAD).count() == 3


def test_evidence_from_the_command_line_and_the_demo_needs_files():
    item = action(balikpapan())
    with pytest.raises(services.MonevError) as refused:
        services.attach_evidence(item, [])
    assert refused.value.code == "files_count"
