"""The one rounding rule: rate × base to the nearest whole Rupiah, halves up.

Each part (employer, worker) of each line is rounded on its own; a line's total is the sum
of its rounded parts and every total is a sum of rounded lines, so the numbers shown always
add up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext


def percent_of(rate_percent: Decimal, base: int) -> int:
    """`rate_percent`% of `base` Rupiah, rounded half up (0,24% × Rp625 = 1,5 → Rp2)."""
    with localcontext() as context:
        context.prec = 60  # exact for any realistic wage
        exact = rate_percent * Decimal(base) / 100
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
