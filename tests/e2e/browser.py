"""Steps browser tests take: signing in through the real login page, pictures for the docs."""

import os
from pathlib import Path

from tests.conftest import TEST_PASSWORD


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    # The landing page's scripts (htmx, the charts) must run before the test types or
    # clicks: the URL changes before they do.
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.wait_for_load_state("load")


def doc_screenshot(page, name: str, full_page: bool = False) -> Path:
    """`<name>.png` in `PANTAU_DOC_SCREENSHOTS` (set it to `docs/screenshots` to renew the
    docs' pictures), else `PANTAU_SCREENSHOTS` or `var/screenshots`."""
    folder = Path(
        os.environ.get("PANTAU_DOC_SCREENSHOTS") or os.environ.get("PANTAU_SCREENSHOTS")
        or "var/screenshots"
    )  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
