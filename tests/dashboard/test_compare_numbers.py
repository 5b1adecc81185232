"""The compare page shows the region pages' own numbers, and the change between months is
exact: shares in percentage points, persons and Rupiah as whole differences."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from django.http import QueryDict
from django.urls import reverse

from pantau.dashboard import compare, summary
from pantau.dashboard.indicators import INDICATORS
from tests.dashboard.compare_world import publish_kalimantan

URL = reverse("dashboard:compare")


@pytest.fixture
def world(db):
    publish_kalimantan()


def kpi(html: str, name: str) -> str:
    return re.search(rf'data-kpi="{name}">([^<]*)<', html)[1]


def cells(html: str, indicator: str, code: str) -> list[str]:
    """The values (newest month first) and the change of one region's row."""
    block = html.split(f'<tbody data-indicator="{indicator}">')[1].split("</tbody>")[0]
    row = block.split(f'<tr data-code="{code}">')[1].split("</tr>")[0]
    return re.findall(r"<td[^>]*>([^<]*)</td>", row)


@pytest.mark.parametrize(
    ("code", "on_page", "kategori"),
    [("64", "64", ""), ("ID", None, ""), ("65", "65", "non_asn"), ("64.02", "64.02", "non_asn")],
)
def test_the_numbers_are_the_region_pages(client_as, world, code, on_page, kategori):
    client = client_as("viewer")
    url = reverse("dashboard:region", args=[on_page]) if on_page else reverse("dashboard:national")
    region_page = client.get(url, {"bulan": "2022-07", "kategori": kategori}).content.decode()
    query = {"wilayah": code, "bulan": ["2022-07", "2021-07"], "kategori": kategori,
             "indikator": ["ucj", "active_members", "list_coverage"]}  # fmt: skip
    html = client.get(URL, query).content.decode()
    assert cells(html, "ucj", code)[0] == kpi(region_page, "ucj")
    assert cells(html, "active_members", code)[0] == kpi(region_page, "active_members")
    if kategori:
        tile = kpi(region_page, f"list_coverage_{kategori}")
        assert cells(html, "list_coverage", code)[0] == tile


def test_kaltim_and_kaltara_a_year_apart(client_as, world):
    html = client_as("viewer").get(URL, {
        "wilayah": ["64", "65", "64.02"],
        "indikator": ["ucj", "list_coverage", "not_covered", "gap_cost", "active_members"],
    }).content.decode()  # fmt: skip
    assert "Perubahan setahun" in html
    # 2,128 / 3,176 = 67.0 %; a year before 2,000 / 3,176 = 63.0 %: +4.0 points.
    assert cells(html, "ucj", "64") == ["67,0 %", "63,0 %", "+4,0 poin"]
    assert cells(html, "ucj", "65") == ["51,0 %", "42,9 %", "+8,1 poin"]
    # No workforce below the province: no UCJ, no change.
    assert cells(html, "ucj", "64.02") == ["–", "–", "–"]
    # All categories summed: 100/140 listed 70+30 covered = 71.4 %, a year before 60 %.
    assert cells(html, "list_coverage", "64") == ["71,4 %", "60,0 %", "+11,4 poin"]
    assert cells(html, "not_covered", "64.02") == ["20", "40", "−20"]
    assert cells(html, "gap_cost", "64.02") == ["Rp1.234.567", "Rp2.400.000", "−Rp1.165.433"]
    assert cells(html, "active_members", "64.02") == ["900", "1.000", "−100"]
    assert 'class="num change better" data-change>−20' in html  # fewer unprotected: better
    assert 'class="num change worse" data-change>−100' in html  # fewer members: worse


def test_change_is_exact_before_it_is_rounded(world):
    choice = compare.parse(QueryDict("wilayah=64&wilayah=65"), summary.months())
    comparison = compare.compare(choice)
    kaltim, kaltara = choice.places
    ucj = INDICATORS["ucj"]
    assert comparison.delta(ucj, kaltim) == Fraction(2_128 - 2_000, 3_176)
    assert comparison.delta(ucj, kaltara) == Fraction(357, 700) - Fraction(300, 700)
    assert comparison.delta(INDICATORS["active_members"], kaltara) == 57


@pytest.mark.parametrize(
    ("key", "delta", "text"),
    [
        ("ucj", Fraction(1, 8000), "+0,0 poin"),
        ("ucj", Fraction(1, 2000), "+0,1 poin"),  # 0.05 points: halves go up
        ("ucj", Fraction(-3, 200), "−1,5 poin"),
        ("ucj", Fraction(0), "±0,0 poin"),
        ("active_members", 1_234, "+1.234"),
        ("gap_cost", -2_500_000, "−Rp2.500.000"),
        ("ucj", None, "–"),
    ],
)
def test_change_text(key, delta, text):
    assert compare.change_text(INDICATORS[key], delta) == text


def test_one_month_shows_no_change_column(client_as, world):
    html = client_as("viewer").get(URL, {"wilayah": "64", "bulan": "2022-06"}).content.decode()
    assert cells(html, "ucj", "64") == [f"{2_100 / 3_176 * 100:.1f} %".replace(".", ",")]
    assert 'data-testid="change-header"' not in html
    assert "Pilih dua bulan atau lebih" in html


def test_not_a_year_apart_says_since_when(client_as, world):
    html = (
        client_as("viewer")
        .get(URL, {"wilayah": "64", "bulan": ["2022-07", "2022-06"]})
        .content.decode()
    )
    assert "Perubahan sejak Juni 2022" in html
    assert cells(html, "ucj", "64")[2] == "+0,9 poin"  # (2,128 − 2,100) / 3,176


def test_the_chart_has_the_tables_numbers(client_as, world):
    html = (
        client_as("viewer")
        .get(
            URL, {"wilayah": ["64", "65"], "indikator": ["active_members", "ucj"], "grafik": "ucj"}
        )
        .content.decode()
    )
    data = html.split('<script id="compare-data" type="application/json">')[1].split("</script>")[0]
    assert '"regions": ["Kalimantan Timur", "Kalimantan Utara"]' in data
    # Oldest month first, as a reader's eye goes along the bars.
    assert data.index('"month": "Juli 2021"') < data.index('"month": "Juli 2022"')
    assert '"values": [67.0, 51.0]' in data and '"unit": "percent"' in data
