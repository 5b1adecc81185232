"""`/bandingkan/`: regions side by side, a table and a chart, and their XLSX and CSV.

Seen by whoever may see the region pages (aggregates, no person-level data): signed-in users,
any region. The choice is the query string; `unduh=xlsx|csv` downloads the same comparison.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from pantau.core import params
from pantau.core.downloads import download
from pantau.core.vocabulary import Category
from pantau.dashboard import compare, compare_exports, summary
from pantau.dashboard.indicators import INDICATORS
from pantau.regions.views import SEARCH_LIMIT, search_results

SEARCH_TARGET = "compare-search-results"


class CompareView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        search = self._search(request)
        if request.htmx and request.htmx.target == SEARCH_TARGET:
            return render(request, "dashboard/compare_search.html", search)

        available = summary.months()
        choice = compare.parse(request.GET, available, request.user)
        fmt = request.GET.get("unduh")
        if fmt in ("csv", "xlsx"):
            if choice.over_limit:
                # A download holds what the page shows; the page says what was left out.
                return HttpResponse(" ".join(choice.problems), status=400,
                                    content_type="text/plain; charset=utf-8")  # fmt: skip
            comparison = compare.compare(choice)
            table = params.choice(request.GET.get("tabel"), compare_exports.TABLES, "nilai")
            content = compare_exports.export(comparison, table, fmt)
            return download(content, compare_exports.file_name(choice, table), fmt)

        comparison = compare.compare(choice)
        return render(request, "dashboard/compare.html", {
            **search,
            "choice": choice,
            "comparison": comparison,
            "blocks": comparison.blocks(),
            "chart": comparison.chart(),
            "available": list(reversed(available)),
            "indicators": [INDICATORS[key] for key in compare.COMPARABLE],
            "categories": Category.choices,
            "place_links": [(place, choice.query_without(place.key)) for place in choice.places],
            "exports": {
                "xlsx": choice.query(unduh="xlsx"),
                "csv": choice.query(unduh="csv"),
                "change_csv": choice.query(unduh="csv", tabel="perubahan"),
            },
            "chart_links": [
                (indicator, choice.query(grafik=indicator.key)) for indicator in choice.indicators
            ],
            "limits": (compare.MAX_REGIONS, compare.MAX_INDICATORS, compare.MAX_MONTHS),
        })  # fmt: skip

    @staticmethod
    def _search(request: HttpRequest) -> dict:
        """The region search of the region pages; each result adds itself to the choice."""
        query, results = search_results(request, None)
        kept = [(key, value) for key, value in request.GET.lists() if key != "q"]
        base = [(key, item) for key, values in kept for item in values]
        found = [
            (region, urlencode([*base, ("wilayah", region.code)]))
            for region in (results or [])[:SEARCH_LIMIT]
        ]
        return {
            "query": query,
            "results": found if results is not None else None,
            "results_truncated": results is not None and len(results) > SEARCH_LIMIT,
        }
