"""The branch work list in Debian's chromium, on the data `pantau demo` prepares: the
Balikpapan branch officer opens "my work list", narrows the arrears to one payer and the
not-enrolled people to one village, changes the month, downloads the XLSX, and is refused
another branch's list; then the page on a phone. No console errors.

`PANTAU_DOC_SCREENSHOTS=docs/screenshots` writes the documentation's pictures
(branch-1366.png, branch-390.png) there instead of under var/screenshots."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from pantau.audit.models import AuditEvent
from tests.e2e.browser import doc_screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_world(kalimantan_demo, make_user):
    """The demo of Kaltim and Kaltara, and Balikpapan's branch officer."""
    make_user("cabang-bpp", "bpjs", "64.71")


def test_balikpapan_branch_works_from_its_list(page, live_server, demo_world, console_errors):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live_server, "cabang-bpp")
    page.goto(f"{live_server.url}/kerja/")
    expect(page).to_have_url(f"{live_server.url}/cabang/64.71/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Daftar kerja: Kota Balikpapan")

    # Arrears by payer: the groups, then one payer's members.
    groups = page.locator("section[aria-labelledby=tunggakan] table").first
    payers = groups.locator("tbody tr")
    assert payers.count() >= 2
    first_payer = payers.first.locator("a")
    payer_name = first_payer.inner_text()
    first_payer.click()
    expect(page).to_have_url(re.compile(r"pembayar="))
    expect(groups.locator("tbody tr.chosen")).to_contain_text(payer_name)
    lapsed = page.locator("section[aria-labelledby=tunggakan] table.people tbody tr")
    assert lapsed.count() >= 1
    for cell in lapsed.locator("td:nth-child(5)").all_inner_texts():
        assert cell.startswith(payer_name)
    # Months are words, never ISO.
    expect(lapsed.first.locator("td:nth-child(6)")).to_have_text(
        re.compile(r"^(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober"
                   r"|November|Desember) \d{4}$"))  # fmt: skip
    doc_screenshot(page, "branch-1366")

    # Not enrolled: open a district, pick a village.
    district = page.locator(".places details").first
    district.locator("summary").click()
    village = district.locator("li a").nth(1)
    village_name = village.inner_text()
    village.click()
    expect(page).to_have_url(re.compile(r"tempat=64\.71\.\d\d\.\d{4}"))
    people = page.locator("section[aria-labelledby=belum] table.people tbody tr")
    assert people.count() >= 1
    for cell in people.locator("td:nth-child(5)").all_inner_texts():
        assert cell == village_name

    # Another month: the selector keeps the filters and shows the month in words.
    select = page.get_by_label("Per bulan")
    months = select.locator("option").all_inner_texts()
    assert len(months) >= 2 and all(not re.search(r"\d{4}-\d{2}", m) for m in months)
    select.select_option(index=1)
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"bulan=\d{4}-\d{2}.*tempat="))

    # The XLSX: both lists, full NIKs for the branch's own region, audited.
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh XLSX").click()
    book = CalamineWorkbook.from_filelike(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheet_names[:2] == ["Menunggak", "Belum terdaftar"]
    rows = book.get_sheet_by_index(1).to_python()
    assert len(rows) >= 2 and "*" not in rows[1][0]
    assert AuditEvent.objects.filter(action="worklist_export_xlsx", region_code="64.71").exists()
    assert AuditEvent.objects.filter(action="worklist_view", username="cabang-bpp").exists()

    # On a phone: the tables scroll inside the page, the groups stack.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/cabang/64.71/#tunggakan")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    doc_screenshot(page, "branch-390")
    assert console_errors == []

    # Another branch's list is refused.
    response = page.goto(f"{live_server.url}/cabang/64.02/")
    assert response.status == 403
