"""Nothing clipped, nothing pushed off screen: the main pages on the data `pantau demo`
prepares (East and North Kalimantan, budgets included), at 1366×768 and on a 390×844 phone
(there in English too).

An offender is an element whose content is wider than its box where the box hides the rest
(overflow hidden or clip, or an ellipsis), a box that scrolls sideways (tables must reflow on
a phone, not hide columns behind a scroll), or anything whose right edge passes the window.
A deliberate scroller is marked `data-scroll-ok` in its template; none is today. Each offender
is reported with a selector and the start of its text. On a phone the header stays within
80 px (its links fold behind a menu button).

`PANTAU_DOC_SCREENSHOTS=docs/screenshots` writes the documentation's pictures of the
province page (province-1366.png, province-390.png) there instead of under var/screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import InFlight, doc_screenshot, sign_in

pytestmark = pytest.mark.browser


PAGES = [
    "/wilayah/",
    "/wilayah/64/",
    "/wilayah/64.02/",
    "/anggaran/",
    "/wilayah/64/anggaran/",
    "/pemda/64.71/anggaran/",
    "/peringkat/",
    "/wilayah/64/peringkat/",
    "/wilayah/64/celah/",
    "/bandingkan/?wilayah=64&wilayah=65&wilayah=ID",
    "/cabang/64.71/",
    "/impor/baru/",
    "/kalkulator/",
]

WIDTHS = [(1366, 768), (390, 844)]

OFFENDERS_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => {
    let part = el.tagName.toLowerCase();
    if (el.id) return part + '#' + el.id;
    const classes = [...el.classList].slice(0, 3);
    if (classes.length) part += '.' + classes.join('.');
    const parent = el.parentElement;
    return parent && parent !== document.body ? name(parent) + ' > ' + part : part;
  };
  const text = (el) => (el.innerText || el.getAttribute('aria-label') || '')
    .replace(/\\s+/g, ' ').trim().slice(0, 50);
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('[data-scroll-ok]')) continue;
    // A closed <details> shows its summary only.
    const folded = el.parentElement.closest('details:not([open])');
    if (folded && !el.closest('summary')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    // Screen-reader text sits in a 1 px clipped box by design.
    if (box.width <= 1 || box.height <= 1) continue;
    const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
    const scrolls = ['auto', 'scroll'].includes(style.overflowX);
    const wider = el.scrollWidth > el.clientWidth + 1;
    // A chart's canvas is drawn to its box: ECharts' own layers are not page content.
    const chart = el.closest('[_echarts_instance_]') && !el.hasAttribute('_echarts_instance_');
    if (chart) continue;
    if (hides && wider) found.push(['clipped', name(el), text(el)]);
    else if (scrolls && wider) found.push(['scrolls sideways', name(el), text(el)]);
    else if (box.right > width + 1 && !el.parentElement.closest('.offender-reported'))
      found.push(['past the window', name(el), text(el)]);
    if (wider && (hides || scrolls) || box.right > width + 1) el.classList.add('offender-reported');
  }
  // Only the outermost box past the window: its children follow it out.
  return found.filter(([kind, selector], i) => kind !== 'past the window'
    || !found.some(([, other], j) => j !== i && selector.startsWith(other + ' > ')));
}
"""


@pytest.fixture
def demo_world(kalimantan_demo, make_user):
    """The demo of Kaltim and Kaltara, budgets included, and a national user."""
    make_user("nasional", "national", is_superuser=True)


def offenders(page, in_flight: InFlight) -> list[str]:
    in_flight.wait()
    # Charts are drawn after load; an empty chart box would hide a label cut at its edge.
    page.wait_for_function(
        "[...document.querySelectorAll('[data-chart], .chart')]"
        ".every(c => c.dataset.ready !== 'false')"
    )
    return [f"{kind}: {selector} «{text}»" for kind, selector, text in page.evaluate(OFFENDERS_JS)]


def test_main_pages_fit_a_desktop_and_a_phone(page, live_server, demo_world, console_errors):
    in_flight = InFlight(page)
    sign_in(page, live_server, "nasional")
    report: dict[str, list[str]] = {}
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        for path in PAGES:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            found = offenders(page, in_flight)
            if width < 500:
                header = page.locator("header.topbar").bounding_box()["height"]
                if header > 80:
                    found.append(f"the header is {header:.0f} px tall (80 at most on a phone)")
            if found:
                report[f"{path} at {width} px"] = found
            if path == "/wilayah/64/":
                doc_screenshot(page, f"province-{width}")
    # English words are longer: the phone once more in English.
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_load_state("load")
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        found = offenders(page, in_flight)
        if found:
            report[f"{path} at 390 px in English"] = found
    assert not report, "\n".join(
        f"{where}:\n  " + "\n  ".join(found[:12]) for where, found in report.items()
    )
    assert console_errors == []


def test_the_phone_menu_opens_the_links(page, live_server, make_user, regions_in_live_db):
    make_user("nasional", "national")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "nasional")
    budgets = page.get_by_role("link", name="Anggaran", exact=True)
    expect(budgets).to_be_hidden()
    expect(page.get_by_role("button", name="ID", exact=True)).to_be_visible()
    toggle = page.get_by_role("button", name="Navigasi")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    budgets.click()
    expect(page).to_have_url(f"{live_server.url}/anggaran/")
    # At a desktop's width the links show without the button.
    page.set_viewport_size({"width": 1366, "height": 768})
    expect(page.get_by_role("link", name="Anggaran", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Navigasi")).to_be_hidden()
