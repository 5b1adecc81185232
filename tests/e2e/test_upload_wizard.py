"""A Kutai Kartanegara officer uploads its worker list, checks the columns, imports it,
reads the summary and downloads the error report."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pantau.audit.models import AuditEvent
from pantau.ingest.models import ImportRun
from pantau.lake.models import Snapshot
from tests.e2e.browser import doc_screenshot, sign_in
from tests.ingest.wizard import isolated_data_dir, kukar_csv

pytestmark = pytest.mark.browser


@pytest.fixture
def in_process_tasks(settings, tmp_path):
    # The live server runs in this process: the import runs inside the confirming request.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return isolated_data_dir(settings, tmp_path)


def test_kukar_officer_uploads_checks_and_imports_a_worker_list(
    page, live_server, regions_in_live_db, make_user, in_process_tasks, tmp_path,
    console_errors, screenshot,
):  # fmt: skip
    make_user("kukar", "pemda", "64.02")
    sign_in(page, live_server, "kukar")
    expect(page).to_have_url(f"{live_server.url}/wilayah/64.02/")

    page.goto(f"{live_server.url}/impor/baru/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unggah data")
    expect(page.get_by_label("Pemda", exact=True)).to_have_value("64.02")
    page.get_by_label("Kategori pekerja").select_option("non_asn")
    expect(page.get_by_label("Tahun anggaran")).not_to_have_value("")
    page.get_by_label("Berkas", exact=True).set_input_files(
        kukar_csv(tmp_path / "pegawai-non-asn-2025.csv")
    )
    screenshot("upload")
    page.get_by_role("button", name="Unggah dan periksa kolom").click()

    expect(page.get_by_role("heading", name="Pemetaan kolom")).to_be_visible()
    mapping = page.get_by_test_id("mapping")
    expect(mapping.locator("tr[data-column=nik] td").first).to_have_text("NIK")
    expect(mapping.locator("tr[data-column=birth_date] td").first).to_have_text("Tanggal Lahir")
    expect(mapping.locator("tr[data-column=region_code] td").first).to_have_text("Kode Wilayah")
    expect(mapping).to_contain_text("Siti Aminah")
    expect(page.get_by_test_id("ignored")).to_contain_text("No")
    screenshot("mapping")

    page.get_by_role("button", name="Impor sekarang").click()
    expect(page.get_by_role("heading", name="Hasil impor")).to_be_visible()
    expect(page.get_by_test_id("summary-status")).to_have_text("Dibuat")
    expect(page.get_by_test_id("accepted")).to_have_text("3")
    expect(page.get_by_test_id("rejected")).to_have_text("1")
    screenshot("summary")
    assert Snapshot.objects.get().accepted == 3

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("laporan-kesalahan-")
    assert "Ahmad Yani" in Path(download.value.path()).read_text(encoding="utf-8")
    # The preview, the rejected rows on the summary and the download each show people.
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[0] == "view_import_preview"
    assert actions[-1] == "download_error_report"

    page.get_by_role("link", name="Riwayat impor").click()
    expect(page).to_have_url(f"{live_server.url}/wilayah/64.02/impor/")
    expect(page.get_by_test_id("runs")).to_contain_text("pegawai-non-asn-2025.csv")
    expect(page.get_by_test_id("snapshots")).to_contain_text("Berlaku")
    screenshot("history")

    # While the worker runs, the page polls the progress every second (htmx) and swaps
    # in the summary when it is done.
    run = ImportRun.objects.get()
    finished = {"status": run.status, "result": run.result, "rows_done": run.rows_done}
    started = (timezone.now() - timedelta(seconds=4)).isoformat()
    ImportRun.objects.filter(pk=run.pk).update(
        status="running", rows_done=2, rows_total=4, options={**run.options, "started_at": started}
    )
    page.goto(f"{live_server.url}/impor/{run.pk}/")
    expect(page.locator("progress")).to_have_attribute("value", "2")
    expect(page.get_by_test_id("rows-done")).to_contain_text("2 baris diproses")
    screenshot("progress")
    ImportRun.objects.filter(pk=run.pk).update(**finished)
    expect(page.get_by_role("heading", name="Hasil impor")).to_be_visible(timeout=5000)
    expect(page.locator("progress")).to_have_count(0)

    # At phone width the wizard still fits: nothing scrolls sideways.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/impor/baru/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot("upload-phone")
    assert console_errors == []


NAMED_HEADER = "No;NIK;Nama;Kecamatan;Desa/Kelurahan;Jabatan"
NAMED_ROWS = [
    "1;6402054507900001;Siti Aminah;Kec. Tenggarong;Kel. Bukit Biru;Staf",
    "2;6402051203850002;Budi Santoso;TENGGARONG SEBERANG;Bukit Raya;Pengemudi",
    "3;6402056808920003;Rina Wati;Sanga-Sanga;;Operator",
    "4;6402051507900004;Ahmad Yani;Tengarong;;Staf",
]


def docs_screenshot(page, name: str, focus=None) -> None:
    """The page at laptop and phone width, for docs/formats.md (`focus` at the top): into
    docs/screenshots only with `PANTAU_DOC_SCREENSHOTS`, like every picture of the docs."""
    size = page.viewport_size
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        if focus is not None:
            focus.evaluate("element => element.scrollIntoView()")
        doc_screenshot(page, f"{name}-{width}")
    page.set_viewport_size(size)


def test_a_list_naming_districts_is_previewed_and_imported(
    page, live_server, regions_in_live_db, make_user, in_process_tasks, tmp_path,
    console_errors, screenshot,
):  # fmt: skip
    make_user("kukar", "pemda", "64.02")
    sign_in(page, live_server, "kukar")
    page.goto(f"{live_server.url}/impor/baru/")
    page.get_by_label("Kategori pekerja").select_option("non_asn")
    path = tmp_path / "pegawai-per-kecamatan.csv"
    path.write_text("\r\n".join([NAMED_HEADER, *NAMED_ROWS]) + "\r\n", encoding="utf-8")
    page.get_by_label("Berkas", exact=True).set_input_files(path)
    page.get_by_role("button", name="Unggah dan periksa kolom").click()

    mapping = page.get_by_test_id("mapping")
    expect(mapping.locator("tr[data-column=district_name] td").first).to_have_text("Kecamatan")
    places = page.get_by_test_id("resolutions")
    expect(places.locator("tr[data-code='64.02.15'] td").first).to_have_text(
        "→ 64.02.15 Sanga Sanga"
    )
    expect(places.locator("tr[data-code='64.02.06.1003'] th")).to_have_text(
        "Kec. Tenggarong / Kel. Bukit Biru"
    )
    expect(places.locator("tr.missing")).to_have_count(1)
    expect(places.locator("tr.missing")).to_contain_text("Tengarong → Tenggarong")
    expect(page.get_by_test_id("place-counts")).to_contain_text("3 baris dengan nama tempat")
    screenshot("places")
    docs_screenshot(page, "upload-place-names", page.get_by_test_id("places"))

    page.get_by_role("button", name="Impor sekarang").click()
    expect(page.get_by_test_id("accepted")).to_have_text("3")
    expect(page.get_by_test_id("rejected")).to_have_text("1")
    assert Snapshot.objects.get().accepted == 3
    assert console_errors == []


def test_the_upload_form_shows_only_the_chosen_kinds_fields(
    page, live_server, regions_in_live_db, make_user, console_errors, screenshot,
):  # fmt: skip
    make_user("bpjs-pusat", "bpjs")
    sign_in(page, live_server, "bpjs-pusat")
    page.goto(f"{live_server.url}/impor/baru/")
    workers = page.locator("fieldset[data-kind=workers]")
    members = page.locator("fieldset[data-kind=members]")
    expect(page.get_by_label("Jenis data")).to_have_value("workers")
    expect(workers).to_be_visible()
    expect(members).to_be_hidden()
    codes = page.locator("[data-place-codes]")
    expect(codes).to_be_hidden()  # no Pemda chosen yet

    page.get_by_label("Pemda", exact=True).select_option("64.02")
    expect(codes).to_be_visible()
    expect(codes.get_by_role("link", name="XLSX")).to_have_attribute(
        "href", "/impor/kode-wilayah/64.02.xlsx"
    )

    page.get_by_label("Jenis data").select_option("members")
    expect(workers).to_be_hidden()
    expect(members).to_be_visible()
    expect(page.get_by_label("Data per bulan")).to_be_visible()
    expect(page.get_by_label("Kategori pekerja")).to_be_hidden()
    screenshot("members-only")
    docs_screenshot(page, "upload-form-members", page.locator("form.upload-form"))

    page.get_by_label("Jenis data").select_option("workers")
    expect(workers).to_be_visible()
    expect(members).to_be_hidden()
    assert console_errors == []
