"""A national coordinator makes the Balikpapan meeting's briefing pack from its page and
downloads the PDF and the XLSX; a Kutai Kartanegara officer downloads the same PDF."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import sign_in
from tests.ingest.wizard import IMMEDIATE

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting(regions_in_live_db, own_data_directory, tmp_path, settings):
    from tests.packs.world import build

    settings.TASKS = IMMEDIATE  # the worker's part, in the server's thread
    return build(tmp_path)


def test_the_pack_is_made_and_downloaded_from_the_meeting_page(
    page, live_server, make_user, meeting, tmp_path, console_errors
):
    make_user("coordinator", "national", None)
    make_user("kukar-officer", "pemda", "64.02")
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/monev/{meeting.pk}/")
    panel = page.get_by_test_id("pack-panel")
    expect(panel.get_by_test_id("no-packs")).to_be_visible()
    panel.get_by_label("Bahasa").select_option("id")
    panel.get_by_role("button", name="Buat bahan rapat").click()
    link = page.get_by_test_id("pack-panel").get_by_test_id("pack-pdf")
    expect(link).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("pack-panel")).to_contain_text("9 halaman")
    expect(page.get_by_test_id("pack-panel")).to_contain_text("angka per Juli 2022")
    with page.expect_download() as pdf:
        link.click()
    assert pdf.value.suggested_filename == f"bahan-rapat-{meeting.pk}-2022-07-05.pdf"
    saved = tmp_path / "pack.pdf"
    pdf.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    with page.expect_download() as xlsx:
        page.get_by_test_id("pack-xlsx").click()
    assert xlsx.value.suggested_filename.endswith(".xlsx")
    page.get_by_role("button", name="Keluar").click()

    sign_in(page, live_server, "kukar-officer")
    page.goto(f"{live_server.url}/monev/{meeting.pk}/")
    panel = page.get_by_test_id("pack-panel")
    expect(panel.get_by_test_id("make-pack")).to_have_count(0)  # not a coordinator
    with page.expect_download() as again:
        panel.get_by_test_id("pack-pdf").click()
    again.value.save_as(tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == saved.read_bytes()
