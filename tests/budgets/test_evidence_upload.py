"""Evidence PDFs: checked by content, size-limited, stored once per content, audited.

`make_pdf` (a small valid PDF written by hand) is shared with the other compliance tests.
"""

from __future__ import annotations

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile

from pantau.audit.models import AuditEvent
from pantau.budgets.compliance import services as compliance
from pantau.budgets.models import Evidence
from pantau.regions.models import Region
from tests.budgets.budget_files import make_pdf

URL = "/pemda/64.02/kepatuhan/bukti/"


PDF = make_pdf()
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
HTML = b"\n<!DOCTYPE html><html><body><h1>Perda 5/2022</h1>%PDF-1.4 %%EOF</body></html>\n"
DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"word/document.xml" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"%%EOF"


@pytest.fixture(autouse=True)
def data_dir(own_data_directory):
    return own_data_directory


@pytest.fixture
def kukar(client_as):
    return client_as("pemda", "64.02")


def post_file(client, content: bytes, name: str = "perda-5-2022.pdf", url: str = URL, **fields):
    data = {"description": "Perda 5/2022 yang ditandatangani", **fields}
    data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(url, data)


def stored_files(data_dir) -> list:
    root = data_dir / "evidence"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_the_sample_pdf_is_well_formed():
    """Each cross-reference offset points at its object, and startxref at the table."""
    offsets = [int(m) for m in re.findall(rb"(\d{10}) 00000 n", PDF)]
    assert len(offsets) == 5
    for number, offset in enumerate(offsets, start=1):
        assert PDF[offset:].startswith(b"%d 0 obj" % number)
    startxref = int(re.search(rb"startxref\n(\d+)", PDF)[1])
    assert PDF[startxref:].startswith(b"xref")
    assert PDF.startswith(b"%PDF-1.4") and PDF.rstrip().endswith(b"%%EOF")


def test_a_pdf_is_stored_under_its_hash_with_the_name_as_metadata(kukar, data_dir):
    response = post_file(kukar, PDF)
    assert response.status_code == 302
    assert response["Location"] == "/pemda/64.02/kepatuhan/#bukti"
    evidence = Evidence.objects.get()
    sha256 = hashlib.sha256(PDF).hexdigest()
    assert (evidence.pemda_id, evidence.sha256, evidence.size) == ("64.02", sha256, len(PDF))
    assert evidence.path == f"evidence/64.02/{sha256}.pdf"
    assert evidence.original_name == "perda-5-2022.pdf"
    assert evidence.description == "Perda 5/2022 yang ditandatangani"
    assert stored_files(data_dir) == [data_dir / "evidence" / "64.02" / f"{sha256}.pdf"]
    assert (data_dir / evidence.path).read_bytes() == PDF
    event = AuditEvent.objects.get(action="evidence_upload")
    assert (event.username, event.region_code) == ("pemda-6402", "64.02")
    assert sha256 in event.description
    page = kukar.get("/pemda/64.02/kepatuhan/").content.decode()
    assert "perda-5-2022.pdf" in page
    assert f"/pemda/64.02/kepatuhan/bukti/{evidence.pk}/unduh/" in page


# (case, uploaded name, content, Indonesian and English fragments of the refusal)
REFUSED = [
    ("renamed PNG", "scan-perda.pdf", PNG, "gambar PNG", "a PNG image"),
    ("HTML page", "perda.pdf", HTML, "halaman web (HTML/XML)", "a web page"),
    ("renamed DOCX", "perda.pdf", DOCX, "dokumen Office (DOCX/XLSX)", "an Office document"),
    ("renamed EXE", "perda.pdf", EXE, "program Windows (EXE/DLL)", "a Windows program"),
    ("empty file", "perda.pdf", b"", "Berkas kosong (0 bait)", "The file is empty"),
    ("header without %%EOF", "perda.pdf", PDF[:-200], "%%EOF tidak ditemukan", "is missing"),
    ("%%EOF not near the end", "perda.pdf", PDF + b"\x00" * 4096, "PDF tidak utuh", "Incomplete"),
]


