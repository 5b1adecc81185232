"""`pantau scorecard --region CODE --year YYYY [--format text|json]`."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command

from pantau.core.command import UsageError
from tests.budgets.scorecard_world import allocate, coverage, listed, plan, regulate

PARTS = ["regulation", "planning", "budget", "list_coverage", "ucj", "ucj_trend", "follow_up"]


@pytest.fixture
def kaltim(make_user):
    admin = make_user("admin", "national", None, is_superuser=True)
    regulate(admin, "64.02", "perda", ["non_asn"])
    plan(admin, "64.02", True, True)
    plan(admin, "64", True, False)
    listed("64.02", "non_asn", 4, 1000)
    allocate("64.02", "non_asn", 500)
    coverage(datetime.date(2024, 12, 1), members={"64.02": (250, 1000)})
    coverage(datetime.date(2025, 12, 1), members={"64.02": (300, 1000), "64": (5000, 10000)},
             lists={"64.02": (4, 3), "64": (4, 3)})  # fmt: skip


def run_json(capsys, *args) -> dict:
    call_command("scorecard", *args, "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_json_of_a_province(kaltim, capsys):
    body = run_json(capsys, "--region", "64", "--year", "2025")
    assert set(body) == {"region", "name", "year", "ranking", "ranked_among", "ranked_count",
                         "coverage_as_of", "coverage_as_of_12_months_ago", "policy",
                         "province_government", "pemda"}  # fmt: skip
    assert (body["region"], body["name"], body["year"], body["ranking"]) == (
        "64", "Kalimantan Timur", 2025, "regencies_and_cities")  # fmt: skip
    assert (body["coverage_as_of"], body["coverage_as_of_12_months_ago"]) == ("2025-12", "2024-12")
    assert body["policy"]["weights"]["budget"] == 25
    assert body["policy"]["targets"] == {"ucj": "0.5215", "ucj_trend_points": "5"}
    assert len(body["pemda"]) == body["ranked_count"] == 10
    first = body["pemda"][0]
    assert set(first) == {"rank", "code", "name", "level", "score", "score_exact", "parts"}
    assert (first["rank"], first["code"]) == (1, "64.02")
    assert first["name"] == "Kabupaten Kutai Kartanegara"
    assert list(first["parts"]) == PARTS
    for part in first["parts"].values():
        assert set(part) == {"weight", "value", "points", "unknown", "note", "inputs"}
    budget = first["parts"]["budget"]
    assert (budget["weight"], budget["value"], budget["points"]) == (25, 0.5, 12.5)
    assert budget["inputs"]["categories"] == [
        {"category": "non_asn", "status": "under_budgeted", "allocated": 500, "need": 1000,
         "value": 0.5}
    ]  # fmt: skip
    trend = first["parts"]["ucj_trend"]["inputs"]
    assert (trend["ucj"], trend["ucj_12_months_ago"], trend["change_points"]) == (0.3, 0.25, 5.0)
    assert first["parts"]["regulation"]["inputs"]["kind"] == "perda"
    assert first["score"] == round(sum(p["points"] for p in first["parts"].values()), 1)
    assert [p["rank"] for p in body["pemda"][1:]] == [2] * 9  # the others: nothing, a tie
    government = body["province_government"]
    assert (government["code"], government["rank"]) == ("64", None)
    assert government["parts"]["planning"]["points"] == 5.0


def test_json_of_indonesia_and_of_a_regency(kaltim, capsys):
    body = run_json(capsys, "--year", "2025")
    assert (body["region"], body["ranking"], body["ranked_count"]) == ("ID", "provinces", 38)
    assert body["province_government"] is None and body["pemda"][0]["code"] == "64"
    body = run_json(capsys, "--region", "6471", "--year", "2025")
    assert [(p["code"], p["rank"]) for p in body["pemda"]] == [("64.71", 2)]
    assert (body["ranked_among"], body["ranked_count"]) == ("64", 10)


def test_without_any_data_every_coverage_part_is_unknown(db, capsys):
    body = run_json(capsys, "--region", "65", "--year", "2023")
    assert body["coverage_as_of"] is None
    for pemda in body["pemda"]:
        # No monev action was due either: nothing missed, the follow-up weight (5).
        assert pemda["score"] == 5.0 and pemda["rank"] == 1
        assert pemda["parts"]["follow_up"]["note"] == "no_actions"
        unknown = [name for name, part in pemda["parts"].items() if part["unknown"]]
        assert unknown == ["list_coverage", "ucj", "ucj_trend"]


def test_text_output_is_a_table(kaltim, capsys):
    call_command("scorecard", "--region", "64", "--year", "2025")
    out = capsys.readouterr().out
    assert "Kabupaten Kutai Kartanegara" in out and "Kalimantan Timur" in out
    assert "anggaran (25)" in out and "12.5" in out


@pytest.mark.parametrize(
    ("region", "says"),
    [
        ("99", "Kode wilayah 99 tidak ditemukan. / Region code 99 does not exist."),
        ("abc", "bukan kode wilayah Kemendagri"),
        ("64.02.05", "bukan Pemda; pilih provinsi"),
    ],
)
def test_a_bad_region_is_refused_in_one_line(db, region, says):
    with pytest.raises(UsageError) as raised:
        call_command("scorecard", "--region", region, "--year", "2025")
    assert raised.value.returncode == 2
    message = str(raised.value)
    assert says in message and " / " in message and "\n" not in message


def test_the_year_defaults_to_the_latest_year_with_data(kaltim, capsys):
    body = run_json(capsys, "--region", "64")
    assert body["year"] == 2025
