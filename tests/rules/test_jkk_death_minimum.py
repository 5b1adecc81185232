"""A JKK death pays at least the JKM death lump sum.

Source: PP 82/2019 Lampiran III as BPJS Ketenagakerjaan states it (GridStar, 30 November
2022, "Santunan Kematian sebesar 60% x 80 x upah sebulan, minimal sebesar Rp20.000.000");
Rp20.000.000 is the JKM lump sum of PP 82/2019 (REPUB, PASUN)."""

from __future__ import annotations

from pantau.rules import api


def lump_sum(wage: int, day: str = "2022-07-14"):
    benefit = api.jkk_death_benefit(wage, day)
    return next(item for item in benefit.components if item.code == "death_lump_sum")


def test_a_low_wage_is_raised_to_the_jkm_lump_sum():
    item = lump_sum(300_000)  # 48 × 300,000 = 14,400,000
    assert item.amount == 20_000_000
    assert "dinaikkan ke paling sedikit santunan sekaligus JKM Rp20.000.000" in item.basis
    assert api.jkk_death_benefit(300_000, "2022-07-14").cash_total == 42_000_000


def test_a_wage_above_the_floor_keeps_48_wages():
    assert lump_sum(500_000).amount == 24_000_000  # 48 × 500,000 > 20,000,000
    assert lump_sum(416_666).amount == 20_000_000  # 19,999,968, just under


def test_no_floor_before_pp_82_2019():
    # The sources give none for PP 44/2015 (docs/rules.md, Verification).
    assert lump_sum(300_000, "2019-12-01").amount == 14_400_000
