"""Each part of the compliance scorecard, from facts stored the way Pantau stores them:
regulations and planning through `compliance`, allocations through `record_allocation`,
lists and needs as catalog and `Need` rows, coverage as the engine's output tables.

Real codes: 64 Kalimantan Timur, 64.02 Kutai Kartanegara, 64.71 Balikpapan.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

from pantau.budgets.scorecard.services import (
    DATA_MISSING,
    NO_LIST,
    NOTHING_RECORDED,
    coverage_months,
    scorecard,
    scorecard_json,
)
from tests.budgets.scorecard_world import YEAR, allocate, coverage, listed, plan, regulate

# ---------------------------------------------------------------- builders (shared)


def part_of(code: str, name: str, year: int = YEAR):
    card = scorecard(code, year)
    row = card.government if card.government and card.government.code == code else card.rows[0]
    assert row.code == code
    return row.part(name)


@pytest.fixture
def admin(make_user):
    return make_user("admin", "national", None, is_superuser=True)


# ---------------------------------------------------------------- regulation


@pytest.mark.parametrize(
    ("kind", "categories", "value"),
    [
        ("perda", ["non_asn", "village_official", "rt_rw", "vulnerable"], Fraction(1)),
        ("perkada", ["non_asn", "village_official", "rt_rw", "vulnerable"], Fraction(1)),
        ("surat_edaran", ["non_asn", "village_official", "rt_rw", "vulnerable"], Fraction(1, 2)),
        ("perda", ["non_asn"], Fraction(1, 4)),  # no list, no allocation: all four matter
        ("surat_edaran", ["non_asn", "rt_rw"], Fraction(1, 4)),
    ],
)
def test_regulation_kind_times_categories_covered(admin, kind, categories, value):
    regulate(admin, "64.02", kind, categories)
    part = part_of("64.02", "regulation")
    assert (part.value, part.points, part.note) == (value, 15 * value, "")
    assert part.inputs["kind"] == kind


def test_regulation_counts_only_the_categories_that_matter(admin):
    listed("64.02", "non_asn", 10, 1000)
    allocate("64.02", "rt_rw", 500)
    regulate(admin, "64.02", "perda", ["non_asn", "vulnerable"])
    part = part_of("64.02", "regulation")
    assert part.inputs["categories_that_matter"] == ["non_asn", "rt_rw"]
    assert part.value == Fraction(1, 2)  # non_asn of non_asn and rt_rw; vulnerable is moot


def test_the_strongest_regulation_in_force_by_the_end_of_the_year(admin):
    regulate(admin, "64.02", "surat_edaran", ["non_asn", "village_official", "rt_rw",
                                               "vulnerable"], number="1")  # fmt: skip
    regulate(admin, "64.02", "perda", ["non_asn", "village_official", "rt_rw", "vulnerable"],
             issued_on=datetime.date(2026, 1, 5), number="2")  # fmt: skip
    assert part_of("64.02", "regulation", 2025).value == Fraction(1, 2)
    assert part_of("64.02", "regulation", 2026).value == 1
    assert part_of("64.02", "regulation", 2022).note == NOTHING_RECORDED


def test_no_regulation_scores_nothing(db):
    part = part_of("64.02", "regulation")
    assert (part.value, part.note, part.inputs["kind"]) == (0, NOTHING_RECORDED, None)


# ---------------------------------------------------------------- planning


@pytest.mark.parametrize(("rkpd", "apbd", "value"), [(True, True, 1), (True, False, Fraction(1, 2)),
                                                     (False, True, Fraction(1, 2)),
                                                     (False, False, 0)])  # fmt: skip
def test_planning_half_for_the_rkpd_half_for_the_apbd(admin, rkpd, apbd, value):
    plan(admin, "64.71", rkpd, apbd)
    plan(admin, "64.71", True, True, year=2024)  # another year does not count
    part = part_of("64.71", "planning")
    assert (part.value, part.points) == (value, 10 * value)
    assert part.inputs == {"in_rkpd": rkpd, "in_apbd": apbd}


# ---------------------------------------------------------------- budget


def test_budget_is_the_mean_over_the_pemda_categories(db):
    listed("64.02", "non_asn", 10, 1000)
    allocate("64.02", "non_asn", 1200)  # budgeted: 1
    listed("64.02", "rt_rw", 10, 1000)
    allocate("64.02", "rt_rw", 250)  # under-budgeted: 250/1000
    listed("64.02", "vulnerable", 10, 1000)  # not budgeted: 0
    part = part_of("64.02", "budget")
    assert part.value == Fraction(1 + Fraction(1, 4), 3)
    assert part.points == 25 * Fraction(5, 12)
    assert [(c["category"], c["status"], c["value"]) for c in part.inputs["categories"]] == [
        ("non_asn", "budgeted", 1), ("rt_rw", "under_budgeted", Fraction(1, 4)),
        ("vulnerable", "not_budgeted", 0)]  # fmt: skip
    assert (part.inputs["allocated"], part.inputs["need"]) == (1450, 3000)


def test_an_allocation_without_a_known_need_counts_as_budgeted(db):
    allocate("64.71", "rt_rw", 5_000_000)
    part = part_of("64.71", "budget")
    assert (part.value, part.inputs["need"]) == (1, None)


def test_no_list_and_no_allocation_scores_nothing(db):
    allocate("64.02", "non_asn", 1000, year=2024)  # another year
    part = part_of("64.02", "budget")
    assert (part.value, part.note, part.inputs["categories"]) == (0, NOTHING_RECORDED, [])


def test_a_province_budget_is_its_own_government_s(db):
    allocate("64.02", "non_asn", 1000)  # a regency's allocation is not the province's
    part = part_of("64", "budget")
    assert (part.value, part.note) == (0, NOTHING_RECORDED)


# ---------------------------------------------------------------- list coverage


def test_list_coverage_is_covered_over_listed(db):
    coverage(datetime.date(2025, 12, 1), lists={"64.02": (200, 150), "64": (500, 450)})
    part = part_of("64.02", "list_coverage")
    assert (part.value, part.points, part.note) == (Fraction(3, 4), Fraction(15), "")
    assert (part.inputs["covered"], part.inputs["listed"]) == (150, 200)
    # The province is scored on its region's row: its own lists and its regencies'.
    assert part_of("64", "list_coverage").value == Fraction(9, 10)


def test_list_coverage_without_a_list_or_without_numbers(db):
    assert part_of("64.71", "list_coverage").note == DATA_MISSING  # no refresh at all
    coverage(datetime.date(2025, 6, 1), lists={"64.02": (10, 10)})
    part = part_of("64.71", "list_coverage")
    assert (part.value, part.note, part.inputs["listed"]) == (0, NO_LIST, 0)


# ---------------------------------------------------------------- UCJ and its trend


def test_ucj_against_the_target_capped_at_one(db):
    coverage(datetime.date(2025, 12, 1),
             members={"64.02": (300, 1000), "64.71": (700, 1000), "64.01": (5, None)})  # fmt: skip
    part = part_of("64.02", "ucj")
    assert part.value == Fraction(3, 10) / Fraction("0.5215")
    assert (part.inputs["ucj"], part.inputs["active_members"], part.inputs["workforce"]) == (
        Fraction(3, 10), 300, 1000)  # fmt: skip
    assert part_of("64.71", "ucj").value == 1  # 70 % is above the target
    missing = part_of("64.01", "ucj")  # no workforce figure: unknown
    assert (missing.value, missing.note, missing.unknown) == (0, DATA_MISSING, True)


@pytest.mark.parametrize(
    ("before", "now", "value"),
    [
        (270, 300, Fraction(3, 5)),  # +3 points of a 5-point target
        (200, 300, Fraction(1)),  # +10 points: capped
        (300, 300, Fraction(0)),
        (320, 300, Fraction(0)),  # a fall scores 0, not less
    ],
)
def test_ucj_trend_over_twelve_months(db, before, now, value):
    coverage(datetime.date(2024, 11, 1), members={"64.02": (before, 1000)})
    coverage(datetime.date(2025, 11, 1), members={"64.02": (now, 1000)})
    part = part_of("64.02", "ucj_trend")
    assert (part.value, part.note) == (value, "")
    assert part.inputs["change_points"] == Fraction(now - before, 10)
    assert part.inputs["as_of_12_months_ago"] == datetime.date(2024, 11, 1)


def test_ucj_trend_unknown_without_the_month_a_year_earlier(db):
    coverage(datetime.date(2024, 10, 1), members={"64.02": (100, 1000)})  # 13 months earlier
    coverage(datetime.date(2025, 11, 1), members={"64.02": (300, 1000)})
    part = part_of("64.02", "ucj_trend")
    assert (part.value, part.note, part.inputs["ucj_12_months_ago"]) == (0, DATA_MISSING, None)
    body = scorecard_json("64.02", YEAR)["pemda"][0]["parts"]["ucj_trend"]
    assert (body["unknown"], body["note"], body["points"]) == (True, "data_missing", 0.0)


def test_which_month_a_year_uses(db):
    assert coverage_months(2025) == (None, None)
    coverage(datetime.date(2024, 7, 1))
    assert coverage_months(2025)[0].as_of == datetime.date(2024, 7, 1)  # latest ≤ December
    coverage(datetime.date(2025, 3, 1))
    coverage(datetime.date(2025, 12, 1))
    coverage(datetime.date(2026, 1, 1))  # after the year: not used
    latest, previous = coverage_months(2025)
    assert (latest.as_of, previous) == (datetime.date(2025, 12, 1), None)
    latest, previous = coverage_months(2024)
    assert (latest.as_of, previous) == (datetime.date(2024, 7, 1), None)
    coverage(datetime.date(2024, 12, 1))
    assert coverage_months(2025)[1].as_of == datetime.date(2024, 12, 1)


# ---------------------------------------------------------------- the score


def test_the_score_is_the_sum_of_the_parts_exactly(admin):
    regulate(admin, "64.02", "perda", ["non_asn"])
    plan(admin, "64.02", True, False)
    listed("64.02", "non_asn", 3, 900)
    allocate("64.02", "non_asn", 300)
    coverage(datetime.date(2024, 12, 1), members={"64.02": (400, 1000)})
    coverage(datetime.date(2025, 12, 1), members={"64.02": (450, 1000)},
             lists={"64.02": (3, 2)})  # fmt: skip
    row = scorecard("64.02", YEAR).rows[0]
    expected = (15 * 1 + 10 * Fraction(1, 2) + 25 * Fraction(1, 3) + 20 * Fraction(2, 3)
                + 15 * Fraction(45, 100) / Fraction("0.5215") + 10 * 1 + 5 * 1)  # fmt: skip
    assert row.score == expected
    body = scorecard_json("64.02", YEAR)["pemda"][0]
    assert body["score"] == 69.6 and body["score_exact"] == str(expected)
    assert {name: part["points"] for name, part in body["parts"].items()} == {
        "regulation": 15.0, "planning": 5.0, "budget": 8.33, "list_coverage": 13.33,
        "ucj": 12.94, "ucj_trend": 10.0, "follow_up": 5.0}  # fmt: skip
    assert body["parts"]["ucj"]["inputs"]["ucj"] == 0.45
    assert body["parts"]["ucj_trend"]["inputs"]["ucj_12_months_ago"] == 0.4
