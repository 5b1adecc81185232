"""Region search (used by the dashboard pages, `pantau.dashboard.views`) and the JSON API."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View

from pantau.core import params
from pantau.regions.codes import try_canonical_code
from pantau.regions.filters import RegionFilterSet
from pantau.regions.lookup import RegionNotFound, get_region
from pantau.regions.models import Region

SEARCH_LIMIT = 50
NATIONAL_LEVELS = ("province", "regency", "city", "district", "village")


def canonical_redirect(request: HttpRequest, code: str, url_name: str):
    """A permanent redirect from an undotted code (`6402`) to the dotted one, query kept;
    None when the code is already dotted (or not a code: the view's 404 says why)."""
    canonical = try_canonical_code(code)
    if canonical is None or canonical == code:
        return None
    url = reverse(url_name, args=[canonical])
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{url}?{query}" if query else url, permanent=True)


def national_counts(provinces: list[Region]) -> dict[str, int]:
    """Regions of each level in Indonesia, from the provinces' precomputed descendant counts
    (counting 91,599 rows at every national page view is what this saves)."""
    counts = {"province": len(provinces)}
    for level in NATIONAL_LEVELS[1:]:
        counts[level] = sum(getattr(province, f"{level}_count") for province in provinces)
    return counts


def search_results(request: HttpRequest, region: Region | None):
    query = params.search_text(request.GET.get("q"))
    if not query:
        return query, None
    # The API's region list filters with the same filterset: `q` means the same in both.
    found = RegionFilterSet({"q": query}, queryset=Region.objects.subtree(region)).qs
    results = list(found.select_related("parent")[: SEARCH_LIMIT + 1])
    return query, results


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
