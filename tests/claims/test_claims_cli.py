"""`pantau claims --region CODE [--from YYYY-MM] [--to YYYY-MM] --format json`: the issue's
shape, months of payment with both ends included; a readable table without --format json."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.engine.claims_world import JKM_2022

pytestmark = pytest.mark.usefixtures("claims_world")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("claims", *args, stdout=out)
    return out.getvalue()


def numbers(count, amount, pemda_count, pemda_amount) -> dict:
    return {"count": count, "amount": amount, "pemda_funded_count": pemda_count,
            "pemda_funded_amount": pemda_amount}  # fmt: skip


def test_a_province_as_json():
    payload = json.loads(run("--region", "64", "--format", "json"))
    assert payload == {
        "region": "64",
        "from": None,
        "to": None,
        "programs": {
            "JKK": numbers(2, 8_000_000, 1, 3_000_000),
            "JKM": numbers(1, JKM_2022, 1, JKM_2022),
            "JHT": numbers(1, 10_000_000, 0, 0),
        },
        "flagged": 3,
        "children": [
            {"region": "64.02", "programs": {"JKK": numbers(2, 8_000_000, 1, 3_000_000),
                                             "JKM": numbers(1, JKM_2022, 1, JKM_2022)}},
            {"region": "64.71", "programs": {"JHT": numbers(1, 10_000_000, 0, 0)}},
        ],
    }  # fmt: skip


def test_months_both_ends_included_and_the_nation():
    payload = json.loads(run("--region", "ID", "--from", "2022-06", "--to", "2022-06",
                             "--format", "json"))  # fmt: skip
    assert payload["region"] == "" and (payload["from"], payload["to"]) == ("2022-06", "2022-06")
    assert payload["programs"] == {"JKM": numbers(1, JKM_2022, 1, JKM_2022)}
    assert payload["flagged"] == 0
    assert [child["region"] for child in payload["children"]] == ["64"]
    july = json.loads(run("--region", "6402", "--from", "2022-07", "--format", "json"))
    assert july["region"] == "64.02" and july["to"] is None
    assert july["programs"] == {"JKK": numbers(2, 8_000_000, 1, 3_000_000)}
    assert july["flagged"] == 2


def test_a_readable_table():
    text = run("--region", "64")
    assert "Kalimantan Timur" in text and "8.000.000" in text and "Ditandai / flagged: 3" in text


@pytest.mark.parametrize(
    "args",
    [
        ("--region", "99"),
        ("--region", "abc"),
        ("--region", "64", "--from", "2022-13"),
        ("--region", "64", "--from", "2022-07", "--to", "2022-06"),
    ],
)
def test_bad_input_is_one_line_and_status_2(args):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert error.value.returncode == 2
    assert "\n" not in str(error.value)
