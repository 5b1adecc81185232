"""`/api/v1/claims/<code>/` (the claims page's totals, for everyone signed in) and
`/api/v1/claims/<code>/flagged/` (person-level: scoped, NIK masked, audited as on the page)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from pantau.accounts import tokens
from pantau.audit.models import AuditEvent
from tests.engine.claims_world import JKM_2022, A, B, X

MASKED = "*" * 10


@pytest.fixture
def claims_world(db, own_data_directory, tmp_path):
    from tests.engine.claims_world import refreshed_claims_world

    return refreshed_claims_world(tmp_path)


pytestmark = pytest.mark.usefixtures("claims_world")


def numbers(count, amount, pemda_count, pemda_amount) -> dict:
    return {"count": count, "amount": amount, "pemda_funded_count": pemda_count,
            "pemda_funded_amount": pemda_amount}  # fmt: skip


def cli(*args: str) -> dict:
    out = io.StringIO()
    call_command("claims", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_totals_are_the_clis_with_months_for_a_viewer(client_as):
    body = client_as("viewer", "64.71").get("/api/v1/claims/64/").json()
    expected = cli("--region", "64")
    assert {key: body[key] for key in expected} == expected
    assert body["programs"]["JKM"] == numbers(1, JKM_2022, 1, JKM_2022)
    assert body["total"]["count"] == 4
    assert sum(month["total"]["count"] for month in body["by_month"]) == 4
    assert [month["month"] for month in body["by_month"]] == ["2022-06", "2022-07"]


def test_totals_of_a_period_and_of_the_nation(client_as):
    client = client_as("pemda", "64.02")
    june = client.get("/api/v1/claims/ID/", {"from": "2022-06", "to": "2022-06"}).json()
    assert june == {**june, **cli("--region", "ID", "--from", "2022-06", "--to", "2022-06")}
    swapped = client.get("/api/v1/claims/6402/", {"from": "2022-08", "to": "2022-07"}).json()
    assert (swapped["from"], swapped["to"], swapped["flagged"]) == ("2022-07", "2022-08", 2)


@pytest.mark.parametrize(
    "params", [{"from": "2022-13"}, {"to": "juli"}, {"table": "x"}, {"to": "9999-12"}]
)
def test_bad_parameters_are_400(client_as, params):
    response = client_as("viewer").get("/api/v1/claims/64/", params)
    assert response.status_code == 400 and set(response.json()) == set(params)
    assert client_as("national").get("/api/v1/claims/99.99/").status_code == 404


def test_totals_csv_is_the_pages(client_as):
    client = client_as("viewer")
    page = client.get("/wilayah/64/klaim/", {"format": "csv", "tabel": "bulan"})
    api = client.get("/api/v1/claims/64/", {"format": "csv", "table": "month"})
    assert api.status_code == 200 and api["Content-Type"].startswith("text/csv")
    assert api.content == page.content


def test_flagged_claims_of_a_regency_with_whole_niks_by_token(make_user, client):
    _token, raw = tokens.create(make_user("kukar", "pemda", "64.02"))
    response = client.get("/api/v1/claims/64.02/flagged/", HTTP_AUTHORIZATION=f"Token {raw}")
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert body["count"] == 2
    assert [(row["claim_no"], row["nik"]) for row in body["results"]] == [("K2", B), ("K5", A)]
    assert body["results"][0]["reasons"] and body["results"][1]["expected_amount"] == 2_500_000
    event = AuditEvent.objects.get(action="api_claims_flagged_view")
    assert (event.region_code, event.rows, event.username) == ("64.02", 2, "kukar")


def test_the_national_team_sees_every_flagged_claim_masked(client_as):
    client = client_as("national")
    body = client.get("/api/v1/claims/ID/flagged/").json()
    assert [row["claim_no"] for row in body["results"]] == ["K3", "K2", "K5"]
    assert {row["nik"] for row in body["results"]} == {n[:6] + MASKED for n in (X, B, A)}
    assert all(n not in json.dumps(body) for n in (A, B, X))
    far = client.get("/api/v1/claims/ID/flagged/", {"offset": 10**30}).json()
    assert (far["count"], far["results"]) == (3, [])
    assert client.get("/api/v1/claims/ID/flagged/", {"to": "9999-12"}).status_code == 400


@pytest.mark.parametrize(
    ("role", "region", "url"),
    [("pemda", "64.02", "64.71"), ("pemda", "64.02", "64"), ("pemda", "64.02", "ID"),
     ("viewer", "64", "64.02"), ("viewer", None, "ID"), ("bpjs", "65", "64")],
)  # fmt: skip
def test_flagged_claims_outside_scope_are_403(client_as, role, region, url):
    client = client_as(role, region)
    for params in ({}, {"format": "csv"}):
        response = client.get(f"/api/v1/claims/{url}/flagged/", params)
        assert response.status_code == 403
        assert A not in response.content.decode() and B not in response.content.decode()
    assert not AuditEvent.objects.filter(action__contains="flagged").exists()


def test_flagged_csv_is_the_pages_and_audited(client_as):
    client = client_as("national")
    api = client.get("/api/v1/claims/64/flagged/", {"format": "csv"})
    page = client.get("/wilayah/64/klaim/", {"format": "csv", "tabel": "ditandai"})
    assert api.status_code == 200 and api.content == page.content
    rows = list(csv.reader(io.StringIO(api.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 3 and B not in api.content.decode()
    event = AuditEvent.objects.get(action="api_claims_flagged_export")
    assert (event.region_code, event.rows) == ("64", 3)


def test_flagged_queries_do_not_grow(client_as, django_assert_max_num_queries):
    client = client_as("national")
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/claims/ID/flagged/").status_code == 200
