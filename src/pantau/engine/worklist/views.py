"""`/cabang/<code>/`: the work list of a region (lapsed members by payer, not-enrolled
people by district and village), scoped, NIK masked unless allowed, audited; `/kerja/`
opens the signed-in officer's own region."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pantau.accounts.scope import can_view_nik, mask_nik, scope_code
from pantau.accounts.views import PersonDataView
from pantau.audit.actions import record
from pantau.core import params
from pantau.core.downloads import download
from pantau.core.vocabulary import Category, PayerType
from pantau.engine import coverage
from pantau.engine.coverage import NoCoverage
from pantau.engine.views import page_links
from pantau.engine.worklist import exports
from pantau.engine.worklist.services import sources, worklist
from pantau.regions.codes import is_within
from pantau.regions.models import Region

PAGE_SIZE = 50
LISTS = ("tunggakan", "belum")  # `?daftar=` of a CSV: lapsed members, not enrolled


def my_worklist(request: HttpRequest) -> HttpResponse:
    """`/kerja/`: an officer's own region; the national team (no region) has none."""
    code = scope_code(request.user)
    if code is None:
        raise Http404("no region")
    return redirect("engine:worklist", code=code)


class WorklistView(PersonDataView):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        region = self.region
        months = [month.as_of for month in coverage.months()]
        as_of = chosen_month(months, request.GET.get("bulan"))
        payer = params.choice(request.GET.get("pembayar"), PayerType.values) or None
        place = request.GET.get("tempat") or None
        if place is not None and (not is_within(place, region.code) or len(place) > 13):
            place = None
        show_nik = can_view_nik(request.user, region.code)
        filters = {"bulan": f"{as_of:%Y-%m}" if as_of else "", "pembayar": payer or "",
                   "tempat": place or ""}  # fmt: skip
        try:
            src = sources(region.code, as_of)
        except NoCoverage:
            src = None
        fmt = request.GET.get("format")
        if src is not None and fmt in ("xlsx", "csv"):
            return self._export(request, region, src, fmt, payer, place, show_nik)
        lapsed_number = params.page_number(request.GET.get("hal_tunggakan"))
        people_number = params.page_number(request.GET.get("hal"))
        work = None
        if src is not None:
            work = worklist(src, payer=payer, place=place,
                            lapsed_page=(PAGE_SIZE, (lapsed_number - 1) * PAGE_SIZE),
                            people_page=(PAGE_SIZE, (people_number - 1) * PAGE_SIZE))  # fmt: skip
            lapsed_number = work.lapsed_offset // PAGE_SIZE + 1
            people_number = work.people_offset // PAGE_SIZE + 1
            shown = len(work.lapsed) + len(work.people)
            if shown:
                record(request.user, "worklist_view", region.code,
                       f"{as_of:%Y-%m} {payer or ''} {place or ''} hal. {lapsed_number}/"
                       f"{people_number}", rows=shown, request=request)  # fmt: skip
            _label(work, show_nik)
        lapsed_pages = _pages(work.lapsed_count if work else 0)
        people_pages = _pages(work.people_count if work else 0)
        return render(request, "engine/worklist.html", {
            "region": region, "work": work, "months": months, "as_of": as_of,
            "payer": payer or "", "place": place or "", "payer_choices": PayerType.choices,
            "show_nik": show_nik, "filters": filters,
            "lapsed_number": lapsed_number, "lapsed_pages": lapsed_pages,
            "lapsed_links": page_links(lapsed_number, lapsed_pages),
            "people_number": people_number, "people_pages": people_pages,
            "people_links": page_links(people_number, people_pages),
            "place_name": _place_name(place, work),
            "districts": _districts(work, place) if work else [],
        })  # fmt: skip

    def _export(self, request, region, src, fmt, payer, place, show_nik) -> HttpResponse:
        work = worklist(src, payer=payer, place=place)
        which = params.choice(request.GET.get("daftar"), LISTS, "tunggakan")
        rows = (len(work.lapsed) + len(work.people) if fmt == "xlsx"
                else len(work.lapsed if which == "tunggakan" else work.people))  # fmt: skip
        record(request.user, f"worklist_export_{fmt}", region.code,
               f"{src.as_of:%Y-%m} {which if fmt == 'csv' else ''} {payer or ''} {place or ''} "
               f"NIK {'lengkap' if show_nik else 'disamarkan'}",
               rows=rows, request=request)  # fmt: skip
        _label(work, show_nik)
        name = f"daftar-kerja-{region.code}-{src.as_of:%Y-%m}"
        if fmt == "xlsx":
            return download(exports.workbook(region, work), name, "xlsx")
        return download(exports.csv_of(work, which), f"{name}-{which}", "csv")


def chosen_month(months: list[date], key: str | None) -> date | None:
    """The month asked for (`?bulan=2022-07`) when it has numbers, else the latest."""
    for month in months:
        if f"{month:%Y-%m}" == key:
            return month
    return months[-1] if months else None


def _pages(count: int) -> int:
    return (count + PAGE_SIZE - 1) // PAGE_SIZE


def _label(work, show_nik: bool) -> None:
    """Names for the codes the page and the files show (one query), NIKs masked unless
    the user may see them."""
    codes = {g.payer_region for g in work.payers if g.payer_region}
    codes |= {g.district for g in work.places} | {g.village for g in work.places if g.village}
    codes |= {row["region_code"] for row in work.lapsed if row["region_code"]}
    codes |= {row["pemda"] for row in work.people}
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    payers = dict(PayerType.choices)
    categories = dict(Category.choices)
    work.names = names
    for group in work.payers:
        group.payer_label = payers.get(group.payer_type, group.payer_type)
        group.payer_region_name = names.get(group.payer_region, "")
    for group in work.places:
        group.district_name = names.get(group.district, group.district)
        group.village_name = names.get(group.village, "") if group.village else ""
        group.has_district = group.district.count(".") == 2
    for row in work.lapsed:
        row["nik_shown"] = row["nik"] if show_nik else mask_nik(row["nik"])
        row["payer_label"] = payers.get(row["payer_type"], row["payer_type"])
        row["payer_region_name"] = names.get(row["payer_region"], row["payer_region"] or "")
        row["region_name"] = names.get(row["region_code"], row["region_code"])
    for row in work.people:
        row["nik_shown"] = row["nik"] if show_nik else mask_nik(row["nik"])
        row["pemda_name"] = names.get(row["pemda"], row["pemda"])
        row["category_label"] = categories.get(row["category"], row["category"])
        row["district_name"] = names.get(row["district"], row["district"])
        row["village_name"] = names.get(row["village"], "") if row["village"] else ""


def _districts(work, place: str | None) -> list[dict]:
    """The place groups as districts (or coarser places) holding their villages' counts."""
    districts: dict[str, dict] = {}
    for group in work.places:
        district = districts.setdefault(group.district, {
            "code": group.district, "name": group.district_name,
            "is_district": group.has_district, "people": 0, "villages": [],
            "open": bool(place) and is_within(place, group.district),
        })  # fmt: skip
        district["people"] += group.people
        if group.has_district:
            district["villages"].append({"code": group.village, "name": group.village_name,
                                         "people": group.people})  # fmt: skip
    return list(districts.values())


def _place_name(place: str | None, work) -> str:
    if not place or work is None:
        return ""
    return work.names.get(place, place)
