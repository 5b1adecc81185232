"""An action that targets an indicator: its value at the meeting (captured when recorded), its
current value, and whether the trend since the meeting reaches the target by the due date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pantau.monev import indicators, services
from tests.budgets.test_budget_status import allocate, listed
from tests.dashboard.coverage_data import publish
from tests.monev.world import action, balikpapan, run_json

pytestmark = pytest.mark.django_db

R = indicators.Reading


@pytest.mark.parametrize(
    ("baseline", "current", "target", "due", "expected"),
    [
        (
            R(Decimal("0.35"), date(2022, 7, 1)),
            R(Decimal("0.95"), date(2022, 9, 1)),
            "0.9",
            date(2022, 12, 31),
            True,
        ),  # reached
        (
            R(Decimal("0.35"), date(2022, 7, 1)),
            R(Decimal("0.90"), date(2022, 9, 1)),
            "0.9",
            date(2022, 12, 31),
            True,
        ),  # exactly the target
        # +0.10 a month: 0.55 in September, 0.85 in December: short of 0.9
        (
            R(Decimal("0.35"), date(2022, 7, 1)),
            R(Decimal("0.55"), date(2022, 9, 1)),
            "0.9",
            date(2022, 12, 31),
            False,
        ),
        # the same trend reaches 0.9 by January
        (
            R(Decimal("0.35"), date(2022, 7, 1)),
            R(Decimal("0.55"), date(2022, 9, 1)),
            "0.85",
            date(2022, 12, 31),
            True,
        ),
        (
            R(Decimal("0.50"), date(2022, 7, 1)),
            R(Decimal("0.40"), date(2022, 9, 1)),
            "0.6",
            date(2023, 12, 31),
            False,
        ),  # falling
        (
            R(Decimal("0.50"), date(2022, 9, 1)),
            R(Decimal("0.55"), date(2022, 9, 1)),
            "0.6",
            date(2023, 12, 31),
            None,
        ),  # no later month yet
        (R(None, None), R(Decimal("0.55"), date(2022, 9, 1)), "0.6", date(2023, 12, 31), None),
        (R(Decimal("0.5"), date(2022, 7, 1)), R(None, None), "0.6", date(2023, 12, 31), None),
        (
            R(Decimal("0.5"), date(2022, 7, 1)),
            R(Decimal("0.7"), date(2022, 8, 1)),
            None,
            date(2023, 12, 31),
            None,
        ),  # no target
        # past due and short: the trend is not carried on backwards
        (
            R(Decimal("0.35"), date(2022, 7, 1)),
            R(Decimal("0.55"), date(2023, 3, 1)),
            "0.9",
            date(2022, 12, 31),
            False,
        ),
    ],
)
def test_on_track_as_data(baseline, current, target, due, expected):
    target = Decimal(target) if target is not None else None
    assert indicators.on_track(baseline, current, target, due) is expected


def test_list_coverage_from_the_meeting_to_now():
    publish("2022-06", lists={("64.02", "non_asn"): (200, 70, 10, 120, 0)})
    publish("2022-07", lists={("64.02", "non_asn"): (200, 80, 10, 110, 0)})
    item = action(
        balikpapan(), due=date(2022, 12, 31), indicator="list_coverage:non_asn", target="0.9"
    )
    assert (item.baseline, item.baseline_month) == (Decimal("0.4000"), date(2022, 7, 1))
    publish("2022-09", lists={("64.02", "non_asn"): (200, 120, 10, 70, 0)})
    # +0.10 a month since July: 0.60 in September, 0.90 by December.
    [row] = run_json("actions", "list", "--as-of", "2022-10-15")["rows"]
    assert (
        row["indicator_value"],
        row["indicator_month"],
        row["baseline"],
        row["target"],
        row["on_track"],
    ) == (0.6, "2022-09-01", 0.4, 0.9, True)
    # As of August, only the meeting's month and August's (no numbers): no trend yet.
    [early] = run_json("actions", "list", "--as-of", "2022-08-15")["rows"]
    assert (early["indicator_value"], early["on_track"]) == (0.4, None)


def test_ucj_of_the_owner():
    publish("2022-07", members={"64.02": (10_000, 40_000)})
    publish("2022-10", members={"64.02": (11_000, 40_000)})
    item = action(balikpapan(), due=date(2023, 6, 30), indicator="ucj_coverage", target="0.5")
    [row] = run_json("actions", "list", "--as-of", "2022-11-01")["rows"]
    assert (row["id"], row["baseline"], row["indicator_value"]) == (item.pk, 0.25, 0.275)
    # +0.0083 a month: 0.34 by June 2023, short of 0.5.
    assert row["on_track"] is False


def test_budget_status_of_the_due_year():
    listed("64.02", "non_asn", 100, 1_000_000_000, year=2022)
    item = action(
        balikpapan(), due=date(2022, 10, 31), indicator="budget_status:non_asn", target="1"
    )
    assert item.baseline == Decimal("0.0000")
    allocate("64.02", "non_asn", 1_000_000_000, year="2022")
    [row] = run_json("actions", "list", "--as-of", "2022-09-01")["rows"]
    assert (row["baseline"], row["indicator_value"], row["on_track"]) == (0.0, 1.0, True)


def test_a_finding_keeps_the_value_it_was_recorded_with():
    publish("2022-07", lists={("64.02", "non_asn"): (100, 35, 5, 60, 0)})
    meeting = balikpapan()
    finding = services.add_finding(
        meeting, "64.02", "Cakupan Non ASN 35 %", "list_coverage:non_asn"
    )
    publish("2022-07", lists={("64.02", "non_asn"): (100, 50, 5, 45, 0)})  # a later refresh
    finding.refresh_from_db()
    assert (finding.value, finding.value_month) == (Decimal("0.3500"), date(2022, 7, 1))


def test_a_finding_is_about_a_pemda_of_the_meeting():
    meeting = balikpapan(regions=["64"])
    with pytest.raises(services.MonevError) as refused:
        services.add_finding(meeting, "65.01", "x")
    assert refused.value.code == "region_outside"
