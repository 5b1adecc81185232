"""Budgets in the API: the same status rows as the budget pages (`status.budget_rows`),
filters checked (400), the page's CSV, a fixed number of queries; allocations read by all and
written only by the Pemda's own officers (`can_edit_budget`), through the form's service,
each write audited."""

from __future__ import annotations

import pytest

from pantau.accounts import tokens
from pantau.audit.models import AuditEvent
from pantau.budgets.models import Allocation
from pantau.budgets.status import budget_rows
from tests.budgets.pages_world import YEAR, allocate, listed

URL = "/api/v1/budgets/"
ALLOCATIONS = "/api/v1/budgets/allocations/"


@pytest.fixture
def kaltim(db):
    """East Kalimantan in 2025 as the budget page tests build it."""
    listed("64", "non_asn", 40, 100_000_000)
    allocate("64", "non_asn", 120_000_000, realized="90000000", document="Pergub Kaltim 7/2025")
    listed("64.02", "non_asn", 30, 80_000_000)
    allocate("64.02", "non_asn", 2_500_000_000, realized="3000000000")
    listed("64.71", "non_asn", 20, 50_000_000)
    listed("64.72", "non_asn", 25, 60_000_000)
    allocate("64.72", "non_asn", 0, persons="0", document="")
    listed("64.01", "non_asn", 10, 30_000_000)
    allocate("64.01", "non_asn", 20_000_000)
    listed("64.01", "village_official", 12, 1_000_000)
    listed("65.01", "non_asn", 10, 20_000_000)


@pytest.fixture
def refreshed(monkeypatch) -> list:
    """The needs recomputed after a write, as the page's form does (the test world's lists
    have no lake files to recount, so the call is recorded instead)."""
    calls: list = []
    monkeypatch.setattr("pantau.api.views.domain_budgets.refresh_needs",
                        lambda year, pemda: calls.append((year, pemda)))  # fmt: skip
    return calls


def token_for(make_user, username, role, region=None) -> dict:
    _, raw = tokens.create(make_user(username, role, region))
    return {"HTTP_AUTHORIZATION": f"Token {raw}"}


def test_status_rows_are_the_pages_rows(client_as, kaltim):
    body = client_as("viewer", "65").get(URL, {"region": "64", "year": YEAR}).json()
    expected = budget_rows("64", YEAR)
    assert body["count"] == len(expected) == 6
    assert body["region"] == "64" and body["year"] == YEAR
    got = [(r["code"], r["category"], r["status"], r["need"], r["allocated"], r["flags"])
           for r in body["results"]]  # fmt: skip
    assert got == [(r.code, r.category, r.status, r.need, r.allocated, r.flags)
                   for r in expected]  # fmt: skip
    first = body["results"][0]
    assert first["status"] == "not_budgeted"
    kukar = next(r for r in body["results"] if r["code"] == "64.02")
    assert kukar["realization_rate"] == 1.2
    assert "review_over_budget" in kukar["flags"]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ({"status": "under_budgeted"}, ["64.01"]),
        ({"category": "village_official"}, ["64.01"]),
        ({"region": "64.02"}, ["64.02"]),
        ({"region": "64.02.01"}, []),  # a district holds no Pemda
    ],
)
def test_status_filters(client_as, kaltim, query, codes):
    body = client_as("national").get(URL, {"region": "64", "year": YEAR, **query}).json()
    assert [r["code"] for r in body["results"]] == codes


def test_national_rows_and_pagination(client_as, kaltim):
    client = client_as("national")
    body = client.get(URL, {"year": YEAR, "limit": 2}).json()
    assert body["count"] == 7 and len(body["results"]) == 2 and body["next"]
    assert body["region"] == "ID"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "bogus"}, "status"),
        ({"category": "pns"}, "category"),
        ({"year": "20x5"}, "year"),
        ({"year": "1999"}, "year"),
        ({"year": "2999"}, "year"),
        ({"region": "99.99"}, "region"),
        ({"region": "x" * 50}, "region"),
    ],
)
def test_bad_filter_values_are_400(client_as, kaltim, query, field):
    response = client_as("national").get(URL, query)
    assert response.status_code == 400
    assert field in response.json()
    assert " / " in response.json()[field][0]  # Bahasa Indonesia / English


def test_csv_is_the_pages_csv(client_as, kaltim):
    client = client_as("national")
    api = client.get(URL, {"region": "64", "year": YEAR, "format": "csv"})
    page = client.get(f"/wilayah/64/anggaran/?tahun={YEAR}&format=csv")
    assert api.status_code == 200 and api["Content-Type"].startswith("text/csv")
    assert api.content == page.content


def test_status_list_runs_a_fixed_number_of_queries(client_as, kaltim,
                                                    django_assert_max_num_queries):  # fmt: skip
    client = client_as("national")
    client.get(URL, {"year": YEAR})  # warm: session, user
    with django_assert_max_num_queries(12):
        assert client.get(URL, {"year": YEAR}).status_code == 200


