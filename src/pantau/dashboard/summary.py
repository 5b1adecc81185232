"""One region's dashboard: its numbers, its children's, its trend and its budget status.

Everything comes from the pre-aggregated tables (read through `engine.coverage`, and
`budgets`) in a fixed
number of queries, whatever the number of children (a district has up to a few hundred
villages): the region and its ancestors, its children, the months, the member and list rows of
the region and its children for the month, the same two for the trend, and the budget rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction

from pantau.dashboard.budget_summary import BudgetSummary, budget_summary
from pantau.dashboard.indicators import INDICATORS, Indicator, indicator_for
from pantau.engine import coverage
from pantau.engine.models import (
    ALL_CATEGORIES,
    NATIONAL,
    ListCoverage,
    MemberCoverage,
    Workforce,
)
from pantau.regions.models import Region

# Levels whose children are drawn on a map; below them the children are a table only.
MAP_LEVELS = {None: "provinces", "province": "regencies"}


@dataclass
class RegionNumbers:
    """One region's row: members and workforce, its lists for the category, its budgets."""

    code: str
    name: str
    level: str
    region: Region | None = None
    active_members: int = 0
    workforce: int | None = None
    workforce_year: int | None = None
    workforce_is_estimate: bool = False
    listed: int = 0
    covered: int = 0
    lapsed: int = 0
    not_enrolled: int = 0
    gap_cost: int = 0
    gap_wage_missing: int = 0
    pemda_total: int = 0  # Pemda with a list in force or an allocation for the year
    not_budgeted: int | None = None  # None: no Pemda inside (a district, a village)
    rank: int | None = None
    # The region's own lists by category ("" sums them), for the tiles; children leave it empty.
    categories: dict[str, RegionNumbers] = field(default_factory=dict)

    @property
    def ucj(self) -> Fraction | None:
        if not self.workforce:
            return None
        return Fraction(self.active_members, self.workforce)

    @property
    def list_coverage(self) -> Fraction | None:
        return Fraction(self.covered, self.listed) if self.listed else None

    @property
    def not_covered(self) -> int:
        return self.lapsed + self.not_enrolled

    def value(self, indicator: Indicator) -> int | Fraction | None:
        if indicator.key == "ucj":
            return self.ucj
        if indicator.key == "list_coverage":
            return self.list_coverage
        if indicator.key == "active_members":
            return self.active_members
        if indicator.key == "not_covered":
            return self.not_covered if self.listed else None
        if indicator.key == "gap_cost":
            return self.gap_cost if self.listed else None
        return self.not_budgeted


@dataclass(frozen=True)
class Month:
    as_of: date
    generation: int

    @property
    def key(self) -> str:
        return f"{self.as_of:%Y-%m}"


@dataclass
class Dashboard:
    region: Region | None
    ancestors: list[Region]
    months: list[Month]
    month: Month | None
    category: str
    indicator: Indicator
    own: RegionNumbers
    children: list[RegionNumbers]
    trend: list[tuple[Month, RegionNumbers]]
    budget_year: int | None
    budget: BudgetSummary | None
    workforce_source: str = ""  # where the region's own workforce figure comes from
    computed_at: datetime | None = None  # when the month's numbers were computed

    @property
    def children_have_values(self) -> bool:
        return any(row.value(self.indicator) is not None for row in self.children)

    @property
    def trend_has_values(self) -> bool:
        return any(numbers.value(self.trend_indicator) is not None for _, numbers in self.trend)

    @property
    def has_estimates(self) -> bool:
        return any(row.workforce_is_estimate for row in self.children)

    @property
    def children_have_ucj(self) -> bool:
        return any(row.ucj is not None for row in self.children)

    @property
    def workforce_possible(self) -> bool:
        """A workforce figure can exist here: BPS Sakernas counts employed persons per
        province and regency/city; the nation's is the sum of every province's."""
        return self.region is None or self.region.level in ("province", "regency", "city")

    @property
    def ucj_over_full(self) -> bool:
        """UCJ above 100% here or in a child: members are counted where they work, the
        workforce where people live (DKI Jakarta: 7.5 million active members, 4.9 million
        employed residents), so the page says why."""
        return any((row.ucj or 0) > 1 for row in (self.own, *self.children))

    @property
    def trend_indicator(self) -> Indicator:
        """Budgets are yearly: with that indicator chosen, the trend shows UCJ coverage."""
        if self.indicator.key == "not_budgeted":
            return INDICATORS["ucj"]
        return self.indicator

    @property
    def map_level(self) -> str | None:
        return MAP_LEVELS.get(self.region.level if self.region else None)


def months() -> list[Month]:
    return [Month(month.as_of, month.generation) for month in coverage.months()]


def chosen_month(available: list[Month], key: str | None) -> Month | None:
    """The month asked for (`2022-06`) if it has numbers, else the latest."""
    for month in available:
        if month.key == key:
            return month
    return available[-1] if available else None


