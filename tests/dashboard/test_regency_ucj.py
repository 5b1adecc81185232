"""UCJ below the province (issue 16, part 5): a regency's UCJ with its workforce source and
year, a plain sentence where no figure exists, and the regencies ranked by UCJ when they
have figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.engine.models import Workforce
from tests.dashboard.coverage_data import publish

KUKAR_SOURCE = "BPS Kabupaten Kutai Kartanegara, Sakernas Agustus 2022"
MISSING = "UCJ butuh jumlah penduduk bekerja (BPS Sakernas) untuk wilayah ini; belum ada"


@pytest.fixture
def viewer(client_as):
    return client_as("viewer")


def body(response) -> dict:
    return next(c for c in response.context if "dashboard" in c)


@pytest.fixture
def regency_figures(no_stored_figures):
    """Kutai Kartanegara and Balikpapan have a workforce figure; Paser has none."""
    Workforce.objects.create(region_id="64.02", year=2022, employed=1_000, source=KUKAR_SOURCE)
    Workforce.objects.create(region_id="64.71", year=2022, employed=800, source="BPS Balikpapan")
    lists = {("64.02", "non_asn"): (10, 9, 1, 0, 100), ("64.71", "non_asn"): (10, 2, 4, 4, 900),
             ("64.01", "non_asn"): (10, 5, 5, 0, 500)}  # fmt: skip
    members = {"64": (2_128, 3_176), "64.02": (405, 1_000), "64.71": (600, 800),
               "64.01": (50, None)}  # fmt: skip
    publish("2022-07", members=members, lists=lists)


def test_a_regency_shows_its_ucj_with_the_source_and_year(viewer, regency_figures):
    html = viewer.get(reverse("dashboard:region", args=["64.02"])).content.decode()
    assert 'data-kpi="ucj">40,5 %' in html
    assert "dari 1.000 penduduk bekerja (2022)" in html
    assert 'data-testid="workforce-source"' in html
    assert f"Penduduk bekerja 2022, sumber: {KUKAR_SOURCE}" in html
    assert 'data-testid="ucj-missing"' not in html


def test_without_a_figure_the_page_says_why_and_how_to_get_one(viewer, regency_figures):
    paser = viewer.get(reverse("dashboard:region", args=["64.01"])).content.decode()
    assert 'data-kpi="ucj">–' in paser
    assert MISSING in paser and "pantau import workforce" in paser
    assert 'data-testid="workforce-source"' not in paser
    english = viewer.get(reverse("dashboard:region", args=["64.01"]), HTTP_ACCEPT_LANGUAGE="en")
    assert "UCJ needs the number of employed persons (BPS Sakernas)" in english.text
    # Below the regency no figure can exist: the page says so instead of asking for one.
    district = viewer.get(reverse("dashboard:region", args=["64.02.06"])).content.decode()
    assert "BPS Sakernas tidak mencatat penduduk bekerja per kecamatan atau desa" in district
    assert MISSING not in district


def test_regencies_with_figures_are_ranked_by_ucj(viewer, regency_figures):
    response = viewer.get(reverse("dashboard:region", args=["64"]))
    dashboard = body(response)["dashboard"]
    assert dashboard.indicator.key == "ucj"  # the default once regencies have figures
    ranks = {row.code: row.rank for row in dashboard.children}
    # Balikpapan 75,0 % before Kutai Kartanegara 40,5 %; Paser has no UCJ, so no rank.
    assert (ranks["64.71"], ranks["64.02"], ranks["64.01"]) == (1, 2, None)
    table = {row.code: row for row in body(response)["table"]}
    assert (table["64.71"].ucj, table["64.02"].ucj, table["64.01"].ucj) == ("75,0 %", "40,5 %", "–")
    assert 'data-testid="children-ucj-missing"' not in response.content.decode()
    worst_first = viewer.get(reverse("dashboard:region", args=["64"]), {"urut": "ucj"})
    order = [row.code for row in body(worst_first)["table"]]
    assert order[:2] == ["64.02", "64.71"]  # the lowest UCJ first; those without come last
    # Asked for, another indicator still ranks the regencies.
    by_lists = viewer.get(reverse("dashboard:region", args=["64"]), {"indikator": "list_coverage"})
    assert body(by_lists)["dashboard"].indicator.key == "list_coverage"


def test_without_regency_figures_the_province_ranks_by_lists_and_says_why(viewer, db):
    publish("2022-07", members={"64": (2_128, 3_176)},
            lists={("64.02", "non_asn"): (10, 9, 1, 0, 100)})  # fmt: skip
    response = viewer.get(reverse("dashboard:region", args=["64"]))
    assert body(response)["dashboard"].indicator.key == "list_coverage"
    assert 'data-testid="children-ucj-missing"' in response.content.decode()
    by_ucj = viewer.get(reverse("dashboard:region", args=["64"]), {"indikator": "ucj"})
    html = by_ucj.content.decode()
    assert 'data-testid="map-empty"' in html
    assert "UCJ butuh jumlah penduduk bekerja (BPS Sakernas) untuk wilayah di bawahnya" in html
