"""A BPJS officer of East Kalimantan reads the province's claims page: the programme totals,
the month chart drawn from the page's data, the flagged claims with whole NIKs; drills down to
Kutai Kartanegara; and records a handover in Balikpapan with a photo, which the page lists."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pantau.claims.models import Handover
from tests.claims.files import JPEG
from tests.e2e.browser import doc_screenshot, sign_in
from tests.engine.claims_world import B

pytestmark = pytest.mark.browser


@pytest.fixture
def claims_in_live_db(regions_in_live_db, own_data_directory, tmp_path):
    from pantau.engine import claims
    from tests.engine.claims_world import build_claims_world

    build_claims_world(tmp_path)
    assert claims.refresh_claims()["status"] == "created"


def test_claims_page_and_a_handover(page, live_server, make_user, claims_in_live_db,
                                    console_errors, tmp_path):  # fmt: skip
    make_user("bpjs-kaltim", "bpjs", "64")
    sign_in(page, live_server, "bpjs-kaltim")
    page.goto(f"{live_server.url}/wilayah/64/klaim/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kalimantan Timur")
    programs = page.get_by_test_id("programs")
    expect(programs.locator("tfoot")).to_contain_text("Rp60.000.000")
    chart = page.get_by_test_id("claims-chart")
    expect(chart).to_have_attribute("data-ready", "true")
    flagged = page.get_by_test_id("flagged-claims")
    expect(flagged).to_contain_text(B)
    doc_screenshot(page, "claims-page", full_page=True)

    page.get_by_test_id("children").get_by_role("link", name="Kabupaten Kutai Kartanegara").click()
    page.wait_for_url("**/wilayah/64.02/klaim/")
    expect(page.get_by_test_id("programs").locator("tfoot")).to_contain_text("Rp50.000.000")

    page.goto(f"{live_server.url}/wilayah/64.71/klaim/")
    page.get_by_test_id("handover-new").click()
    page.get_by_label("Tanggal penyerahan").fill("2022-07-05")
    page.get_by_label("Tempat").fill("Kantor Wali Kota Balikpapan")
    page.get_by_label("Nomor klaim").fill("K3")
    page.get_by_label("Pejabat yang hadir").fill("Wali Kota Balikpapan")
    photo = tmp_path / "penyerahan.jpg"
    photo.write_bytes(JPEG)
    page.get_by_label("Foto atau dokumen").set_input_files(str(photo))
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/wilayah/64.71/klaim/#penyerahan")
    expect(page.get_by_test_id("handover-list")).to_contain_text("Kantor Wali Kota Balikpapan")
    expect(page.get_by_test_id("handover-file")).to_have_text("penyerahan.jpg")
    assert Handover.objects.get().claim_numbers == ["K3"]
    assert console_errors == []
