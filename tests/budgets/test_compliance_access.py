"""Who may edit a Pemda's compliance record (its own officers, superusers) and who may read
it (every signed-in user), as data: every POST from anyone else is a 403 that changes nothing.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pantau.accounts.scope import can_edit_compliance
from pantau.audit.models import AuditEvent
from pantau.budgets.compliance import services as compliance
from pantau.budgets.models import Evidence, Planning, Regulation
from pantau.regions.models import Region
from tests.budgets.budget_files import make_pdf

PAGE = "/pemda/64.02/kepatuhan/"

# (role, user's region, superuser, target Pemda, may edit)
RULES = [
    ("pemda", "64.02", False, "64.02", True),  # Kutai Kartanegara's own officer
    ("pemda", "64.02", False, "64.71", False),  # ... not Balikpapan's record
    ("pemda", "64.02", False, "64", False),  # ... nor its province's
    ("pemda", "64", False, "64", True),  # Kalimantan Timur's officer, its own record
    ("pemda", "64", False, "64.02", False),  # ... not a regency's inside it
    ("pemda", "65", False, "64.02", False),  # Kalimantan Utara
    ("national", None, False, "64.02", False),
    ("bpjs", "64.02", False, "64.02", False),
    ("viewer", "64.02", False, "64.02", False),
    ("viewer", None, False, "64.02", False),
    ("national", None, True, "64.02", True),  # superuser
    ("viewer", None, True, "65", True),  # superuser, whatever the role
]


@pytest.mark.parametrize(("role", "region", "superuser", "target", "allowed"), RULES)
def test_can_edit_compliance(make_user, role, region, superuser, target, allowed):
    user = make_user(f"{role}-rule", role, region, is_superuser=superuser)
    assert can_edit_compliance(user, target) is allowed


def test_inactive_officers_and_anonymous_users_may_not_edit(make_user):
    from django.contrib.auth.models import AnonymousUser

    assert not can_edit_compliance(make_user("gone", "pemda", "64.02", is_active=False), "64.02")
    assert not can_edit_compliance(AnonymousUser(), "64.02")


# ---------------------------------------------------------------- every POST, every user


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def kukar_record(make_user, data_dir):
    """Kutai Kartanegara's record: one regulation, one year of planning, one PDF."""
    officer = make_user("kukar-officer", "pemda", "64.02")
    pemda = Region.objects.get(code="64.02")
    regulation = compliance.add_regulation(
        officer,
        pemda,
        {"kind": "perda", "number": "5 Tahun 2022", "issued_on": datetime.date(2022, 7, 14),
         "categories": ["non_asn"], "title": ""},
    )  # fmt: skip
    compliance.set_planning(officer, pemda, year=2024, in_rkpd=True, in_apbd=False)
    upload = SimpleUploadedFile("perda.pdf", make_pdf(), content_type="application/pdf")
    evidence = compliance.upload_evidence(
        officer, pemda, upload, description="Perda 5/2022", regulation=regulation
    ).evidence
    return regulation, evidence


def requests_for(regulation: Regulation, evidence: Evidence) -> dict[str, tuple[str, str, dict]]:
    """Every request that changes the record: (method, url, data)."""
    new_regulation = {
        "kind": "perkada",
        "number": "12 Tahun 2023",
        "issued_on": "2023-02-01",
        "categories": ["rt_rw"],
    }
    pdf = SimpleUploadedFile("lain.pdf", make_pdf("Perkada 12/2023"), "application/pdf")
    return {
        "add regulation": ("post", PAGE + "regulasi/", new_regulation),
        "edit page": ("get", f"{PAGE}regulasi/{regulation.pk}/", {}),
        "edit regulation": ("post", f"{PAGE}regulasi/{regulation.pk}/", new_regulation),
        "delete regulation": ("post", f"{PAGE}regulasi/{regulation.pk}/hapus/", {}),
        "set planning": ("post", PAGE + "perencanaan/", {"year": "2024", "in_apbd": "on"}),
        "upload evidence": ("post", PAGE + "bukti/", {"description": "Lain", "file": pdf}),
        "delete evidence": ("post", f"{PAGE}bukti/{evidence.pk}/hapus/", {}),
    }


REQUESTS = [
    "add regulation",
    "edit page",
    "edit regulation",
    "delete regulation",
    "set planning",
    "upload evidence",
    "delete evidence",
]
# (role, region, superuser): everyone here may read the record but not change it.
REFUSED = [
    ("pemda", "64.71", False),  # another Pemda (Balikpapan)
    ("pemda", "64", False),  # the parent province
    ("pemda", "65", False),  # another province
    ("national", None, False),
    ("bpjs", "64.02", False),
    ("viewer", None, False),
    ("viewer", "64.02", False),
]
ALLOWED = [("pemda", "64.02", False), ("national", None, True)]


def state(data_dir) -> tuple:
    return (
        list(Regulation.objects.values_list("pemda", "kind", "number", "issued_on", "categories")),
        list(Planning.objects.values_list("pemda", "year", "in_rkpd", "in_apbd")),
        list(Evidence.objects.values_list("pemda", "sha256", "path")),
        sorted(str(path.relative_to(data_dir)) for path in data_dir.rglob("*.pdf")),
        AuditEvent.objects.count(),
    )


def send(client, name: str, regulation, evidence):
    method, url, data = requests_for(regulation, evidence)[name]
    return getattr(client, method)(url, data)


