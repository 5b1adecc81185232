"""Budget status counts for a dashboard: per child region and for the region, cached.

Judging every Pemda's budget (`budgets.status.rows_for`) reads a thousand allocations, needs
and lists: half a second nationally, too slow for each page view. The result depends only on
those tables, so it is kept in the cache under a fingerprint of them (one aggregate query):
any new, superseded, edited or deleted allocation, need or list changes the fingerprint, and
the next page view judges again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pantau.budgets.choices import BudgetStatus
from pantau.budgets.status import Scope, rows_for
from pantau.core.pagecache import kept_for_version, numbers_version
from pantau.regions.models import Region


@dataclass(frozen=True)
class Lagging:
    code: str
    name: str
    category: str


@dataclass(frozen=True)
class BudgetSummary:
    pemda_total: int
    not_budgeted: int
    # Per child region: (Pemda with a list or an allocation, of them not budgeted).
    children: dict[str, tuple[int, int]]
    lagging: tuple[Lagging, ...]  # the Pemda and categories not budgeted, in status order


def _child_of(region: Region | None, pemda_code: str) -> str | None:
    """Which child of `region` a Pemda belongs to (None: the region's own government)."""
    if region is None:
        return pemda_code.split(".")[0]
    if region.level == "province" and "." in pemda_code:
        return pemda_code
    return None


def _summarise(region: Region | None, year: int, category: str) -> BudgetSummary:
    scope = Scope(region.code if region else None, region.name if region else "Indonesia")
    pemda: dict[str | None, set[str]] = defaultdict(set)
    behind: dict[str | None, set[str]] = defaultdict(set)
    lagging = []
    for row in rows_for(scope, year):
        if category and row.category != category:
            continue
        child = _child_of(region, row.code)
        for key in {child, None}:  # the child's count and the region's total
            pemda[key].add(row.code)
            if row.status == BudgetStatus.NOT_BUDGETED:
                behind[key].add(row.code)
        if row.status == BudgetStatus.NOT_BUDGETED:
            lagging.append(Lagging(row.code, row.name, row.category))
    children = {key: (len(codes), len(behind.get(key, ()))) for key, codes in pemda.items() if key}
    return BudgetSummary(len(pemda[None]), len(behind[None]), children, tuple(lagging))


def budget_summary(region: Region | None, year: int, category: str) -> BudgetSummary | None:
    """None for a district or a village: no Pemda of its own."""
    if region is not None and not region.is_pemda:
        return None
    name = f"budget-summary:{region.code if region else 'ID'}:{year}:{category}"
    return kept_for_version(name, numbers_version(),
                            lambda: _summarise(region, year, category))  # fmt: skip
