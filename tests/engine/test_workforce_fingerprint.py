"""The workforce fingerprint in a refresh's lineage: it changes with any denominator up to the
as-of year (its region, year, figure or estimate flag) and with nothing else, whatever order
the rows were imported in; an unchanged fingerprint lets `pantau coverage` skip a refresh."""

from __future__ import annotations

import re

import pytest

from pantau.engine.incremental import workforce_fingerprint
from pantau.engine.models import Workforce

KALTIM, KALTARA = "64", "65"


def fingerprint(rows: list[tuple]) -> str:
    """The 2022 fingerprint of a workforce table holding `rows` (region, year, employed,
    estimate?), created in that order."""
    Workforce.objects.all().delete()
    for region, year, employed, *estimate in rows:
        Workforce.objects.create(region_id=region, year=year, employed=employed, source="test",
                                 is_estimate=bool(estimate))  # fmt: skip
    value = workforce_fingerprint(2022)
    assert re.fullmatch(r"[0-9a-f]{16}", value)
    return value


SAME = {
    "imported in another order, two regions": (
        [(KALTARA, 2022, 10), (KALTIM, 2022, 70)], [(KALTIM, 2022, 70), (KALTARA, 2022, 10)]),
    "imported in another order, two years": (
        [(KALTIM, 2022, 70), (KALTIM, 2021, 60)], [(KALTIM, 2021, 60), (KALTIM, 2022, 70)]),
    "a figure for a later year": (
        [(KALTIM, 2022, 70)], [(KALTIM, 2022, 70), (KALTIM, 2023, 80)]),
}  # fmt: skip
DIFFERENT = {
    "the figure of another region": ([(KALTIM, 2022, 70)], [(KALTARA, 2022, 70)]),
    "the figure of another earlier year": ([(KALTIM, 2021, 70)], [(KALTIM, 2020, 70)]),
    "another figure": ([(KALTIM, 2022, 70)], [(KALTIM, 2022, 71)]),
    "an estimate instead of a published figure": ([(KALTIM, 2022, 70)], [(KALTIM, 2022, 70, 1)]),
    "a figure for the as-of year itself": ([], [(KALTIM, 2022, 70)]),
}


@pytest.mark.parametrize("before, after", SAME.values(), ids=SAME.keys())
def test_the_fingerprint_stays_for(db, before, after):
    assert fingerprint(before) == fingerprint(after)


@pytest.mark.parametrize("before, after", DIFFERENT.values(), ids=DIFFERENT.keys())
def test_the_fingerprint_changes_with(db, before, after):
    assert fingerprint(before) != fingerprint(after)


def test_the_workforce_fingerprint_follows_the_denominators_up_to_the_year(db):
    def fingerprint():
        value = workforce_fingerprint(2022)
        assert re.fullmatch(r"[0-9a-f]{16}", value)
        return value

    Workforce.objects.create(region_id="64", year=2021, employed=70, source="test")
    kaltim = Workforce.objects.create(region_id="64", year=2022, employed=70, source="test")
    first = fingerprint()
    Workforce.objects.create(region_id="65", year=2023, employed=10, source="test")
    assert fingerprint() == first  # a later year is not this refresh's
    seen = {first}
    for change in ({"employed": 71}, {"is_estimate": True}, {"year": 2020}):
        Workforce.objects.filter(pk=kaltim.pk).update(**change)
        seen.add(fingerprint())
    Workforce.objects.create(region_id="65", year=2022, employed=10, source="test")
    seen.add(fingerprint())
    assert len(seen) == 5
