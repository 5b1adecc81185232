"""`/wilayah/<code>/celah/`: a Pemda's gap list, scoped, NIK masked unless allowed, audited."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pantau.accounts.scope import can_view_nik, mask_nik
from pantau.accounts.views import PersonDataView
from pantau.audit.actions import record
from pantau.engine.coverage import NoCoverage
from pantau.engine.exports import write_gaps_xlsx
from pantau.engine.gaps import STATUSES, gap_rows
from pantau.ingest.choices import Category

PAGE_SIZE = 50


class GapListView(PersonDataView):
    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        region = self.region
        category = request.GET.get("kategori") or None
        status = request.GET.get("status") or None
        category = category if category in Category.values else None
        status = status if status in STATUSES else None
        show_nik = can_view_nik(request.user, region.code)
        try:
            if request.GET.get("format") == "xlsx":
                return self._xlsx(request, region, category, status, show_nik)
            page_number = max(1, int(request.GET.get("hal", "1") or 1))
            page = gap_rows(region.code, category, status, limit=PAGE_SIZE,
                            offset=(page_number - 1) * PAGE_SIZE)  # fmt: skip
        except (NoCoverage, ValueError):
            page, page_number = None, 1
        if page is not None and page.rows:
            record(request.user, "gaps_view", region.code,
                   f"{category or ''} {status or ''} hal. {page_number}",
                   rows=len(page.rows), request=request)  # fmt: skip
            labels = dict(Category.choices)
            for row in page.rows:
                row["nik_shown"] = row["nik"] if show_nik else mask_nik(row["nik"])
                row["category_label"] = labels.get(row["category"], row["category"])
        pages = (page.count + PAGE_SIZE - 1) // PAGE_SIZE if page else 0
        return render(request, "engine/gaps.html", {
            "region": region, "page": page, "page_number": page_number, "pages": pages,
            "category": category or "", "status": status or "", "categories": Category.choices,
            "statuses": STATUSES, "show_nik": show_nik,
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
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"celah-{region.code}-{page.as_of:%Y-%m}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
