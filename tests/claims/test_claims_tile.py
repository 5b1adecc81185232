"""The region dashboard's "Santunan dibayar" tile: total paid, count and the share paid to
people whose contributions a Pemda funded, linking to the claims page."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.template.loader import render_to_string

from pantau.claims import services
from tests.engine.claims_world import JKM_2022


@pytest.mark.usefixtures("claims_world")
def test_the_tile_of_a_province_and_of_the_nation():
    tile = services.tile("64")
    assert (tile.count, tile.amount) == (4, 60_000_000)
    assert tile.pemda_share == Fraction(45_000_000, 60_000_000)
    assert tile.url == "/wilayah/64/klaim/"
    html = render_to_string("claims/_tile.html", {"claims_tile": tile})
    assert "Santunan dibayar" in html and "75,0 % dari iuran Pemda" in html
    assert 'href="/wilayah/64/klaim/"' in html and "4 klaim" in html
    nation = services.tile("")
    assert (nation.count, nation.amount, nation.url) == (5, 18_000_000 + 2 * JKM_2022, "/klaim/")
    empty = services.tile("11")
    assert (empty.count, empty.amount, empty.pemda_share) == (0, 0, None)
    assert "dari iuran Pemda" not in render_to_string("claims/_tile.html", {"claims_tile": empty})


def test_no_tile_before_any_claims_numbers(db):
    assert services.tile("64") is None
    assert render_to_string("claims/_tile.html", {"claims_tile": None}).strip() == ""


@pytest.mark.usefixtures("claims_world")
def test_the_region_dashboard_shows_the_tile(client_as):
    client = client_as("viewer")
    page = client.get("/wilayah/64/").content.decode()
    assert 'data-testid="claims-tile"' in page
    assert 'href="/wilayah/64/klaim/"' in page and "75,0 % dari iuran Pemda" in page
    national = client.get("/wilayah/").content.decode()
    assert 'data-testid="claims-tile"' in national and 'href="/klaim/"' in national
    # A region without claims: the tile says so with zeros, no share.
    empty = client.get("/wilayah/11/").content.decode()
    assert 'data-testid="claims-tile"' in empty and "dari iuran Pemda" not in empty


def test_no_tile_on_the_dashboard_before_any_claims_numbers(client_as):
    page = client_as("viewer").get("/wilayah/64/").content.decode()
    assert 'data-testid="claims-tile"' not in page


def test_the_tile_states_the_demo_scale_in_a_demo():
    tile = services.Tile(2, 84_000_000, 2, 84_000_000, "/klaim/")
    html = render_to_string("claims/_tile.html", {"claims_tile": tile, "demo": {"ratio": "1:640"}})
    assert "data demo, skala 1:640" in html and "100,0 % dari iuran Pemda" in html
