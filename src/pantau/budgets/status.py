"""Budget status: each Pemda's current allocation against what its list needs.

For every Pemda in a region (the region's own government included) and every category that
has a list in force or a current allocation for the year:

| status | when |
| --- | --- |
| `not_budgeted` | no allocation, or an allocation of Rp0 |
| `under_budgeted` | allocated < need |
| `budgeted` | allocated ≥ need, or need unknown and allocated > 0 |

Flags: `review_over_budget` (allocated > review_ratio × need; policy
`policy/budget-status.toml`, 1.5 by default: exactly 1.5 × need is not flagged),
`need_unknown` (no list in force, a PU list without wages, a year the rules do not cover,
or needs not yet refreshed since the list changed), `realized_exceeds_allocation`.

Reads only the database (`Allocation`, `Need`, the lake's catalog): a fixed number of
queries whatever the number of Pemda.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from pantau.budgets.choices import BudgetStatus
from pantau.budgets.models import Allocation, Need
from pantau.core.vocabulary import Category, Kind
from pantau.lake.catalog import lists_in_force
from pantau.lake.models import Snapshot
from pantau.regions.lookup import get_region
from pantau.regions.models import Region

POLICY_FILE = Path(__file__).resolve().parent / "policy" / "budget-status.toml"
NATIONAL_NAMES = frozenset({"", "id", "idn", "indonesia", "nasional", "national", "0", "00"})
STATUS_ORDER = {BudgetStatus.NOT_BUDGETED: 0, BudgetStatus.UNDER_BUDGETED: 1,
                BudgetStatus.BUDGETED: 2}  # fmt: skip
CATEGORY_ORDER = {value: index for index, value in enumerate(Category.values)}
REVIEW, NEED_UNKNOWN, REALIZED_ABOVE = (
    "review_over_budget",
    "need_unknown",
    "realized_exceeds_allocation",
)


@cache
def review_ratio(path: Path = POLICY_FILE) -> Fraction:
    """The policy's `review_ratio`, exact: written as a string ("1.5"), never a float."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    value = data.get("review_ratio")
    if not isinstance(value, str):
        raise ImproperlyConfigured(
            f'{path.name}: review_ratio must be a string such as "1.5", not {value!r}'
        )
    try:
        ratio = Fraction(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{path.name}: review_ratio {value!r} is not a number") from None
    if ratio < 1:
        raise ImproperlyConfigured(f"{path.name}: review_ratio must be at least 1, not {value}")
    return ratio


def judge(
    need: int | None, allocated: int | None, realized: int | None = None,
    ratio: Fraction | None = None,
) -> tuple[str, list[str]]:  # fmt: skip
    """(status, flags) for one Pemda and category; the boundaries are in the module doc."""
    ratio = review_ratio() if ratio is None else ratio
    flags: list[str] = []
    if not allocated:
        status = BudgetStatus.NOT_BUDGETED
    elif need is None or allocated >= need:
        status = BudgetStatus.BUDGETED
        if need is not None and allocated > ratio * need:
            flags.append(REVIEW)
    else:
        status = BudgetStatus.UNDER_BUDGETED
    if need is None:
        flags.append(NEED_UNKNOWN)
    if realized is not None and allocated is not None and realized > allocated:
        flags.append(REALIZED_ABOVE)
    return str(status), flags


@dataclass
class BudgetRow:
    code: str
    name: str
    level: str
    category: str
    need: int | None
    allocated: int | None  # None: no allocation recorded
    realized: int | None
    status: str
    flags: list[str] = field(default_factory=list)
    realization_rate: Fraction | None = None
    persons_listed: int = 0
    persons_budgeted: int | None = None
    stage: str | None = None
    document: str = ""
    programs: str = ""  # the allocation's programmes; "" = the category's default
    persons_without_wage: int = 0


@dataclass(frozen=True)
class Scope:
    """The Pemda a region covers: `code` None is Indonesia (38 provinces, 514 regencies and
    cities); a province is its own government and its regencies' and cities'; a regency or
    city is itself; a district or village holds no Pemda (`empty`)."""

    code: str | None
    name: str
    empty: bool = False

    def filter(self) -> dict:
        if self.code is None:
            return {}
        if "." in self.code:
            return {"pemda_id": self.code}
        return {"pemda__province_code": self.code}


def scope_of(region_code: str | None) -> Scope:
    """The Pemda inside a region (None, "ID": Indonesia); raises RegionNotFound (Http404)."""
    if region_code is None or str(region_code).strip().lower() in NATIONAL_NAMES:
        return Scope(None, "Indonesia")
    region = get_region(region_code)
    return Scope(region.code, region.name, empty=not region.is_pemda)


def budget_rows(region_code: str | None, year: int) -> list[BudgetRow]:
    """Every Pemda and category in the region with a list in force or an allocation,
    `not_budgeted` first."""
    return rows_for(scope_of(region_code), year)


def rows_for(scope: Scope, year: int) -> list[BudgetRow]:
    if scope.empty:
        return []
    where = scope.filter()
    allocations = {
        (a.pemda_id, a.category): a
        for a in Allocation.objects.current().filter(year=year, **where).select_related("pemda")
    }
    snapshots = list(
        Snapshot.objects.current()
        .filter(kind=Kind.WORKERS, accepted__gt=0, year__lte=year, **where)
        .select_related("pemda")
        .order_by("year", "pk")
    )
    lists = lists_in_force(year, snapshots=snapshots)
    needs = {
        (n.pemda_id, n.category, n.programs): n for n in Need.objects.filter(year=year, **where)
    }
    ratio = review_ratio()
    rows = [
        _row(key, allocations.get(key), lists.get(key), needs, ratio)
        for key in allocations.keys() | lists.keys()
    ]
    rows.sort(key=lambda r: (STATUS_ORDER[r.status], r.code, CATEGORY_ORDER[r.category]))
    return rows


def _row(key, allocation: Allocation | None, snapshot: Snapshot | None, needs, ratio) -> BudgetRow:
    code, category = key
    region: Region = (allocation or snapshot).pemda
    programs = allocation.programs if allocation else ""
    need_row = needs.get((code, category, programs))
    if snapshot is None or need_row is None or need_row.list_snapshot_id != snapshot.pk:
        need_row = None  # no list, or its need not computed since it changed
    need = need_row.amount if need_row else None
    allocated = allocation.amount if allocation else None
    realized = allocation.realized if allocation else None
    status, flags = judge(need, allocated, realized, ratio)
    rate = Fraction(realized, allocated) if realized is not None and allocated else None
    return BudgetRow(
        code=code,
        name=region.name,
        level=region.level,
        category=category,
        need=need,
        allocated=allocated,
        realized=realized,
        status=status,
        flags=flags,
        realization_rate=rate,
        persons_listed=snapshot.accepted if snapshot else 0,
        persons_budgeted=allocation.persons if allocation else None,
        stage=allocation.stage if allocation else None,
        document=allocation.document if allocation else "",
        programs=programs,
        persons_without_wage=need_row.persons_without_wage if need_row else 0,
    )


def budget_status_json(region_code: str | None, year: int) -> dict:
    """`pantau budget-status --format json`: amounts as integers (null when unknown)."""
    scope = scope_of(region_code)
    return {
        "region": scope.code or "ID",
        "year": year,
        "pemda": [
            {
                "code": row.code,
                "name": row.name,
                "category": row.category,
                "need": row.need,
                "allocated": row.allocated,
                "realized": row.realized,
                "status": row.status,
                "flags": row.flags,
            }
            for row in rows_for(scope, year)
        ],
    }
