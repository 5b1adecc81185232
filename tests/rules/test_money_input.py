"""Amounts as people write them: one parser (`rules.inputs.parse_rupiah`) for the CLI and the
calculator page. Indonesian writing groups thousands with "." and writes cents after ",";
a form that could be read two ways is refused, and so are cents other than 00."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pantau.rules import api, inputs

ACCEPTED = [
    ("4500000", 4_500_000),
    ("4.500.000", 4_500_000),
    ("Rp4.500.000,00", 4_500_000),
    ("Rp 4.500.000,00", 4_500_000),
    ("rp.4.500.000", 4_500_000),
    ("Rp4.500.000,-", 4_500_000),
    ("4500000.00", 4_500_000),  # was read as Rp450.000.000 (every "." stripped)
    ("4500000,00", 4_500_000),
    ("4500000,0", 4_500_000),
    ("4.500,00", 4_500),  # the decimal comma says the point groups thousands
    ("4,500,000", 4_500_000),  # two groups cannot be decimals
    ("4,500,000.00", 4_500_000),
    (" 1.000.000 ", 1_000_000),
    ("0", 0),
]
# (written, what the refusal says, in Indonesian)
REFUSED = [
    ("4.500", "ambigu"),
    ("4,500", "ambigu"),
    ("Rp450.000", "ambigu"),
    ("5000000,75", "memuat 75 sen"),  # was read as Rp500.000.075
    ("4500000.5", "memuat 50 sen"),
    ("4.500.000,01", "memuat 1 sen"),
    ("4,500.000", "bukan jumlah rupiah"),
    ("4.50.000", "bukan jumlah rupiah"),
    ("4500.000", "bukan jumlah rupiah"),
    ("1e6", "bukan jumlah rupiah"),
    ("empat juta", "bukan jumlah rupiah"),
    ("Rp", "bukan jumlah rupiah"),
    ("1" * 16, "bukan jumlah rupiah"),  # more than a thousand trillion
    ("1" * 5000, "bukan jumlah rupiah"),  # int() would refuse it with a ValueError
    ("\u0661\u0662\u0663", "bukan jumlah rupiah"),  # Arabic-Indic digits are not Rupiah
]


@pytest.mark.parametrize(("written", "amount"), ACCEPTED)
def test_accepted_forms(written, amount):
    assert inputs.parse_rupiah(written, "--wage", "Upah", "wage") == amount


@pytest.mark.parametrize(("written", "reason"), REFUSED)
def test_refused_forms_name_the_argument_and_the_reason(written, reason):
    with pytest.raises(api.RuleError) as refused:
        inputs.parse_rupiah(written, "--wage", "Upah", "wage")
    assert refused.value.argument == "--wage"
    assert reason in refused.value.message_id
    assert repr(written.strip()) in refused.value.message_en


def test_a_negative_amount_is_read_and_then_refused_as_negative():
    assert inputs.parse_rupiah("-Rp5.000.000", "--wage", "Upah", "wage") == -5_000_000
    with pytest.raises(api.RuleError, match="tidak boleh negatif"):
        api.contribution("pu", "2022-07", "jkm", wage="-5.000.000")


def test_the_api_reads_text_amounts_with_the_same_parser():
    assert api.contribution("pu", "2022-07", "jkm", wage="Rp4.500.000,00").total == 13_500


def rules_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau", "rules", *args], capture_output=True, text=True
    )


def test_the_cli_reads_4500000_00_as_four_and_a_half_million():
    done = rules_cli("contribution", "--segment", "pu", "--month", "2022-07", "--programs",
                     "jkm", "--wage", "4500000.00", "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 13_500  # 0.30% of 4,500,000, not of 450,000,000


@pytest.mark.parametrize("written", ["5000000,75", "4.500"])
def test_the_cli_refuses_cents_and_ambiguous_amounts_in_one_line(written):
    done = rules_cli("contribution", "--segment", "pu", "--month", "2022-07", "--programs",
                     "jkm", "--wage", written)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("pantau: --wage: ")
    assert len(done.stderr.strip().splitlines()) == 1
