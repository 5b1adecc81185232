"""The scorecard in the API: the ranking the page shows (`pantau scorecard --format json`),
for every signed-in user, the page's CSV, and bad parameters refused with 400."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tests.budgets.scorecard_world import kaltim_world

URL = "/api/v1/scorecard/"


@pytest.fixture
def kaltim(make_user):
    kaltim_world(make_user("admin", "national", None, is_superuser=True))


def command(*args: str) -> dict:
    out = io.StringIO()
    call_command("scorecard", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("role", "region"), [("national", None), ("pemda", "65.01"),
                                              ("viewer", None), ("bpjs", "64.02")])  # fmt: skip
def test_the_national_ranking_is_the_commands(client_as, kaltim, role, region):
    response = client_as(role, region).get(URL, {"year": 2025})
    assert response.status_code == 200
    body = response.json()
    assert body == command("--year", "2025")
    assert len(body["pemda"]) == 38
    assert [row["code"] for row in body["pemda"][:2]] == ["64", "65"]


def test_a_province_ranks_its_regencies(client_as, kaltim):
    body = client_as("pemda", "64.02").get(URL, {"region": "64", "year": 2025}).json()
    assert body == command("--region", "64", "--year", "2025")
    assert body["province_government"]["code"] == "64"
    assert len(body["pemda"]) == 10


def test_csv_is_the_pages_csv(client_as, kaltim):
    client = client_as("national")
    api = client.get(URL, {"region": "64", "year": 2025, "format": "csv"})
    page = client.get("/wilayah/64/peringkat/?tahun=2025&format=csv")
    assert api.status_code == 200 and api.content == page.content


@pytest.mark.parametrize(
    ("query", "field"),
    [({"region": "64.02.01"}, "region"), ({"region": "99"}, "region"),
     ({"region": "6x"}, "region"), ({"year": "1990"}, "year"), ({"year": "abc"}, "year")],
)  # fmt: skip
def test_bad_parameters_are_400(client_as, kaltim, query, field):
    response = client_as("viewer").get(URL, query)
    assert response.status_code == 400
    assert field in response.json()
    assert " / " in response.json()[field][0]  # Bahasa Indonesia / English


def test_sign_in_is_needed(client, db):
    assert client.get(URL).status_code in (401, 403)
