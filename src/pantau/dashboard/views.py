"""`/wilayah/` and `/wilayah/<code>/`: the dashboard of the country or of any region.

The view choices (indicator, category, month, sort) live in the query string, so a view can
be bookmarked and shared; the same URL with `unduh=csv|xlsx` downloads a table.
"""

from __future__ import annotations

import gzip

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from pantau.accounts.scope import can_upload_for, can_view_person_data
from pantau.claims.services import tile as claims_tile
from pantau.core.demo import demo_world
from pantau.core.downloads import download
from pantau.core.pagecache import cached_body, keeps_whole_response
from pantau.core.vocabulary import Category
from pantau.dashboard import charts, exports, summary
from pantau.dashboard.geometry import geometry_etag, geometry_path
from pantau.dashboard.indicators import INDICATORS
from pantau.dashboard.sorting import SORT_KEYS, sort_rows
from pantau.dashboard.tables import child_rows
from pantau.monev.services import overdue_count
from pantau.regions.choices import CHILD_COUNT_LEVELS
from pantau.regions.lookup import get_region
from pantau.regions.models import Region
from pantau.regions.views import (
    SEARCH_LIMIT,
    canonical_redirect,
    national_counts,
    search_results,
)

# What the query string may choose; anything else falls back to the default.
VIEW_PARAMETERS = ("indikator", "kategori", "bulan")


@keeps_whole_response
class RegionDashboardView(View):
    def get(self, request: HttpRequest, code: str | None = None) -> HttpResponse:
        region = None
        if code is not None:
            moved = canonical_redirect(request, code, "dashboard:region")
            if moved is not None:
                return moved
            region = get_region(code)

        query, results = search_results(request, region)
        search = {
            "query": query,
            "results": results[:SEARCH_LIMIT] if results is not None else None,
            "results_truncated": results is not None and len(results) > SEARCH_LIMIT,
        }
        if request.htmx and request.htmx.target == "search-results":
            return render(request, "regions/_search_results.html", search)

        category = request.GET.get("kategori", "")
        category = category if category in Category.values else ""
        # None: the default, which depends on the children's numbers (`summary.build`).
        indicator = INDICATORS.get(request.GET.get("indikator") or "")
        available = summary.months()
        fmt = request.GET.get("unduh")
        if fmt in ("csv", "xlsx"):
            ancestors, children, _counts = self._regions(region)
            dashboard = summary.build(region, ancestors, children, request.GET.get("bulan"),
                                      category, indicator, available)  # fmt: skip
            return self._download(dashboard, region, request.GET.get("tabel"), fmt)

        sort = request.GET.get("urut") or "peringkat"
        sort = sort if sort.lstrip("-") in SORT_KEYS else "peringkat"
        can_view_people = region is not None and can_view_person_data(request.user, region.code)
        month = summary.chosen_month(available, request.GET.get("bulan"))
        kept = self._kept(request)
        demo = demo_world()
        parts = (region.code if region else "ID", month.key if month else "", category,
                 indicator.key if indicator else "", sort, can_view_people, kept.urlencode(),
                 demo.ratio if demo else "")  # fmt: skip

        def context() -> dict:
            ancestors, children, counts = self._regions(region)
            dashboard = summary.build(region, ancestors, children, month.key if month else None,
                                      category, indicator, available)  # fmt: skip
            return {
                **self._body_context(dashboard, counts, sort, can_view_people, kept),
                "children": children,
                "demo": demo,
                # "Santunan dibayar": claims paid in the region (claims numbers are part of
                # the numbers version, so the cached body changes with them).
                "claims_tile": claims_tile(region.code if region else ""),
            }

        body = cached_body(request, "dashboard/_body.html", parts, context)
        return render(request, "dashboard/region.html", {
            **search, "region": region, "body": body,
            "can_view_people": can_view_people,
            # Per user, so outside the cached body: the Pemda's district and village codes
            # for filling in a worker list, for those who may upload its lists (no query).
            "place_codes": region is not None and region.is_pemda
            and can_upload_for(request.user, region.code),
            # Follow-up actions overdue today (one query): outside the cached body, which
            # changes with the numbers, not with the day.
            "overdue_actions": overdue_count(region.code if region else None,
                                             timezone.localdate()),
        })  # fmt: skip

    @staticmethod
    def _regions(region: Region | None):
        """Ancestors, children and descendant counts: two queries (none for the country's
        ancestors), only when the page is not in the cache."""
        if region is None:
            children = list(Region.objects.filter(level="province"))
            return [], children, national_counts(children)
        ancestors = list(Region.objects.filter(code__in=region.ancestor_codes))
        return ancestors, list(region.children.all()), region.descendant_counts()

    @staticmethod
    def _body_context(dashboard, counts, sort, can_view_people, kept) -> dict:
        region, indicator = dashboard.region, dashboard.indicator
        rows = sort_rows(dashboard.children, sort)
        count_levels = CHILD_COUNT_LEVELS[region.level if region else None]
        return {
            "region": region,
            "ancestors": dashboard.ancestors,
            "dashboard": dashboard,
            "table": child_rows(rows, count_levels, kept.urlencode()),
            "estimate_title": _("penduduk bekerja: perkiraan"),
            "counts": counts,
            "child_count_levels": count_levels,
            "indicators": INDICATORS.values(),
            "indicator": indicator,
            "categories": Category.choices,
            "category": dashboard.category,
            "sort": sort,
            "kept": kept,
            "map": charts.map_payload(dashboard, kept.urlencode()),
            "trend": charts.trend_payload(dashboard),
            "can_view_people": can_view_people,
            # Any region's gap figures open the people they count (engine.gaps.counted_in).
            "gap_region": region,
        }

    @staticmethod
    def _download(dashboard, region, table: str | None, fmt: str) -> HttpResponse:
        table = table if table in exports.TABLES else "wilayah"
        month = dashboard.month.key if dashboard.month else "kosong"
        name = f"pantau-{region.code if region else 'ID'}-{table}-{month}"
        return download(exports.export(dashboard, table, fmt), name, fmt)

    @staticmethod
    def _kept(request: HttpRequest):
        """The view choices to keep when moving to another region."""
        kept = request.GET.copy()
        for key in list(kept):
            if key not in VIEW_PARAMETERS:
                del kept[key]
        return kept


@method_decorator(login_not_required, name="dispatch")
class GeometryView(View):
    """Map outlines (public boundary data): gzip bytes as shipped, cached for a year.

    The URL carries the file's hash (`?v=`), so a new release changes the URL and the
    browser never needs to ask again for the old one.
    """

    def get(self, request: HttpRequest, province: str | None = None) -> HttpResponse:
        try:
            path = geometry_path("regencies" if province else "provinces", province)
        except KeyError:
            raise Http404("peta tidak ada / no such map") from None
        data = path.read_bytes()
        etag = f'"{geometry_etag(path)}"'
        if request.headers.get("If-None-Match") == etag:
            response = HttpResponse(status=304)
        elif "gzip" in request.headers.get("Accept-Encoding", ""):
            response = HttpResponse(data, content_type="application/geo+json")
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(data), content_type="application/geo+json")
        response["ETag"] = etag
        response["Vary"] = "Accept-Encoding"
        response["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
