"""The compare page in Debian's chromium: from East Kalimantan's page to "compare with …",
North Kalimantan added by the region search, Indonesia removed, an indicator added, the chart
switched, the XLSX downloaded; then the same page on a phone. No console errors.

`PANTAU_DOC_SCREENSHOTS=docs/screenshots` writes the documentation's pictures
(compare-1366.png, compare-390.png) there instead of under var/screenshots."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from tests.dashboard.compare_world import publish_kalimantan
from tests.e2e.browser import doc_screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def kalimantan(regions_in_live_db, make_user):
    publish_kalimantan()
    make_user("nasional", "national")


def row(page, indicator: str, code: str):
    return page.locator(f'tbody[data-indicator="{indicator}"] tr[data-code="{code}"]')


def test_compare_kaltim_and_kaltara(page, live_server, kalimantan, console_errors, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, "nasional")
    page.goto(f"{live_server.url}/wilayah/64/")
    page.get_by_test_id("compare-link").click()
    expect(page).to_have_url(f"{live_server.url}/bandingkan/?wilayah=64&wilayah=ID")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bandingkan wilayah")
    expect(row(page, "ucj", "64")).to_contain_text("67,0 %")
    expect(page.get_by_test_id("change-header")).to_have_text("Perubahan setahun")
    # The table is there before htmx has bound the search box (on a busy machine, seconds
    # before): typed then, the search would never be asked for.
    page.wait_for_load_state("load")

    # North Kalimantan by the region search (htmx), Indonesia out by its chip's ×.
    page.get_by_label("Cari wilayah untuk ditambahkan").fill("Kalimantan Utara")
    page.get_by_role("link", name="Tambah Kalimantan Utara", exact=True).click()
    expect(page).to_have_url(re.compile(r"wilayah=64&wilayah=ID&.*wilayah=65"))
    page.get_by_role("link", name="Hapus Indonesia dari perbandingan").click()
    expect(page.get_by_test_id("compare-regions").locator("li")).to_have_count(2)
    expect(row(page, "ucj", "ID")).to_have_count(0)

    # One more indicator, by the boxes and the button.
    page.get_by_label("Peserta aktif").check()
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"indikator=active_members"))
    assert "wilayah=&" not in page.url  # the empty "add a code" box adds nothing
    expect(row(page, "ucj", "65")).to_have_text(re.compile(r"51,0 %\s*42,9 %\s*\+8,1 poin"))
    expect(row(page, "active_members", "65")).to_contain_text("+57")

    # The chart: a bar group per region, a bar per month; then the other indicator.
    chart = page.get_by_test_id("compare-chart")
    expect(chart).to_have_attribute("data-ready", "true")
    assert page.evaluate("window.pantauCharts.compare.getOption().series.length") == 2
    assert page.evaluate("window.pantauCharts.compare.getOption().yAxis[0].data") == [
        "Kalimantan Timur", "Kalimantan Utara"]  # fmt: skip
    page.get_by_role("link", name="Peserta aktif", exact=True).click()
    expect(page.get_by_role("heading", name="Grafik: Peserta aktif")).to_be_visible()
    expect(chart).to_have_attribute("data-ready", "true")
    assert page.evaluate("window.pantauCharts.compare.getOption().series[1].data") == [2128, 357]
    doc_screenshot(page, "compare-1366", full_page=True)

    with page.expect_download() as download:
        page.get_by_test_id("compare-xlsx").click()
    assert download.value.suggested_filename == "pantau-bandingkan-2022-07.xlsx"
    path = tmp_path / "compare.xlsx"
    download.value.save_as(path)
    book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    values = book.get_sheet_by_index(0).to_python()
    assert [line[:3] for line in values[1:]] == [
        [code, name, month]
        for code, name in (("64", "Kalimantan Timur"), ("65", "Kalimantan Utara"))
        for month in ("Juli 2022", "Juli 2021")
    ]
    assert console_errors == []


def test_compare_on_a_phone_and_in_english(page, live_server, kalimantan, console_errors):
    sign_in(page, live_server, "nasional")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/bandingkan/?wilayah=64&wilayah=65&wilayah=64.02"
              "&indikator=ucj&indikator=list_coverage&bulan=2022-07&bulan=2021-07")  # fmt: skip
    chart = page.get_by_test_id("compare-chart")
    expect(chart).to_have_attribute("data-ready", "true")
    # Stacked: the chart under the table, and nothing runs off the screen.
    table_box = page.get_by_test_id("compare-table").bounding_box()
    assert chart.bounding_box()["y"] > table_box["y"] + table_box["height"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_test_id("compare-table").scroll_into_view_if_needed()
    doc_screenshot(page, "compare-390", full_page=True)

    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare regions")
    expect(page.get_by_test_id("change-header")).to_have_text("Change over a year")
    expect(page.get_by_role("columnheader", name="July 2022")).to_be_visible()
    assert console_errors == []
