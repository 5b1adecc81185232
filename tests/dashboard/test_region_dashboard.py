"""The dashboard of the nation, a province, a regency and a district, read from the
pre-aggregated tables: tiles, map data, ranking, trend, month/indicator/category choices."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.dashboard.coverage_data import publish

JULY = {
    "members": {"": (5_000, 20_000), "64": (2_128, 3_176), "65": (303, 594), "64.02": (405, None)},
    "lists": {
        ("", "non_asn"): (200, 120, 30, 50, 8_000_000),
        ("", "rt_rw"): (100, 90, 5, 5, 1_000_000),
        ("64", "non_asn"): (150, 100, 20, 30, 5_000_000),
        ("64", "rt_rw"): (100, 90, 5, 5, 1_000_000),
        ("65", "non_asn"): (50, 20, 10, 20, 3_000_000),
        ("64.02", "non_asn"): (80, 60, 8, 12, 2_000_000),
        ("64.71", "non_asn"): (70, 40, 12, 18, 3_000_000),
        ("64.02.06", "non_asn"): (30, 30, 0, 0, 0),
    },
}
JUNE = {
    "members": {"": (4_000, 20_000), "64": (2_000, 3_176), "65": (250, 594)},
    "lists": {("", "non_asn"): (200, 100, 40, 60, 9_000_000)},
}


@pytest.fixture
def numbers(db):
    publish("2022-06", **JUNE)
    publish("2022-07", **JULY)


@pytest.fixture
def viewer(client_as):
    return client_as("viewer")


def body(response) -> dict:
    """The context the dashboard body was rendered with (a miss of the page cache)."""
    return next(c for c in response.context if "dashboard" in c)


def test_national_page_shows_the_nations_tiles_and_colours_provinces_by_ucj(viewer, numbers):
    response = viewer.get(reverse("dashboard:national"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-kpi="ucj">25,0 %' in html  # 5,000 of 20,000 employed
    assert 'data-kpi="active_members">5.000' in html
    assert 'data-kpi="list_coverage_non_asn">60,0 %' in html
    payload = body(response)["map"]
    assert payload["geometry"].startswith("/peta/provinsi.geojson?v=")
    values = {region["code"]: region["value"] for region in payload["regions"]}
    assert len(values) == 38
    assert values["64"] == 67.0 and values["65"] == 51.0 and values["11"] is None
    ranks = {region["code"]: region["rank"] for region in payload["regions"]}
    assert (ranks["64"], ranks["65"], ranks["11"]) == (1, 2, None)


def test_ucj_above_100_percent_is_explained(viewer, db):
    # Real 2023 figures of DKI Jakarta (thousands): 7,498 active members work there, 4,870
    # residents are employed. Commuters make the share exceed 100 %, and the page says why.
    publish("2022-07", members={"": (9_000, 20_000), "31": (7_498, 4_870), "64": (2_128, 3_176)})
    html = viewer.get(reverse("dashboard:national")).content.decode()
    assert "154,0 %" in html
    assert 'data-note="ucj-over-full"' in html
    assert "menurut tempat bekerja" in html
    kaltim = viewer.get(reverse("dashboard:region", args=["64"])).content.decode()
    assert 'data-note="ucj-over-full"' not in kaltim
    english = viewer.get(reverse("dashboard:national"), HTTP_ACCEPT_LANGUAGE="en")
    assert "UCJ coverage above 100%: members are counted where they work" in english.text


def test_indicator_and_category_change_colours_and_ranking(viewer, numbers):
    response = viewer.get(
        reverse("dashboard:national"), {"indikator": "not_covered", "kategori": "non_asn"}
    )
    regions = {r["code"]: r for r in body(response)["map"]["regions"]}
    assert regions["64"]["value"] == 50 and regions["65"]["value"] == 30
    # Fewer people without protection ranks first.
    assert (regions["65"]["rank"], regions["64"]["rank"]) == (1, 2)
    assert body(response)["map"]["higherIsBetter"] is False
    html = response.content.decode()
    assert '<option value="not_covered" selected>' in html
    assert '<option value="non_asn" selected>' in html
    # Links into a child keep the choices, so a view can be followed and shared.
    assert regions["64"]["url"] == "/wilayah/64/?indikator=not_covered&kategori=non_asn"


def test_month_choice_and_trend(viewer, numbers):
    june = viewer.get(reverse("dashboard:national"), {"bulan": "2022-06"})
    assert 'data-kpi="ucj">20,0 %' in june.content.decode()
    trend = body(june)["trend"]
    assert trend["months"] == ["2022-06", "2022-07"]
    assert trend["labels"] == ["Juni 2022", "Juli 2022"]  # what the chart shows people
    assert trend["values"] == [20.0, 25.0]
    html = june.content.decode()
    assert '<option value="2022-06" selected>Juni 2022</option>' in html
    assert "<tr><td>Juli 2022</td>" in html  # the trend table
    # A month without numbers falls back to the latest.
    other = viewer.get(reverse("dashboard:national"), {"bulan": "2030-01"})
    assert body(other)["dashboard"].month.key == "2022-07"


def test_province_page_maps_its_regencies_by_list_coverage(viewer, numbers):
    response = viewer.get(reverse("dashboard:region", args=["64"]))
    payload = body(response)["map"]
    assert payload["geometry"].startswith("/peta/kabupaten/64.geojson?v=")
    values = {r["code"]: r["value"] for r in payload["regions"]}
    assert len(values) == 10
    assert values["64.02"] == 75.0 and values["64.71"] == 57.1
    html = response.content.decode()
    assert 'data-kpi="ucj">67,0 %' in html
    assert 'data-testid="gaps"' in html


def test_regency_and_district_pages_show_tables_not_maps(viewer, numbers):
    regency = viewer.get(reverse("dashboard:region", args=["64.02"]))
    assert body(regency)["map"] is None
    rows = body(regency)["table"]
    assert len(rows) == 20
    tenggarong = next(row for row in rows if row.code == "64.02.06")
    assert tenggarong.list_coverage == "100,0 %" and tenggarong.rank == "1"
    district = viewer.get(reverse("dashboard:region", args=["64.02.06"]))
    assert body(district)["map"] is None
    assert len(body(district)["table"]) == 14


@pytest.mark.parametrize(
    ("sort", "first", "state"),
    [("nama", "Aceh", "ascending"), ("-ucj", "Kalimantan Timur", "descending")],
)
def test_children_table_sorts_by_a_column(viewer, numbers, sort, first, state):
    response = viewer.get(reverse("dashboard:national"), {"urut": sort})
    assert body(response)["table"][0].name == first
    assert f'aria-sort="{state}"' in response.content.decode()


def test_without_numbers_the_page_says_how_to_get_them(viewer):
    response = viewer.get(reverse("dashboard:national"))
    assert response.status_code == 200
    assert 'data-testid="no-numbers"' in response.content.decode()
    assert body(response)["trend"]["months"] == []


def test_gap_counts_link_to_the_gap_list_only_for_people_who_may_see_it(client_as, numbers):
    own = client_as("pemda", "64.02").get(reverse("dashboard:region", args=["64.02"]))
    assert "/wilayah/64.02/celah/?kategori=non_asn&amp;status=lapsed" in own.content.decode()
    other = client_as("pemda", "65").get(reverse("dashboard:region", args=["64.02"]))
    html = other.content.decode()
    assert 'data-testid="gaps"' in html
    assert "/celah/" not in html


def test_english_page(viewer, numbers):
    response = viewer.get(reverse("dashboard:national"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert 'data-kpi="ucj">25.0 %' in html
    assert "UCJ coverage" in html
