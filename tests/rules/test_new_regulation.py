"""A new regulation is one data file: it applies from its month, earlier months unchanged."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from pantau.rules import api, schedules

from .rule_files import regulation_header, write_rule_file

HYPOTHETICAL_2027 = (
    regulation_header("pp-99-2027")
    + """
    # A hypothetical 2027 regulation: BPU JKM flat Rp8.400, PU JKM 0.35%, from January 2027,
    # and a higher JKM lump sum for deaths from 1 July 2027.
    [[entry]]
    key = "bpu.jkm"
    from = "2027-01"
    amount = 8400
    article = "PP 99/2027 Pasal 1"

    [[entry]]
    key = "pu.jkm"
    from = "2027-01"
    employer_percent = "0.35"
    worker_percent = "0"
    article = "PP 99/2027 Pasal 2"

    [[entry]]
    key = "jkm.benefit"
    from = 2027-07-01
    lump_sum = 25000000
    periodic = 12000000
    funeral = 10000000
    article = "PP 99/2027 Pasal 3"
"""
)


@pytest.fixture
def with_2027_regulation(tmp_path):
    write_rule_file(tmp_path, "pp-99-2027", HYPOTHETICAL_2027)
    with schedules.using(schedules.load([tmp_path])) as schedule:
        yield schedule


def test_the_new_rates_apply_from_their_month(with_2027_regulation):
    assert api.contribution("bpu", "2026-12", "jkm").total == 6_800
    assert api.contribution("bpu", "2027-01", "jkm").total == 8_400
    assert api.contribution("pu", "2026-12", "jkm", wage=5_000_000).total == 15_000
    new = api.contribution("pu", "2027-01", "jkm", wage=5_000_000).line("jkm")
    assert new.total == 17_500  # 0.35% × 5,000,000
    assert new.basis == "JKM: 0,35% × Rp5.000.000 = Rp17.500 (PP 99/2027 Pasal 2)"


def test_earlier_months_are_unchanged(with_2027_regulation):
    assert api.contribution("bpu", "2020-09", "jkk,jkm", income=1_000_000).total == 168
    assert api.contribution("pu", "2015-07", "jkm", wage=5_000_000).total == 15_000
    assert api.budget("vulnerable", 1, 2026).total == 16_800 * 12
    # 2027: BPU JKK 10,000 + JKM 8,400 every month
    assert api.budget("vulnerable", 1, 2027).total == 18_400 * 12


def test_a_new_benefit_applies_from_its_day(with_2027_regulation):
    assert api.jkm_benefit("2027-06-30", "2020-01-01").cash_total == 42_000_000
    assert api.jkm_benefit("2027-07-01", "2020-01-01").cash_total == 47_000_000


def test_without_the_file_2027_keeps_the_old_rates():
    assert api.contribution("bpu", "2027-01", "jkm").total == 6_800


def test_pantau_rules_dir_adds_a_directory(tmp_path, monkeypatch):
    write_rule_file(tmp_path, "pp-99-2027", HYPOTHETICAL_2027)
    monkeypatch.setenv(schedules.EXTRA_DIRECTORY_VARIABLE, str(tmp_path))
    try:
        schedules.reload()
        assert api.contribution("bpu", "2027-01", "jkm").total == 8_400
    finally:
        monkeypatch.delenv(schedules.EXTRA_DIRECTORY_VARIABLE)
        schedules.reload()
    assert api.contribution("bpu", "2027-01", "jkm").total == 6_800


def test_a_broken_file_stops_start_up_with_its_name(tmp_path, monkeypatch):
    broken = HYPOTHETICAL_2027.replace("amount = 8400", "amount = 8400.0")
    write_rule_file(tmp_path, "pp-99-2027", broken)
    monkeypatch.setenv(schedules.EXTRA_DIRECTORY_VARIABLE, str(tmp_path))
    try:
        schedules.forget()  # the next use reads the files again
        with pytest.raises(ImproperlyConfigured) as refused:
            apps.get_app_config("rules").ready()
        assert "pp-99-2027.toml" in str(refused.value) and "bpu.jkm" in str(refused.value)
    finally:
        monkeypatch.delenv(schedules.EXTRA_DIRECTORY_VARIABLE)
        schedules.reload()
