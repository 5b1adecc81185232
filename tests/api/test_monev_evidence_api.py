"""An action's evidence through the API, with a token: listed for everyone signed in,
uploaded by the owner's side and the coordinators (checked by content and size as on the
page, nothing kept when a file is refused, 0600, history and audit), downloaded by those and
by who may see the owner's region's people (audited)."""

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
from tests.api.test_monev_api import auth
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


def upload(client, headers, item, *files, note="DPA-P 2022"):
    return client.post(
        f"/api/v1/actions/{item.pk}/evidence/",
        {"note": note, "files": [SimpleUploadedFile(name, content) for name, content in files]},
        **headers,
    )


@pytest.mark.parametrize(
    ("role", "region", "status"),
    [("pemda", "64.02", 201), ("pemda", "64", 201), ("national", None, 201),
     ("pemda", "64.71", 403), ("bpjs", "64.02", 403), ("viewer", "64.02", 403)],
)  # fmt: skip
def test_who_uploads_evidence(client, make_user, kukar_action, role, region, status):
    headers = auth(make_user, role, region)
    answer = upload(client, headers, kukar_action, ("dpa.pdf", make_pdf("DPA")),
                    ("foto.jpg", JPEG))  # fmt: skip
    assert answer.status_code == status, answer.content
    stored = list(ActionEvidence.objects.filter(action=kukar_action))
    uploads = AuditEvent.objects.filter(action=services.AUDIT_EVIDENCE_UPLOAD)
    if status != 201:
        assert " / " in answer.json()["detail"]
        assert not stored and not uploads.exists()
        return
    assert [e["original_name"] for e in answer.json()] == ["dpa.pdf", "foto.jpg"]
    for evidence in stored:
        path = Path(settings.DATA_DIR) / evidence.path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    line = kukar_action.events.latest("id")
    assert (line.kind, line.text) == ("evidence", "dpa.pdf, foto.jpg: DPA-P 2022")
    assert uploads.get().region_code == "64.02"


def test_everyone_signed_in_lists_the_evidence(client, make_user, kukar_action):
    upload(client, auth(make_user, "pemda", "64.02"), kukar_action, ("dpa.pdf", make_pdf("D")))
    listed = client.get(f"/api/v1/actions/{kukar_action.pk}/evidence/",
                        **auth(make_user, "viewer", "65")).json()  # fmt: skip
    assert [(e["original_name"], e["uploaded_by"]) for e in listed] == [("dpa.pdf", "pemda-6402")]
    evidence = ActionEvidence.objects.get()
    assert listed[0]["url"] == f"/api/v1/actions/{kukar_action.pk}/evidence/{evidence.pk}/"
    assert listed[0]["sha256"] == evidence.sha256


@pytest.mark.parametrize(
    ("role", "region", "status"),
    [("pemda", "64.02", 200), ("national", None, 200), ("bpjs", "64.02", 200),
     ("pemda", "64.71", 403), ("viewer", "64.02", 403)],
)  # fmt: skip
def test_who_downloads_evidence(client, make_user, kukar_action, role, region, status):
    content = make_pdf("DPA Kukar")
    upload(client, auth(make_user, "pemda", "64", username="uploader"), kukar_action,
           ("dpa.pdf", content))  # fmt: skip
    evidence = ActionEvidence.objects.get()
    url = f"/api/v1/actions/{kukar_action.pk}/evidence/{evidence.pk}/"
    answer = client.get(url, **auth(make_user, role, region))
    assert answer.status_code == status
    downloads = AuditEvent.objects.filter(action=services.AUDIT_EVIDENCE_DOWNLOAD)
    if status == 200:
        assert b"".join(answer.streaming_content) == content
        assert answer["Cache-Control"] == "private, no-store"
        assert 'attachment; filename="dpa.pdf"' in answer["Content-Disposition"]
        assert downloads.get().user.role == role
    else:
        assert not downloads.exists()


def test_an_unknown_or_mismatched_evidence_is_404(client, make_user, kukar_action):
    headers = auth(make_user, "national")
    upload(client, headers, kukar_action, ("dpa.pdf", make_pdf("D")))
    evidence = ActionEvidence.objects.get()
    other = action(kukar_action.meeting, owner="64.72", text="Samarinda")
    for url in (f"/api/v1/actions/{other.pk}/evidence/{evidence.pk}/",
                f"/api/v1/actions/{kukar_action.pk}/evidence/999999/",
                f"/api/v1/actions/{kukar_action.pk}/evidence/{2**63}/",
                "/api/v1/actions/999999/evidence/"):  # fmt: skip
        assert client.get(url, **headers).status_code == 404, url


@pytest.mark.parametrize(
    ("files", "status", "words"),
    [([("dpa.pdf", b"%PDF-1.4 not really")], 400, "PDF"),
     ([("dpa.pdf", make_pdf("D")), ("virus.exe", b"MZ\x90\x00")], 400, ""),
     ([], 400, "1"),
     ([(f"f{n}.jpg", JPEG) for n in range(services.MAX_FILES + 1)], 400, "")],
)  # fmt: skip
def test_a_refused_upload_keeps_nothing(client, make_user, kukar_action, files, status, words):
    answer = upload(client, auth(make_user, "pemda", "64.02"), kukar_action, *files)
    assert answer.status_code == status, answer.content
    message = " ".join(answer.json()["files"])
    assert " / " in message and words in message
    assert not ActionEvidence.objects.exists()
    assert not any((Path(settings.DATA_DIR) / services.EVIDENCE_DIR).rglob("*.*"))
    assert not AuditEvent.objects.exists()


def test_a_file_over_the_limit_is_413_before_it_is_stored(client, make_user, kukar_action,
                                                          settings):  # fmt: skip
    settings.PANTAU_EVIDENCE_MAX_BYTES = 50_000
    big = make_pdf("D") + b"%" + b"x" * 60_000
    answer = upload(client, auth(make_user, "pemda", "64.02"), kukar_action, ("big.pdf", big))
    assert answer.status_code == 413
    assert "terlalu besar" in answer.json()["files"][0]
    assert not ActionEvidence.objects.exists()


def test_sign_in_is_needed(client, kukar_action):
    assert upload(client, {}, kukar_action, ("dpa.pdf", make_pdf("D"))).status_code in (401, 403)
    assert not ActionEvidence.objects.exists()
