"""The work list's two lists: lapsed members by payer with months in arrears, and the
not-enrolled people by district and village, read from the lake."""

from __future__ import annotations

import datetime

import pytest

from pantau.engine.worklist.services import months_in_arrears, sources, worklist
from tests.engine import worklist_world as w


@pytest.fixture
def world(built_worklist_world, db):
    pass


@pytest.mark.parametrize(("paid_until", "as_of", "months"), [
    (datetime.date(2022, 5, 31), datetime.date(2022, 7, 1), 2),  # the last day of May
    (datetime.date(2022, 5, 1), datetime.date(2022, 7, 31), 2),  # any day of July
    (datetime.date(2021, 12, 31), datetime.date(2022, 1, 1), 1),  # across the year
    (datetime.date(2021, 12, 1), datetime.date(2023, 1, 1), 13),
    (datetime.date(2022, 7, 1), datetime.date(2022, 7, 31), 0),
])  # fmt: skip
def test_months_in_arrears_count_whole_months(paid_until, as_of, months):
    assert months_in_arrears(paid_until, as_of) == months


def test_lapsed_members_by_payer_with_months_in_arrears(world):
    work = worklist(sources("64.02", w.JANUARY))
    assert work.as_of == w.JANUARY
    by_nik = {row["nik"]: row["months"] for row in work.lapsed}
    # Paid until December is inside the grace month; the inactive member owes nothing.
    assert by_nik == {w.M_REGENCY: 2, w.M_VILLAGE: 7, w.M_EMPLOYER: 13, w.M_SELF: 2}
    groups = {(g.payer_type, g.payer_region): (g.members, g.months, g.most_months)
              for g in work.payers}  # fmt: skip
    assert groups == {
        ("apbd_regency", "64.02"): (1, 2, 2),
        ("apbdes", w.SALIKI): (1, 7, 7),
        ("employer", None): (1, 13, 13),
        ("self", None): (1, 2, 2),
    }
    assert work.lapsed_count == 4
    # Names and membership numbers come from the extract.
    row = next(row for row in work.lapsed if row["nik"] == w.M_VILLAGE)
    assert (row["name"], row["kpj"], row["region_code"]) == (
        f"ORANG {w.M_VILLAGE[-2:]}",
        "22010012345",
        w.SALIKI,
    )


def test_the_month_shown_sets_the_arrears(world):
    work = worklist(sources("64.02", w.DECEMBER))
    # In December, November is the grace month: paid until November is covered.
    assert {row["nik"]: row["months"] for row in work.lapsed} == {w.M_VILLAGE: 6, w.M_EMPLOYER: 12}


def test_a_payer_filter_keeps_the_groups(world):
    work = worklist(sources("64.02", w.JANUARY), payer="apbdes")
    assert [row["nik"] for row in work.lapsed] == [w.M_VILLAGE]
    assert work.lapsed_count == 1 and len(work.payers) == 4


def test_not_enrolled_grouped_by_district_and_village(world):
    work = worklist(sources("64.02", w.JANUARY))
    groups = {(g.district, g.village): g.people for g in work.places}
    assert groups == {
        ("64.02", None): 1,  # P5: the list gives no district
        ("64.02.01", w.PERIAN): 1,
        ("64.02.05", w.SALIKI): 2,  # P1 once, though on two lists
        ("64.02.05", w.SALOK_PALAI): 1,
    }
    assert work.people_count == 5
    assert [row["nik"] for row in work.people] == [w.P5, w.P4, w.P1, w.P2, w.P3]
    first = work.people[2]
    assert (first["pemda"], first["category"], first["name"]) == ("64.02", "non_asn", "Orang 11")


def test_a_place_filter_and_pages(world):
    src = sources("64.02", w.JANUARY)
    village = worklist(src, place=w.SALIKI)
    assert [row["nik"] for row in village.people] == [w.P1, w.P2]
    district = worklist(src, place="64.02.05", people_page=(2, 1))
    assert district.people_count == 3
    assert [row["nik"] for row in district.people] == [w.P2, w.P3]


def test_a_region_sees_its_own_people_only(world):
    kukar = worklist(sources("64.02", w.JANUARY))
    malinau = worklist(sources("65", w.JANUARY))
    assert w.M_MALINAU not in {row["nik"] for row in kukar.lapsed}
    assert w.Q1 not in {row["nik"] for row in kukar.people}
    assert [row["nik"] for row in malinau.lapsed] == [w.M_MALINAU]
    assert [row["nik"] for row in malinau.people] == [w.Q1]
    assert malinau.lapsed[0]["months"] == 3
    # A district sees the members working in it, and its Pemda's listed people there.
    badak = worklist(sources("64.02.05", w.JANUARY))
    assert {row["nik"] for row in badak.lapsed} == {w.M_REGENCY, w.M_VILLAGE, w.M_SELF}
    assert {row["nik"] for row in badak.people} == {w.P1, w.P2, w.P3}
