"""The published workforce figures the loaders' tests read back."""

from __future__ import annotations

from pantau.engine.models import Workforce

PROVINCES = 38
# The provinces of the shipped published table (BPS figures for eight of them).
SHIPPED_PROVINCES = {"11", "16", "31", "32", "33", "35", "51", "75"}


def real_rows() -> dict[tuple[str, int], tuple[int, str]]:
    """The published (not estimated) figures stored: (region, year) → (employed, source)."""
    return {
        (w.region_id, w.year): (w.employed, w.source)
        for w in Workforce.objects.filter(is_estimate=False)
    }
