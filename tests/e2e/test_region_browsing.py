"""A Kutai Kartanegara officer signs in, lands on 64.02, opens a district, sees villages."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import sign_in

pytestmark = pytest.mark.browser


def test_kukar_officer_browses_to_villages(
    page, live_server, regions_in_live_db, make_user, console_errors, screenshot
):
    make_user("kukar", "pemda", "64.02")
    sign_in(page, live_server, "kukar")

    expect(page).to_have_url(f"{live_server.url}/wilayah/64.02/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kabupaten Kutai Kartanegara")
    expect(page.get_by_test_id("children").locator("tbody tr")).to_have_count(20)
    screenshot("regency")

    page.get_by_role("link", name="Tenggarong", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/wilayah/64.02.06/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tenggarong")
    villages = page.get_by_test_id("children").locator("tbody tr")
    expect(villages.first).to_contain_text("Desa/Kelurahan")
    assert villages.count() >= 10
    breadcrumbs = page.get_by_role("navigation", name="Lokasi")
    expect(breadcrumbs).to_contain_text("Kabupaten Kutai Kartanegara")
    screenshot("district")
    assert console_errors == []

    # Person-level pages of another regency are refused.
    response = page.goto(f"{live_server.url}/wilayah/64.71/pengguna/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Akses ditolak")


def test_search_as_you_type_and_switch_to_english(
    page, live_server, regions_in_live_db, make_user, console_errors, screenshot
):
    make_user("kaltim", "pemda", "64")
    sign_in(page, live_server, "kaltim")
    expect(page).to_have_url(f"{live_server.url}/wilayah/64/")

    page.get_by_role("searchbox").fill("tenggarong")
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text("64.02.06")
    screenshot("search")

    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Search")).to_be_visible()
    assert console_errors == []
