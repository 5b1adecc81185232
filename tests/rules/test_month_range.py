"""Months outside the rules' range are refused with the supported range: before the first
regulation (2015-07) and beyond the planning horizon (December of this year + 5)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from pantau.rules import api
from pantau.rules.contributions import last_supported_month

LAST = f"{date.today().year + 5}-12"


def test_the_horizon_is_december_five_years_ahead():
    assert last_supported_month(date(2026, 12, 3)) == date(2031, 12, 1)


@pytest.mark.parametrize("month", ["9999-12", f"{date.today().year + 6}-01"])
def test_a_month_beyond_the_horizon_is_refused_naming_the_range(month):
    with pytest.raises(api.RuleError) as refused:
        api.contribution("pu", month, "jkm", wage=1_000_000)
    assert refused.value.argument == "--month"
    assert f"(2015-07 s.d. {LAST})" in refused.value.message_id
    assert f"(2015-07 to {LAST})" in refused.value.message_en


def test_the_last_supported_month_is_computed():
    assert api.contribution("pu", LAST, "jkm", wage=1_000_000).total == 3_000


def test_a_budget_year_beyond_the_horizon_names_the_year():
    with pytest.raises(api.RuleError) as refused:
        api.budget("vulnerable", 1, 9999)
    assert refused.value.argument == "--year"


def test_the_cli_refuses_9999_12_in_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "rules", "contribution", "--segment", "pu",
         "--month", "9999-12", "--programs", "jkm", "--wage", "1000000"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("pantau: --month: Bulan 9999-12 di luar rentang")
    assert LAST in done.stderr
