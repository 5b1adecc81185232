"""A cached dashboard is never stale: a refresh or a budget change shows on the next view."""

from __future__ import annotations

from django.urls import reverse

from pantau.budgets.models import Allocation
from tests.dashboard.coverage_data import publish


def test_a_new_refresh_of_the_month_shows_at_once(client_as):
    client = client_as("viewer")
    publish("2022-07", members={"": (10, 100)})
    assert 'data-kpi="ucj">10,0 %' in client.get(reverse("dashboard:national")).content.decode()
    publish("2022-07", members={"": (30, 100)})
    assert 'data-kpi="ucj">30,0 %' in client.get(reverse("dashboard:national")).content.decode()


def test_a_budget_change_shows_at_once(client_as):
    client = client_as("viewer")
    publish("2022-07", members={"64.02": (1, None)})
    url = reverse("dashboard:region", args=["64.02"])
    before = client.get(url).content.decode()
    assert 'data-kpi="not_budgeted"' not in before  # no list, no allocation: nothing to judge
    allocation = Allocation.objects.create(
        pemda_id="64.02", year=2022, category="non_asn", stage="murni", persons=10, amount=0,
        source="form",
    )  # fmt: skip
    assert 'data-kpi="not_budgeted">1' in client.get(url).content.decode()
    # An edit in place (the admin) changes the fingerprint too.
    Allocation.objects.filter(pk=allocation.pk).update(amount=5_000_000)
    assert 'data-kpi="not_budgeted">0' in client.get(url).content.decode()


def test_the_cache_keeps_languages_and_people_rights_apart(client_as):
    publish("2022-07", members={"64.02": (1, None)}, lists={("64.02", "non_asn"): (4, 2, 1, 1, 9)})
    url = reverse("dashboard:region", args=["64.02"])
    outsider = client_as("pemda", "65").get(url).content.decode()
    assert "/celah/" not in outsider
    client = client_as("pemda", "64.02")
    officer = client.get(url).content.decode()
    assert "/celah/" in officer
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Protection gaps" in english
