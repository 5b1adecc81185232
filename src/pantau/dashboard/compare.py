"""Comparing regions side by side (`/bandingkan/`): regions × indicators × months.

The choice lives in the query string (`?wilayah=64&wilayah=65&indikator=ucj&bulan=2022-07`),
ISO months and dotted or undotted codes; anything that cannot be read is dropped with a
message that says why, never an error page. The numbers are the region pages' own: the same
`RegionNumbers` filled from the same rows of `engine.coverage`, in two queries whatever the
number of regions and months.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from pantau.core import params
from pantau.core.display import month_label, number
from pantau.core.money import format_count, format_rupiah
from pantau.core.vocabulary import Category
from pantau.dashboard.indicators import INDICATORS, Indicator, display
from pantau.dashboard.indicators import number as chart_number
from pantau.dashboard.summary import Month, RegionNumbers, fill_lists, fill_members
from pantau.engine import coverage
from pantau.engine.models import ALL_CATEGORIES, NATIONAL
from pantau.regions.codes import try_canonical_code
from pantau.regions.models import Region

# Enough for a province's regencies or a year's quarters; beyond it a table stops being read.
MAX_REGIONS = 12
MAX_INDICATORS = 6
MAX_MONTHS = 4
NATIONAL_KEY = "ID"
NATIONAL_NAMES = {"id", "indonesia", "nasional"}
# Budgets are yearly and judged per Pemda: a month-by-month comparison has nothing to show.
COMPARABLE = tuple(key for key in INDICATORS if key != "not_budgeted")
DEFAULT_INDICATORS = ("ucj", "list_coverage")
# ASCII digits only (`\d` alone takes `٢٠٢٢`), a year a `date` can hold.
MONTH_PATTERN = re.compile(r"^[12][0-9]{3}-(0[1-9]|1[0-2])$")
MINUS = "\u2212"
# A pasted list is read up to here, and a value is quoted in a message up to `QUOTED` long:
# a mistyped link gets a short page of messages, not one per garbage value.
MAX_TOKENS = 40
QUOTED = 24


@dataclass(frozen=True)
class Place:
    """A chosen region: `key` as written in the URL ("ID" for Indonesia)."""

    key: str
    code: str  # NATIONAL for Indonesia
    name: str
    level: str
    region: Region | None = None

    def numbers(self) -> RegionNumbers:
        return RegionNumbers(self.code, self.name, self.level, region=self.region)


@dataclass
class Choice:
    places: list[Place]
    indicators: list[Indicator]
    months: list[Month]  # newest first
    category: str
    chart: Indicator | None
    problems: list[str] = field(default_factory=list)
    over_limit: bool = False  # more regions, indicators or months than a table can carry

    def pairs(self, without: str | None = None) -> list[tuple[str, str]]:
        """The query string of this choice (a region left out when `without` is its key)."""
        pairs = [("wilayah", place.key) for place in self.places if place.key != without]
        pairs += [("indikator", indicator.key) for indicator in self.indicators]
        pairs += [("bulan", month.key) for month in self.months]
        if self.category:
            pairs.append(("kategori", self.category))
        if self.chart and self.indicators and self.chart != self.indicators[0]:
            pairs.append(("grafik", self.chart.key))
        return pairs

    def query(self, **extra: str) -> str:
        return urlencode(self.pairs() + list(extra.items()))

    def query_without(self, key: str) -> str:
        return urlencode(self.pairs(without=key))

    @property
    def newest(self) -> Month | None:
        return self.months[0] if self.months else None

    @property
    def oldest(self) -> Month | None:
        return self.months[-1] if len(self.months) > 1 else None

    @property
    def year_over_year(self) -> bool:
        new, old = self.newest, self.oldest
        return bool(new and old and new.as_of.replace(year=new.as_of.year - 1) == old.as_of)


def _tokens(values: list[str]) -> list[str]:
    """`wilayah=64,65` and `wilayah=64 65` read like two `wilayah`s (a pasted list)."""
    tokens = [token for value in values for token in re.split(r"[,;\s]+", value) if token]
    return tokens[:MAX_TOKENS]


def _quoted(value: str) -> str:
    value = value.replace("\x00", "")
    return value if len(value) <= QUOTED else value[: QUOTED - 1] + "…"


def _places(request_codes: list[str], default: list[str], problems: list[str]):
    tokens = _tokens(request_codes) or default
    keys: list[str] = []
    for token in tokens:
        if token.lower() in NATIONAL_NAMES:
            key = NATIONAL_KEY
        else:
            key = try_canonical_code(token)
            if key is None:
                problems.append(
                    _("“%(code)s” bukan kode wilayah Kemendagri.") % {"code": _quoted(token)}
                )
                continue
        if key not in keys:
            keys.append(key)
    over = len(keys) > MAX_REGIONS
    if over:
        problems.append(
            _("Paling banyak %(n)d wilayah dibandingkan sekaligus; yang lain dilewati.")
            % {"n": MAX_REGIONS}
        )
        keys = keys[:MAX_REGIONS]
    codes = [key for key in keys if key != NATIONAL_KEY]
    found = {}
    if codes:
        found = {region.code: region for region in Region.objects.filter(code__in=codes)}
    places = []
    for key in keys:
        if key == NATIONAL_KEY:
            places.append(Place(NATIONAL_KEY, NATIONAL, _("Indonesia"), "country"))
        elif key in found:
            region = found[key]
            places.append(Place(key, key, region.name, region.level, region))
        else:
            problems.append(_("Kode wilayah %(code)s tidak ditemukan.") % {"code": key})
    return places, over


def _indicators(keys: list[str], problems: list[str]):
    chosen: list[Indicator] = []
    for key in keys[:MAX_TOKENS]:
        if key in COMPARABLE:
            if INDICATORS[key] not in chosen:
                chosen.append(INDICATORS[key])
        elif key:
            problems.append(_("Indikator “%(key)s” tidak dikenal.") % {"key": _quoted(key)})
    over = len(chosen) > MAX_INDICATORS
    if over:
        problems.append(_("Paling banyak %(n)d indikator sekaligus.") % {"n": MAX_INDICATORS})
    return (chosen[:MAX_INDICATORS] or [INDICATORS[key] for key in DEFAULT_INDICATORS]), over


def default_months(available: list[Month]) -> list[Month]:
    """The latest month with numbers and the same month a year earlier, if it has numbers."""
    if not available:
        return []
    latest = available[-1]
    year_before = latest.as_of.replace(year=latest.as_of.year - 1)
    return [latest, *(month for month in available if month.as_of == year_before)]


def _months(keys: list[str], available: list[Month], problems: list[str]):
    by_key = {month.key: month for month in available}
    chosen: list[Month] = []
    for key in _tokens(keys):
        matched = MONTH_PATTERN.fullmatch(key)
        if not matched:
            problems.append(_("“%(month)s” bukan bulan (tulis 2022-07).") % {"month": _quoted(key)})
        elif key not in by_key:
            problems.append(
                _("Belum ada angka untuk %(month)s.") % {"month": month_label(_first_of(key))}
            )
        elif by_key[key] not in chosen:
            chosen.append(by_key[key])
    over = len(chosen) > MAX_MONTHS
    if over:
        problems.append(_("Paling banyak %(n)d bulan sekaligus.") % {"n": MAX_MONTHS})
    chosen = sorted(chosen[:MAX_MONTHS], key=lambda month: month.as_of, reverse=True)
    return (chosen or sorted(default_months(available), key=lambda m: m.as_of, reverse=True)), over


def _first_of(key: str) -> date:
    year, month = key.split("-")
    return date(int(year), int(month), 1)


def own_default(user) -> list[str]:
    """Without a choice: the user's region beside the one above it, else Indonesia."""
    code = getattr(user, "region_id", None)
    if not code:
        return [NATIONAL_KEY]
    parent = code.rsplit(".", 1)[0] if "." in code else NATIONAL_KEY
    return [code, parent]


