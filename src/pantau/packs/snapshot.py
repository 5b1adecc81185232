"""One data snapshot of a meeting's regions: every number the briefing pack shows.

The PDF and the XLSX are two renderings of the same `Pack` (`pdf.py`, `xlsx.py`), so they
cannot disagree. The numbers come from the readers the pages use: the province dashboard
(`dashboard.summary.build`: coverage through `engine.coverage`, budgets through
`budgets.status`), the claims summary (`claims.summary.build`), and the monev services for the
actions; nothing here queries a table of its own.

The data month is the latest refreshed month not after the meeting's month; the claims run
from January of the meeting's year to its month; overdue is judged on the meeting's day.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from pantau.budgets.choices import BudgetStatus
from pantau.budgets.status import Scope, rows_for
from pantau.claims import summary as claims_summary
from pantau.core.vocabulary import Category
from pantau.dashboard import summary as dashboard
from pantau.dashboard.indicators import INDICATORS
from pantau.engine import claims as claims_reader
from pantau.engine import coverage
from pantau.monev import services as monev
from pantau.monev.choices import PENDING, ActionStatus
from pantau.monev.models import Meeting
from pantau.regions.codes import is_within
from pantau.regions.models import Region


@dataclass(frozen=True)
class CategoryLine:
    """One category of workers in a province: its lists, its gap, its budgets."""

    category: str
    listed: int
    covered: int
    not_covered: int
    gap_cost: int  # the yearly contributions of the listed people not covered, Rupiah
    pemda_total: int  # Pemda with a list in force or an allocation for the category
    not_budgeted: int

    @property
    def label(self) -> str:
        return str(Category(self.category).label)

    @property
    def coverage(self) -> Fraction | None:
        return Fraction(self.covered, self.listed) if self.listed else None


@dataclass(frozen=True)
class ProgramLine:
    program: str
    name: str
    count: int
    amount: int
    pemda_funded_count: int
    pemda_funded_amount: int

    @property
    def pemda_share(self) -> Fraction | None:
        return Fraction(self.pemda_funded_amount, self.amount) if self.amount else None


@dataclass(frozen=True)
class PemdaLine:
    """A Pemda's row: the province itself (its whole area) or one regency or city."""

    code: str
    name: str
    level: str
    workforce: int | None
    active_members: int
    ucj: Fraction | None
    listed: int
    covered: int
    list_coverage: Fraction | None
    not_covered: int
    gap_cost: int
    not_budgeted: tuple[str, ...]  # the categories it has not budgeted for (labels)
    open_actions: int
    overdue_actions: int


@dataclass(frozen=True)
class ActionLine:
    number: int
    meeting: str  # the meeting that agreed it: its day and title
    text: str
    owner: str
    owner_code: str  # the owner's region ("" for a national agency)
    due: datetime.date
    status: str
    overdue: bool


@dataclass(frozen=True)
class Change:
    """A province's numbers at the previous meeting's data month, beside today's."""

    as_of: datetime.date
    meeting: str
    active_members: int
    ucj: Fraction | None
    list_coverage: Fraction | None


@dataclass
class ProvincePage:
    code: str
    name: str
    workforce: int | None
    workforce_year: int | None
    active_members: int
    ucj: Fraction | None
    listed: int
    covered: int
    list_coverage: Fraction | None
    categories: list[CategoryLine]
    pemda_total: int
    not_budgeted: int
    programs: list[ProgramLine]
    claims_total: ProgramLine
    pemda: list[PemdaLine]
    change: Change | None
    map_values: dict[str, Fraction | None] = field(default_factory=dict)

    @property
    def gap_total(self) -> int:
        return sum(line.not_covered for line in self.categories)

    @property
    def gap_cost_total(self) -> int:
        return sum(line.gap_cost for line in self.categories)


@dataclass
class Pack:
    meeting: Meeting
    regions: list[Region]
    as_of: datetime.date | None  # the data month; None: no refreshed month yet
    vintage: coverage.Vintage | None
    claims_first: datetime.date
    claims_last: datetime.date
    claim_files: list[int]
    claims_computed_at: datetime.datetime | None
    provinces: list[ProvincePage]
    actions: list[ActionLine]  # every pending action, national agencies' too