@pytest.mark.parametrize(
    ("name", "content", "message_id", "message_en"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_anything_but_a_whole_pdf_is_refused_in_both_languages(
    kukar, data_dir, name, content, message_id, message_en
):
    response = post_file(kukar, content, name=name)
    assert response.status_code == 400
    errors = response.context["evidence_form"].errors["file"]
    assert len(errors) == 1 and message_id in errors[0]
    html = response.content.decode()
    assert message_en in html
    assert 'lang="en"' in html
    assert not Evidence.objects.exists()
    assert stored_files(data_dir) == []
    assert not AuditEvent.objects.filter(action="evidence_upload").exists()


def test_a_file_over_the_limit_is_refused_naming_the_limit(kukar, data_dir, settings):
    settings.PANTAU_EVIDENCE_MAX_BYTES = 4096
    big = make_pdf(pad=5000)
    assert big.startswith(b"%PDF-") and len(big) > 4096
    response = post_file(kukar, big)
    assert response.status_code == 400
    assert response.context["evidence_form"].errors["file"] == [
        "Berkas terlalu besar: batasnya 4 KB. Perkecil PDF hasil pindaian (misalnya 150 dpi, "
        "hitam-putih) lalu unggah lagi."
    ]
    assert "File too large: the limit is 4 KB." in response.content.decode()
    assert not Evidence.objects.exists()
    assert stored_files(data_dir) == []


def test_a_pdf_exactly_at_the_limit_is_accepted(kukar, settings):
    settings.PANTAU_EVIDENCE_MAX_BYTES = len(PDF)
    assert post_file(kukar, PDF).status_code == 302
    assert Evidence.objects.count() == 1


class Unreadable(UploadedFile):
    """An upload that claims to be large and fails if anything reads it."""

    def __init__(self, size: int) -> None:
        super().__init__(file=None, name="besar.pdf", content_type="application/pdf", size=size)

    def read(self, *args):
        raise AssertionError("read before the size check")

    def chunks(self, chunk_size=None):
        raise AssertionError("read before the size check")


def test_the_size_is_refused_before_any_byte_is_read(make_user, settings):
    settings.PANTAU_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
    officer = make_user("kukar", "pemda", "64.02")
    with pytest.raises(compliance.EvidenceRejected) as refused:
        compliance.upload_evidence(
            officer,
            Region.objects.get(code="64.02"),
            Unreadable(10 * 1024 * 1024 + 1),
            description="Pindaian APBD",
        )
    assert refused.value.code == "too_large"
    assert "10 MB" in refused.value.message_id and "10 MB" in refused.value.message_en


def test_the_default_limit_is_ten_mebibytes(settings):
    if hasattr(settings, "PANTAU_EVIDENCE_MAX_BYTES"):
        del settings.PANTAU_EVIDENCE_MAX_BYTES
    assert compliance.evidence_max_bytes() == 10 * 1024 * 1024


def test_the_same_pdf_twice_is_stored_once(kukar, data_dir):
    assert post_file(kukar, PDF, name="perda.pdf").status_code == 302
    response = post_file(kukar, PDF, name="salinan perda.pdf", description="Salinan")
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == "perda.pdf"
    assert evidence.description == "Perda 5/2022 yang ditandatangani"
    assert len(stored_files(data_dir)) == 1
    # Both uploads are in the audit trail; the second says it was already there.
    events = list(AuditEvent.objects.filter(action="evidence_upload").order_by("id"))
    assert len(events) == 2 and "sudah tersimpan" in events[1].description
    page = kukar.get("/pemda/64.02/kepatuhan/").content.decode()
    assert "tidak disimpan dua kali" in page


def test_the_same_pdf_for_another_pemda_is_its_own_evidence(kukar, client, make_user, data_dir):
    assert post_file(kukar, PDF).status_code == 302
    client.force_login(make_user("balikpapan", "pemda", "64.71"))
    assert post_file(client, PDF, url="/pemda/64.71/kepatuhan/bukti/").status_code == 302
    assert sorted(Evidence.objects.values_list("pemda_id", flat=True)) == ["64.02", "64.71"]
    sha256 = hashlib.sha256(PDF).hexdigest()
    assert stored_files(data_dir) == [
        data_dir / "evidence" / "64.02" / f"{sha256}.pdf",
        data_dir / "evidence" / "64.71" / f"{sha256}.pdf",
    ]


def test_the_uploaded_name_is_sanitised_and_never_a_path(make_user, data_dir):
    officer = make_user("kukar", "pemda", "64.02")
    upload = SimpleUploadedFile("..\\..\\secret/../rahasia\u202efdp.exe\x00.pdf", PDF)
    stored = compliance.upload_evidence(
        officer, Region.objects.get(code="64.02"), upload, description="  Perda   5/2022 "
    )
    evidence = stored.evidence
    assert stored.created
    assert evidence.original_name == "rahasiafdp.exe.pdf"
    assert evidence.description == "Perda 5/2022"
    assert evidence.path == f"evidence/64.02/{hashlib.sha256(PDF).hexdigest()}.pdf"
    assert stored_files(data_dir) == [data_dir / evidence.path]


def test_download_is_an_audited_attachment_for_any_signed_in_user(kukar, client_as):
    post_file(kukar, PDF, name="Perda Kukar 5 2022.pdf")
    evidence = Evidence.objects.get()
    reader = client_as("viewer")
    response = reader.get(f"/pemda/64.02/kepatuhan/bukti/{evidence.pk}/unduh/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Perda Kukar 5 2022.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    event = AuditEvent.objects.get(action="evidence_download")
    assert (event.username, event.region_code) == ("viewer-id", "64.02")
    assert f"#{evidence.pk}" in event.description


def test_download_needs_sign_in_and_the_right_pemda(kukar, client):
    post_file(kukar, PDF)
    evidence = Evidence.objects.get()
    # Another Pemda's URL does not reach this evidence.
    assert kukar.get(f"/pemda/64.71/kepatuhan/bukti/{evidence.pk}/unduh/").status_code == 404
    kukar.logout()
    response = client.get(f"/pemda/64.02/kepatuhan/bukti/{evidence.pk}/unduh/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not AuditEvent.objects.filter(action="evidence_download").exists()


def test_deleting_evidence_deletes_its_file(kukar, data_dir, django_capture_on_commit_callbacks):
    post_file(kukar, PDF)
    evidence = Evidence.objects.get()
    path = data_dir / evidence.path
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = kukar.post(f"/pemda/64.02/kepatuhan/bukti/{evidence.pk}/hapus/")
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert not path.exists()
    event = AuditEvent.objects.get(action="evidence_delete")
    assert evidence.sha256 in event.description and event.region_code == "64.02"
    # And it can be uploaded again afterwards.
    assert post_file(kukar, PDF).status_code == 302
    assert path.read_bytes() == PDF