def parse(query, available: list[Month], user=None) -> Choice:
    """The choice in a query string (a `QueryDict`); `available`: the months with numbers."""
    problems: list[str] = []
    places, too_many_places = _places(query.getlist("wilayah"), own_default(user), problems)
    indicators, too_many_indicators = _indicators(query.getlist("indikator"), problems)
    months, too_many_months = _months(query.getlist("bulan"), available, problems)
    category = params.choice(query.get("kategori"), Category.values)
    chart = INDICATORS.get(params.choice(query.get("grafik"), COMPARABLE))
    chart = chart if chart in indicators else indicators[0]
    return Choice(places, indicators, months, category, chart, problems,
                  too_many_places or too_many_indicators or too_many_months)  # fmt: skip


# ---------------------------------------------------------------- the numbers


def figures(choice: Choice) -> dict[tuple[str, int], RegionNumbers]:
    """Each place's numbers in each month, by (code, generation): two queries."""
    found = {(place.code, month.generation): place.numbers()
             for place in choice.places for month in choice.months}  # fmt: skip
    if not found:
        return found
    months = choice.months  # the reader needs only each month's generation
    codes = [place.code for place in choice.places]
    for row in coverage.member_rows(months, codes):
        if (row.region_code, row.generation) in found:
            fill_members(found[row.region_code, row.generation], row)
    for row in coverage.list_rows(months, codes, choice.category or ALL_CATEGORIES):
        if (row.region_code, row.generation) in found:
            fill_lists(found[row.region_code, row.generation], row)
    return found


