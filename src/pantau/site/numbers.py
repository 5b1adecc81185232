"""After new data: bring every derived number up to date.

A new worker list or membership extract changes the coverage of the months already computed
(and of the latest extract's month) and the budget need of its Pemda. The engine refresh is
incremental, so this is cheap when little changed. Called by the background import task
(pages show the new numbers without anyone running `pantau refresh`) and by `pantau refresh`
for the needs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass
class NumbersUpdate:
    refreshes: list = field(default_factory=list)  # RefreshSummary per month
    needs_years: list[int] = field(default_factory=list)


def months_to_refresh() -> list:
    """The months with numbers already, and the latest extract's month."""
    from pantau.engine import refresh
    from pantau.engine.models import CurrentGeneration

    months = set(CurrentGeneration.objects.values_list("as_of", flat=True))
    latest = refresh.latest_as_of()
    if latest is not None:
        months.add(latest.replace(day=1))
    return sorted(months)


def update_numbers() -> NumbersUpdate:
    from pantau.budgets.need import refresh_needs
    from pantau.engine import refresh

    update = NumbersUpdate()
    for month in months_to_refresh():
        update.refreshes.append(refresh.run(month))
    update.needs_years = refresh_needs().years
    return update
