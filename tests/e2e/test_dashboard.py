"""The dashboard in Debian's chromium, on the data `pantau demo` prepares (East and North
Kalimantan): a national user clicks from the map of Indonesia into East Kalimantan and into
Kutai Kartanegara, switches indicator and month, exports a table; a regency user lands on
its regency and moves up and down again. Screenshots under var/screenshots; no console
errors anywhere."""

from __future__ import annotations

import gzip
import io
import json
import re

import pytest
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from pantau.dashboard.geometry import geometry_path
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_world(kalimantan_demo):
    """What `pantau demo --provinces 64,65` prepares: lists, seven monthly extracts,
    workforce, every month's numbers, the 2022 budgets."""


# ---------------------------------------------------------------- clicking on the map


def _inside(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _distance(point, ring) -> float:
    x, y = point
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy)
                                                    / (dx * dx + dy * dy)))  # fmt: skip
        best = min(best, (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2)
    return best


def interior_point(code: str) -> tuple[float, float]:
    """A [lon, lat] well inside the region's largest part (away from its edges and holes),
    from the same outlines the map draws."""
    level, province = ("provinces", None) if "." not in code else ("regencies", code[:2])
    with gzip.open(geometry_path(level, province)) as handle:
        features = json.load(handle)["features"]
    geometry = next(f["geometry"] for f in features if f["properties"]["code"] == code)
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
        geometry["coordinates"]]  # fmt: skip
    rings = max(polygons, key=lambda p: len(p[0]))
    rings = [[tuple(c) for c in ring] for ring in rings]
    xs, ys = [c[0] for c in rings[0]], [c[1] for c in rings[0]]
    best, best_distance = None, -1.0
    steps = 24
    for i in range(1, steps):
        for j in range(1, steps):
            point = (min(xs) + (max(xs) - min(xs)) * i / steps,
                     min(ys) + (max(ys) - min(ys)) * j / steps)  # fmt: skip
            if not _inside(point, rings[0]) or any(_inside(point, hole) for hole in rings[1:]):
                continue
            distance = min(_distance(point, ring) for ring in rings)
            if distance > best_distance:
                best, best_distance = point, distance
    return best


def click_on_map(page, code: str) -> None:
    """A real mouse click on the region's place on the drawn map."""
    expect(page.get_by_test_id("map")).to_have_attribute("data-ready", "true")
    page.get_by_test_id("map").scroll_into_view_if_needed()
    x, y = page.evaluate(
        "([lon, lat]) => window.pantauCharts.map.convertToPixel({seriesIndex: 0}, [lon, lat])",
        list(interior_point(code)),
    )
    box = page.get_by_test_id("map").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.click(box["x"] + x, box["y"] + y)


def breadcrumb(page, name: str):
    return page.get_by_role("navigation", name="Lokasi").get_by_role("link", name=name)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


# ---------------------------------------------------------------- the tests


