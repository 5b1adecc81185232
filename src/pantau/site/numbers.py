"""After new data: bring every derived number up to date, coverage and claims, then needs.

A new worker list or membership extract changes the coverage of the months already computed
(and of the latest extract's month) and the budget need of its Pemda; a claims file (or a
new membership extract, which changes the claims' flags) changes the claims numbers. The
engine refresh is incremental, so this is cheap when little changed. Run by `pantau refresh`
(one month) and, through `pantau.ingest.signals.data_imported`, after each import from the
web (every month with numbers), so pages show the new numbers without anyone running
`pantau refresh`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from pantau.budgets.need import refresh_needs
from pantau.engine import claims, coverage, refresh


@dataclass
class NumbersUpdate:
    refreshes: list = field(default_factory=list)  # RefreshSummary per month
    needs_years: list[int] = field(default_factory=list)
    claims: dict = field(default_factory=dict)  # `claims.refresh_claims`


def months_to_refresh() -> list:
    """The months with numbers already, and the latest extract's month."""
    months = {month.as_of for month in coverage.months()}
    latest = refresh.latest_as_of()
    if latest is not None:
        months.add(latest.replace(day=1))
    return sorted(months)


def update_numbers(
    months: Iterable[date | None] | None = None,
    engine: str = "duckdb",
    full: bool = False,
    grace_months: int = 1,
) -> NumbersUpdate:
    """Refresh the coverage of `months` (default: `months_to_refresh()`; None stands for the
    latest extract's month) and the claims numbers, then the budget need. The need follows
    the lists in force, the allocations' programmes and the rules data, whatever the coverage
    refresh found; rows whose inputs did not change are kept without reading their lists."""
    update = NumbersUpdate()
    for month in months_to_refresh() if months is None else months:
        # The claims numbers once, after the first month (they have no month of their own).
        first = not update.refreshes
        update.refreshes.append(refresh.run(month, engine, full, grace_months, claims=first))
    if update.refreshes:
        update.claims = update.refreshes[0].claims
    else:  # claims but no membership extract yet: every claim is flagged as no member's
        update.claims = claims.refresh_claims(engine, full)
    update.needs_years = refresh_needs().years
    return update
