"""`pantau rules …` as a person types it: JSON shapes, the working, one-line refusals."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def pantau(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau", "rules", *args], capture_output=True, text=True
    )


def test_contribution_json_has_the_documented_shape():
    done = pantau(
        "contribution", "--segment", "pu", "--month", "2022-07",
        "--programs", "jkk,jkm,jht,jp", "--wage", "5000000", "--risk-class", "1",
        "--format", "json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"month", "segment", "lines", "employer_total", "worker_total", "total"}
    assert data["month"] == "2022-07"
    by_program = {line["program"]: line for line in data["lines"]}
    # JKK class 1 0.24% = 12,000; JKM 0.30% = 15,000; JHT 3.7% + 2% = 185,000 + 100,000;
    # JP 2% + 1% of 5,000,000 (under the 2022 cap of 9,077,600) = 100,000 + 50,000.
    assert by_program["jkk"]["total"] == 12_000
    assert by_program["jkm"]["total"] == 15_000
    assert (by_program["jht"]["employer"], by_program["jht"]["worker"]) == (185_000, 100_000)
    assert (by_program["jp"]["employer"], by_program["jp"]["worker"]) == (100_000, 50_000)
    assert data["total"] == 12_000 + 15_000 + 285_000 + 150_000
    assert data["total"] == data["employer_total"] + data["worker_total"]


def test_jkm_benefit_json_and_the_day_pp_82_2019_starts():
    before = json.loads(
        pantau(
            "benefit",
            "jkm",
            "--death-date",
            "2019-12-01",
            "--membership-start",
            "2010-01-01",
            "--format",
            "json",
        ).stdout
    )
    after = json.loads(pantau("benefit", "jkm", "--death-date", "2019-12-02",
                              "--membership-start", "2010-01-01", "--children", "2",
                              "--format", "json").stdout)  # fmt: skip
    assert (before["cash_total"], after["cash_total"]) == (24_000_000, 42_000_000)
    assert set(after) >= {"cash_total", "components", "scholarship_eligible", "scholarship_max"}
    assert after["scholarship_eligible"] is True
    assert after["scholarship_max"] == 174_000_000


def test_budget_json():
    done = pantau("budget", "--category", "vulnerable", "--persons", "1000", "--year", "2025",
                  "--format", "json")  # fmt: skip
    data = json.loads(done.stdout)
    assert data["per_person_month"] == 16_800  # BPU JKK Rp10.000 + JKM Rp6.800
    assert data["total"] == 16_800 * 1000 * 12


def test_explain_prints_the_working_with_citations():
    done = pantau("explain", "contribution", "--segment", "pu", "--month", "2020-09",
                  "--programs", "jkk,jkm", "--wage", "4000000", "--risk-class", "1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "PP 44/2015" in done.stdout and "PP 49/2020" in done.stdout
    assert len(done.stdout.strip().splitlines()) >= 3


def test_text_output_is_a_table():
    done = pantau("contribution", "--segment", "bpu", "--month", "2024-01",
                  "--programs", "jkk,jkm", "--income", "1000000")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Rp16.800" in done.stdout


@pytest.mark.parametrize(
    "args, argument",
    [
        (["contribution", "--segment", "pu", "--month", "2022-07", "--programs", "jkk,xyz",
          "--wage", "1"], "--programs"),
        (["contribution", "--segment", "abc", "--month", "2022-07", "--programs", "jkk",
          "--wage", "1"], "--segment"),
        (["contribution", "--segment", "pu", "--month", "2022-07", "--programs", "jkk",
          "--wage", "-5"], "--wage"),
        (["contribution", "--segment", "pu", "--month", "2015-06", "--programs", "jkk",
          "--wage", "1000000"], "--month"),
        (["contribution", "--segment", "pu", "--month", "2022-07", "--programs", "jkk"], "--wage"),
        (["contribution", "--segment", "pu", "--month", "2022-07", "--programs", "jkk",
          "--wage", "1000000", "--risk-class", "6"], "--risk-class"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_naming_the_argument(args, argument):
    done = pantau(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert argument in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
