"""The trend chart's y-axis reads "0 %", "20 %" … (whole percents when its step is whole) and
"0,5 %" (Indonesian decimal comma) when it is not; never "0,0 %"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.dashboard.charts import percent_axis
from tests.dashboard.coverage_data import publish


@pytest.mark.parametrize(
    ("values", "axis"),
    [
        ([48.2, 67.1], {"max": 80, "interval": 20, "decimals": 0}),
        ([99.5, None], {"max": 100, "interval": 20, "decimals": 0}),
        ([154.0], {"max": 200, "interval": 50, "decimals": 0}),
        ([7.3], {"max": 8, "interval": 2, "decimals": 0}),
        ([12.5], {"max": 15, "interval": 5, "decimals": 0}),
        ([0.3, 0.8], {"max": 0.8, "interval": 0.2, "decimals": 1}),
        ([2.5], {"max": 2.5, "interval": 0.5, "decimals": 1}),
        ([0.1], {"max": 0.1, "interval": 0.02, "decimals": 2}),
        ([None, None], {"max": 100, "interval": 20, "decimals": 0}),
        ([0.0], {"max": 100, "interval": 20, "decimals": 0}),
    ],
)
def test_a_percent_axis_steps_from_zero_with_the_steps_decimals(values, axis):
    assert percent_axis(values) == axis


def trend_of(response) -> dict:
    return next(c for c in response.context if "trend" in c)["trend"]


def test_the_trend_payload_carries_its_axis(client_as, db):
    publish("2022-06", members={"64": (1_600, 3_176)})  # 50,4 %
    publish("2022-07", members={"64": (2_128, 3_176)})  # 67,0 %
    url = reverse("dashboard:region", args=["64"])
    trend = trend_of(client_as("viewer").get(url, {"indikator": "ucj"}))
    assert trend["unit"] == "percent"
    assert trend["values"] == [50.4, 67.0]
    assert trend["axis"] == {"max": 80, "interval": 20, "decimals": 0}


def test_a_count_trend_keeps_the_charts_own_axis(client_as, db):
    publish("2022-07", members={"64": (2_128, 3_176)})
    url = reverse("dashboard:region", args=["64"])
    trend = trend_of(client_as("viewer").get(url, {"indikator": "active_members"}))
    assert trend["unit"] != "percent" and trend["axis"] is None
