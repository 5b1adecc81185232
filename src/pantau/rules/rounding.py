"""The one rounding rule: rate × base to the nearest whole Rupiah, halves up.

Each part (employer, worker) of each line is rounded on its own; a line's total is the sum
of its rounded parts and every total is a sum of rounded lines, so the numbers shown always
add up.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import numpy as np

# Products below this fit an int64 with room for the doubled remainder: `percents_of`
# computes them in NumPy, larger ones as Python integers.
_EXACT_IN_INT64 = 2**61


@lru_cache(maxsize=1024)
def _fraction(rate_percent: Decimal | int) -> tuple[int, int]:
    """`rate_percent` / 100 as numerator and denominator (0.24 → 6, 2500)."""
    numerator, denominator = rate_percent.as_integer_ratio()
    return numerator, denominator * 100


def percent_of(rate_percent: Decimal | int, base: int) -> int:
    """`rate_percent`% of `base` Rupiah, rounded half up (0,24% × Rp625 = 1,5 → Rp2).

    Exact integer arithmetic, halves away from zero as Decimal's ROUND_HALF_UP: the
    engine prices millions of gaps with it, and a Decimal context per call was half the
    pricing time (tests/rules/test_rounding.py holds it to the Decimal result).
    """
    numerator, denominator = _fraction(rate_percent)
    exact = numerator * base
    whole, remainder = divmod(abs(exact), denominator)
    if 2 * remainder >= denominator:
        whole += 1
    return whole if exact >= 0 else -whole


def percents_of(rate_percent: Decimal | int, bases: np.ndarray) -> np.ndarray:
    """`percent_of` of each of `bases` (an int64 array), at once: the same integer arithmetic
    and rounding, for the thousands of distinct wages one refresh prices (a Python call per
    wage cost a one-Pemda refresh a tenth of a second; tests/rules/test_rounding.py holds
    the two equal)."""
    numerator, denominator = _fraction(rate_percent)
    largest = int(np.abs(bases).max()) if len(bases) else 0
    if abs(numerator) * largest >= _EXACT_IN_INT64 or denominator >= _EXACT_IN_INT64:
        return np.array([percent_of(rate_percent, int(base)) for base in bases], dtype=object)
    exact = bases * numerator
    whole, remainder = np.divmod(np.abs(exact), denominator)
    whole += 2 * remainder >= denominator
    return np.where(exact >= 0, whole, -whole)
