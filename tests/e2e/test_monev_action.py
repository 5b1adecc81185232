"""A Kutai Kartanegara officer closes a follow-up action with evidence, and a national
coordinator verifies it: through the real pages, the htmx status form and the upload."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from pantau.audit.models import AuditEvent
from pantau.monev import services
from pantau.monev.models import Action
from tests.budgets.budget_files import make_pdf
from tests.e2e.browser import doc_screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def kukar_action(regions_in_live_db, own_data_directory):
    meeting = services.create_meeting(
        title="Rapat Monev Kalimantan Timur", held_on=date(2022, 7, 5), place="Balikpapan",
        regions=["64"], agencies=["Kemenko PMK"])  # fmt: skip
    return services.add_action(
        meeting=meeting, owner="64.02", due=date(2022, 9, 30),
        text="Menganggarkan iuran Non ASN dalam APBD Perubahan 2022")  # fmt: skip


def test_an_officer_closes_with_evidence_and_the_national_team_verifies(
    page, live_server, make_user, kukar_action, tmp_path, console_errors, screenshot,
):  # fmt: skip
    make_user("kukar-officer", "pemda", "64.02")
    make_user("coordinator", "national", None)
    url = f"{live_server.url}/tindak-lanjut/{kukar_action.pk}/"
    page.set_viewport_size({"width": 1366, "height": 900})

    sign_in(page, live_server, "kukar-officer")
    page.goto(f"{live_server.url}/wilayah/64.02/tindak-lanjut/")
    row = page.locator(f"tr[data-action='{kukar_action.pk}']")
    expect(row).to_have_class("overdue")
    row.get_by_role("link", name="Menganggarkan iuran Non ASN").click()
    expect(page).to_have_url(url)
    evidence = tmp_path / "dpa-perubahan-2022.pdf"
    evidence.write_bytes(make_pdf("DPA-P 2022 Kutai Kartanegara"))
    form = page.get_by_test_id("evidence-form")
    form.get_by_label("Keterangan").fill("DPA Perubahan 2022, halaman 14")
    form.get_by_label("Foto atau dokumen").set_input_files(evidence)
    form.get_by_role("button", name="Unggah bukti").click()
    expect(page.get_by_test_id("evidence").get_by_role("link")).to_have_text(
        "dpa-perubahan-2022.pdf"
    )

    status = page.get_by_test_id("status-form")
    expect(status.get_by_label("Status baru").locator("option[value=verified]")).to_have_count(0)
    status.get_by_label("Status baru").select_option("done")
    status.get_by_label("Catatan").fill("Dianggarkan Rp1,2 miliar")
    status.get_by_role("button", name="Ubah status").click()
    # htmx swaps the status block in place: the page does not reload.
    expect(page.locator("[data-status=done]")).to_be_visible()
    expect(page.get_by_test_id("status-form")).to_have_count(0)  # nothing more for the owner
    screenshot("done")
    page.get_by_role("button", name="Keluar").click()

    sign_in(page, live_server, "coordinator")
    page.goto(url)
    history = page.get_by_test_id("history")
    expect(history).to_contain_text("kukar-officer")
    expect(history).to_contain_text("dpa-perubahan-2022.pdf")
    with page.expect_download() as download:
        page.get_by_test_id("evidence").get_by_role("link").click()
    assert download.value.suggested_filename == "dpa-perubahan-2022.pdf"
    status = page.get_by_test_id("status-form")
    status.get_by_label("Status baru").select_option("verified")
    status.get_by_role("button", name="Ubah status").click()
    expect(page.locator("[data-status=verified]")).to_be_visible()
    # The history gains its line in the same answer (out of band).
    expect(page.get_by_test_id("history").locator("li").last).to_contain_text("Terverifikasi")
    doc_screenshot(page, "monev-action-1366", full_page=True)

    kukar_action.refresh_from_db()
    assert (kukar_action.status, kukar_action.done_on) == ("verified", date.today())
    moves = [(e.actor, e.new) for e in kukar_action.events.filter(kind="status")]
    assert moves == [("kukar-officer", "done"), ("coordinator", "verified")]
    assert AuditEvent.objects.filter(action=services.AUDIT_EVIDENCE_DOWNLOAD).count() == 1
    assert Action.objects.get().status == "verified"

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    doc_screenshot(page, "monev-action-390")
    assert console_errors == []