def _numbers(region: Region | None) -> RegionNumbers:
    if region is None:
        return RegionNumbers(NATIONAL, "Indonesia", "country")
    return RegionNumbers(region.code, region.name, region.level, region=region)


def fill_members(numbers: RegionNumbers, row: MemberCoverage) -> None:
    """A region's member and workforce numbers from its coverage row (pages and compare)."""
    numbers.active_members = row.active_members
    numbers.workforce = row.workforce
    numbers.workforce_year = row.workforce_year
    numbers.workforce_is_estimate = row.workforce_is_estimate


def fill_lists(numbers: RegionNumbers, row: ListCoverage) -> None:
    """A region's list numbers from its coverage row (pages and compare)."""
    numbers.listed = row.listed
    numbers.covered = row.covered
    numbers.lapsed = row.lapsed
    numbers.not_enrolled = row.not_enrolled
    numbers.gap_cost = row.gap_cost_annual
    numbers.gap_wage_missing = row.gap_wage_missing


def _coverage(own: RegionNumbers, by_code: dict[str, RegionNumbers], month: Month,
              category: str) -> None:  # fmt: skip
    """Fill the numbers of every region in `by_code` for the month, and the region's own
    lists of every category: two queries."""
    for row in coverage.member_rows([month], by_code):
        fill_members(by_code[row.region_code], row)
    wanted = category or ALL_CATEGORIES
    for row in coverage.list_rows([month], by_code):
        if row.region_code == own.code:
            own.categories[row.category] = _numbers(own.region)
            fill_lists(own.categories[row.category], row)
        if row.category == wanted:
            fill_lists(by_code[row.region_code], row)


def _trend(region: Region | None, available: list[Month], category: str):
    """The region's numbers in every month with numbers: two queries."""
    code = region.code if region else NATIONAL
    by_generation = {month.generation: (month, _numbers(region)) for month in available}
    for row in coverage.member_rows(available, code):
        if row.generation in by_generation:
            fill_members(by_generation[row.generation][1], row)
    for row in coverage.list_rows(available, code, category or ALL_CATEGORIES):
        if row.generation in by_generation:
            fill_lists(by_generation[row.generation][1], row)
    return [by_generation[month.generation] for month in available]


def _budgets(region: Region | None, own: RegionNumbers, children: dict[str, RegionNumbers],
             year: int, category: str) -> BudgetSummary | None:  # fmt: skip
    """Pemda not budgeted for the category, for the region and (nation, province) per child."""
    found = budget_summary(region, year, category)
    if found is None:
        return None
    own.pemda_total, own.not_budgeted = found.pemda_total, found.not_budgeted
    if region is None or region.level == "province":
        for code, child in children.items():
            child.pemda_total, child.not_budgeted = found.children.get(code, (0, 0))
    return found


def rank(rows: list[RegionNumbers], indicator: Indicator) -> None:
    """Competition ranking (1, 2, 2, 4) by the indicator, best first; no value, no rank."""
    valued = [row for row in rows if row.value(indicator) is not None]
    valued.sort(key=lambda row: row.value(indicator), reverse=indicator.higher_is_better)
    previous, previous_rank = None, 0
    for position, row in enumerate(valued, start=1):
        value = row.value(indicator)
        row.rank = previous_rank if value == previous else position
        previous, previous_rank = value, row.rank


def _workforce_source(own: RegionNumbers) -> str:
    """The source the region's workforce figure was imported with (one query); the nation's
    figure is the provinces' sum, which has no row of its own."""
    if own.region is None or own.workforce_year is None:
        return ""
    rows = Workforce.objects.filter(region_id=own.code, year=own.workforce_year)
    return rows.values_list("source", flat=True).first() or ""


def build(region: Region | None, ancestors: list[Region], children: list[Region],
          month_key: str | None, category: str, indicator: Indicator | None,
          available: list[Month] | None = None) -> Dashboard:  # fmt: skip
    """`indicator` None: UCJ for the nation and wherever a child has a UCJ figure, else the
    coverage of the Pemda lists (`indicators.indicator_for`)."""
    available = months() if available is None else available
    month = chosen_month(available, month_key)
    own = _numbers(region)
    child_numbers = {child.code: _numbers(child) for child in children}
    by_code = {own.code: own, **child_numbers}
    trend: list = []
    if month is not None:
        _coverage(own, by_code, month, category)
        trend = _trend(region, available, category)
    year = month.as_of.year if month else None
    budget = _budgets(region, own, child_numbers, year, category) if year else None
    rows = list(child_numbers.values())
    if indicator is None:
        has_ucj = any(row.ucj is not None for row in rows)
        indicator = indicator_for(None, national=region is None, children_have_ucj=has_ucj)
    rank(rows, indicator)
    return Dashboard(
        region=region, ancestors=ancestors, months=available, month=month, category=category,
        indicator=indicator, own=own, children=rows, trend=trend, budget_year=year,
        budget=budget, workforce_source=_workforce_source(own),
        computed_at=coverage.computed_at(month.as_of) if month else None,
    )  # fmt: skip
