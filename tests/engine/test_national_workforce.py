"""Indonesia's workforce (the UCJ denominator) is the sum of the provinces' only when every
province has a figure: a partial sum would make the national UCJ look far better than it is."""

from __future__ import annotations

import datetime

from pantau.engine import reconcile
from pantau.engine.models import Workforce
from pantau.engine.refresh import _workforce_for
from pantau.regions.models import Region

JULY = datetime.date(2022, 7, 1)


def test_no_national_figure_until_every_province_has_one(db):
    provinces = list(Region.objects.filter(level="province").values_list("code", flat=True))
    for code in provinces[1:]:
        Workforce.objects.create(region_id=code, year=2022, employed=1000, source="test")
    assert reconcile.NATIONAL not in _workforce_for(JULY)
    Workforce.objects.create(region_id=provinces[0], year=2021, employed=500, source="test",
                             is_estimate=True)  # fmt: skip
    assert _workforce_for(JULY)[reconcile.NATIONAL] == (
        1000 * (len(provinces) - 1) + 500, 2022, True,
    )  # fmt: skip
