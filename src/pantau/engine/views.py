"""`/wilayah/<code>/celah/`: the gap list of any region (the people its coverage figures
count, with their Pemda), scoped, NIK masked unless allowed, audited."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pantau.accounts.scope import can_view_nik, mask_nik
from pantau.accounts.views import PersonDataView
from pantau.audit.actions import record
from pantau.core import params
from pantau.core.downloads import download
from pantau.core.vocabulary import Category
from pantau.engine.coverage import NoCoverage
from pantau.engine.exports import write_gaps_xlsx
from pantau.engine.gaps import STATUSES, gap_rows
from pantau.regions.models import Region

PAGE_SIZE = 50


class GapListView(PersonDataView):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        region = self.region
        category = params.choice(request.GET.get("kategori"), Category.values) or None
        status = params.choice(request.GET.get("status"), STATUSES) or None
        show_nik = can_view_nik(request.user, region.code)
        try:
            if request.GET.get("format") == "xlsx":
                return self._xlsx(request, region, category, status, show_nik)
            page_number = params.page_number(request.GET.get("hal"))
            page = gap_rows(region.code, category, status, limit=PAGE_SIZE,
                            offset=(page_number - 1) * PAGE_SIZE)  # fmt: skip
            if page.count and not page.rows:  # past the end (an old link): the last page
                page_number = (page.count + PAGE_SIZE - 1) // PAGE_SIZE
                page = gap_rows(region.code, category, status, limit=PAGE_SIZE,
                                offset=(page_number - 1) * PAGE_SIZE)  # fmt: skip
        except (NoCoverage, ValueError):
            page, page_number = None, 1
        if page is not None and page.rows:
            record(request.user, "gaps_view", region.code,
                   f"{category or ''} {status or ''} hal. {page_number}",
                   rows=len(page.rows), request=request)  # fmt: skip
            labels = dict(Category.choices)
            pemda_names = dict(Region.objects.filter(code__in={row["pemda"] for row in page.rows})
                               .values_list("code", "name"))  # fmt: skip
            for row in page.rows:
                row["pemda_name"] = pemda_names.get(row["pemda"], row["pemda"])
                row["nik_shown"] = row["nik"] if show_nik else mask_nik(row["nik"])
                row["category_label"] = labels.get(row["category"], row["category"])
        pages = (page.count + PAGE_SIZE - 1) // PAGE_SIZE if page else 0
        return render(request, "engine/gaps.html", {
            "region": region, "page": page, "page_number": page_number, "pages": pages,
            "page_links": page_links(page_number, pages),
            "category": category or "", "status": status or "", "categories": Category.choices,
            "statuses": STATUSES, "show_nik": show_nik,
            # A regency's or city's page lists its own lists only; elsewhere, several Pemda.
            "show_pemda": region.level not in ("regency", "city"),
        })  # fmt: skip

    def _xlsx(self, request, region, category, status, show_nik) -> HttpResponse:
        page = gap_rows(region.code, category, status)
        record(request.user, "gaps_export_xlsx", region.code,
               f"{category or ''} {status or ''} NIK {'lengkap' if show_nik else 'disamarkan'}",
               rows=page.count, request=request)  # fmt: skip
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "celah.xlsx"
            write_gaps_xlsx(path, page.rows, masked=not show_nik)
            content = path.read_bytes()
        return download(content, f"celah-{region.code}-{page.as_of:%Y-%m}", "xlsx")


def page_links(current: int, pages: int) -> list[int | None]:
    """Page numbers to link: the first, the last and two either side of the current one;
    None where numbers are left out. A province's list can run to thousands of pages."""
    shown = {1, pages, *range(current - 2, current + 3)}
    links: list[int | None] = []
    for number in sorted(n for n in shown if 1 <= n <= pages):
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links
