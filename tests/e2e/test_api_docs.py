"""Swagger UI and Redoc render the API's document in Chromium from Pantau's own static files,
under the site's Content-Security-Policy (no blocked script or style, no request elsewhere)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("path", "shown"), [
    ("/api/v1/docs/", "Pantau API"),
    ("/api/v1/redoc/", "Pantau API"),
])  # fmt: skip
def test_the_api_documentation_pages(page, live_server, make_user, regions_in_live_db,
                                     console_errors, path, shown):  # fmt: skip
    make_user("reader", "viewer", None)
    sign_in(page, live_server, "reader")
    # Requests that reached another host. Redoc's menu always asks for its maker's logo from
    # cdn.redoc.ly: the site's CSP (img-src 'self') refuses it before anything leaves.
    elsewhere = []
    ours = (live_server.url, "data:", "blob:")

    def reached(request):
        if not request.url.startswith(ours):
            elsewhere.append(request.url)

    page.on("requestfinished", reached)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_text(shown).first).to_be_visible(timeout=15_000)
    expect(page.get_by_text("/api/v1/coverage/{code}/").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
    refused = [e for e in console_errors if "Content Security Policy" in e or "Refused" in e]
    assert [e for e in refused if "cdn.redoc.ly/redoc/logo-mini.svg" not in e] == []
