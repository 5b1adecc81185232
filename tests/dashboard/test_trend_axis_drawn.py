"""The trend chart's y-axis as Debian's chromium draws it: "0 %", "20 %" … for shares with a
whole step, "0,2 %" with the Indonesian decimal comma for small shares."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.dashboard.coverage_data import publish
from tests.e2e import conftest as e2e
from tests.e2e.browser import sign_in

# The browser tests' fixtures (Debian's chromium, the id-ID locale, static files, errors).
browser_type_launch_args = e2e.browser_type_launch_args
browser_context_args = e2e.browser_context_args
unhashed_static_files = e2e.unhashed_static_files
console_errors = e2e.console_errors

pytestmark = pytest.mark.browser


def axis_labels(page) -> list[str]:
    page.locator("#trend[data-ready=true]").wait_for()
    return page.evaluate(
        """() => window.pantauCharts.trend.getModel().getComponent("yAxis", 0).axis
              .getViewLabels().map((label) => label.formattedLabel)"""
    )


def test_the_drawn_axis_reads_whole_percents(
    page, live_server, regions_in_live_db, make_user, console_errors
):
    publish("2022-06", members={"64": (1_600, 3_176)})
    publish("2022-07", members={"64": (2_128, 3_176)})
    make_user("kaltim", "pemda", "64")
    sign_in(page, live_server, "kaltim")
    page.goto(f"{live_server.url}/wilayah/64/?indikator=ucj")
    expect(page.get_by_test_id("trend")).to_be_visible()
    assert axis_labels(page) == ["0 %", "20 %", "40 %", "60 %", "80 %"]
    assert console_errors == []


def test_the_drawn_axis_of_small_shares_uses_a_decimal_comma(
    page, live_server, regions_in_live_db, make_user, console_errors
):
    publish("2022-06", members={"64": (10, 3_176)})  # 0,3 %
    publish("2022-07", members={"64": (25, 3_176)})  # 0,8 %
    make_user("kaltim", "pemda", "64")
    sign_in(page, live_server, "kaltim")
    page.goto(f"{live_server.url}/wilayah/64/?indikator=ucj")
    assert axis_labels(page) == ["0,0 %", "0,2 %", "0,4 %", "0,6 %", "0,8 %"]
    assert console_errors == []
