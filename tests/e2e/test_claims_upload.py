"""A Balikpapan BPJS branch officer uploads a claims extract: chooses *Data klaim BPJS* (only
the claims fields show, the region is the branch's), checks the columns, imports, reads the
accepted, rejected and flagged counts and downloads the error report."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pantau.audit.models import AuditEvent
from pantau.core.vocabulary import Kind
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from tests.e2e.browser import doc_screenshot, sign_in
from tests.ingest.files import ANDI, RINA, SITI, member, write_csv
from tests.ingest.wizard import isolated_data_dir

pytestmark = pytest.mark.browser

HEADER = (
    "No Klaim;NIK;Nama Peserta;Program;Jenis Klaim;Tanggal Kejadian;Tanggal Bayar;"
    "Jumlah Dibayar;Beasiswa;Upah;Kode Wilayah;Jenis Pembayar;Wilayah Pembayar;Segmen;"
    "Kantor Cabang;Hubungan Ahli Waris"
)
ROWS = [
    # JKM as PP 82/2019 pays it, to the husband of an APBD-paid member: nothing to flag.
    f"JKM-6471-2022-0001;{SITI};SITI AMINAH;JKM;death;14/06/2022;05/07/2022;42.000.000;;"
    "3500000;64.71.01;apbd_regency;64.71;PU;Balikpapan;suami",
    # Paid Rp2,000,000 short: accepted, flagged with the expected amount.
    f"JKM-6471-2022-0002;{ANDI};ANDI;JKM;meninggal;20/06/2022;05/07/2022;40.000.000;;"
    "3000000;64.71.02;self;;BPU;Balikpapan;istri",
    # Rina is in no membership extract: accepted, flagged.
    f"JKK-6471-2022-0003;{RINA};RINA WATI;JKK;accident;02/05/2022;30/05/2022;12.500.000;;"
    "4000000;64.71.03;employer;;PU;Balikpapan;",
    # JKP pays job loss, not a death: rejected.
    f"JKP-6471-2022-0004;{SITI};SITI AMINAH;JKP;death;14/06/2022;05/07/2022;5000000;;"
    "3500000;64.71.01;employer;;PU;Balikpapan;",
    # Kutai Kartanegara is outside the Balikpapan branch: rejected.
    f"JKK-6402-2022-0005;{ANDI};ANDI;JKK;accident;01/06/2022;15/06/2022;7000000;;"
    "3000000;64.02.05;employer;;PU;Tenggarong;",
]


@pytest.fixture
def in_process_tasks(settings, tmp_path):
    # The live server runs in this process: the import runs inside the confirming request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return isolated_data_dir(settings, tmp_path)


@pytest.fixture
def members_current(in_process_tasks, tmp_path):
    """Siti and Andi are in the current membership extract (enrolled 2021-01-10)."""
    rows = [member(), member(nik=ANDI, name="ANDI", birth_date="1985-03-12", sex="L")]
    path = write_csv(tmp_path / "peserta.csv", rows)
    import_file(ImportRequest(path=path, kind=Kind.MEMBERS, as_of=datetime.date(2022, 7, 1)))


def test_a_branch_officer_uploads_checks_and_imports_claims(
    page, live_server, regions_in_live_db, make_user, members_current, tmp_path,
    console_errors, screenshot,
):  # fmt: skip
    make_user("bpjs-bpn", "bpjs", "64.71")
    sign_in(page, live_server, "bpjs-bpn")
    page.set_viewport_size({"width": 1366, "height": 900})  # a laptop, for the docs' pictures
    page.goto(f"{live_server.url}/impor/baru/")
    claims_part = page.locator("fieldset[data-kind=claims]")
    expect(claims_part).to_be_hidden()
    expect(page.get_by_test_id("claims-form")).to_be_hidden()

    page.get_by_label("Jenis data").select_option("claims")
    expect(claims_part).to_be_visible()
    expect(page.locator("fieldset[data-kind=workers]")).to_be_hidden()
    expect(page.locator("fieldset[data-kind=members]")).to_be_hidden()
    expect(page.get_by_label("Data per bulan")).to_be_hidden()
    region = page.get_by_label("Wilayah cakupan")
    expect(region).to_be_visible()
    expect(region).to_have_value("64.71")
    expect(region).to_be_disabled()
    blank = page.get_by_test_id("claims-form")
    expect(blank).to_be_visible()
    expect(blank.get_by_role("link", name="XLSX")).to_have_attribute(
        "href", "/impor/templat/claims.xlsx"
    )
    path = tmp_path / "klaim-balikpapan-juli-2022.csv"
    path.write_text("\r\n".join([HEADER, *ROWS]) + "\r\n", encoding="utf-8")
    page.get_by_label("Berkas", exact=True).set_input_files(path)
    screenshot("claims-upload")
    doc_screenshot(page, "upload-form-claims-1366")
    page.get_by_role("button", name="Unggah dan periksa kolom").click()

    expect(page.get_by_role("heading", name="Pemetaan kolom")).to_be_visible()
    mapping = page.get_by_test_id("mapping")
    expect(mapping.locator("tr[data-column=claim_no] td").first).to_have_text("No Klaim")
    expect(mapping.locator("tr[data-column=event_date] th")).to_contain_text("Tanggal kejadian")
    expect(mapping.locator("tr[data-column=amount] td").nth(1)).to_contain_text("42.000.000")
    expect(page.get_by_test_id("missing")).to_have_count(0)
    screenshot("claims-mapping")

    page.get_by_role("button", name="Impor sekarang").click()
    expect(page.get_by_role("heading", name="Hasil impor")).to_be_visible()
    expect(page.get_by_test_id("summary-status")).to_have_text("Dibuat")
    expect(page.get_by_test_id("accepted")).to_have_text("3")
    expect(page.get_by_test_id("rejected")).to_have_text("2")
    expect(page.get_by_test_id("flagged")).to_have_text("2")
    expect(page.get_by_test_id("flagged-note")).to_contain_text("2 klaim diterima dengan tanda")
    screenshot("claims-summary")
    doc_screenshot(page, "upload-claims-result-1366", full_page=True)
    snapshot = Snapshot.objects.get(kind="claims")
    assert (snapshot.region_code, snapshot.accepted, snapshot.rejected) == ("64.71", 3, 2)

    with page.expect_download() as download:
        page.get_by_test_id("reports").get_by_role("link", name="CSV").click()
    report = Path(download.value.path()).read_text(encoding="utf-8-sig")
    for code in ("claim_amount_differs", "claim_not_member", "claim_event_invalid"):
        assert code in report
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[0] == "view_import_preview"
    assert actions[-1] == "download_error_report"

    # At phone width the claims form still fits: nothing scrolls sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/impor/baru/")
    page.get_by_label("Jenis data").select_option("claims")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    doc_screenshot(page, "upload-form-claims-390")
    assert console_errors == []
