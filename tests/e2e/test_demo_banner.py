"""A demo in Debian's chromium: the "Data demo" banner with the demo's scale on every page, the
scale beside the region page's counts, East Kalimantan's regencies ranked by UCJ with the
source of their (estimated) workforce, and a plain sentence where a regency has no figure.
No console errors.

`PANTAU_DOC_SCREENSHOTS=docs/screenshots` writes the documentation's pictures
(demo-region-1366.png, demo-region-390.png, regency-ucj-1366.png,
regency-ucj-missing-1366.png) there instead of under var/screenshots."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest
from playwright.sync_api import expect

from pantau.core.demo import mark_demo_world
from pantau.engine.models import Refresh, Workforce
from tests.dashboard.coverage_data import publish
from tests.e2e.browser import doc_screenshot, sign_in

pytestmark = pytest.mark.browser

ESTIMATE = (
    "Demo Pantau, skala data demo: perkiraan dari penduduk bekerja Kalimantan Timur pada skala "
    "demo (3.176 orang) × {share} %, bagian wilayah ini dari penduduk provinsi (Dukcapil "
    "Desember 2024); bukan angka resmi. / Pantau demo, on the demo data's scale: estimate"
)


@pytest.fixture
def demo_kaltim(regions_in_live_db, own_data_directory, make_user):
    """East Kalimantan on the demo's scale 1:640; Paser (64.01) without a workforce figure."""
    Workforce.objects.all().delete()
    for code, employed, share in (("64.02", 700, "22,04"), ("64.71", 620, "19,52"),
                                  ("64.72", 800, "25,19")):  # fmt: skip
        Workforce.objects.create(region_id=code, year=2022, employed=employed,
                                 source=ESTIMATE.format(share=share), is_estimate=True)  # fmt: skip
    members = {"": (40_000, 90_000), "64": (2_128, 3_176), "64.02": (350, 700),
               "64.71": (520, 620), "64.72": (610, 800), "64.01": (90, None)}  # fmt: skip
    lists = {("64", "non_asn"): (150, 100, 20, 30, 5_000_000),
             ("64.02", "non_asn"): (80, 60, 8, 12, 2_000_000)}  # fmt: skip
    publish("2022-07", members=members, lists=lists)
    Refresh.objects.update(finished_at=datetime(2022, 8, 1, 14, 5, tzinfo=UTC))
    mark_demo_world(Fraction(640))
    make_user("kaltim", "pemda", "64")


def test_a_demo_says_so_on_every_page(page, live_server, demo_kaltim, console_errors):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, "kaltim")
    page.goto(f"{live_server.url}/wilayah/64/")
    banner = page.get_by_test_id("demo-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Data demo — bukan data resmi; skala 1:640")
    expect(page.get_by_test_id("kpi").get_by_test_id("demo-scale").first).to_be_visible()

    # The regencies with a figure are ranked by UCJ, the best first; Paser has none.
    table = page.get_by_test_id("children")
    expect(table.locator('tr[data-code="64.71"] td').first).to_have_text("1")
    expect(table.locator('tr[data-code="64.02"] td').first).to_have_text("3")
    expect(table.locator('tr[data-code="64.01"] td').first).to_have_text("–")
    doc_screenshot(page, "demo-region-1366")

    page.goto(f"{live_server.url}/wilayah/64.02/")
    source = page.get_by_test_id("workforce-source")
    expect(source).to_contain_text("perkiraan dari penduduk bekerja")
    expect(page.get_by_test_id("kpi")).to_contain_text("50,0 %")
    doc_screenshot(page, "regency-ucj-1366")
    page.goto(f"{live_server.url}/wilayah/64.01/")
    expect(page.get_by_test_id("ucj-missing")).to_contain_text("impor dengan")
    doc_screenshot(page, "regency-ucj-missing-1366")
    for path in ("/anggaran/", "/kalkulator/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_test_id("demo-banner")).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/wilayah/64/")
    expect(page.get_by_test_id("demo-banner")).to_be_visible()
    doc_screenshot(page, "demo-region-390")
    assert console_errors == []
