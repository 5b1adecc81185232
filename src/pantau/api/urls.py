"""`/api/v1/`: the REST API (docs/api.md), its OpenAPI document, Swagger UI and Redoc.

The views check who may see what themselves (DRF authentication and `accounts.scope`), so
the site's login redirect (LoginRequiredMiddleware) is lifted for every API URL: a client
without a session gets a 401 or 403 in JSON, not a login page.
"""

from __future__ import annotations

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from pantau.api.routes_domain import routes as domain_routes
from pantau.api.routes_people import routes as people_routes
from pantau.api.views import coverage, regions

app_name = "api"

# Swagger UI and Redoc style their pages from script (style elements and attributes) and
# Redoc searches in a worker made from a blob: these two pages only may do so. Their
# scripts still come from our own static files alone.
DOCS_PAGE = csp_update({"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})

v1 = [
    path("regions/", regions.RegionList.as_view(), name="regions"),
    path("regions/<str:code>/", regions.RegionDetail.as_view(), name="region"),
    path("coverage/<str:code>/", coverage.CoverageView.as_view(), name="coverage"),
    path("coverage/<str:code>/trend/", coverage.TrendView.as_view(), name="coverage-trend"),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="schema"),
    path(
        "docs/", DOCS_PAGE(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"
    ),  # fmt: skip
    path("redoc/", DOCS_PAGE(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
    # Person-level data and imports (gaps, flagged claims, imports); the domain apps'
    # numbers and workflows (budgets, scorecard, claims totals, monev, rules).
    *people_routes,
    *domain_routes,
]


def _lift_login(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            _lift_login(pattern.url_patterns)
        else:
            pattern.callback = login_not_required(pattern.callback)
    return patterns


def not_found(request, rest: str = ""):
    """Any other address under /api/: a JSON 404, not the site's page."""
    return JsonResponse(
        {"detail": "Alamat API tidak ada / no such API address", "path": request.path},
        status=404,
    )


urlpatterns = _lift_login([path("v1/", include(v1)), re_path(r"^(?P<rest>.*)$", not_found)])
