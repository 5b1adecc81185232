"""What the map and the trend chart draw, as JSON embedded in the page (`json_script`).

The geometry itself is never inlined: the page names its URL (with a content hash, so the
browser keeps it for a year) and the script fetches it once.
"""

from __future__ import annotations

import math
from decimal import Decimal

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


# Steps of a percent axis: 1, 2 or 5 times a power of ten, about five of them from zero.
NICE_STEPS = (Decimal(1), Decimal(2), Decimal(5), Decimal(10))
AXIS_TICKS = 5


def percent_axis(values: list[float | None]) -> dict:
    """The y-axis of a percent chart: from 0 to `max` in steps of `interval`, its ticks shown
    with `decimals` digits (0 when the step is whole: "0 %", "20 %"; else "0,5 %", "1,0 %")."""
    top = max((Decimal(str(value)) for value in values if value is not None), default=None)
    if top is None or top <= 0:
        return {"max": 100, "interval": 20, "decimals": 0}
    rough = top / AXIS_TICKS
    power = Decimal(10) ** rough.adjusted()  # rough's leading digit's place
    step = next(factor * power for factor in NICE_STEPS if factor * power >= rough)
    step = step.normalize()
    decimals = max(0, -step.as_tuple().exponent)
    highest = math.ceil(top / step) * step

    def plain(number: Decimal) -> int | float:
        return int(number) if decimals == 0 else float(number)

    return {"max": plain(highest), "interval": plain(step), "decimals": decimals}


def trend_payload(dashboard: Dashboard) -> dict:
    indicator = dashboard.trend_indicator
    values = [number(numbers.value(indicator)) for _, numbers in dashboard.trend]
    return {
        "indicator": str(indicator.label),
        "unit": indicator.unit,
        # The y-axis's range and tick format for a share; other units keep ECharts' own.
        "axis": percent_axis(values) if indicator.unit == "percent" else None,
        "months": [month.key for month, _ in dashboard.trend],
        "labels": [month_label(month.as_of) for month, _ in dashboard.trend],  # "Juli 2022"
        "values": values,
        "texts": [display(indicator, numbers.value(indicator)) for _, numbers in dashboard.trend],
    }
