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


class InFlight:
    """The page's requests not yet answered, to wait until there are none: what Playwright's
    "networkidle" waits for, without its half second of quiet after every page (20 s of the
    overflow test's 27, at 39 pages)."""

    QUIET_MS = 50  # a request a script starts on its answer begins within this

    def __init__(self, page) -> None:
        self.page = page
        self.pending: set = set()
        # Handlers must be Python functions for Playwright, not built-in methods.
        page.on("request", lambda request: self.pending.add(request))
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", lambda request: self.pending.discard(request))

    def wait(self, timeout_ms: int = 10_000) -> None:
        """Until the page has loaded and no request is in flight over `QUIET_MS`."""
        self.page.wait_for_load_state("load")
        waited = 0
        quiet = 0
        while quiet < self.QUIET_MS:
            self.page.wait_for_timeout(10)  # lets Playwright deliver the events meanwhile
            waited += 10
            quiet = 0 if self.pending else quiet + 10
            if waited > timeout_ms:
                urls = sorted(request.url for request in self.pending)
                raise TimeoutError(f"requests still in flight: {urls}")


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
