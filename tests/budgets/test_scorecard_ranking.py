"""Who is ranked against whom, in which order, how ties share a rank, and a fixed number of
queries whatever the number of Pemda."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pantau.budgets.scorecard.services import ScoreRow, rank, scorecard
from pantau.engine.models import ListCoverage, MemberCoverage
from pantau.regions.lookup import NotAPemda, RegionNotFound
from pantau.regions.models import Region
from tests.budgets.scorecard_world import YEAR, allocate, coverage, listed, plan, regulate

# Kalimantan Timur: seven regencies (Paser … Mahakam Ulu) and three cities (Balikpapan,
# Samarinda, Bontang).
KALTIM = ["64.01", "64.02", "64.03", "64.07", "64.08", "64.09", "64.11", "64.71", "64.72",
          "64.74"]  # fmt: skip


@pytest.fixture
def admin(make_user):
    return make_user("admin", "national", None, is_superuser=True)


def row(code: str, score: int) -> ScoreRow:
    from pantau.budgets.scorecard.services import Part

    return ScoreRow(code, code, "regency", [Part("planning", 100, score / 100)])


def test_equal_scores_share_a_rank_and_the_next_rank_skips():
    rows = [row("c", 50), row("a", 80), row("d", 50), row("b", 80), row("e", 10)]
    rank(rows)
    assert [(r.code, r.rank) for r in rows] == [("a", 1), ("b", 1), ("c", 3), ("d", 3),
                                                ("e", 5)]  # fmt: skip


def test_national_ranks_the_38_provinces(admin):
    plan(admin, "64", True, True)  # 10 points
    plan(admin, "65", True, True)  # 10 points: a tie
    plan(admin, "63", True, False)  # 5 points
    plan(admin, "64.02", True, True)  # a regency: not in the national ranking
    card = scorecard(None, YEAR)
    assert card.ranks_provinces and card.government is None
    assert len(card.rows) == card.ranked_count == 38
    assert {r.level for r in card.rows} == {"province"}
    assert [(r.code, r.rank) for r in card.rows[:4]] == [("64", 1), ("65", 1), ("63", 3),
                                                         ("11", 4)]  # fmt: skip
    assert {r.rank for r in card.rows[3:]} == {4}  # 35 provinces with nothing share rank 4
    assert scorecard("ID", YEAR).rows[0].code == "64"


def test_a_province_ranks_its_regencies_and_cities_its_government_apart(admin):
    plan(admin, "64", True, True)  # the government's own record, not in the ranking
    plan(admin, "64.71", True, True)
    regulate(admin, "64.02", "perda", ["non_asn", "village_official", "rt_rw", "vulnerable"])
    plan(admin, "65.01", True, True)  # another province
    card = scorecard("64", YEAR)
    expected = list(
        Region.objects.filter(province_code="64", level__in=["regency", "city"])
        .order_by("code")
        .values_list("code", flat=True)
    )
    assert expected == KALTIM
    assert sorted(r.code for r in card.rows) == KALTIM and card.ranked_count == 10
    assert [(r.code, r.rank, r.score) for r in card.rows[:3]] == [
        ("64.02", 1, 20), ("64.71", 2, 15), ("64.01", 3, 5)]  # fmt: skip
    assert (card.government.code, card.government.rank, card.government.score) == ("64", None, 15)
    assert card.ranked_among == "64" and card.ranked_among_name == "Kalimantan Timur"


def test_a_regency_alone_with_its_rank_in_its_province(admin):
    plan(admin, "64.02", True, True)
    plan(admin, "64.71", True, False)
    card = scorecard("6471", YEAR)
    assert [(r.code, r.name, r.rank) for r in card.rows] == [("64.71", "Kota Balikpapan", 2)]
    assert (card.ranked_count, card.government) == (10, None)


def test_scores_are_compared_exactly_not_as_displayed(db):
    # 30.00 % and 30.01 % UCJ: both show 8.6 points, but they are not a tie.
    coverage(datetime.date(2025, 12, 1), members={"64.02": (3000, 10000), "64.71": (3001, 10000)})
    card = scorecard("64", YEAR)
    first, second = card.rows[:2]
    assert (first.code, first.rank, second.code, second.rank) == ("64.71", 1, "64.02", 2)
    assert round(float(first.score), 1) == round(float(second.score), 1)


@pytest.mark.parametrize("code", ["64.02.05", "64.02.05.2001"])
def test_a_district_or_village_has_no_score(db, code):
    with pytest.raises(NotAPemda):
        scorecard(code, YEAR)


@pytest.mark.parametrize("code", ["99", "abc", "64.99"])
def test_an_unknown_region(db, code):
    with pytest.raises(RegionNotFound):
        scorecard(code, YEAR)


def test_a_fixed_number_of_queries_whatever_the_number_of_pemda(admin):
    plan(admin, "64", True, True)
    before = coverage(datetime.date(2024, 12, 1), members={"64": (10, 100)})
    now = coverage(datetime.date(2025, 12, 1), members={"64": (20, 100)}, lists={"64": (10, 5)})
    with CaptureQueriesContext(connection) as few:
        scorecard(None, YEAR)
    provinces = list(Region.objects.filter(level="province").values_list("code", flat=True))
    for code in provinces[:20]:
        listed(code, "non_asn", 10, 1000)
        allocate(code, "non_asn", 500)
        plan(admin, code, True, False)
        regulate(admin, code, "perkada", ["non_asn"])
        if code != "64":
            for month, active in ((before, 10), (now, 20)):
                MemberCoverage.objects.create(generation=month.generation, as_of=month.as_of,
                                              region_code=code, active_members=active,
                                              workforce=100)  # fmt: skip
            ListCoverage.objects.create(generation=now.generation, as_of=now.as_of,
                                        region_code=code, listed=10, covered=5)  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        card = scorecard(None, YEAR)
    rising = {r.code for r in card.rows if r.part("ucj_trend").value > 0}
    assert rising == {*provinces[:20], "64"}
    # The provinces, allocations, lists, needs, regulations, planning, evidence, the
    # coverage months, the monev actions, members and lists: 11, whatever the number of Pemda.
    assert len(many) == len(few) == 11
    with CaptureQueriesContext(connection) as province:
        assert len(scorecard("64", YEAR).rows) == 10
    assert len(province) == 12  # and the province's region itself
