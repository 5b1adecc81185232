"""PP 49/2020: contributions Aug 2020–Jan 2021, JKK and JKM at 1%, JP 99% deferred but owed."""

from __future__ import annotations

import pytest

from pantau.rules import api

WAGE = 4_000_000  # JKK 0.24% = 9,600; JKM 0.30% = 12,000; JP 80,000 + 40,000


@pytest.mark.parametrize(
    ("month", "jkk", "jkm"),
    [
        ("2020-07", 9_600, 12_000),  # the month before the relief
        ("2020-08", 96, 120),  # first relief month: 1% of 9,600 and of 12,000
        ("2021-01", 96, 120),  # last relief month
        ("2021-02", 9_600, 12_000),  # normal again
    ],
)
def test_relief_months_pay_one_percent(month, jkk, jkm):
    result = api.contribution("pu", month, "jkk,jkm", wage=WAGE)
    assert (result.line("jkk").total, result.line("jkm").total) == (jkk, jkm)


def test_the_relieved_amount_is_one_percent_of_the_rounded_normal_amount():
    # JKK on 4,100,000 = 9,840; 1% = 98.4 → 98.
    assert api.contribution("pu", "2020-10", "jkk", wage=4_100_000).total == 98


def test_jp_keeps_the_amount_owed_and_says_99_percent_is_deferred():
    jp = api.contribution("pu", "2020-09", "jp", wage=WAGE).line("jp")
    assert (jp.employer, jp.worker) == (80_000, 40_000)
    assert "99% (Rp118.800) ditangguhkan" in jp.basis  # 99% of 120,000
    assert "Rp1.200" in jp.basis and "tetap terutang" in jp.basis and "PP 49/2020" in jp.basis


def test_jht_is_not_relieved():
    assert api.contribution("pu", "2020-09", "jht", wage=WAGE).total == 228_000  # 5.7%


def test_bpu_minimum_package_during_relief_is_168():
    result = api.contribution("bpu", "2020-12", "jkk,jkm", income=1_000_000)
    assert result.total == 100 + 68


def test_the_working_cites_both_regulations_and_the_period():
    working = "\n".join(api.contribution("pu", "2020-09", "jkk,jkm", wage=WAGE).working())
    assert "PP 44/2015" in working and "PP 49/2020" in working
    assert "iuran bulan 2020-08 s.d. 2021-01" in working
    assert "diskon 99%, dibayar 1% = Rp96" in working
