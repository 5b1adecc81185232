"""Worked cases from public texts, kept as data (worked_cases.toml): each names its source,
and docs/rules.md (Verification) says what was checked against which text."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pantau.rules import api

CASES = tomllib.loads((Path(__file__).parent / "worked_cases.toml").read_text("utf-8"))["case"]


def compute(case: dict):
    kind = case["kind"]
    if kind == "contribution":
        return api.contribution(
            case["segment"], case["month"], case["programs"], wage=case.get("wage"),
            income=case.get("income"), risk_class=case.get("risk_class", 1),
        )  # fmt: skip
    if kind == "jkm":
        return api.jkm_benefit(case["death_date"], case["membership_start"], case["children"])
    if kind == "jkk_death":
        return api.jkk_death_benefit(case["wage"], case["date"])
    return api.jkk_disability_benefit(case["wage"], case["date"])


def test_every_case_names_its_source():
    assert len(CASES) >= 12
    assert all(case["source"].strip() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_worked_case(case):
    result = compute(case)
    if case["kind"] == "contribution":
        assert result.total == case["total"]
    else:
        assert result.cash_total == case["cash_total"]
        if "scholarship_max" in case:
            assert result.scholarship_max == case["scholarship_max"]
