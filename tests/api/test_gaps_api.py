"""`/api/v1/gaps/<code>/`: the gap page's rows for machines, under the page's scope: the
region's people only inside the user's subtree and never for viewers, NIK masked unless the
role may see it, every read audited, `?format=csv` the gap list's CSV, bad filters a 400."""

from __future__ import annotations

import csv
import io

import pytest

from pantau.accounts import tokens
from pantau.audit.models import AuditEvent
from tests.engine.ground_truth import B, C, D, build_ground_truth
from tests.worlds import module_world

URL = "/api/v1/gaps/64.02/"
MASKED = "**********"


@pytest.fixture(scope="module")
def built_ground_truth(tmp_path_factory, django_db_setup, django_db_blocker):
    """Built once for the module; each test reads it inside its own savepoint."""
    files = tmp_path_factory.mktemp("gaps-api")
    with module_world(django_db_blocker, files / "data"):
        yield build_ground_truth(files)


@pytest.fixture
def ground_truth(built_ground_truth, db):
    return built_ground_truth


def test_a_kukar_token_reads_its_gap_rows_with_whole_niks(ground_truth, make_user, client):
    user = make_user("kukar", "pemda", "64.02")
    _token, raw = tokens.create(user)
    response = client.get(URL, {"category": "non_asn"}, HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert body["count"] == 3 and body["previous"] is None and body["next"] is None
    rows = body["results"]
    assert sorted(row["nik"] for row in rows) == sorted([B, C, D])
    by_nik = {row["nik"]: row for row in rows}
    assert by_nik[B]["status"] == "lapsed" and by_nik[C]["status"] == "not_enrolled"
    assert by_nik[B]["name"] == "Orang 02" and by_nik[B]["pemda"] == "64.02"
    assert by_nik[B]["category"] == "non_asn" and by_nik[B]["pemda_name"]
    event = AuditEvent.objects.get(action="api_gaps_view")
    assert (event.region_code, event.rows, event.username) == ("64.02", 3, "kukar")


@pytest.mark.parametrize(
    ("role", "region", "whole"),
    [("pemda", "64.02", True), ("bpjs", "64", True), ("national", None, False),
     ("pemda", "64", True)],
)  # fmt: skip
def test_nik_masked_per_role_as_on_the_page(ground_truth, client_as, role, region, whole):
    body = client_as(role, region).get(URL, {"category": "non_asn"}).json()
    niks = {row["nik"] for row in body["results"]}
    if whole:
        assert niks == {B, C, D}
    else:
        assert niks == {B[:6] + MASKED}  # the three share region and masking
        assert len(body["results"]) == 3
        assert all(n not in str(body) for n in (B, C, D))


@pytest.mark.parametrize(
    ("role", "region"),
    [("pemda", "64.01"), ("pemda", "64.71"), ("viewer", None), ("viewer", "64.02"),
     ("bpjs", "65")],
)  # fmt: skip
def test_another_regions_people_are_refused(ground_truth, client_as, role, region):
    client = client_as(role, region)
    for params in ({}, {"format": "csv"}):
        response = client.get(URL, params)
        assert response.status_code == 403
        assert B not in response.content.decode()
    assert not AuditEvent.objects.filter(action__startswith="api_gaps").exists()


def test_no_login_no_people(ground_truth, client):
    assert client.get(URL).status_code in (401, 403)
    assert client.get(URL, HTTP_AUTHORIZATION="Token pantau_wrong").status_code == 401


@pytest.mark.parametrize(
    "params",
    [{"category": "astronaut"}, {"status": "dead"}, {"as_of": "2022-13"}, {"as_of": "juli"},
     {"as_of": "x" * 50}],
)  # fmt: skip
def test_bad_filters_are_400_with_a_message(ground_truth, client_as, params):
    response = client_as("pemda", "64.02").get(URL, params)
    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_unknown_region_is_404(ground_truth, client_as):
    client = client_as("national")
    assert client.get("/api/v1/gaps/99.99/").status_code == 404
    assert client.get("/api/v1/gaps/zz/").status_code == 404


def test_status_filter_and_paging(ground_truth, client_as):
    client = client_as("pemda", "64.02")
    lapsed = client.get(URL, {"category": "non_asn", "status": "lapsed"}).json()
    assert {row["nik"] for row in lapsed["results"]} == {B, D}
    first = client.get(URL, {"category": "non_asn", "limit": 2}).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    second = client.get(URL, {"category": "non_asn", "limit": 2, "offset": 2}).json()
    assert len(second["results"]) == 1 and second["previous"]
    assert {r["nik"] for r in first["results"] + second["results"]} == {B, C, D}
    far = client.get(URL, {"category": "non_asn", "offset": 10**30, "limit": 10**30}).json()
    assert (far["count"], far["results"]) == (3, [])


def test_csv_is_the_gap_lists_csv_and_audited(ground_truth, client_as):
    response = client_as("pemda", "64.02").get(URL, {"category": "non_asn", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["nik"] for row in rows} == {B, C, D}
    event = AuditEvent.objects.get(action="api_gaps_export_csv")
    assert (event.region_code, event.rows) == ("64.02", 3)


def test_csv_masks_niks_for_the_national_team(ground_truth, client_as):
    response = client_as("national").get(URL, {"category": "non_asn", "format": "csv"})
    text = response.content.decode()
    assert B not in text and C not in text and B[:6] + MASKED in text
    assert "disamarkan" in AuditEvent.objects.get(action="api_gaps_export_csv").description


def test_queries_do_not_grow_with_rows(ground_truth, client_as, django_assert_max_num_queries):
    client = client_as("pemda", "64.02")
    client.get(URL)
    with django_assert_max_num_queries(12):
        assert client.get(URL, {"category": "non_asn"}).status_code == 200
