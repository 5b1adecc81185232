"""A new meeting whose regions include an open action's owner lists it, with its history, until
it is done or dropped; what a past meeting listed stays as it was on its day."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.monev import services
from pantau.monev.models import Agency
from tests.monev.world import action, balikpapan, run_json

pytestmark = pytest.mark.django_db


def later(regions, day=date(2023, 1, 20)):
    return balikpapan(title="Monev lanjutan", held_on=day, regions=regions)


def test_open_actions_of_owners_inside_the_regions_are_carried_over():
    first = balikpapan()
    kukar = action(first, owner="64.02")
    kaltara = action(first, owner="65")
    bulungan = action(first, owner="65.01", text="Daftarkan RT")
    done = action(first, owner="64.72")
    services.change_status(done, "done", on=date(2022, 9, 1))
    dropped = action(first, owner="64.71")
    services.change_status(dropped, "dropped", on=date(2022, 9, 1))
    busy = action(first, owner="64.03")
    services.change_status(busy, "in_progress", on=date(2022, 9, 1))
    assert [a.pk for a in services.carried_over(later(["64"]))] == [kukar.pk, busy.pk]
    assert {a.pk for a in services.carried_over(later(["65"]))} == {kaltara.pk, bulungan.pk}
    # A regency's meeting: its own actions, not the province's.
    assert [a.pk for a in services.carried_over(later(["65.01"]))] == [bulungan.pk]
    # An earlier meeting, or the same day, carries nothing from this one.
    assert services.carried_over(later(["64"], day=date(2022, 7, 5))) == []


def test_a_past_meeting_keeps_what_it_carried_over():
    first = balikpapan()
    item = action(first)
    second = later(["64"])
    services.change_status(item, "done", on=date(2023, 3, 1))
    third = later(["64"], day=date(2023, 6, 1))
    assert [a.pk for a in services.carried_over(second)] == [item.pk]  # open on 20 Jan 2023
    assert services.carried_over(third) == []
    # Reopened: carried over again from then on.
    services.change_status(item, "open", on=date(2023, 7, 1))
    fourth = later(["64"], day=date(2023, 8, 1))
    assert [a.pk for a in services.carried_over(fourth)] == [item.pk]
    assert services.carried_over(third) == []


def test_an_agency_follows_its_region_or_the_meetings_regions():
    branch = Agency.objects.create(
        code="bpjs-balikpapan", name="BPJS Cabang Balikpapan", region_id="64.71"
    )
    first = balikpapan()
    by_branch = action(first, owner=branch.code)
    national = action(first, owner="kemendagri")
    assert {a.pk for a in services.carried_over(later(["64"]))} == {by_branch.pk, national.pk}
    assert [a.pk for a in services.carried_over(later(["65"]))] == [national.pk]
    assert services.carried_over(later(["31"])) == []


def test_show_lists_the_carried_over_actions_with_their_history():
    first = balikpapan()
    item = action(first)
    services.comment(item, "Menunggu APBD-P")
    second = later(["64"])
    shown = run_json("meetings", "show", str(second.pk), "--as-of", "2023-01-20")
    assert shown["carried_over"] == [item.pk]
    assert shown["actions"] == []
    [carried] = shown["carried_over_actions"]
    assert (carried["id"], carried["meeting"], carried["overdue"]) == (item.pk, first.pk, True)
    history = run_json("actions", "history", str(item.pk))["history"]
    assert [h["kind"] for h in history] == ["created", "comment"]
