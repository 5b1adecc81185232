"""What the map and the trend chart draw, as JSON embedded in the page (`json_script`).

The geometry itself is never inlined: the page names its URL (with a content hash, so the
browser keeps it for a year) and the script fetches it once.
"""

from __future__ import annotations

from django.urls import reverse

from pantau.core.display import month_label
from pantau.dashboard.geometry import geometry_etag, geometry_path
from pantau.dashboard.indicators import display, number
from pantau.dashboard.summary import Dashboard


def geometry_url(dashboard: Dashboard) -> str | None:
    level = dashboard.map_level
    if level is None:
        return None
    province = dashboard.region.code if dashboard.region else None
    try:
        path = geometry_path(level, province)
    except KeyError:
        return None
    if province is None:
        url = reverse("dashboard:geometry-provinces")
    else:
        url = reverse("dashboard:geometry-regencies", args=[province])
    return f"{url}?v={geometry_etag(path)}"


def map_payload(dashboard: Dashboard, query: str) -> dict | None:
    """Children coloured by the indicator; `query` keeps the view's choices on a click."""
    url = geometry_url(dashboard)
    if url is None:
        return None
    indicator = dashboard.indicator
    suffix = f"?{query}" if query else ""
    return {
        "geometry": url,
        "indicator": str(indicator.label),
        "unit": indicator.unit,
        "higherIsBetter": indicator.higher_is_better,
        "regions": [
            {
                "code": row.code,
                "name": row.name,
                "value": number(row.value(indicator)),
                "text": display(indicator, row.value(indicator)),
                "rank": row.rank,
                "url": reverse("dashboard:region", args=[row.code]) + suffix,
            }
            for row in dashboard.children
        ],
    }


def trend_payload(dashboard: Dashboard) -> dict:
    indicator = dashboard.trend_indicator
    return {
        "indicator": str(indicator.label),
        "unit": indicator.unit,
        "months": [month.key for month, _ in dashboard.trend],
        "labels": [month_label(month.as_of) for month, _ in dashboard.trend],  # "Juli 2022"
        "values": [number(numbers.value(indicator)) for _, numbers in dashboard.trend],
        "texts": [display(indicator, numbers.value(indicator)) for _, numbers in dashboard.trend],
    }
