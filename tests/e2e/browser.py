"""Steps every browser test takes: signing in through the real login page."""

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
