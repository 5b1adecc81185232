"""`/api/v1/coverage/<code>/` is the object `pantau coverage --format json` prints, read from
the same tables; its trend lists every month; bad parameters are a 400, never a 500."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tests.dashboard.coverage_data import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def months():
    publish("2022-06", members={"64": (2000, 3176), "64.02": (380, 621)})
    publish(
        "2022-07",
        members={"64": (2128, 3176), "64.02": (405, 621)},
        lists={("64", "non_asn"): (202, 129, 40, 33, 197_925_024)},
    )


def cli(*args) -> dict:
    out = io.StringIO()
    call_command("coverage", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("url", "args"),
    [
        ("/api/v1/coverage/64/?as_of=2022-07", ["--region", "64", "--as-of", "2022-07"]),
        ("/api/v1/coverage/64/?as_of=2022-06", ["--region", "64", "--as-of", "2022-06"]),
        ("/api/v1/coverage/6402/", ["--region", "64.02"]),
        ("/api/v1/coverage/ID/?category=non_asn", ["--region", "ID", "--category", "non_asn"]),
    ],
)
def test_the_same_object_as_the_command(client_as, months, url, args):
    answer = client_as("viewer").get(url)
    assert answer.status_code == 200
    assert answer.json() == cli(*args)


def test_the_numbers_are_the_true_ones(client_as, months):
    data = client_as("pemda", "64.02").get("/api/v1/coverage/64/?as_of=2022-07").json()
    assert (data["active_members"], data["workforce"]) == (2128, 3176)
    assert data["ucj_coverage"] == 0.67
    assert data["lists"]["non_asn"]["listed"] == 202


def test_the_trend_has_every_month(client_as, months):
    data = client_as("viewer").get("/api/v1/coverage/64/trend/").json()
    assert [(m["as_of"], m["active_members"]) for m in data["months"]] == [
        ("2022-06", 2000), ("2022-07", 2128),
    ]  # fmt: skip
    assert data["months"][1]["list_coverage"] == round(129 / 202, 4)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/coverage/64/?as_of=2022-13", 400),
        ("/api/v1/coverage/64/?as_of=juli", 400),
        ("/api/v1/coverage/64/?category=farmers", 400),
        ("/api/v1/coverage/99/", 404),
        ("/api/v1/coverage/64/?as_of=2019-01", 404),  # no numbers for that month
        ("/api/v1/coverage/..%2F..%2Fetc/", 404),
        ("/api/v1/coverage/99/trend/", 404),
    ],
)
def test_bad_parameters(client_as, months, url, status):
    answer = client_as("viewer").get(url)
    assert answer.status_code == status, answer.content
    assert answer["Content-Type"] == "application/json"


def test_anonymous_gets_a_401_not_a_login_page(client, months):
    answer = client.get("/api/v1/coverage/64/")
    assert answer.status_code == 401
    assert "detail" in answer.json()


def test_the_coverage_reads_a_fixed_number_of_queries(client_as, months,
                                                      django_assert_max_num_queries):  # fmt: skip
    client = client_as("viewer")
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/coverage/ID/").status_code == 200
