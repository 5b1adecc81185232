"""The one reader of the coverage tables, for every page, the scorecard, the roof and the CLI.

Every number comes from the pre-aggregated tables of the current generation of each month
(`CurrentGeneration`); nothing outside the engine queries `ListCoverage`, `MemberCoverage` or
`CurrentGeneration` itself. Each reader is one query, whatever the number of regions asked, so
a region and all its children cost a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max, Q

from pantau.engine.models import (
    ALL_CATEGORIES,
    NATIONAL,
    CurrentGeneration,
    ListCoverage,
    MemberCoverage,
)
from pantau.engine.reconcile import member_ids
from pantau.regions.lookup import get_region
from pantau.regions.models import Region

NATIONAL_NAMES = {"", "id", "indonesia", "0", "00"}


class NoCoverage(Exception):
    """No refresh has been run for the month asked."""


def share(part: int | None, whole: int | None) -> float | None:
    """A share to four decimals (JSON has no decimals; the arithmetic is exact before)."""
    if not whole or part is None:
        return None
    return float((Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), ROUND_HALF_UP))


def months() -> list[CurrentGeneration]:
    """Every month with numbers and its generation in force, oldest first (one query)."""
    return list(CurrentGeneration.objects.order_by("as_of"))


def computed_at(as_of: date | None = None) -> datetime | None:
    """When the numbers of a month (default: of every month, the latest) were computed: the
    end of the refresh behind its current generation; None without numbers (one query)."""
    rows = CurrentGeneration.objects.all()
    if as_of is not None:
        rows = rows.filter(as_of=as_of.replace(day=1))
    return rows.aggregate(computed=Max("refresh__finished_at"))["computed"]


def months_until(last: date) -> list[CurrentGeneration]:
    """The months with numbers up to `last`, newest first (one query)."""
    return list(CurrentGeneration.objects.filter(as_of__lte=last).order_by("-as_of"))


def latest_month(before: date | None = None) -> date | None:
    """The latest month with numbers (before `before` when given); None without any."""
    rows = CurrentGeneration.objects.all()
    if before is not None:
        rows = rows.filter(as_of__lt=before)
    return rows.aggregate(latest=Max("as_of"))["latest"]


@dataclass(frozen=True)
class Vintage:
    """Where a month's numbers come from: the refresh in force and what went into it."""

    as_of: date
    refresh_id: int
    computed_at: datetime | None
    member_snapshots: list[int]  # the membership extracts, newest first
    lists: int  # worker lists in force


def vintage(as_of: date) -> Vintage | None:
    """The stamp of a month's numbers (one query); None without numbers for the month."""
    current = (
        CurrentGeneration.objects.filter(as_of=as_of.replace(day=1))
        .select_related("refresh")
        .first()
    )
    if current is None:
        return None
    inputs = current.refresh.inputs
    return Vintage(
        as_of=current.as_of,
        refresh_id=current.refresh_id,
        computed_at=current.refresh.finished_at,
        member_snapshots=member_ids(inputs.get("members")),
        lists=len(inputs.get("lists", [])),
    )


def _in(months: list[CurrentGeneration]) -> Q:
    """The rows of these months' generations in force: a generation is one refresh of one
    month, so its number alone picks the month's rows (the key `generation, region_code`)."""
    return Q(generation__in=[month.generation for month in months])


def member_rows(months: list[CurrentGeneration], codes) -> list[MemberCoverage]:
    """The member and workforce rows of `codes` (an iterable or a single code) in the months."""
    codes = [codes] if isinstance(codes, str) else list(codes)
    return list(MemberCoverage.objects.filter(_in(months), region_code__in=codes))


def list_rows(months: list[CurrentGeneration], codes, category: str | None = None
              ) -> list[ListCoverage]:  # fmt: skip
    """The list rows of `codes` in the months: one category ("" for all lists summed,
    `ALL_CATEGORIES`), or every category and the sum when `category` is None."""
    codes = [codes] if isinstance(codes, str) else list(codes)
    rows = ListCoverage.objects.filter(_in(months), region_code__in=codes)
    if category is not None:
        rows = rows.filter(category=category)
    return list(rows)


def current_generation(as_of: date | None) -> CurrentGeneration:
    if as_of is None:
        as_of = latest_month()
    found = CurrentGeneration.objects.filter(as_of=as_of.replace(day=1)).first() if as_of else None
    if found is None:
        raise NoCoverage(
            "Belum ada angka cakupan untuk bulan itu: jalankan `pantau refresh`. "
            "/ No coverage numbers for that month: run `pantau refresh`."
        )
    return found


def _lists(rows, category: str | None) -> dict[str, dict]:
    lists = {}
    for row in rows:
        if row.category == ALL_CATEGORIES or (category and row.category != category):
            continue
        lists[row.category] = {
            "listed": row.listed,
            "covered": row.covered,
            "lapsed": row.lapsed,
            "not_enrolled": row.not_enrolled,
            "coverage": share(row.covered, row.listed),
            "gap_cost_annual": row.gap_cost_annual,
            "gap_wage_missing": row.gap_wage_missing,
            "birth_date_mismatch": row.birth_date_mismatch,
            "paid_by_other": row.paid_by_other,
        }
    return lists


def _ucj(member: MemberCoverage | None) -> float | None:
    return share(member.active_members, member.workforce) if member else None


def region_coverage(code: str | None, as_of: date | None = None, category: str | None = None):
    """The `pantau coverage` JSON for a region (None or "ID" for Indonesia)."""
    generation = current_generation(as_of)
    if code is None or str(code).strip().lower() in NATIONAL_NAMES:
        region_code, name = NATIONAL, "Indonesia"
        children = list(Region.objects.filter(level="province").order_by("code"))
    else:
        region = get_region(code)
        region_code, name = region.code, region.name
        children = list(region.children.order_by("code"))
    codes = [region_code, *(child.code for child in children)]
    scope = {"generation": generation.generation, "as_of": generation.as_of,
             "region_code__in": codes}  # fmt: skip
    members = {row.region_code: row for row in MemberCoverage.objects.filter(**scope)}
    lists: dict[str, list] = {}
    for row in ListCoverage.objects.filter(**scope):
        lists.setdefault(row.region_code, []).append(row)
    member = members.get(region_code)
    return {
        "region": region_code or "ID",
        "name": name,
        "as_of": generation.as_of.strftime("%Y-%m"),
        "workforce": member.workforce if member else None,
        "workforce_year": member.workforce_year if member else None,
        "workforce_is_estimate": member.workforce_is_estimate if member else False,
        "active_members": member.active_members if member else 0,
        "ucj_coverage": _ucj(member),
        "members_by_segment": {
            "PU": member.segment_pu if member else 0,
            "BPU": member.segment_bpu if member else 0,
            "JAKON": member.segment_jakon if member else 0,
            "PMI": member.segment_pmi if member else 0,
        },
        "members_by_payer": {
            payer: getattr(member, f"payer_{payer}", 0) if member else 0
            for payer in ("apbd_province", "apbd_regency", "apbdes", "employer", "self", "other")
        },
        "lists": _lists(lists.get(region_code, []), category),
        "children": [
            {
                "region": child.code,
                "name": child.name,
                "active_members": members[child.code].active_members
                if child.code in members
                else 0,
                "ucj_coverage": _ucj(members.get(child.code)),
                "lists": _lists(lists.get(child.code, []), category),
            }
            for child in children
        ],
    }