def data_month(meeting: Meeting) -> datetime.date | None:
    """The latest refreshed month not after the meeting's month."""
    first_of_next = (meeting.held_on.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return coverage.latest_month(before=first_of_next)


def _province_codes(regions: list[Region]) -> list[str]:
    return sorted({region.code.split(".")[0] for region in regions})


def _in_meeting(code: str, regions: list[Region]) -> bool:
    """A Pemda the meeting covers: inside one of its regions, or the province of a region
    below it (a meeting on one regency still shows its province's row)."""
    return any(is_within(code, r.code) or is_within(r.code, code) for r in regions)


def _category_lines(own: dashboard.RegionNumbers, budget_rows) -> list[CategoryLine]:
    pemda: dict[str, set[str]] = defaultdict(set)
    behind: dict[str, set[str]] = defaultdict(set)
    for row in budget_rows:
        pemda[row.category].add(row.code)
        if row.status == BudgetStatus.NOT_BUDGETED:
            behind[row.category].add(row.code)
    lines = []
    for category in Category.values:
        numbers = own.categories.get(category)
        lines.append(
            CategoryLine(
                category=category,
                listed=numbers.listed if numbers else 0,
                covered=numbers.covered if numbers else 0,
                not_covered=numbers.not_covered if numbers else 0,
                gap_cost=numbers.gap_cost if numbers else 0,
                pemda_total=len(pemda[category]),
                not_budgeted=len(behind[category]),
            )
        )
    return lines


def _program_line(program: str, name: str, numbers) -> ProgramLine:
    return ProgramLine(program, name, numbers.count, numbers.amount,
                       numbers.pemda_funded_count, numbers.pemda_funded_amount)  # fmt: skip


def _change(province: dashboard.Dashboard, previous: Meeting | None) -> Change | None:
    if previous is None:
        return None
    month = data_month(previous)
    for trend_month, numbers in province.trend:
        if trend_month.as_of == month:
            return Change(month, f"{previous.held_on:%Y-%m-%d} {previous.title}",
                          numbers.active_members, numbers.ucj, numbers.list_coverage)  # fmt: skip
    return None


def pending_actions(meeting: Meeting) -> list[ActionLine]:
    """The follow-up actions still to be done on the meeting's day (from their histories):
    those carried over from earlier meetings of its regions and its own; overdue that day.
    A pack made later for a past meeting shows them as they stood then."""
    day = meeting.held_on
    carried = monev.carried_over(meeting)
    own = monev.actions_query(meeting=meeting).prefetch_related("events")
    lines = []
    for action in sorted({a.pk: a for a in [*carried, *own]}.values(), key=lambda a: (a.due, a.pk)):
        events = sorted(action.events.all(), key=lambda e: (e.day, e.at, e.pk))
        status = monev.status_on(events, day) or action.status
        if status not in PENDING:
            continue
        owner = action.owner_agency or action.owner_region
        lines.append(
            ActionLine(
                number=action.pk,
                meeting=f"{action.meeting.held_on:%Y-%m-%d} {action.meeting.title}",
                text=action.text,
                owner=owner.name if owner else "",
                owner_code=action.owner_area or "",
                due=action.due,
                status=str(ActionStatus(status).label),
                overdue=action.due < day,
            )
        )
    return lines


def build(meeting: Meeting) -> Pack:
    """The meeting's pack data: a fixed number of queries per province."""
    regions = list(meeting.regions.order_by("code"))
    month = data_month(meeting)
    available = dashboard.months()
    month_key = f"{month:%Y-%m}" if month else None
    year = meeting.held_on.year
    claims_first = datetime.date(year, 1, 1)
    claims_last = meeting.held_on.replace(day=1)
    actions = pending_actions(meeting)
    codes = _province_codes(regions)
    by_code = Region.objects.in_bulk(codes, field_name="code")
    pages = []
    for code in codes:
        province = by_code[code]
        children = [
            child
            for child in province.children.order_by("code")
            if _in_meeting(child.code, regions)
        ]
        board = dashboard.build(province, [], children, month_key, "", INDICATORS["ucj"],
                                available=available)  # fmt: skip
        budget = rows_for(Scope(province.code, province.name), year)
        not_budgeted: dict[str, list[str]] = defaultdict(list)
        for row in budget:
            if row.status == BudgetStatus.NOT_BUDGETED:
                not_budgeted[row.code].append(str(Category(row.category).label))
        inside = [a for a in actions if a.owner_code and is_within(a.owner_code, code)]
        open_by: dict[str, int] = defaultdict(int)
        overdue_by: dict[str, int] = defaultdict(int)
        for action in inside:
            for line_code in [province.code, *(child.code for child in children)]:
                if is_within(action.owner_code, line_code):
                    open_by[line_code] += 1
                    overdue_by[line_code] += action.overdue
        claims = claims_summary.build(province, claims_first, claims_last, with_children=False)
        own = board.own
        pemda = [
            PemdaLine(
                code=line.code,
                name=line.name,
                level=line.level,
                workforce=line.workforce,
                active_members=line.active_members,
                ucj=line.ucj,
                listed=line.listed,
                covered=line.covered,
                list_coverage=line.list_coverage,
                not_covered=line.not_covered,
                gap_cost=line.gap_cost,
                not_budgeted=tuple(not_budgeted.get(line.code, ())),
                open_actions=open_by[line.code],
                overdue_actions=overdue_by[line.code],
            )
            for line in [own, *board.children]
        ]
        total = claims.total
        pages.append(
            ProvincePage(
                code=province.code,
                name=province.name,
                workforce=own.workforce,
                workforce_year=own.workforce_year,
                active_members=own.active_members,
                ucj=own.ucj,
                listed=own.listed,
                covered=own.covered,
                list_coverage=own.list_coverage,
                categories=_category_lines(own, budget),
                pemda_total=own.pemda_total,
                not_budgeted=own.not_budgeted or 0,
                programs=[_program_line(p.program, p.name, p.numbers) for p in claims.programs],
                claims_total=_program_line("", "", total),
                pemda=pemda,
                change=_change(board, monev.previous_meeting(meeting, province.code)),
                map_values={child.code: child.ucj for child in board.children},
            )
        )
    return Pack(
        meeting=meeting,
        regions=regions,
        as_of=month,
        vintage=coverage.vintage(month) if month else None,
        claims_first=claims_first,
        claims_last=claims_last,
        claim_files=claims_reader.claim_files(),
        claims_computed_at=claims_reader.computed_at(),
        provinces=pages,
        actions=actions,
    )
