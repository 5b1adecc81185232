"""The map's legend names the grey of a region without a figure ("Tidak ada angka" / "No
figure"), in the colour the map paints it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

import pantau.dashboard
from tests.dashboard.coverage_data import publish

STATIC = Path(pantau.dashboard.__file__).parent / "static" / "dashboard"


@pytest.fixture
def numbers(db):
    # Kaltim has a figure, every other province none: most of the map is grey.
    publish("2022-07", members={"": (5_000, 20_000), "64": (2_128, 3_176)})


def legend_entry(html: str) -> str:
    map_card = html.split('id="map-title"')[1].split("</section>")[0]
    match = re.search(r'<p class="map-legend[^"]*" data-testid="map-no-figure">(.*?)</p>', map_card)
    assert match, "no legend entry for regions without a figure in the map card"
    return match.group(1)


def test_the_map_legend_names_regions_without_a_figure(client_as, numbers):
    client = client_as("viewer")
    entry = legend_entry(client.get(reverse("dashboard:national")).content.decode())
    assert '<span class="swatch no-figure" aria-hidden="true"></span>' in entry
    assert "Tidak ada angka" in entry
    english = client.get(reverse("dashboard:region", args=["64"]), HTTP_ACCEPT_LANGUAGE="en")
    assert "No figure" in legend_entry(english.text)


def test_the_legend_swatch_has_the_maps_colour_for_no_figure():
    script = (STATIC / "dashboard.js").read_text()
    styles = (STATIC / "dashboard.css").read_text()
    painted = re.search(r'var NO_DATA = "(#[0-9a-fA-F]{6})"', script).group(1)
    assert "areaColor: NO_DATA" in script and "outOfRange: {color: NO_DATA}" in script
    swatch = re.search(r"\.swatch\.no-figure \{ background: (#[0-9a-fA-F]{6}); \}", styles)
    assert swatch, "dashboard.css has no colour for the legend's no-figure swatch"
    assert swatch.group(1).lower() == painted.lower()
