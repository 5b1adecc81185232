"""The compliance record of a Pemda: regulations, RKPD/APBD planning, and the scorecard facts."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pantau.audit.models import AuditEvent
from pantau.budgets.compliance import services as compliance
from pantau.budgets.compliance.services import ComplianceFacts, compliance_facts
from pantau.budgets.models import Evidence, Planning, Regulation
from pantau.regions.models import Region

PAGE = "/pemda/64.02/kepatuhan/"
ADD = PAGE + "regulasi/"
PERDA = {
    "kind": "perda",
    "number": "5 Tahun 2022",
    "issued_on": "2022-07-14",
    "title": "Perlindungan Jaminan Sosial Ketenagakerjaan",
    "categories": ["non_asn", "village_official"],
}


@pytest.fixture(autouse=True)
def data_dir(own_data_directory):
    return own_data_directory


@pytest.fixture
def kukar(client_as):
    return client_as("pemda", "64.02")


@pytest.fixture
def admin(make_user):
    return make_user("admin", "national", is_superuser=True)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


# ---------------------------------------------------------------- regulations


def test_an_officer_records_a_regulation_and_everyone_sees_it(kukar, client_as):
    response = kukar.post(ADD, PERDA)
    assert response.status_code == 302 and response["Location"] == PAGE + "#regulasi"
    regulation = Regulation.objects.get()
    assert (regulation.pemda_id, regulation.kind, regulation.number) == (
        "64.02",
        "perda",
        "5 Tahun 2022",
    )
    assert regulation.issued_on == datetime.date(2022, 7, 14)
    assert regulation.categories == ["non_asn", "village_official"]
    assert regulation.entered_by.username == "pemda-6402"
    event = AuditEvent.objects.get(action="compliance_regulation_add")
    assert event.region_code == "64.02" and "5 Tahun 2022" in event.description

    page = client_as("viewer").get(PAGE).content.decode()
    assert "Peraturan Daerah (Perda)" in page
    assert "5 Tahun 2022" in page
    assert "14 Juli 2022" in page
    assert "Pegawai Non ASN, Kepala dan perangkat desa" in page


def test_a_regulation_may_predate_the_inpres(kukar):
    older = {**PERDA, "kind": "perkada", "number": "17 Tahun 2019", "issued_on": "2019-05-02"}
    assert kukar.post(ADD, older).status_code == 302
    assert Regulation.objects.get().issued_on == datetime.date(2019, 5, 2)


def test_an_officer_edits_a_regulation(kukar):
    kukar.post(ADD, PERDA)
    regulation = Regulation.objects.get()
    url = f"{PAGE}regulasi/{regulation.pk}/"
    form = kukar.get(url).context["form"]
    assert form["number"].value() == "5 Tahun 2022"
    assert form["categories"].value() == ["non_asn", "village_official"]

    changed = {**PERDA, "number": "5  Tahun 2022 ", "categories": ["rt_rw", "non_asn"]}
    changed["title"] = "Perubahan"
    assert kukar.post(url, changed).status_code == 302
    regulation.refresh_from_db()
    assert regulation.number == "5 Tahun 2022"
    assert regulation.categories == ["non_asn", "rt_rw"]  # in the order of Category
    assert regulation.title == "Perubahan"
    assert AuditEvent.objects.filter(action="compliance_regulation_update").count() == 1


def test_deleting_a_regulation_keeps_its_evidence_unlinked(kukar, make_user):
    from tests.budgets.budget_files import make_pdf

    kukar.post(ADD, PERDA)
    regulation = Regulation.objects.get()
    officer = make_user("kukar-2", "pemda", "64.02")
    upload = compliance.upload_evidence(
        officer,
        region("64.02"),
        _upload(make_pdf()),
        description="Perda ditandatangani",
        regulation=regulation,
    ).evidence
    assert kukar.post(f"{PAGE}regulasi/{regulation.pk}/hapus/").status_code == 302
    assert not Regulation.objects.exists()
    upload.refresh_from_db()
    assert upload.regulation_id is None
    assert AuditEvent.objects.filter(action="compliance_regulation_delete").count() == 1


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("perda.pdf", content, content_type="application/pdf")


TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

# (case, changes to a valid regulation, field, Indonesian message: start of it)
INVALID = [
    ("future date", {"issued_on": TOMORROW}, "issued_on", "Tanggal ditetapkan ("),
    ("date not a date", {"issued_on": "14-07-2022"}, "issued_on", "Tulis tanggal sebagai"),
    ("no date", {"issued_on": ""}, "issued_on", "Isi tanggal regulasi ditetapkan."),
    ("no category", {"categories": []}, "categories", "Pilih sedikitnya satu kategori"),
    ("unknown category", {"categories": ["pns"]}, "categories", "Kategori tidak dikenal: pns."),
    ("no number", {"number": "  "}, "number", "Isi nomor regulasi."),
    ("no kind", {"kind": ""}, "kind", "Pilih jenis regulasi: Perda, Perkada atau Surat Edaran."),
    ("unknown kind", {"kind": "pergub"}, "kind", "Pilih jenis regulasi: Perda, Perkada atau"),
]


@pytest.mark.parametrize(
    ("changes", "field", "message"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID]
)
def test_invalid_regulations_are_refused_in_indonesian(kukar, changes, field, message):
    response = kukar.post(ADD, {**PERDA, **changes})
    assert response.status_code == 400
    errors = response.context["regulation_form"].errors[field]
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert errors[0] in response.content.decode()
    assert not Regulation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_future_date_message_names_the_date(kukar):
    response = kukar.post(ADD, {**PERDA, "issued_on": "2099-01-02"})
    assert response.context["regulation_form"].errors["issued_on"] == [
        "Tanggal ditetapkan (2 Januari 2099) tidak boleh di masa depan."
    ]


def test_the_same_number_twice_is_refused_case_insensitively(kukar):
    kukar.post(ADD, {**PERDA, "number": "5 Tahun 2022"})
    response = kukar.post(ADD, {**PERDA, "number": "5 TAHUN 2022"})
    assert response.status_code == 400
    assert response.context["regulation_form"].errors["number"] == [
        "Peraturan Daerah (Perda) nomor 5 TAHUN 2022 sudah tercatat untuk Pemda ini."
    ]
    # Another kind with the same number is another regulation.
    assert kukar.post(ADD, {**PERDA, "kind": "perkada"}).status_code == 302
    assert Regulation.objects.count() == 2


def test_the_action_checks_again_without_the_form(admin):
    data = {**PERDA, "issued_on": datetime.date(2099, 1, 2), "categories": []}
    with pytest.raises(ValidationError) as refused:
        compliance.add_regulation(admin, region("64.02"), data)
    assert set(refused.value.message_dict) == {"issued_on", "categories"}
    assert refused.value.message_dict["categories"] == [
        "Pilih sedikitnya satu kategori pekerja yang dicakup."
    ]
    assert not Regulation.objects.exists()


# ---------------------------------------------------------------- planning


def test_planning_is_one_row_a_year_and_can_be_changed(kukar):
    url = PAGE + "perencanaan/"
    assert kukar.post(url, {"year": "2025", "in_rkpd": "on"}).status_code == 302
    planning = Planning.objects.get()
    assert (planning.year, planning.in_rkpd, planning.in_apbd) == (2025, True, False)
    assert kukar.post(url, {"year": "2025", "in_rkpd": "on", "in_apbd": "on"}).status_code == 302
    planning = Planning.objects.get()
    assert (planning.in_rkpd, planning.in_apbd) == (True, True)
    assert AuditEvent.objects.filter(action="compliance_planning_set").count() == 2
    page = kukar.get(PAGE)
    assert [(p.year, p.in_rkpd, p.in_apbd) for p in page.context["plannings"]] == [
        (2025, True, True)
    ]
    assert "2025" in page.content.decode()  # not "2.025"


@pytest.mark.parametrize("year", ["2020", str(timezone.localdate().year + 2)])
def test_planning_years_outside_the_inpres_period_are_refused(kukar, year):
    response = kukar.post(PAGE + "perencanaan/", {"year": year, "in_rkpd": "on"})
    assert response.status_code == 400
    assert response.context["planning_form"].errors["year"] == [
        f"Tahun harus antara 2021 dan {timezone.localdate().year + 1}."
    ]
    assert not Planning.objects.exists()


# ---------------------------------------------------------------- facts for the scorecard


def add(pemda: str, kind: str, number: str, issued_on: datetime.date, *categories: str):
    return Regulation.objects.create(
        pemda_id=pemda, kind=kind, number=number, issued_on=issued_on, categories=list(categories)
    )


def evidence(pemda: str, sha: str) -> Evidence:
    return Evidence.objects.create(
        pemda_id=pemda,
        description="bukti",
        original_name="a.pdf",
        path=f"evidence/{pemda}/{sha}.pdf",
        size=1,
        sha256=sha,
    )


@pytest.fixture
def record(db):
    add("64.02", "surat_edaran", "560/1/2021", datetime.date(2021, 3, 10), "non_asn")
    add("64.02", "perkada", "12 Tahun 2022", datetime.date(2022, 1, 5), "village_official")
    add("64.02", "perda", "5 Tahun 2023", datetime.date(2023, 12, 31), "rt_rw", "non_asn")
    add("64.71", "perda", "3 Tahun 2024", datetime.date(2024, 1, 1), "vulnerable")
    add("64.71", "surat_edaran", "2 Tahun 2023", datetime.date(2023, 6, 1), "non_asn")
    add("64", "perkada", "40 Tahun 2021", datetime.date(2021, 9, 1), "non_asn", "rt_rw")
    Planning.objects.create(pemda_id="64.02", year=2022, in_rkpd=True, in_apbd=False)
    Planning.objects.create(pemda_id="64.02", year=2023, in_rkpd=True, in_apbd=True)
    Planning.objects.create(pemda_id="64.71", year=2023, in_rkpd=False, in_apbd=True)
    evidence("64.02", "a" * 64)
    evidence("64.02", "b" * 64)
    evidence("64.71", "c" * 64)


# (year, Pemda, strongest kind in force, categories, RKPD, APBD, evidence)
FACTS = [
    (2020, "64.02", None, set(), False, False, 2),
    (2021, "64.02", "surat_edaran", {"non_asn"}, False, False, 2),
    (2022, "64.02", "perkada", {"non_asn", "village_official"}, True, False, 2),
    (2023, "64.02", "perda", {"non_asn", "village_official", "rt_rw"}, True, True, 2),
    (2023, "64.71", "surat_edaran", {"non_asn"}, False, True, 1),  # its Perda is of 2024
    (2024, "64.71", "perda", {"non_asn", "vulnerable"}, False, False, 1),
    (2023, "64", "perkada", {"non_asn", "rt_rw"}, False, False, 0),
    (2023, "65", None, set(), False, False, 0),  # Kalimantan Utara: nothing recorded
]


@pytest.mark.parametrize(("year", "code", "kind", "categories", "rkpd", "apbd", "count"), FACTS)
def test_compliance_facts(record, year, code, kind, categories, rkpd, apbd, count):
    facts = compliance_facts([code], year)
    assert facts == {
        code: ComplianceFacts(
            best_regulation_kind=kind,
            categories_covered=categories,
            in_rkpd=rkpd,
            in_apbd=apbd,
            evidence_count=count,
        )
    }


def test_compliance_facts_take_three_queries_whatever_the_number_of_pemda(
    record, django_assert_num_queries
):
    with django_assert_num_queries(3):
        one = compliance_facts(["64.02"], 2023)
    codes = list(
        Region.objects.filter(level__in=["regency", "city"]).values_list("code", flat=True)
    )
    assert len(codes) > 500
    with django_assert_num_queries(3):
        every = compliance_facts(["64", *codes], 2023)
    assert set(every) == {"64", *codes}
    assert every["64.02"] == one["64.02"]
    assert every["64.71"].best_regulation_kind == "surat_edaran"
    assert every["11.01"] == ComplianceFacts()
    with django_assert_num_queries(0):
        assert compliance_facts([], 2023) == {}