def test_national_user_drills_down_switches_and_exports(
    page, live_server, demo_world, make_user, console_errors, screenshot, tmp_path
):
    make_user("nasional", "national")
    sign_in(page, live_server, "nasional")
    expect(page).to_have_url(f"{live_server.url}/wilayah/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indonesia")
    kpi = page.get_by_test_id("kpi")
    expect(kpi.locator('[data-kpi="ucj"]')).to_have_text(re.compile(r"\d+,\d %"))
    expect(page.get_by_test_id("trend")).to_have_attribute("data-ready", "true")

    # Hover details, then one click on the map into East Kalimantan.
    click_on_map(page, "64")
    expect(page).to_have_url(f"{live_server.url}/wilayah/64/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kalimantan Timur")
    # The province's UCJ is the calibrated 67 % (within rounding at the test's scale).
    ucj = page.locator('[data-kpi="ucj"]').inner_text()
    assert 64.0 <= float(ucj.split()[0].replace(",", ".")) <= 70.0, ucj
    expect(page.get_by_test_id("budget-status")).to_contain_text("Pegawai Non ASN")
    page.get_by_test_id("map").hover()
    click_on_map(page, "64.02")  # hovering shows the tooltip; the click opens the regency
    expect(page).to_have_url(f"{live_server.url}/wilayah/64.02/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kabupaten Kutai Kartanegara")
    expect(page.get_by_test_id("children").locator("tbody tr")).to_have_count(20)
    screenshot("regency")

    # Back to the province; switch indicator (by mouse) and month (by keyboard).
    breadcrumb(page, "Kalimantan Timur").click()
    page.get_by_label("Indikator", exact=True).select_option("gap_cost")
    expect(page).to_have_url(re.compile(r"/wilayah/64/\?indikator=gap_cost"))
    expect(page.get_by_role("heading", name="Peta: Biaya menutup celah")).to_be_visible()
    month = page.get_by_label("Per bulan", exact=True)
    expect(month).to_have_value("2022-07")
    month.focus()
    page.keyboard.press("ArrowDown")  # the list runs newest first: one month earlier
    expect(page).to_have_url(re.compile(r"bulan=2022-06"))
    expect(page.get_by_label("Per bulan", exact=True)).to_have_value("2022-06")
    expect(page.get_by_label("Indikator", exact=True)).to_have_value("gap_cost")
    expect(page.get_by_test_id("map")).to_have_attribute("data-ready", "true")
    page.get_by_test_id("map").hover(position={"x": 5, "y": 5})
    x, y = page.evaluate(
        "([lon, lat]) => window.pantauCharts.map.convertToPixel({seriesIndex: 0}, [lon, lat])",
        list(interior_point("64.02")),
    )
    page.get_by_test_id("map").hover(position={"x": x, "y": y})
    expect(page.get_by_test_id("map")).to_contain_text("Kabupaten Kutai Kartanegara")
    expect(page.get_by_test_id("map")).to_contain_text("Rp")
    screenshot("province-gap-cost-june")

    # Export the ranking table as it is shown: the chosen month and indicator.
    with page.expect_download() as download:
        page.get_by_test_id("children-xlsx").click()
    assert download.value.suggested_filename == "pantau-64-wilayah-2022-06.xlsx"
    path = tmp_path / "export.xlsx"
    download.value.save_as(path)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes())).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert rows[0][:3] == ["Peringkat", "Kode", "Nama"]
    assert len(rows) == 11 and "Kabupaten Kutai Kartanegara" in [row[2] for row in rows]

    # The sortable table: by name, then the other way round.
    page.get_by_role("link", name="Nama").click()
    expect(page.get_by_role("columnheader", name="Nama ▲")).to_have_attribute(
        "aria-sort", "ascending"
    )
    first = page.get_by_test_id("children").locator("tbody tr").first
    expect(first).to_contain_text("Kabupaten Berau")
    assert console_errors == []


def test_regency_user_lands_on_its_regency_and_the_page_fits_a_phone(
    page, live_server, demo_world, make_user, console_errors, screenshot
):
    make_user("kukar", "pemda", "64.02")
    sign_in(page, live_server, "kukar")
    expect(page).to_have_url(f"{live_server.url}/wilayah/64.02/")
    expect(page.get_by_test_id("trend")).to_have_attribute("data-ready", "true")
    gaps = page.get_by_test_id("gaps")
    expect(gaps).to_contain_text("Pegawai Non ASN")
    # Its own gap list is one click away (NIK shown to its own officers, every view audited).
    gaps.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/wilayah/64.02/celah/\?kategori=\w+&status=\w+"))
    page.go_back()

    # Up to the province map, and back into its regency by the map.
    breadcrumb(page, "Kalimantan Timur").click()
    expect(page).to_have_url(f"{live_server.url}/wilayah/64/")
    click_on_map(page, "64.02")
    expect(page).to_have_url(f"{live_server.url}/wilayah/64.02/")

    # A shared link opens the same view; at phone width nothing runs off the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/wilayah/64/?indikator=not_covered&kategori=non_asn")
    expect(page.get_by_label("Kategori pekerja", exact=True)).to_have_value("non_asn")
    expect(page.get_by_test_id("map")).to_have_attribute("data-ready", "true")
    assert no_horizontal_scroll(page)
    screenshot("phone-province")

    # English, second language.
    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_label("Indicator", exact=True)).to_have_value("not_covered")
    assert console_errors == []
