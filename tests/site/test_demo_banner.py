"""Demo honesty (issue 16, part 8): in a demo data directory every page says "Data demo — bukan
data resmi" with the demo's scale, and the region page states the scale next to its absolute
numbers; outside a demo neither appears."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.urls import reverse

from pantau.core.demo import demo_world, mark_demo_world, marker_path
from pantau.site.demo.calibration import PARTICIPANTS_PER_MEMBER
from tests.dashboard.coverage_data import publish

pytestmark = pytest.mark.usefixtures("own_data_directory")

MAIN_PAGES = [
    ("dashboard:national", ()),
    ("dashboard:region", ("64",)),
    ("budgets:national", ()),
    ("budgets:scorecard", ()),
    ("ingest:new", ()),
    ("rules:calculator", ()),
]


@pytest.fixture
def officer(client_as):
    """A provincial officer: may see every page named here, the upload form included."""
    return client_as("pemda", "64")


@pytest.fixture
def numbers(db):
    publish("2022-07", members={"": (5_000, 20_000), "64": (2_128, 3_176)},
            lists={("64", "non_asn"): (150, 100, 20, 30, 5_000_000)})  # fmt: skip


def test_the_scale_reads_as_a_ratio_in_the_pages_language(settings):
    from django.utils import translation

    assert demo_world() is None
    mark_demo_world(Fraction(PARTICIPANTS_PER_MEMBER) / Fraction("0.05"))
    assert marker_path().stat().st_mode & 0o777 == 0o600
    with translation.override("id"):
        assert demo_world().ratio == "1:12.800"
    with translation.override("en"):
        assert demo_world().ratio == "1:12,800"
    mark_demo_world(Fraction(640, 3))
    assert demo_world().ratio.startswith("1:213")


@pytest.mark.parametrize(("name", "args"), MAIN_PAGES)
def test_every_main_page_carries_the_banner_in_a_demo(officer, numbers, name, args):
    url = reverse(name, args=args)
    plain = officer.get(url)
    assert plain.status_code == 200
    assert 'data-testid="demo-banner"' not in plain.content.decode()

    mark_demo_world(Fraction(PARTICIPANTS_PER_MEMBER))
    html = officer.get(url).content.decode()
    assert 'data-testid="demo-banner"' in html
    assert "bukan data resmi; skala 1:640" in html


def test_the_banner_is_shown_before_signing_in_and_in_english(client, db):
    mark_demo_world(Fraction(PARTICIPANTS_PER_MEMBER))
    page = client.get(reverse("login"))
    assert 'data-testid="demo-banner"' in page.content.decode()
    english = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Demo data" in english.text and "not official data; scale 1:640" in english.text


def test_the_region_page_states_the_scale_next_to_its_counts(officer, numbers):
    url = reverse("dashboard:region", args=["64"])
    assert 'data-testid="demo-scale"' not in officer.get(url).content.decode()
    mark_demo_world(Fraction(PARTICIPANTS_PER_MEMBER))
    html = officer.get(url).content.decode()  # the cached body is not reused: the scale differs
    tiles = html.split('data-testid="kpi"')[1].split("</section>")[0]
    assert tiles.count('data-testid="demo-scale"') >= 2  # active members, listed persons
    assert "data demo, skala 1:640" in tiles


def test_the_budget_tiles_state_the_scale(officer, numbers):
    url = reverse("budgets:national")
    assert 'data-testid="demo-scale"' not in officer.get(url).content.decode()
    mark_demo_world(Fraction(PARTICIPANTS_PER_MEMBER))
    html = officer.get(url).content.decode()  # the cached body is not reused: the scale differs
    tiles = html.split('class="tiles')[1].split("</section>")[0]
    assert tiles.count('data-testid="demo-scale"') == 3  # pagu, kebutuhan, realisasi
