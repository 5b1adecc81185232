"""The rules calculator in the API: no login, the same results and working (citations) as
`pantau rules`, and a bad value refused with 400 and the rules' bilingual message."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

# (API path, query, the same question to `pantau rules`)
QUESTIONS = [
    (
        "contribution",
        {"segment": "pu", "month": "2022-07", "programs": "jkk,jkm,jht,jp",
         "wage": "5.000.000", "risk_class": "1"},
        ["contribution", "--segment", "pu", "--month", "2022-07", "--programs",
         "jkk,jkm,jht,jp", "--wage", "5.000.000", "--risk-class", "1"],
    ),
    (
        "contribution",
        {"segment": "bpu", "month": "2020-09", "programs": "jkk,jkm", "income": "1000000"},
        ["contribution", "--segment", "bpu", "--month", "2020-09", "--programs", "jkk,jkm",
         "--income", "1000000"],
    ),
    (
        "budget",
        {"category": "non_asn", "persons": "1200", "year": "2025", "wage": "3000000"},
        ["budget", "--category", "non_asn", "--persons", "1200", "--year", "2025",
         "--wage", "3000000"],
    ),
    (
        "benefit/jkm",
        {"death_date": "2022-07-14", "membership_start": "2018-01-01", "children": "2"},
        ["benefit", "jkm", "--death-date", "2022-07-14", "--membership-start", "2018-01-01",
         "--children", "2"],
    ),
    (
        "benefit/jkk-death",
        {"wage": "4000000", "date": "2022-07-14"},
        ["benefit", "jkk-death", "--wage", "4000000", "--date", "2022-07-14"],
    ),
    (
        "benefit/jkk-disability",
        {"wage": "4000000", "date": "2022-07-14"},
        ["benefit", "jkk-disability", "--wage", "4000000", "--date", "2022-07-14"],
    ),
]  # fmt: skip

BAD = [
    ("contribution", {"segment": "xx", "month": "2022-07", "programs": "jkm"}, "segment"),
    (
        "contribution",
        {"segment": "pu", "month": "2022-13", "programs": "jkm", "wage": "1000000"},
        "month",
    ),  # fmt: skip
    (
        "contribution",
        {"segment": "pu", "month": "2022-07", "programs": "jkk", "wage": "5000000"},
        "risk_class",
    ),  # fmt: skip
    (
        "contribution",
        {"segment": "bpu", "month": "2022-07", "programs": "jkm", "wage": "5000000"},
        "wage",
    ),  # fmt: skip
    ("contribution", {"segment": "pu", "month": "2022-07"}, "programs"),  # missing
    ("budget", {"category": "pns", "persons": "10", "year": "2025"}, "category"),
    ("budget", {"category": "non_asn", "persons": "-1", "year": "2025"}, "persons"),
    ("benefit/jkk-death", {"wage": "4.500", "date": "2022-07-14"}, "wage"),
    (
        "benefit/jkm",
        {"death_date": "kemarin", "membership_start": "2018-01-01"},
        "death_date",
    ),  # fmt: skip
    ("scholarship", {}, "date"),
]


def url(name: str) -> str:
    return f"/api/v1/rules/{name}/"


def cli(*args: str) -> str:
    out = io.StringIO()
    call_command("rules", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "params", "args"), QUESTIONS)
def test_the_same_result_and_working_as_the_command(client, name, params, args):
    response = client.get(url(name), params)  # nobody signed in
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["result"] == json.loads(cli(*args, "--format", "json"))
    assert body["working"] == cli("explain", *args).splitlines()
    assert any("Pasal" in line or "PP" in line for line in body["working"])  # citations


def test_the_working_in_english(client):
    name, params, args = QUESTIONS[0]
    body = client.get(url(name), {**params, "language": "en"}).json()
    assert body["working"] == cli("explain", *args, "--language", "en").splitlines()


def test_scholarship_schedule(client):
    body = client.get(url("scholarship"), {"date": "2022-07-14"}).json()
    assert body["result"] and {"code", "per_year", "max_total"} <= body["result"][0].keys()


@pytest.mark.parametrize(("name", "params", "field"), BAD)
def test_bad_input_is_a_400_naming_the_value(client, name, params, field):
    response = client.get(url(name), params)
    assert response.status_code == 400, response.content
    message = response.json()[field][0]
    assert message  # the rules' own words for the rules' refusals: Indonesian / English


def test_a_rules_refusal_is_bilingual(client):
    response = client.get(url("budget"), {"category": "pns", "persons": "1", "year": "2025"})
    assert " / " in response.json()["category"][0]


def test_a_bad_token_does_not_matter_here(client):
    name, params, _ = QUESTIONS[0]
    response = client.get(url(name), params, HTTP_AUTHORIZATION="Token pantau_wrong")
    assert response.status_code == 200
