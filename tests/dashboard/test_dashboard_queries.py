"""Every dashboard costs a fixed number of queries, whatever the number of children; a page
seen before costs fewer (its body comes from the cache until the numbers change)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.dashboard.coverage_data import publish
from tests.dashboard.query_counts import PAGE_HIT, PAGE_MISS

AUTH = 2  # session and user


@pytest.fixture
def numbers(db):
    for month in ("2022-05", "2022-06", "2022-07"):
        lists = {("64", "non_asn"): (10, 5, 2, 3, 100), ("64.02", "non_asn"): (4, 2, 1, 1, 9)}
        publish(month, members={"": (10, 100), "64": (5, 10)}, lists=lists)


def dashboard_of(response) -> bytes:
    """The page without its per-response CSRF token (the language form's)."""
    return response.content.split(b"<main")[1].split(b'<form class="search')[0]


# 38 provinces, 10 regencies, 20 districts, 14 villages, and a village (no children).
@pytest.mark.parametrize("code", [None, "64", "64.02", "64.02.06", "64.02.06.1001"])
def test_queries_do_not_grow_with_children(client_as, numbers, django_assert_max_num_queries, code):
    client = client_as("viewer")
    url = reverse("dashboard:region", args=[code]) if code else reverse("dashboard:national")
    with django_assert_max_num_queries(AUTH + PAGE_MISS):
        first = client.get(url)
    assert first.status_code == 200
    with django_assert_max_num_queries(AUTH + PAGE_HIT):
        again = client.get(url)
    assert dashboard_of(again) == dashboard_of(first)


def test_exports_cost_no_more_than_a_page(client_as, numbers, django_assert_max_num_queries):
    client = client_as("viewer")
    with django_assert_max_num_queries(AUTH + PAGE_MISS):
        response = client.get(reverse("dashboard:national"), {"unduh": "csv"})
    assert response.status_code == 200
