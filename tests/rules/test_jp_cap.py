"""The JP wage cap: changes every March, derived caps labelled as policy, 2027 carried forward."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pantau.rules import api, schedules
from pantau.rules.schedules import truncate_to_hundred

from .rule_files import regulation_header, write_rule_file

HIGH_WAGE = 20_000_000


def jp(month: str, wage: int = HIGH_WAGE):
    return api.contribution("pu", month, "jp", wage=wage).line("jp")


@pytest.mark.parametrize(
    ("february", "march", "cap_before", "cap_after"),
    [
        ("2016-02", "2016-03", 7_000_000, 7_335_300),
        ("2020-02", "2020-03", 8_512_400, 8_939_700),
        ("2021-02", "2021-03", 8_939_700, 8_754_600),  # the cap fell after 2020's GDP
        ("2023-02", "2023-03", 9_077_600, 9_559_600),
        ("2024-02", "2024-03", 9_559_600, 10_042_300),
        ("2025-02", "2025-03", 10_042_300, 10_547_400),
    ],
)
def test_the_cap_changes_in_march(february, march, cap_before, cap_after):
    for month, cap in ((february, cap_before), (march, cap_after)):
        line = jp(month)
        # 2% and 1% of the cap, e.g. 2024-03: 200,846 + 100,423
        expected_employer = (cap * 2 + 50) // 100
        expected_worker = (cap + 50) // 100
        assert (line.employer, line.worker) == (expected_employer, expected_worker), month


def test_march_2024_worked_by_hand():
    line = jp("2024-03")
    assert (line.employer, line.worker, line.total) == (200_846, 100_423, 301_269)
    assert "upah Rp20.000.000 dibatasi batas upah JP Rp10.042.300" in line.basis


def test_a_wage_under_the_cap_is_not_capped():
    line = jp("2024-03", wage=6_000_000)
    assert (line.employer, line.worker) == (120_000, 60_000)
    assert "tidak melebihi batas upah JP" in line.basis


def test_the_published_caps_follow_the_pasal_29_formula():
    # domain.md test vector: 7,000,000 × (1 + g) truncated to Rp100, year after year.
    growth = ["4.79", "5.02", "5.07", "5.17", "5.02", "-2.07", "3.69", "5.31", "5.05", "5.03"]
    caps = [7_000_000]
    for rate in growth:
        caps.append(truncate_to_hundred(caps[-1] * (1 + Decimal(rate) / 100)))
    assert caps[1:] == [
        7_335_300, 7_703_500, 8_094_000, 8_512_400, 8_939_700,
        8_754_600, 9_077_600, 9_559_600, 10_042_300, 10_547_400,
    ]  # fmt: skip
    for year, cap in zip(range(2016, 2026), caps[1:], strict=True):
        assert jp(f"{year}-03").employer == (cap * 2 + 50) // 100, year


@pytest.mark.parametrize("year", [2017, 2018, 2019, 2021])
def test_derived_caps_say_they_are_policy(year):
    basis = jp(f"{year}-06").basis
    assert "kebijakan Pantau, bukan kutipan peraturan" in basis
    assert "keyakinan L" in basis and "dibulatkan ke bawah ke Rp100" in basis


def test_published_caps_do_not_claim_to_be_policy():
    assert "kebijakan Pantau" not in jp("2024-06").basis


def test_march_2027_carries_the_2026_cap_forward_and_says_so():
    february, march = jp("2027-02"), jp("2027-03")
    assert february.employer == march.employer == 221_726  # 2% × 11,086,300
    assert "belum diketahui" not in february.basis
    assert "mulai 2027-03 belum diketahui, dipakai batas sejak 2026-03" in march.basis
    notes = api.contribution("pu", "2027-03", "jp", wage=HIGH_WAGE).notes
    assert any("kebijakan yang dapat diganti" in note.id for note in notes)


def test_a_published_2027_cap_overrides_the_carry_forward(tmp_path):
    write_rule_file(
        tmp_path,
        "jp-wage-cap-2027",
        regulation_header("jp-wage-cap-2027", short="PP 45/2015 Pasal 29")
        + """
        [[entry]]
        key = "pu.jp.wage_cap"
        from = "2027-03"
        amount = 11500000
        article = "PP 45/2015 Pasal 29, penyesuaian Maret 2027 (hypothetical)"
        """,
    )
    with schedules.using(schedules.load([tmp_path])):
        assert jp("2027-03").employer == 230_000  # 2% × 11,500,000
        assert "belum diketahui" not in jp("2027-03").basis
        assert jp("2027-02").employer == 221_726
