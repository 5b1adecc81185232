"""Months after the last known JP cap warn in every output, the plain-text table too.

Source: PP 45/2015 Pasal 29 ayat (3)-(4) adjusts the cap every March; the March 2027 cap is
not known (the latest is March 2026, BPJS letter B/1226/022026), so Pantau carries the
last cap forward as policy and must say so wherever the number is shown."""

from __future__ import annotations

import json
import subprocess
import sys

from pantau.rules import api


def rules_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau", "rules", *args], capture_output=True, text=True
    )


ARGS = ("contribution", "--segment", "pu", "--programs", "jp", "--wage", "20.000.000")


def test_the_plain_text_table_warns_after_the_last_known_cap():
    done = rules_cli(*ARGS, "--month", "2027-03")
    assert done.returncode == 0, done.stderr
    warning = done.stdout.strip().splitlines()[-1]
    assert warning.startswith("  Peringatan: batas upah JP mulai 2027-03 belum diketahui")
    assert "Rp11.086.300" in warning and "Warning: the JP wage cap from 2027-03" in warning


def test_no_warning_while_the_cap_is_known():
    done = rules_cli(*ARGS, "--month", "2026-12")
    assert "Peringatan" not in done.stdout


def test_json_and_budgets_carry_the_warning_too():
    done = rules_cli(*ARGS, "--month", "2027-03", "--format", "json")
    assert json.loads(done.stdout)["warnings"][0].startswith("batas upah JP mulai 2027-03")
    budget = api.budget("non_asn", 1, 2027, wage=20_000_000, programs="jp")
    assert len(budget.warnings) == 1  # one unknown cap, not one warning per month
    assert budget.warnings[0][0].startswith("batas upah JP mulai 2027-03")
    assert api.budget("non_asn", 1, 2027, months=2, wage=20_000_000, programs="jp").warnings == ()
