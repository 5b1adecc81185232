"""The budget pages open on the year of the latest coverage month: one allocation for a far
future year (entered before years were bounded) no longer makes every user's page open on an
empty year. Forms and imports accept 2021 (Inpres 2/2021) to next year."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pantau.budgets.allocations.services import AllocationRejected, record_allocation
from pantau.budgets.models import Allocation
from tests.budgets.budget_files import entry
from tests.budgets.pages_world import region_url
from tests.dashboard.coverage_data import publish


def far_future_allocation() -> None:
    Allocation.objects.create(pemda_id="64.02", year=2031, category="non_asn", stage="murni",
                              persons=1, amount=1, source="form")  # fmt: skip


@pytest.mark.parametrize("code", [None, "64"])
def test_the_page_opens_on_the_latest_coverage_year(client_as, db, code):
    publish("2022-07", members={"64": (5, 10)})
    far_future_allocation()
    response = client_as("viewer").get(region_url(code))
    assert response.context["year"] == 2022


def test_without_coverage_a_future_year_is_not_the_default(client_as, db):
    far_future_allocation()
    response = client_as("viewer").get(region_url("64"))
    assert response.context["year"] == timezone.localdate().year


def test_years_from_2021_to_next_year_are_accepted(db):
    next_year = timezone.localdate().year + 1
    for year in (2021, next_year):
        record = record_allocation(entry(year=str(year)))
        assert record.allocation.year == year
    for year in (2020, next_year + 1):
        with pytest.raises(AllocationRejected) as raised:
            record_allocation(entry(year=str(year)))
        assert [issue.code for issue in raised.value.issues] == ["year_out_of_range"]
