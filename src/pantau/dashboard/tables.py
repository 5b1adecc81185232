"""The children table's cells, formatted once in Python.

A national page has 38 rows of 15 cells and a district up to a few hundred villages; filters
and `{% url %}` per cell cost more than the page's queries (docs/benchmarks.md), so each
cell is formatted here and the template only prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import get_language

from pantau.core.display import percent
from pantau.core.money import format_count, format_rupiah
from pantau.dashboard.summary import RegionNumbers

DASH = "–"


@dataclass(frozen=True)
class ChildRow:
    code: str
    name: str
    url: str
    level: str
    rank: str
    counts: tuple[str, ...]
    ucj: str
    estimate: bool
    active_members: str
    list_coverage: str
    not_covered: str
    gap_cost: str
    budget: str
    lagging: bool


def child_rows(
    rows: list[RegionNumbers], count_levels: tuple[str, ...], query: str
) -> list[ChildRow]:
    language = get_language()
    base = reverse("dashboard:national")
    suffix = f"?{query}" if query else ""
    levels: dict[str, str] = {}
    table = []
    for row in rows:
        region = row.region
        if row.level not in levels:
            levels[row.level] = str(region.get_level_display()) if region else row.level
        listed = bool(row.listed)
        table.append(
            ChildRow(
                code=row.code,
                name=row.name,
                url=f"{base}{row.code}/{suffix}",
                level=levels[row.level],
                rank=DASH if row.rank is None else str(row.rank),
                counts=tuple(
                    format_count(getattr(region, f"{level}_count"), language)
                    for level in count_levels
                ),
                ucj=percent(row.ucj),
                estimate=row.workforce_is_estimate,
                active_members=format_count(row.active_members, language),
                list_coverage=percent(row.list_coverage),
                not_covered=format_count(row.not_covered, language) if listed else DASH,
                gap_cost=format_rupiah(row.gap_cost, language) if listed else DASH,
                budget=(
                    f"{format_count(row.not_budgeted or 0, language)} / "
                    f"{format_count(row.pemda_total, language)}"
                    if row.pemda_total
                    else DASH
                ),
                lagging=bool(row.not_budgeted),
            )
        )
    return table
