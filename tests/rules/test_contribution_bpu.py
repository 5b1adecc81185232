"""Non-wage earners (BPU): JKK 1% clamped, JKM flat, JHT 2%; no JP or JKP."""

from __future__ import annotations

import pytest

from pantau.rules import api


def test_the_minimum_package_is_16_800():
    result = api.contribution("bpu", "2024-01", "jkk,jkm", income=1_000_000)
    assert [(line.program, line.total) for line in result.lines] == [
        ("jkk", 10_000),  # 1% × 1,000,000
        ("jkm", 6_800),  # flat
    ]
    assert result.total == 16_800
    assert result.employer_total == 0  # the participant (or a Pemda for them) pays


@pytest.mark.parametrize(
    ("income", "jkk"),
    [
        (500_000, 10_000),  # 1% = 5,000, raised to the minimum
        (999_999, 10_000),  # 9,999.99 → 10,000
        (3_250_000, 32_500),
        (20_700_000, 207_000),  # exactly the maximum
        (30_000_000, 207_000),  # 300,000, lowered to the maximum
    ],
)
def test_jkk_is_one_percent_between_10_000_and_207_000(income, jkk):
    assert api.contribution("bpu", "2024-01", "jkk", income=income).total == jkk


def test_the_clamp_is_explained():
    basis = api.contribution("bpu", "2024-01", "jkk", income=500_000).line("jkk").basis
    assert basis.startswith("JKK: 1% × Rp500.000 = Rp5.000, dinaikkan ke batas bawah Rp10.000")
    assert "PP 44/2015 Lampiran II" in basis and "keyakinan M" in basis


def test_optional_jht_is_two_percent_of_income():
    assert api.contribution("bpu", "2024-01", "jht", income=3_000_000).total == 60_000


def test_jkm_alone_needs_no_income():
    assert api.contribution("bpu", "2016-01", "jkm").total == 6_800


def test_a_wage_stands_for_the_income_when_only_it_is_given():
    assert api.contribution("bpu", "2024-01", "jkk,jkm", wage=2_000_000).total == 26_800


def test_the_income_basis_policy_is_shown():
    working = api.contribution("bpu", "2024-01", "jkk", income=1_000_000).working()
    assert any("Lampiran II belum diperoleh" in line for line in working)
