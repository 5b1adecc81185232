"""`pantau rules contribution` asks for what the computation needs and refuses what does
not belong to the segment: the JKK risk class of a wage earner, a BPU income (not a wage)."""

from __future__ import annotations

import json
import subprocess
import sys


def contribution(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau", "rules", "contribution", "--month", "2022-07", *args],
        capture_output=True, text=True,
    )  # fmt: skip


def test_a_wage_earners_jkk_needs_the_risk_class():
    done = contribution("--segment", "pu", "--programs", "jkk,jkm", "--wage", "5000000")
    assert done.returncode == 2
    assert done.stderr.startswith("pantau: --risk-class: Kelas risiko JKK wajib diisi")
    given = contribution("--segment", "pu", "--programs", "jkk", "--wage", "5000000",
                         "--risk-class", "3", "--format", "json")  # fmt: skip
    assert json.loads(given.stdout)["total"] == 44_500  # 0.89% of 5,000,000


def test_no_risk_class_is_needed_without_jkk():
    done = contribution("--segment", "pu", "--programs", "jkm", "--wage", "5000000")
    assert done.returncode == 0, done.stderr


def test_a_bpu_wage_is_refused_and_the_income_is_asked_for():
    done = contribution("--segment", "bpu", "--programs", "jkk,jkm", "--wage", "1000000")
    assert done.returncode == 2
    assert done.stderr.startswith("pantau: --wage: ")
    assert "--income" in done.stderr
    income = contribution("--segment", "bpu", "--programs", "jkk,jkm", "--income", "1000000")
    assert income.returncode == 0 and "Rp16.800" in income.stdout


def test_a_pu_income_is_refused():
    done = contribution("--segment", "pu", "--programs", "jkm", "--income", "5000000")
    assert done.returncode == 2 and done.stderr.startswith("pantau: --income: ")
