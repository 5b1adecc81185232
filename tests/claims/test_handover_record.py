"""Recording a handover (penyerahan santunan): fields checked, files checked by content and
size, stored 0600 once per content, nothing kept when anything is refused, audited."""

from __future__ import annotations

import datetime
import stat

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pantau.audit.models import AuditEvent
from pantau.budgets.compliance.services import EvidenceRejected
from pantau.claims import services
from pantau.claims.models import Handover, HandoverDocument
from tests.budgets.budget_files import make_pdf
from tests.claims.files import JPEG, PNG

PDF = make_pdf()
DAY = datetime.date(2022, 7, 5)


@pytest.fixture(autouse=True)
def data_dir(own_data_directory):
    return own_data_directory


def stored(data_dir) -> list:
    root = data_dir / "handovers"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def record(user=None, **fields):
    values = {
        "region_code": "64.71",
        "held_on": DAY,
        "place": "Kantor Wali Kota Balikpapan",
        "officials": "Wali Kota Balikpapan; Kepala Cabang BPJS Ketenagakerjaan Balikpapan",
        "claim_numbers": "KLM-1, KLM-2\nKLM-1",
        **fields,
    }
    return services.record_handover(user, **values)


def test_a_handover_with_a_photo_and_a_pdf(db, data_dir):
    handover = record(files=[("foto.jpg", JPEG), ("berita-acara.pdf", PDF)])
    assert handover.region_id == "64.71"
    assert handover.claim_numbers == ["KLM-1", "KLM-2"]
    documents = list(handover.documents.order_by("id"))
    assert [(d.original_name, d.content_type) for d in documents] == [
        ("foto.jpg", "image/jpeg"),
        ("berita-acara.pdf", "application/pdf"),
    ]
    files = stored(data_dir)
    assert len(files) == 2
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert documents[1].path.endswith(".pdf") and documents[0].path.endswith(".jpg")
    event = AuditEvent.objects.get(action="handover_record")
    assert event.region_code == "64.71" and event.rows == 2 and event.username == "pantau"


def test_the_same_file_twice_is_stored_once(db, data_dir):
    record(files=[("a.png", PNG)])
    record(files=[("b.png", PNG)])
    assert len(stored(data_dir)) == 1
    assert HandoverDocument.objects.count() == 2


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"<html><body>foto</body></html>", "not_photo_or_pdf"),
        (b"PK\x03\x04" + b"\x00" * 64, "not_photo_or_pdf"),
        (PDF[:-40], "truncated"),
    ],
)
def test_a_bad_file_refuses_the_whole_handover(db, data_dir, content, code):
    with pytest.raises(EvidenceRejected) as refused:
        record(files=[("foto.jpg", JPEG), ("lampiran.pdf", content)])
    assert refused.value.code == code
    assert refused.value.message_id.startswith("lampiran.pdf: ")
    assert refused.value.message_en.startswith("lampiran.pdf: ")
    assert not Handover.objects.exists()
    assert stored(data_dir) == []


def test_a_file_over_the_evidence_limit_is_refused(db, data_dir, settings):
    settings.PANTAU_EVIDENCE_MAX_BYTES = 1000
    with pytest.raises(EvidenceRejected) as refused:
        record(files=[("besar.jpg", JPEG + b"\x00" * 1000)])
    assert refused.value.code == "too_large"
    assert "1000 B" in refused.value.message_id
    assert not Handover.objects.exists() and stored(data_dir) == []


def test_too_many_files(db, data_dir):
    with pytest.raises(ValidationError) as refused:
        record(files=[(f"{i}.png", PNG) for i in range(services.MAX_FILES + 1)])
    assert "files" in refused.value.message_dict


def test_fields_are_checked(db):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as refused:
        record(held_on=tomorrow, place="  ", officials="", claim_numbers=["X" * 41])
    assert set(refused.value.message_dict) == {"held_on", "place", "officials", "claim_numbers"}
    assert not Handover.objects.exists()


def test_only_officers_of_the_region_record(db, make_user):
    outsider = make_user("pemda-kukar", "pemda", "64.02")
    viewer = make_user("viewer-bpp", "viewer", "64.71")
    for user in (outsider, viewer):
        with pytest.raises(PermissionDenied):
            record(user)
    for user in (
        make_user("pemda-bpp", "pemda", "64.71"),
        make_user("bpjs-kaltim", "bpjs", "64"),
        make_user("nasional", "national"),
    ):
        assert record(user).created_by == user
    assert Handover.objects.count() == 3