@pytest.mark.parametrize("request_name", REQUESTS)
@pytest.mark.parametrize(("role", "region", "superuser"), REFUSED)
def test_others_are_refused_and_nothing_changes(
    client_as, kukar_record, data_dir, role, region, superuser, request_name
):
    client = client_as(role, region, is_superuser=superuser)
    before = state(data_dir)
    response = send(client, request_name, *kukar_record)
    assert response.status_code == 403
    assert (
        "hanya dapat diubah oleh petugas Pemda Kabupaten Kutai Kartanegara"
        in response.content.decode()
    )
    assert state(data_dir) == before


@pytest.mark.parametrize("request_name", REQUESTS)
@pytest.mark.parametrize(("role", "region", "superuser"), ALLOWED)
def test_the_pemda_itself_and_superusers_may(
    client_as, kukar_record, data_dir, role, region, superuser, request_name
):
    client = client_as(role, region, is_superuser=superuser)
    before = state(data_dir)
    response = send(client, request_name, *kukar_record)
    if request_name == "edit page":
        assert response.status_code == 200
        assert state(data_dir) == before
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"].startswith(PAGE)
        assert state(data_dir) != before


@pytest.mark.parametrize("request_name", REQUESTS)
def test_anonymous_users_are_sent_to_sign_in(client, kukar_record, data_dir, request_name):
    before = state(data_dir)
    response = send(client, request_name, *kukar_record)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert state(data_dir) == before


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize(("role", "region", "superuser"), REFUSED + ALLOWED)
def test_every_signed_in_user_reads_the_record(client_as, kukar_record, role, region, superuser):
    regulation, evidence = kukar_record
    client = client_as(role, region, is_superuser=superuser)
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "5 Tahun 2022" in page and "14 Juli 2022" in page
    assert f"{PAGE}bukti/{evidence.pk}/unduh/" in page
    editor = (role, region, superuser) in ALLOWED
    assert response.context["can_edit"] is editor
    for form in ("regulation-form", "planning-form", "evidence-form"):
        assert (f'data-testid="{form}"' in page) is editor
    assert (f"{PAGE}regulasi/{regulation.pk}/hapus/" in page) is editor
    download = client.get(f"{PAGE}bukti/{evidence.pk}/unduh/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_anonymous_users_cannot_read(client, kukar_record):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# ---------------------------------------------------------------- addresses


def test_undotted_codes_redirect_to_the_dotted_address(client_as):
    client = client_as("viewer")
    response = client.get("/pemda/6402/kepatuhan/")
    assert response.status_code == 301 and response["Location"] == PAGE
    assert client.get("/pemda/64/kepatuhan/").status_code == 200  # a province is a Pemda
    assert client.get("/pemda/64.71/kepatuhan/").status_code == 200  # a city too


def test_an_officer_may_post_to_the_undotted_address(client_as):
    client = client_as("pemda", "64.02")
    response = client.post("/pemda/6402/kepatuhan/perencanaan/", {"year": "2024"})
    assert response.status_code == 302
    assert Planning.objects.get().pemda_id == "64.02"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("64.02.05", "Muara Badak (64.02.05) adalah Kecamatan, bukan Pemda"),
        ("6402052001", "Saliki (64.02.05.2001) adalah Desa/Kelurahan, bukan Pemda"),
        ("64.99", "Kode wilayah 64.99 tidak ditemukan."),
        ("kukar", "“kukar” bukan kode wilayah Kemendagri."),
    ],
)
def test_districts_villages_and_unknown_codes_are_a_helpful_404(client_as, code, message):
    response = client_as("viewer").get(f"/pemda/{code}/kepatuhan/")
    assert response.status_code == 404
    page = response.content.decode()
    assert message in page
    assert 'data-testid="not-found-message"' in page


def test_a_record_is_reached_only_through_its_own_pemda(client_as, kukar_record, data_dir):
    """Kukar's officer cannot touch Balikpapan's rows through Kukar's address, nor the
    other way round."""
    regulation, evidence = kukar_record
    balikpapan = client_as("pemda", "64.71")
    before = state(data_dir)
    for url in (
        f"/pemda/64.71/kepatuhan/regulasi/{regulation.pk}/hapus/",
        f"/pemda/64.71/kepatuhan/bukti/{evidence.pk}/hapus/",
    ):
        assert balikpapan.post(url).status_code == 404
    assert balikpapan.get(f"/pemda/64.71/kepatuhan/bukti/{evidence.pk}/unduh/").status_code == 404
    assert state(data_dir) == before


def test_evidence_cannot_be_linked_to_another_pemdas_regulation(client_as, kukar_record):
    regulation, _evidence = kukar_record
    balikpapan = client_as("pemda", "64.71")
    pdf = SimpleUploadedFile("bpp.pdf", make_pdf("Balikpapan"), "application/pdf")
    response = balikpapan.post(
        "/pemda/64.71/kepatuhan/bukti/",
        {"description": "Perda", "regulation": str(regulation.pk), "file": pdf},
    )
    assert response.status_code == 400
    assert "regulation" in response.context["evidence_form"].errors
    assert not Evidence.objects.filter(pemda="64.71").exists()


def test_csrf_is_checked_on_every_post(make_user, kukar_record):
    regulation, evidence = kukar_record
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("kukar-csrf", "pemda", "64.02"))
    for name in REQUESTS:
        method, url, data = requests_for(regulation, evidence)[name]
        if method == "post":
            assert client.post(url, data).status_code == 403, name
    assert Regulation.objects.count() == 1 and Evidence.objects.count() == 1


def test_the_region_page_links_to_the_record_of_pemda_only(client_as):
    client = client_as("viewer")
    assert PAGE in client.get("/wilayah/64.02/").content.decode()
    assert "/pemda/64/kepatuhan/" in client.get("/wilayah/64/").content.decode()
    assert "/kepatuhan/" not in client.get("/wilayah/64.02.05/").content.decode()