def change(indicator: Indicator, new: RegionNumbers, old: RegionNumbers):
    """The newest month's value less the oldest's; None when either is unknown."""
    after, before = new.value(indicator), old.value(indicator)
    if after is None or before is None:
        return None
    return after - before


def change_text(indicator: Indicator, delta: int | Fraction | None) -> str:
    """`+3,2 poin` for a share (percentage points), `−120` for persons, `+Rp1.000` for Rupiah."""
    if delta is None:
        return "–"
    sign = "+" if delta > 0 else MINUS if delta < 0 else "±"
    size = abs(delta)
    if indicator.unit == "percent":
        return _("%(sign)s%(n)s poin") % {"sign": sign, "n": number(size * 100, 1)}
    if indicator.unit == "rupiah":
        return sign + format_rupiah(size)
    return sign + format_count(size)


@dataclass(frozen=True)
class Row:
    place: Place
    values: list[str]  # one per month, newest first
    change: str
    direction: str  # better | worse | same | "" (unknown)
    remove_query: str


@dataclass(frozen=True)
class Block:
    indicator: Indicator
    rows: list[Row]


@dataclass
class Comparison:
    choice: Choice
    figures: dict[tuple[str, int], RegionNumbers]

    def numbers(self, place: Place, month: Month) -> RegionNumbers:
        return self.figures[place.code, month.generation]

    def delta(self, indicator: Indicator, place: Place):
        new, old = self.choice.newest, self.choice.oldest
        if new is None or old is None:
            return None
        return change(indicator, self.numbers(place, new), self.numbers(place, old))

    def blocks(self) -> list[Block]:
        blocks = []
        for indicator in self.choice.indicators:
            rows = []
            for place in self.choice.places:
                delta = self.delta(indicator, place)
                rows.append(Row(
                    place=place,
                    values=[display(indicator, self.numbers(place, month).value(indicator))
                            for month in self.choice.months],
                    change=change_text(indicator, delta),
                    direction=_direction(indicator, delta),
                    remove_query=self.choice.query_without(place.key),
                ))  # fmt: skip
            blocks.append(Block(indicator, rows))
        return blocks

    def chart(self) -> dict:
        """Grouped bars: one group per region, one bar per month (oldest first)."""
        indicator = self.choice.chart
        months = list(reversed(self.choice.months))
        return {
            "indicator": str(indicator.label) if indicator else "",
            "unit": indicator.unit if indicator else "count",
            "regions": [place.name for place in self.choice.places],
            "series": [
                {
                    "month": month_label(month.as_of),
                    "values": [
                        chart_number(self.numbers(p, month).value(indicator))
                        for p in self.choice.places
                    ],  # fmt: skip
                    "texts": [
                        display(indicator, self.numbers(p, month).value(indicator))
                        for p in self.choice.places
                    ],  # fmt: skip
                }
                for month in months
            ]
            if indicator
            else [],
        }


def _direction(indicator: Indicator, delta) -> str:
    if delta is None:
        return ""
    if delta == 0:
        return "same"
    return "better" if (delta > 0) == indicator.higher_is_better else "worse"


def compare(choice: Choice) -> Comparison:
    return Comparison(choice, figures(choice))
