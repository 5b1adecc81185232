"""The indicators an action or finding may target, read for one region at one time.

`list_coverage:<category>`: the share of the category's listed people who are covered, from
the coverage numbers of the latest month with numbers up to the time asked;
`ucj_coverage`: active members over the workforce (UCJ), likewise; `budget_status:<category>`:
what the Pemda budgeted for the category over its need, for a budget year (0 when nothing
is budgeted, above 1 when more than the need). Values are Decimal shares to four places.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from pantau.budgets.status import budget_rows
from pantau.core.messages import Refusal
from pantau.core.vocabulary import Category
from pantau.engine import coverage
from pantau.monev.choices import INDICATOR_KINDS

FOUR_PLACES = Decimal("0.0001")


class IndicatorError(Refusal):
    pass


@dataclass(frozen=True)
class Indicator:
    kind: str
    category: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.category}" if self.category else self.kind


@dataclass(frozen=True)
class Reading:
    value: Decimal | None
    month: date | None  # the month of the numbers read (budgets: the first day of the year)


def parse(text: str) -> Indicator:
    """`list_coverage:non_asn` → Indicator; raises IndicatorError for anything else."""
    kind, _, category = (text or "").strip().partition(":")
    categories = [str(choice) for choice in Category.values]
    if kind == "ucj_coverage" and not category:
        return Indicator(kind)
    if kind in INDICATOR_KINDS and kind != "ucj_coverage" and category in categories:
        return Indicator(kind, category)
    known = ", ".join(
        [
            "ucj_coverage",
            *(f"{k}:{c}" for k in ("list_coverage", "budget_status") for c in categories),
        ]
    )
    raise IndicatorError(
        "indicator_unknown",
        f"Indikator tidak dikenal: {text!r}. Pilihan: {known}.",
        f"Unknown indicator: {text!r}. Choose one of: {known}.",
    )


def _share(part: int | None, whole: int | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(FOUR_PLACES, ROUND_HALF_UP)


class Reader:
    """Reads indicators for many regions at a few queries, whatever their number: the
    coverage rows of every region in `codes` for a month in one query per table, a budget
    year's rows of the whole country once (pages list many actions; `read` reads one)."""

    def __init__(self, codes) -> None:
        self.codes = sorted({code for code in codes if code})
        self._months: dict[date, list] = {}
        self._lists: dict[int, dict[tuple[str, str], tuple[int, int]]] = {}
        self._members: dict[int, dict[str, tuple[int, int | None]]] = {}
        self._budgets: dict[int, dict[tuple[str, str], Decimal | None]] = {}

    def read(self, indicator: Indicator, region_code: str, when: date,
             budget_year: int | None = None) -> Reading:  # fmt: skip
        """The indicator for the region as known at `when` (coverage: the latest month with
        numbers up to `when`'s month; budgets: the allocations recorded now for
        `budget_year`, default `when`'s year)."""
        if indicator.kind == "budget_status":
            year = budget_year or when.year
            return Reading(self._budget(year).get((region_code, indicator.category)),
                           date(year, 1, 1))  # fmt: skip
        first = when.replace(day=1)
        if first not in self._months:
            self._months[first] = coverage.months_until(first)[:1]
        if not self._months[first]:
            return Reading(None, None)
        month = self._months[first][0]
        if indicator.kind == "ucj_coverage":
            if month.generation not in self._members:
                self._members[month.generation] = {
                    row.region_code: (row.active_members, row.workforce)
                    for row in coverage.member_rows([month], self.codes)
                }  # fmt: skip
            found = self._members[month.generation].get(region_code)
        else:
            if month.generation not in self._lists:
                self._lists[month.generation] = {
                    (row.region_code, row.category): (row.covered, row.listed)
                    for row in coverage.list_rows([month], self.codes)
                }  # fmt: skip
            found = self._lists[month.generation].get((region_code, indicator.category))
        return Reading(_share(*found) if found else None, month.as_of)

    def _budget(self, year: int) -> dict[tuple[str, str], Decimal | None]:
        if year not in self._budgets:
            rows = budget_rows(None, year) if len(self.codes) > 1 else [
                row for code in self.codes for row in budget_rows(code, year)]  # fmt: skip
            self._budgets[year] = {
                (row.code, row.category): _share(row.allocated or 0, row.need) for row in rows
            }
        return self._budgets[year]


def read(indicator: Indicator, region_code: str, when: date, budget_year: int | None = None
         ) -> Reading:  # fmt: skip
    """One indicator for one region (`Reader.read`)."""
    return Reader([region_code]).read(indicator, region_code, when, budget_year)


def months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def on_track(baseline: Reading, current: Reading, target: Decimal | None, due: date) -> bool | None:
    """Does the trend from the meeting's value to the current one reach `target` by `due`?

    True once the target is reached; otherwise the change per month since the meeting,
    carried on to the due month, must reach it. None when it cannot be said: no target, a
    value missing, or no later month to draw a trend from.
    """
    if target is None or current.value is None:
        return None
    if current.value >= target:
        return True
    if baseline.value is None or baseline.month is None or current.month is None:
        return None
    elapsed = months_between(baseline.month, current.month)
    if elapsed <= 0:
        return None
    per_month = (current.value - baseline.value) / elapsed
    ahead = max(months_between(current.month, due), 0)
    return current.value + per_month * ahead >= target


def label(text: str) -> str:
    """The indicator in words, in the active language: `list_coverage:non_asn` →
    "Cakupan daftar Pegawai Non ASN"."""
    if not text:
        return ""
    parsed = parse(text)
    category = dict(Category.choices).get(parsed.category, "")
    if parsed.kind == "ucj_coverage":
        return str(_("Cakupan UCJ (peserta aktif ÷ penduduk bekerja)"))
    if parsed.kind == "list_coverage":
        return str(_("Cakupan daftar %(category)s")) % {"category": category}
    return str(_("Anggaran %(category)s ÷ kebutuhan")) % {"category": category}
