"""What every aggregate page is computed from, for the page cache (`pantau.core.pagecache`).

Each month's current coverage generation and refresh, the claims generation in force, and a
fingerprint (count, last id or time, sums) of the allocations, needs, worker lists,
compliance records, workforce figures and finished refreshes: any change of these tables
changes `numbers_version()`, so a cached page (or numbers notice) is never stale.
"""

from __future__ import annotations

from pantau.budgets.models import Allocation, Evidence, Need, Planning, Regulation
from pantau.core.pagecache import watch
from pantau.engine.models import CurrentClaims, CurrentGeneration, Refresh, Workforce
from pantau.lake.models import Snapshot


def watch_numbers() -> None:
    """Called once, from the site's AppConfig.ready()."""
    watch(CurrentGeneration, "SUM(generation)", "SUM(refresh_id)", "MAX(as_of)")
    watch(CurrentClaims, "MAX(generation)")
    watch(Allocation, "MAX(id)", "SUM(amount)", "SUM(realized)", "SUM(persons)", where="is_current")
    watch(Need, "MAX(computed_at)", "SUM(amount)")
    watch(Snapshot, "MAX(id)", where="is_current")
    watch(Regulation, "MAX(updated_at)")
    watch(Planning, "MAX(updated_at)")
    watch(Evidence, "MAX(id)")
    # What the numbers notice reads besides (`site.freshness.imported_since_refresh`, kept
    # per version): figures imported, and refreshes finished (a refresh moves its month's
    # pointer before it is marked done).
    watch(Workforce, "MAX(imported_at)")
    watch(Refresh, "MAX(id)", where="status = 'done'")
