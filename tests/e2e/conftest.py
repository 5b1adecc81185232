"""Playwright against Debian's chromium (never `playwright install`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PANTAU_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(os.environ.get("PANTAU_SCREENSHOTS", "var/screenshots"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium as root")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def console_errors(page):
    """Collects console errors and failed requests; the test asserts it stays empty."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    return errors


@pytest.fixture
def screenshot(page, request):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    database = os.environ.get("DATABASE_URL", "sqlite").split(":")[0]

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{name}-{database}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Officers' browsers ask for Indonesian; the UI must answer in it.
    return {**browser_context_args, "locale": "id-ID", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def unhashed_static_files(settings):
    """The live server serves static files from the apps (finders), not the hashed copies."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# The demo's data for two provinces (Kaltim and Kaltara), small enough for seconds.
DEMO_SCALE = 0.25


@pytest.fixture
def kalimantan_demo(regions_in_live_db, own_data_directory):
    """What `pantau demo --provinces 64,65` prepares (lists, extracts, coverage, budgets)."""
    from pantau.site.demo.budgets import load_demo_budgets
    from pantau.site.demo.world import load_demo_data, refresh_demo_coverage

    loaded = load_demo_data(scale=DEMO_SCALE, provinces=["64", "65"], processes=1)
    assert loaded and not loaded["refused"]
    assert refresh_demo_coverage(DEMO_SCALE).status == "created"
    assert load_demo_budgets()
