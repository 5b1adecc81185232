"""Region pages: the country, any region with its children, search, and the JSON API."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View

from pantau.accounts.scope import can_view_person_data
from pantau.regions.choices import CHILD_COUNT_LEVELS
from pantau.regions.codes import try_canonical_code
from pantau.regions.lookup import RegionNotFound, get_region
from pantau.regions.models import Region

SEARCH_LIMIT = 50
NATIONAL_LEVELS = ("province", "regency", "city", "district", "village")


def national_counts() -> dict[str, int]:
    rows = Region.objects.order_by().values("level").annotate(n=Count("code"))
    counts = {row["level"]: row["n"] for row in rows}
    return {level: counts.get(level, 0) for level in NATIONAL_LEVELS}


def search_results(request: HttpRequest, region: Region | None):
    query = request.GET.get("q", "").strip()
    if not query:
        return query, None
    results = list(
        Region.objects.subtree(region).search(query).select_related("parent")[: SEARCH_LIMIT + 1]
    )
    return query, results


class RegionPageView(View):
    """`/wilayah/` (the country) and `/wilayah/<code>/` (any region)."""

    def get(self, request: HttpRequest, code: str | None = None) -> HttpResponse:
        region = None
        if code is not None:
            canonical = try_canonical_code(code)
            if canonical is not None and canonical != code:
                return redirect(self._url(canonical, request), permanent=True)
            region = get_region(code)

        query, results = search_results(request, region)
        if region is None:
            children = Region.objects.filter(level="province")
            counts = national_counts()
            ancestors = []
        else:
            children = region.children.all()
            counts = region.descendant_counts()
            ancestors = list(Region.objects.filter(code__in=region.ancestor_codes))
        context = {
            "region": region,
            "ancestors": ancestors,
            "children": children,
            "child_count_levels": self._child_count_levels(region),
            "counts": counts,
            "query": query,
            "results": results[:SEARCH_LIMIT] if results is not None else None,
            "results_truncated": results is not None and len(results) > SEARCH_LIMIT,
            "can_view_people": region is not None
            and can_view_person_data(request.user, region.code),
        }
        template = "regions/region_detail.html"
        if request.htmx and request.htmx.target == "search-results":
            template = "regions/_search_results.html"
        return render(request, template, context)

    @staticmethod
    def _child_count_levels(region: Region | None) -> tuple[str, ...]:
        """Which descendant counts each child row shows: the levels below the children."""
        return CHILD_COUNT_LEVELS[region.level if region else None]

    @staticmethod
    def _url(code: str, request: HttpRequest) -> str:
        url = reverse("regions:detail", args=[code])
        return f"{url}?{request.GET.urlencode()}" if request.GET else url


def region_json(region: Region) -> dict:
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "parent_code": region.parent_code,
        "children": [
            {"code": child.code, "name": child.name, "level": child.level}
            for child in region.children.all()
        ],
        "descendants": region.descendant_counts(),
    }


@method_decorator(login_not_required, name="dispatch")
class RegionApiView(View):
    """`/api/regions/<code>/`: public reference data (Kepmendagri codes), no login needed."""

    def get(self, request: HttpRequest, code: str) -> JsonResponse:
        try:
            region = get_region(code)
        except RegionNotFound as error:
            return JsonResponse({"error": str(error), "code": str(code)}, status=404)
        return JsonResponse(region_json(region), json_dumps_params={"ensure_ascii": False})
