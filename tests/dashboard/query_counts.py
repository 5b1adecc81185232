"""How many queries a dashboard page costs, seen before (a cache hit) or not (a miss)."""

from __future__ import annotations

# The region, the months, the budget fingerprint, the overdue follow-up actions (4); then on
# a miss: ancestors, children, the month's member and list rows, the trend's two, and judging
# the budgets (6).
PAGE_HIT = 6
PAGE_MISS = PAGE_HIT + 12
