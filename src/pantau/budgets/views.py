"""Budget pages: the Pemda of a region by budget status, one Pemda's budget year by year.

- `/anggaran/` (Indonesia) and `/wilayah/<code>/anggaran/` (a province: its own government
  and its regencies and cities): every Pemda and category of `status.budget_rows`, first
  those that have not budgeted ("Pemda yang belum menganggarkan"), then the full table.
  `?tahun=YYYY` chooses the year (2021 to next year; default: the year of the latest coverage
  month, else the latest year up to this one with a current allocation or list).
- `/pemda/<code>/anggaran/` (a province, regency or city): need, allocation in force, status
  and flags for every year with data, and every allocation ever recorded (superseded rows
  marked). The form to record one is `/pemda/<code>/anggaran/baru/` (allocation_views).

Both read aggregates only, so every signed-in user may read them; `?format=xlsx|csv`
downloads the tables (`pantau.budgets.exports`; no person-level data, so no audit event).
Each page runs a fixed number of queries whatever the number of Pemda or years: the Pemda
page builds every year's rows with `status._row` from one read of its allocations, lists and
needs, so they are the rows `status.budget_rows` gives year by year.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from pantau.accounts.scope import can_edit_budget
from pantau.budgets import exports
from pantau.budgets.allocations.views import FLAG_LABELS, labelled
from pantau.budgets.choices import BudgetStatus
from pantau.budgets.models import Allocation, Need
from pantau.budgets.status import (
    CATEGORY_ORDER,
    STATUS_ORDER,
    BudgetRow,
    Scope,
    _row,
    review_ratio,
    rows_for,
)
from pantau.core import params
from pantau.core.demo import demo_world
from pantau.core.display import percent, round_half_up
from pantau.core.downloads import download
from pantau.core.pagecache import cached_body, keeps_whole_response
from pantau.core.vocabulary import Category, Kind
from pantau.engine import coverage
from pantau.lake.catalog import lists_in_force
from pantau.lake.models import Snapshot
from pantau.regions.lookup import get_pemda
from pantau.regions.models import Region
from pantau.regions.views import canonical_redirect
from pantau.rules import api as rules

FORMATS = ("xlsx", "csv")
# What each flag means, in words (the badges use allocation_views.FLAG_LABELS).
FLAG_EXPLANATIONS = {
    "review_over_budget": gettext_lazy(
        "Pagu lebih dari %(ratio)s × kebutuhan: anggaran berlebih, atau daftar pekerja belum "
        "lengkap. Perlu diperiksa."
    ),
    "need_unknown": gettext_lazy(
        "Kebutuhan belum diketahui: belum ada daftar pekerja yang berlaku, daftar Penerima "
        "Upah tanpa upah, atau kebutuhan belum dihitung ulang sejak daftar berubah."
    ),
    "realized_exceeds_allocation": gettext_lazy(
        "Realisasi melebihi pagu: periksa angka realisasi atau catat APBD perubahan."
    ),
}


# A district or village has no government, so no budget.
NO_BUDGET = gettext_lazy(
    "%(name)s (%(code)s) adalah %(level)s, bukan Pemda: anggaran hanya ada untuk "
    "provinsi, kabupaten dan kota."
)


# ---------------------------------------------------------------- years


def this_year() -> int:
    return timezone.localdate().year


def data_years(scope: Scope) -> list[int]:
    """Years with a current allocation or a current worker list in the scope (2 queries)."""
    where = scope.filter()
    allocations = (
        Allocation.objects.current().filter(**where).order_by().values_list("year", flat=True)
    )
    lists = (
        Snapshot.objects.current()
        .filter(kind=Kind.WORKERS, accepted__gt=0, **where)
        .order_by()
        .values_list("year", flat=True)
    )
    return sorted(set(allocations.distinct()) | set(lists.distinct()))


def chosen_year(text: str | None, years: list[int]) -> int:
    """`?tahun=` when it is a year Pantau accepts (2021 to next year); else the year of the
    latest coverage month; without coverage, the latest year up to this one with data, or
    this year. A future year's upload (one 2031 allocation) never becomes everyone's default.
    """
    asked = params.year(text)
    if asked is not None:
        return asked
    latest = coverage.latest_month()
    if latest is not None:
        return latest.year
    now = this_year()
    return max([year for year in years if year <= now], default=now)


# ---------------------------------------------------------------- display


def default_programs(category: str) -> str:
    """`JKK, JKM, JHT`: the programmes a category is budgeted for when none are named."""
    return ", ".join(code.upper() for code in rules.default_programs(category).programs)


def programs_label(programs: str, category: str) -> str:
    if programs:
        return programs.replace(",", ", ")
    return _("%(programs)s (bawaan)") % {"programs": default_programs(category)}


def describe(rows: list[BudgetRow]) -> list[BudgetRow]:
    """`allocation_views.labelled`, plus the rate, the programmes and a CSS class."""
    labelled(rows)
    for row in rows:
        row.rate_label = percent(row.realization_rate)
        row.programs_label = programs_label(row.programs, row.category)
        row.status_class = row.status.replace("_", "-")
    return rows


def flag_legend(rows: list[BudgetRow]) -> list[tuple[str, str]]:
    """(badge text, explanation) of each flag some row carries, in a fixed order."""
    present = {flag for row in rows for flag in row.flags}
    ratio = formats.number_format(round_half_up(review_ratio(), 2).normalize(), use_l10n=True)
    return [
        (FLAG_LABELS[flag], str(FLAG_EXPLANATIONS[flag]) % {"ratio": ratio})
        for flag in FLAG_EXPLANATIONS
        if flag in present
    ]


def not_budgeted_groups(rows: list[BudgetRow]) -> list[dict]:
    """The Pemda with a category not budgeted, each with those categories, in code order."""
    groups: dict[str, dict] = {}
    for row in rows:
        if row.status != BudgetStatus.NOT_BUDGETED:
            continue
        group = groups.setdefault(row.code, {"code": row.code, "name": row.name,
                                             "level": row.level, "rows": []})  # fmt: skip
        group["rows"].append(row)
    return sorted(groups.values(), key=lambda group: group["code"])


def status_counts(rows: list[BudgetRow]) -> list[dict]:
    counts = defaultdict(int)
    for row in rows:
        counts[row.status] += 1
    return [
        {"status": value, "label": label, "count": counts[value],
         "status_class": value.replace("_", "-")}
        for value, label in BudgetStatus.choices
    ]  # fmt: skip


def totals(rows: list[BudgetRow]) -> dict:
    """Sums over the rows (unknown needs and missing allocations add nothing)."""
    return {
        "need": sum(row.need or 0 for row in rows),
        "need_unknown": sum(1 for row in rows if row.need is None),
        "allocated": sum(row.allocated or 0 for row in rows),
        "realized": sum(row.realized or 0 for row in rows),
        "persons_listed": sum(row.persons_listed for row in rows),
    }


# ---------------------------------------------------------------- a region's Pemda


@keeps_whole_response
class RegionBudgetView(View):
    """`/anggaran/` and `/wilayah/<code>/anggaran/`: every Pemda in the region."""

    def get(self, request: HttpRequest, code: str | None = None) -> HttpResponse:
        region = None
        if code is not None:
            moved = canonical_redirect(request, code, "budgets:region")
            if moved is not None:
                return moved
            region = get_pemda(code, NO_BUDGET)
            if region.level in ("regency", "city"):
                url = reverse("budgets:pemda", args=[region.code])
                query = request.META.get("QUERY_STRING", "")
                return redirect(f"{url}?{query}" if query else url)
        scope = Scope(region.code, region.name) if region else Scope(None, "Indonesia")
        years = data_years(scope)
        year = chosen_year(request.GET.get("tahun"), years)
        fmt = request.GET.get("format")
        if fmt in FORMATS:
            rows = describe(rows_for(scope, year))
            content = exports.region_export(rows, fmt, region_label(region), year)
            return download(content, f"anggaran-{scope.code or 'ID'}-{year}", fmt)

        demo = demo_world()

        def context() -> dict:
            rows = describe(rows_for(scope, year))
            return {
                "demo": demo,
                "region": region,
                "scope_name": region.name if region else _("Indonesia"),
                "year": year,
                "years": sorted(set(years) | {year, this_year()}, reverse=True),
                "rows": rows,
                "groups": not_budgeted_groups(rows),
                "counts": status_counts(rows),
                "totals": totals(rows),
                "legend": flag_legend(rows),
                "pemda_count": len({row.code for row in rows}),
            }

        # Judging every Pemda nationally takes half a second: the body is rendered once per
        # change of the budget tables (`core.pagecache`).
        body = cached_body(request, "budgets/_province_budgets_body.html",
                           (scope.code, year, tuple(years), demo.ratio if demo else ""),
                           context)  # fmt: skip
        return render(request, "budgets/province_budgets.html", {
            "body": body, "year": year,
            "scope_name": region.name if region else _("Indonesia"),
        })  # fmt: skip


def region_label(region: Region | None) -> str:
    return f"{region.code} {region.name}" if region else "ID Indonesia"


# ---------------------------------------------------------------- one Pemda


def pemda_years(region: Region) -> list[tuple[int, list[BudgetRow]]]:
    """(year, rows) for every year the Pemda has a current allocation or a list of, newest
    first; the same rows as `status.budget_rows` for each year, in three queries."""
    allocations = list(Allocation.objects.current().filter(pemda=region))
    snapshots = list(
        Snapshot.objects.current()
        .filter(kind=Kind.WORKERS, accepted__gt=0, pemda=region)
        .order_by("year", "pk")
    )
    needs = list(Need.objects.filter(pemda=region))
    for item in allocations + snapshots:
        item.pemda = region  # the rows read its name and level: no query per row
    years = {a.year for a in allocations} | {s.year for s in snapshots}
    ratio = review_ratio()
    result = []
    for year in sorted(years, reverse=True):
        by_key = {(a.pemda_id, a.category): a for a in allocations if a.year == year}
        lists = lists_in_force(year, snapshots=snapshots)
        year_needs = {(n.pemda_id, n.category, n.programs): n for n in needs if n.year == year}
        rows = [
            _row(key, by_key.get(key), lists.get(key), year_needs, ratio)
            for key in by_key.keys() | lists.keys()
        ]
        rows.sort(key=lambda r: (CATEGORY_ORDER[r.category], STATUS_ORDER[r.status]))
        result.append((year, describe(rows)))
    return result


def history_of(region: Region) -> list[Allocation]:
    """Every allocation ever recorded for the Pemda, newest year first (one query)."""
    rows = list(
        Allocation.objects.filter(pemda=region)
        .select_related("entered_by", "superseded_by")
        .order_by("-year", "category", "-created_at", "-id")
    )
    categories = dict(Category.choices)
    for row in rows:
        row.category_label = categories.get(row.category, row.category)
        row.programs_label = programs_label(row.programs, row.category)
        row.rate_label = percent(Fraction(row.realized, row.amount)
                                 if row.realized is not None and row.amount else None)  # fmt: skip
    return rows


class PemdaBudgetView(View):
    """`/pemda/<code>/anggaran/`: one Pemda's budget, every year, and its history."""

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        moved = canonical_redirect(request, code, "budgets:pemda")
        if moved is not None:
            return moved
        region = get_pemda(code, NO_BUDGET)
        years = pemda_years(region)
        history = history_of(region)
        fmt = request.GET.get("format")
        if fmt in FORMATS:
            if fmt == "csv" and request.GET.get("tabel") == "riwayat":
                content = exports.history_csv(history)
                return download(content, f"anggaran-{region.code}-riwayat", fmt)
            content = exports.pemda_export(years, history, fmt, region_label(region))
            return download(content, f"anggaran-{region.code}", fmt)
        all_rows = [row for _, rows in years for row in rows]
        context = {
            "region": region,
            "years": years,
            "history": history,
            "legend": flag_legend(all_rows),
            "can_edit": can_edit_budget(request.user, region.code),
            "province_code": region.province_code if region.level != "province" else None,
        }
        return render(request, "budgets/pemda_budget.html", context)
