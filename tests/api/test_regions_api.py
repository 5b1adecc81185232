"""Regions over the API: the list filtered by the filterset the pages share, the detail as the
old `/api/regions/<code>/` gives it (which keeps working)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_detail_is_the_old_endpoints_object(client_as):
    client = client_as("viewer")
    new = client.get("/api/v1/regions/6402/").json()
    old = client.get("/api/regions/64.02/").json()
    assert new == old
    assert new["name"] == "Kabupaten Kutai Kartanegara"
    assert new["descendants"]["district"] == 20


@pytest.mark.parametrize(
    ("query", "first", "count"),
    [
        ("?level=province", "11", 38),
        ("?parent=64&level=regency", "64.01", 7),
        ("?q=kutai&level=regency", "64.02", 3),
        ("?q=64.02.05", "64.02.05", 14),  # the district and its villages
    ],
)
def test_the_list_filters(client_as, query, first, count):
    data = client_as("viewer").get(f"/api/v1/regions/{query}").json()
    assert data["count"] == count
    assert data["results"][0]["code"] == first


def test_pages_of_results(client_as):
    client = client_as("viewer")
    first = client.get("/api/v1/regions/?level=province&limit=10").json()
    second = client.get("/api/v1/regions/?level=province&limit=10&offset=10").json()
    assert first["count"] == 38 and len(first["results"]) == 10
    assert first["results"][-1]["code"] < second["results"][0]["code"]
    ordered = client.get("/api/v1/regions/?level=province&ordering=-name&limit=1").json()
    assert ordered["results"][0]["name"] == "Sumatera Utara"


@pytest.mark.parametrize("query", ["?level=planet", "?ordering=secret", "?q=" + "x" * 101])
def test_bad_filters_are_a_400(client_as, query):
    answer = client_as("viewer").get(f"/api/v1/regions/{query}")
    assert answer.status_code in (200, 400)  # an unknown ordering is ignored by DRF
    if "level" in query or "q=" in query:
        assert answer.status_code == 400


def test_the_old_endpoint_needs_no_login(client):
    assert client.get("/api/regions/64/").status_code == 200
    assert client.get("/api/v1/regions/64/").status_code == 401
