"""The rounding rule: each part rounded to the Rupiah, halves up; totals add rounded lines."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pantau.rules import api
from pantau.rules.rounding import percent_of, percents_of


def test_halves_go_up_not_to_even():
    assert percent_of(Decimal("0.24"), 625) == 2  # 1.5 → 2
    assert percent_of(Decimal("0.24"), 1_875) == 5  # 4.5 → 5 (banker's rounding would give 4)
    assert percent_of(Decimal("0.24"), 1_874) == 4  # 4.4976 → 4


def test_a_wage_where_half_up_matters():
    # 5,001,875: JKK 0.24% = 12,004.5 → 12,005; JKM 0.30% = 15,005.625 → 15,006;
    # JHT 3.70% = 185,069.375 → 185,069 and 2% = 100,037.5 → 100,038;
    # JP (2024-06 cap 10,042,300 is higher) 2% = 100,037.5 → 100,038, 1% = 50,018.75 → 50,019.
    result = api.contribution("pu", "2024-06", "jkk,jkm,jht,jp", wage=5_001_875)
    amounts = {line.program: (line.employer, line.worker) for line in result.lines}
    assert amounts == {
        "jkk": (12_005, 0),
        "jkm": (15_006, 0),
        "jht": (185_069, 100_038),
        "jp": (100_038, 50_019),
    }
    assert result.total == 12_005 + 15_006 + 185_069 + 100_038 + 100_038 + 50_019


def test_a_line_total_is_the_sum_of_its_rounded_parts():
    # 5,000,025: JHT employer 3.70% = 185,000.925 → 185,001; worker 2% = 100,000.5 → 100,001.
    # Line total 285,002, although 5.70% of the wage rounded once would be 285,001.
    jht = api.contribution("pu", "2024-06", "jht", wage=5_000_025).line("jht")
    assert (jht.employer, jht.worker, jht.total) == (185_001, 100_001, 285_002)


def decimal_percent_of(rate_percent: Decimal, base: int) -> int:
    """The rule as first written, with Decimal's ROUND_HALF_UP."""
    with localcontext() as context:
        context.prec = 60
        exact = rate_percent * Decimal(base) / 100
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@given(
    rate=st.decimals(min_value=-100, max_value=100, places=4, allow_nan=False),
    base=st.integers(min_value=-(10**12), max_value=10**12),
)
def test_integer_arithmetic_equals_decimal_half_up(rate, base):
    assert percent_of(rate, base) == decimal_percent_of(rate, base)


def test_whole_number_rates_and_exact_halves():
    assert percent_of(50, 3) == 2  # 1.5 → 2
    assert percent_of(50, -3) == -2  # -1.5 → -2, away from zero as ROUND_HALF_UP
    assert percent_of(Decimal("0.5"), 100) == 1  # 0.5 → 1
    assert percent_of(Decimal("0.5"), 99) == 0  # 0.495 → 0


@given(
    rate=st.decimals(min_value=-100, max_value=100, places=6, allow_nan=False),
    bases=st.lists(st.integers(min_value=-(10**12), max_value=10**12), max_size=40),
)
def test_many_bases_at_once_round_as_one_at_a_time(rate, bases):
    # Rates of six places with bases of 10^12: some products leave int64, priced one by one.
    at_once = percents_of(rate, np.array(bases, dtype=np.int64))
    assert [int(amount) for amount in at_once] == [percent_of(rate, base) for base in bases]


def test_many_bases_round_halves_up():
    bases = np.array([625, 1_875, 1_874, -625], dtype=np.int64)
    assert percents_of(Decimal("0.24"), bases).tolist() == [2, 5, 4, -2]