def test_sign_in_is_needed(client, kaltim):
    assert client.get(URL).status_code in (401, 403)


# ---------------------------------------------------------------- allocations


def entry(**changes) -> dict:
    return {"pemda": "64.71", "year": "2025", "category": "non_asn", "stage": "murni",
            "persons": "20", "amount": "55.000.000", "document": "DPA 2025", **changes}  # fmt: skip


def test_allocations_are_read_by_everyone(client_as, kaltim, django_assert_max_num_queries):
    client = client_as("viewer")
    client.get(ALLOCATIONS)
    with django_assert_max_num_queries(6):
        body = client.get(ALLOCATIONS, {"region": "64", "year": YEAR}).json()
    assert body["count"] == 4
    assert {r["pemda"] for r in body["results"]} == {"64", "64.02", "64.72", "64.01"}
    one = client.get(ALLOCATIONS, {"region": "64.02"}).json()["results"][0]
    assert one["amount"] == 2_500_000_000 and one["realized"] == 3_000_000_000
    assert one["pemda_name"] and one["is_current"] is True


@pytest.mark.parametrize(
    "query",
    [{"year": "abc"}, {"category": "pns"}, {"stage": "x"}, {"current": "maybe"},
     {"region": "99"}],
)  # fmt: skip
def test_bad_allocation_filters_are_400(client_as, kaltim, query):
    response = client_as("viewer").get(ALLOCATIONS, query)
    assert response.status_code == 400
    assert " / " in next(iter(response.json().values()))[0]  # Bahasa Indonesia / English


def test_the_pemdas_own_officer_records_an_allocation(client, make_user, kaltim, refreshed):
    auth = token_for(make_user, "balikpapan", "pemda", "64.71")
    response = client.post(ALLOCATIONS, entry(), content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "created" and body["allocation"]["amount"] == 55_000_000
    stored = Allocation.objects.current().get(pemda_id="64.71", year=2025, category="non_asn")
    assert stored.entered_by.username == "balikpapan"
    event = AuditEvent.objects.get(action="api_allocation_record")
    assert event.region_code == "64.71" and event.username == "balikpapan"
    # The need is recomputed as after the page's form; the status reads the allocation.
    assert refreshed == [(2025, "64.71")]
    row = next(r for r in budget_rows("64.71", 2025) if r.category == "non_asn")
    assert row.allocated == 55_000_000
    # The same again: nothing new, still audited as a write attempt.
    again = client.post(ALLOCATIONS, entry(), content_type="application/json", **auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    assert refreshed == [(2025, "64.71")]  # nothing changed: no recount


def test_put_replaces_and_keeps_the_history(client, make_user, kaltim, refreshed):
    auth = token_for(make_user, "kukar", "pemda", "64.02")
    url = f"{ALLOCATIONS}64.02/2025/non_asn/"
    before = client.get(url, **auth).json()
    response = client.put(url, {k: v for k, v in entry().items()
                                if k not in ("pemda", "year", "category")} | {
        "stage": "perubahan", "amount": "90000000"}, content_type="application/json",
        **auth)  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "replaced" and body["replaced"] == before["id"]
    assert client.get(url, **auth).json()["amount"] == 90_000_000
    assert Allocation.objects.filter(pemda_id="64.02", year=2025).count() == 2
    events = AuditEvent.objects.filter(action="api_allocation_record", region_code="64.02")
    assert events.count() == 1


@pytest.mark.parametrize(
    ("role", "region"),
    [("national", None), ("pemda", "64"), ("pemda", "64.02"), ("bpjs", "64.71"),
     ("viewer", "64.71")],
)  # fmt: skip
def test_others_may_not_write(client, make_user, kaltim, role, region):
    auth = token_for(make_user, "someone", role, region)
    response = client.post(ALLOCATIONS, entry(), content_type="application/json", **auth)
    assert response.status_code == 403
    put = client.put(f"{ALLOCATIONS}64.71/2025/non_asn/", entry(),
                     content_type="application/json", **auth)  # fmt: skip
    assert put.status_code == 403
    assert not Allocation.objects.filter(pemda_id="64.71").exists()
    assert not AuditEvent.objects.filter(action="api_allocation_record").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"amount": "-5"}, "amount"), ({"amount": "12,5"}, "amount"), ({"year": "1990"}, "year"),
     ({"category": "pns"}, "category"), ({"stage": "final"}, "stage"),
     ({"persons": "lots"}, "persons"), ({"programs": ["XYZ"]}, "programs")],
)  # fmt: skip
def test_bad_allocations_are_400(client, make_user, kaltim, changes, field):
    auth = token_for(make_user, "balikpapan", "pemda", "64.71")
    response = client.post(ALLOCATIONS, entry(**changes), content_type="application/json",
                           **auth)  # fmt: skip
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not AuditEvent.objects.exists()
