"""Coverage numbers written straight into the pre-aggregated tables (tests as data).

`publish("2022-07", members={"64": (2128, 3176)}, lists={("64", "non_asn"): (100, 60, 10, 30,
3_600_000)})` makes a refresh's worth of rows current for the month: the dashboard reads only
these tables, so its tests need no lake, no engine and exact numbers to compare with.
"""

from __future__ import annotations

from datetime import date
from itertools import count

from pantau.engine.models import (
    ALL_CATEGORIES,
    CurrentGeneration,
    ListCoverage,
    MemberCoverage,
    Refresh,
)

_generations = count(1000)


def month(key: str) -> date:
    year, number = key.split("-")
    return date(int(year), int(number), 1)


def publish(
    as_of: str,
    members: dict[str, tuple[int, int | None]] | None = None,
    lists: dict[tuple[str, str], tuple[int, int, int, int, int]] | None = None,
) -> int:
    """Rows for one month, summed over categories per region as the engine does."""
    when = month(as_of)
    generation = next(_generations)
    refresh = Refresh.objects.create(
        as_of=when, engine="duckdb", generation=generation, status="done"
    )
    for code, (active, workforce) in (members or {}).items():
        MemberCoverage.objects.create(
            generation=generation, as_of=when, region_code=code, active_members=active,
            workforce=workforce, workforce_year=when.year if workforce else None,
        )  # fmt: skip
    totals: dict[str, list[int]] = {}
    for (code, category), numbers in (lists or {}).items():
        listed, covered, lapsed, not_enrolled, cost = numbers
        ListCoverage.objects.create(
            generation=generation, as_of=when, region_code=code, category=category,
            listed=listed, covered=covered, lapsed=lapsed, not_enrolled=not_enrolled,
            gap_cost_annual=cost,
        )  # fmt: skip
        total = totals.setdefault(code, [0, 0, 0, 0, 0])
        for index, value in enumerate(numbers):
            total[index] += value
    for code, (listed, covered, lapsed, not_enrolled, cost) in totals.items():
        ListCoverage.objects.create(
            generation=generation, as_of=when, region_code=code, category=ALL_CATEGORIES,
            listed=listed, covered=covered, lapsed=lapsed, not_enrolled=not_enrolled,
            gap_cost_annual=cost,
        )  # fmt: skip
    CurrentGeneration.objects.update_or_create(
        as_of=when, defaults={"generation": generation, "refresh": refresh}
    )
    return generation
