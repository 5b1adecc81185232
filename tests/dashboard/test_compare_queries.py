"""The compare page costs a fixed number of queries, whatever the number of regions,
indicators and months: no query per region."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.dashboard.compare_world import publish_kalimantan

AUTH = 2  # session and user
# Data imported since the last refresh? (`site.freshness`): every signed-in page, no download.
NOTICE = 1
# The months, the regions, the member rows and the list rows of every region and month.
COMPARE_PAGE = 4

URL = reverse("dashboard:compare")
FEW = {"wilayah": ["64"], "indikator": ["ucj"], "bulan": ["2022-07"]}
MANY = {
    "wilayah": [
        "ID",
        "64",
        "65",
        "64.01",
        "64.02",
        "64.03",
        "64.07",
        "64.08",
        "64.09",
        "64.11",
        "64.71",
        "64.72",
    ],
    "indikator": ["ucj", "list_coverage", "active_members", "not_covered", "gap_cost"],
    "bulan": ["2022-07", "2022-06", "2021-07"],
}


@pytest.fixture
def world(db):
    publish_kalimantan()


@pytest.mark.parametrize("query", [FEW, MANY], ids=["one", "twelve"])
@pytest.mark.parametrize("fmt", [None, "xlsx", "csv"])
def test_a_fixed_number_of_queries(client_as, world, django_assert_num_queries, query, fmt):
    client = client_as("viewer")
    with django_assert_num_queries(AUTH + COMPARE_PAGE + (NOTICE if fmt is None else 0)):
        response = client.get(URL, {**query, **({"unduh": fmt} if fmt else {})})
    assert response.status_code == 200
    rows = len(query["wilayah"]) * len(query["indikator"])
    if fmt is None:
        assert response.content.decode().count('<tr data-code="') == rows


def test_indonesia_alone_needs_no_region_query(client_as, world, django_assert_num_queries):
    client = client_as("viewer")
    with django_assert_num_queries(AUTH + NOTICE + COMPARE_PAGE - 1):
        client.get(URL, {"wilayah": "ID"})
