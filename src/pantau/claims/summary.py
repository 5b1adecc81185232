"""The numbers of a region's claims page, from the engine's claims reader (`engine.claims`, the
only way pages and commands read claims numbers): totals by programme, by month, by child
region, and the flagged count. Aggregates only; the flagged claims themselves are read by
the view, for those allowed (`flagged_page`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from pantau.claims.choices import PROGRAM_NAMES, REASONS, program_order
from pantau.core.display import month_label
from pantau.engine import claims as reader
from pantau.engine.claims import ClaimNumbers
from pantau.regions.models import Region

MAX_MONTH = datetime.date(9999, 12, 1)


def parse_month(text: str | None) -> datetime.date | None:
    """`?dari=2022-07` → 2022-07-01; None for anything else (the page's default)."""
    text = (text or "").strip()
    if len(text) != 7 or not text.isascii():
        return None
    try:
        month = datetime.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        return None
    return month if month.year >= 1900 else None


def period(first_text: str | None, last_text: str | None):
    """(first, last) months from the query; swapped when given the wrong way round."""
    first, last = parse_month(first_text), parse_month(last_text)
    if first and last and first > last:
        first, last = last, first
    return first, last


def month_key(month: datetime.date | None) -> str | None:
    return f"{month:%Y-%m}" if month else None


@dataclass
class ProgramRow:
    program: str
    numbers: ClaimNumbers

    @property
    def name(self) -> str:
        return str(PROGRAM_NAMES.get(self.program, self.program))

    @property
    def pemda_share(self) -> Fraction | None:
        amount = self.numbers.amount
        return Fraction(self.numbers.pemda_funded_amount, amount) if amount else None


@dataclass
class MonthRow:
    month: datetime.date
    numbers: ClaimNumbers = field(default_factory=ClaimNumbers)
    programs: dict[str, ClaimNumbers] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def key(self) -> str:
        return f"{self.month:%Y-%m}"


@dataclass
class ChildRow:
    code: str
    name: str
    level: str
    numbers: ClaimNumbers
    programs: dict[str, ClaimNumbers]


@dataclass
class ClaimsSummary:
    region: Region | None
    first: datetime.date | None
    last: datetime.date | None
    months: list[datetime.date]
    programs: list[ProgramRow]
    total: ClaimNumbers
    by_month: list[MonthRow]
    children: list[ChildRow]
    flagged: int
    computed_at: datetime.datetime | None

    @property
    def code(self) -> str:
        return self.region.code if self.region else ""

    @property
    def program_codes(self) -> list[str]:
        return [row.program for row in self.programs]


def sorted_programs(programs: dict[str, ClaimNumbers]) -> list[ProgramRow]:
    return [ProgramRow(code, programs[code]) for code in sorted(programs, key=program_order)]


def total_of(numbers) -> ClaimNumbers:
    return sum(numbers, ClaimNumbers())


def build(region: Region | None, first, last, with_children: bool = True) -> ClaimsSummary:
    """Everything the page shows but the flagged claims: a fixed number of queries."""
    code = region.code if region else ""
    programs = reader.by_program(code, first, last)
    months: dict[datetime.date, MonthRow] = {}
    for month, program, numbers in reader.by_month(code, first, last):
        row = months.setdefault(month, MonthRow(month))
        row.numbers = row.numbers + numbers
        row.programs[program] = row.programs.get(program, ClaimNumbers()) + numbers
    children = []
    if with_children:
        found = reader.children(code, first, last)
        regions = Region.objects.in_bulk([child for child, _ in found], field_name="code")
        for child, child_programs in found:
            place = regions.get(child)
            children.append(ChildRow(
                code=child,
                name=place.name if place else child,
                level=place.level if place else "",
                numbers=total_of(child_programs.values()),
                programs=child_programs,
            ))  # fmt: skip
    return ClaimsSummary(
        region=region,
        first=first,
        last=last,
        months=reader.months(code),
        programs=sorted_programs(programs),
        total=total_of(programs.values()),
        by_month=[months[month] for month in sorted(months)],
        children=children,
        flagged=reader.flagged_total(code, first, last),
        computed_at=reader.computed_at(),
    )


def chart_payload(summary: ClaimsSummary) -> dict:
    """The month chart: amount paid per month and programme (stacked), with labels."""
    codes = summary.program_codes
    return {
        "months": [row.key for row in summary.by_month],
        "labels": [row.label for row in summary.by_month],
        "series": [
            {
                "program": code,
                "name": f"{code} ({PROGRAM_NAMES.get(code, code)})",
                "values": [row.programs.get(code, ClaimNumbers()).amount
                           for row in summary.by_month],
            }
            for code in codes
        ],
        "counts": [row.numbers.count for row in summary.by_month],
    }  # fmt: skip


def reason_labels(codes) -> list[str]:
    return [str(REASONS.get(code, code)) for code in codes]


def cli_payload(summary: ClaimsSummary) -> dict:
    """`pantau claims --format json`: the issue's shape."""
    return {
        "region": summary.code,
        "from": month_key(summary.first),
        "to": month_key(summary.last),
        "programs": {row.program: row.numbers.as_dict() for row in summary.programs},
        "flagged": summary.flagged,
        "children": [
            {
                "region": child.code,
                "programs": {
                    code: child.programs[code].as_dict()
                    for code in sorted(child.programs, key=program_order)
                },
            }
            for child in summary.children
        ],
    }
