"""What a paid claim should have paid by the regulation in force on the event date, and the
same rule as schedule rows for SQL (they must agree for every date and wage)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.rules import api, schedules
from pantau.rules.claims import CHECKABLE, ScheduleRow, claim_schedule, expected_claim
from pantau.rules.errors import RuleError

from .rule_files import regulation_header, write_rule_file

JKM_PP_82 = (
    "PP 82/2019: santunan sekaligus Rp20.000.000 + berkala Rp12.000.000 + pemakaman Rp10.000.000"  # noqa: E501
)


def test_jkm_in_july_2022_pays_42_million_under_pp_82_2019():
    expected = expected_claim("JKM", "death", date(2022, 7, 5))
    assert expected.amount == 42_000_000
    assert expected.basis_id == JKM_PP_82
    assert expected.basis_en == (
        "PP 82/2019: lump sum Rp20,000,000 + periodic Rp12,000,000 + funeral Rp10,000,000"
    )


def test_jkm_before_pp_82_2019_pays_the_pp_44_2015_amounts():
    assert expected_claim("JKM", "death", "2019-12-01").amount == 24_000_000
    assert expected_claim("JKM", "death", "2019-12-01").basis_id.startswith("PP 44/2015: ")
    assert expected_claim("JKM", "death", "2019-12-02").amount == 42_000_000


def test_jkm_needs_no_wage_and_ignores_one():
    assert expected_claim("jkm", "DEATH", "2022-07-05", 9_000_000).amount == 42_000_000


def test_jkk_death_is_48_wages_plus_funeral_and_periodic():
    expected = expected_claim("JKK", "death", "2022-03-10", 3_000_000)
    assert expected.amount == 48 * 3_000_000 + 10_000_000 + 12_000_000 == 166_000_000
    assert expected.basis_id == (
        "PP 82/2019 Lampiran III: santunan kematian 48 × upah (paling sedikit Rp20.000.000) + "
        "pemakaman Rp10.000.000 + berkala Rp12.000.000"
    )
    assert expected.amount == api.jkk_death_benefit(3_000_000, "2022-03-10").cash_total


def test_jkk_death_lump_sum_is_at_least_the_jkm_lump_sum_since_pp_82_2019():
    # 48 × 400,000 = 19,200,000 < 20,000,000
    assert expected_claim("JKK", "death", "2022-03-10", 400_000).amount == 42_000_000
    assert expected_claim("JKK", "death", "2022-03-10", 416_667).amount == 42_000_016
    # no such floor under PP 44/2015
    assert expected_claim("JKK", "death", "2019-11-30", 400_000).amount == (
        19_200_000 + 3_000_000 + 4_800_000
    )


def test_jkk_total_disability_is_56_wages_plus_periodic():
    assert expected_claim("JKK", "disability_total", "2021-05-01", 2_500_000).amount == (
        56 * 2_500_000 + 12_000_000
    )


@pytest.mark.parametrize(
    ("program", "event", "day", "wage"),
    [
        ("JKK", "accident", "2022-01-10", 3_000_000),  # costs as incurred
        ("JKK", "disability_partial", "2022-01-10", 3_000_000),  # table of body parts
        ("JKK", "occupational_disease", "2022-01-10", 3_000_000),
        ("JHT", "old_age", "2022-01-10", 3_000_000),  # the balance
        ("JHT", "death", "2022-01-10", None),
        ("JP", "old_age", "2022-01-10", 3_000_000),
        ("JKP", "job_loss", "2022-01-10", 3_000_000),
        ("JKM", "accident", "2022-01-10", None),  # not a JKM event
        ("JKK", "death", "2022-01-10", None),  # JKK without the wage
        ("JKK", "death", "2022-01-10", 0),
        ("JKK", "disability_total", "2019-06-01", 3_000_000),  # no rule in the data before PP 82
        # before the first regulation in the data (PP 44/2015, 1 July 2015): not checkable
        ("JKM", "death", "2015-06-30", None),
        ("JKK", "death", "2010-01-01", 3_000_000),
    ],
)
def test_claims_that_cannot_be_checked_give_none(program, event, day, wage):
    assert expected_claim(program, event, day, wage) is None


def test_the_first_day_of_the_first_regulation_is_checked():
    assert expected_claim("JKM", "death", "2015-07-01").amount == 24_000_000


def test_an_unknown_programme_or_a_negative_wage_is_refused():
    with pytest.raises(RuleError) as refused:
        expected_claim("JKN", "death", "2022-01-10")
    assert refused.value.argument == "program"
    assert "JKN" in refused.value.message_en
    with pytest.raises(RuleError) as refused:
        expected_claim("JKK", "death", "2022-01-10", -5)
    assert refused.value.argument == "wage"


def test_the_schedule_has_one_row_per_period_without_overlaps():
    rows = claim_schedule()
    assert [(r.program, r.event, r.valid_from, r.valid_to) for r in rows] == [
        ("JKM", "death", date(2015, 7, 1), date(2019, 12, 2)),
        ("JKM", "death", date(2019, 12, 2), None),
        ("JKK", "death", date(2015, 7, 1), date(2019, 12, 2)),
        ("JKK", "death", date(2019, 12, 2), None),
        ("JKK", "disability_total", date(2019, 12, 2), None),
    ]
    jkk_death = rows[3]
    assert (jkk_death.wage_factor, jkk_death.fixed, jkk_death.wage_part_min) == (
        48, 22_000_000, 20_000_000,
    )  # fmt: skip
    assert rows[1].fixed == 42_000_000 and rows[1].basis_id == JKM_PP_82


def schedule_amount(rows: list[ScheduleRow], program, event, day, wage) -> ScheduleRow | None:
    """What a SQL join of the rows finds: at most one row, its amount."""
    matches = [r for r in rows if (r.program, r.event) == (program, event) and r.covers(day)]
    assert len(matches) <= 1
    return matches[0] if matches else None


def assert_agrees(program, event, day, wage):
    expected = expected_claim(program, event, day, wage)
    row = schedule_amount(claim_schedule(), program, event, day, wage)
    amount = row.amount(wage) if row else None
    assert (expected.amount if expected else None) == amount
    if expected:
        assert (expected.basis_id, expected.basis_en) == (row.basis_id, row.basis_en)


KINDS = st.sampled_from([*CHECKABLE, ("JKK", "accident"), ("JHT", "old_age"), ("JP", "death")])
DAYS = st.dates(min_value=date(2009, 1, 1), max_value=date(2031, 12, 31))
WAGES = st.one_of(st.none(), st.integers(min_value=0, max_value=100_000_000))
BOUNDARIES = [date(2015, 7, 1), date(2019, 12, 2)]
NEAR = st.builds(
    lambda day, shift: day + timedelta(days=shift),
    st.sampled_from(BOUNDARIES),
    st.integers(min_value=-2, max_value=2),
)


@settings(max_examples=300, deadline=None)
@given(KINDS, st.one_of(DAYS, NEAR), WAGES)
def test_the_schedule_agrees_with_expected_claim(kind, day, wage):
    assert_agrees(*kind, day, wage)


# A hypothetical policy file (as in test_benefits_from_new_data_files.py): rules that start
# and stop on several days, a floor from April, a JKM benefit from May, its scholarship from
# June; and a later regulation whose total disability periodic benefit ends with nothing
# after it and whose JKK scholarship change leaves the JKK death benefit as it was.
EARLY_2015_POLICY = (
    regulation_header("early-2015", kind="policy", short="Kebijakan 2015")
    + """
    [[entry]]
    key = "jkk.death"
    from = 2015-01-01
    wage_months = 48
    article = "kebijakan awal 2015"
    confidence = "L"

    [[entry]]
    key = "jkk.death.fixed"
    from = 2015-01-01
    to = 2015-03-31
    funeral = 2000000
    periodic = 4000000
    article = "kebijakan awal 2015"
    confidence = "L"

    [[entry]]
    key = "jkk.death.fixed"
    from = 2015-04-01
    to = 2015-06-30
    funeral = 2000000
    periodic = 4000000
    at_least_jkm_lump_sum = true
    article = "kebijakan April 2015"
    confidence = "L"

    [[entry]]
    key = "jkm.benefit"
    from = 2015-05-01
    lump_sum = 24000000
    periodic = 4000000
    funeral = 2000000
    article = "kebijakan Mei 2015"
    confidence = "L"

    [[entry]]
    key = "jkk.scholarship"
    from = 2015-02-01
    max_children = 1
    per_child_amount = 10000000
    article = "kebijakan awal 2015"
    confidence = "L"

    # The JKM scholarship rule starts a month after the JKM benefit's: no JKM in May.
    [[entry]]
    key = "jkm.scholarship"
    from = 2015-06-01
    max_children = 1
    per_child_amount = 10000000
    article = "kebijakan Juni 2015"
    confidence = "L"
"""
)
LATER_DISABILITY = (
    regulation_header("pp-96-2027", short="PP 96/2027")
    + """
    [[entry]]
    key = "jkk.disability_total"
    from = 2027-01-01
    wage_months = 60
    article = "PP 96/2027"

    # A periodic benefit for 2027 alone (a key that may stop).
    [[entry]]
    key = "jkk.disability_total.fixed"
    from = 2027-01-01
    to = 2027-12-31
    periodic = 15000000
    article = "PP 96/2027"

    [[entry]]
    key = "jkk.scholarship"
    from = 2027-01-01
    max_children = 3
    article = "PP 96/2027"
"""
)


@pytest.fixture(scope="module")
def more_rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claim-rules")
    write_rule_file(folder, "early-2015", EARLY_2015_POLICY)
    write_rule_file(folder, "pp-96-2027", LATER_DISABILITY)
    return schedules.load([folder])


def test_a_new_data_file_changes_the_rows_and_the_answers(more_rules):
    with schedules.using(more_rules):
        assert expected_claim("JKK", "death", "2015-01-31", 1_000_000) is None  # no scholarship
        assert expected_claim("JKK", "death", "2015-03-01", 1_000_000).amount == 54_000_000
        assert expected_claim("JKK", "death", "2015-04-30", 1_000_000) is None  # no JKM floor yet
        assert expected_claim("JKK", "death", "2015-05-01", 100_000).amount == 30_000_000
        # a rule and its fixed part from two entries: both cited
        assert expected_claim("JKK", "death", "2015-05-01", 100_000).basis_id == (
            "kebijakan awal 2015; kebijakan April 2015: santunan kematian 48 × upah (paling "
            "sedikit Rp24.000.000) + pemakaman Rp2.000.000 + berkala Rp4.000.000"
        )
        assert expected_claim("JKM", "death", "2015-05-31") is None  # no scholarship rule yet
        assert expected_claim("JKM", "death", "2015-06-01").amount == 30_000_000
        assert expected_claim("JKK", "disability_total", "2027-01-01", 1_000_000).amount == (
            60_000_000 + 15_000_000
        )
        assert expected_claim("JKK", "disability_total", "2026-12-31", 1_000_000).amount == (
            56_000_000 + 12_000_000
        )
        assert expected_claim("JKK", "disability_total", "2027-12-31", 1_000_000).amount == (
            75_000_000
        )
        assert expected_claim("JKK", "disability_total", "2028-01-01", 1_000_000).amount == (
            60_000_000
        )
        rows = claim_schedule()
    assert claim_schedule() != rows  # back to the shipped rules outside the block
    periods = [(r.program, r.event, r.valid_from, r.valid_to, r.wage_part_min) for r in rows]
    assert periods == [
        ("JKM", "death", date(2015, 6, 1), date(2015, 7, 1), 0),
        ("JKM", "death", date(2015, 7, 1), date(2019, 12, 2), 0),
        ("JKM", "death", date(2019, 12, 2), None, 0),
        ("JKK", "death", date(2015, 2, 1), date(2015, 4, 1), 0),
        ("JKK", "death", date(2015, 5, 1), date(2015, 7, 1), 24_000_000),
        ("JKK", "death", date(2015, 7, 1), date(2019, 12, 2), 0),
        # one row across 2027-01-01: the scholarship change does not change the amount
        ("JKK", "death", date(2019, 12, 2), None, 20_000_000),
        ("JKK", "disability_total", date(2019, 12, 2), date(2027, 1, 1), 0),
        ("JKK", "disability_total", date(2027, 1, 1), date(2028, 1, 1), 0),
        ("JKK", "disability_total", date(2028, 1, 1), None, 0),
    ]


@settings(max_examples=300, deadline=None)
@given(
    KINDS,
    st.one_of(
        st.dates(min_value=date(2014, 10, 1), max_value=date(2028, 6, 30)),
        st.builds(
            lambda day, shift: day + timedelta(days=shift),
            st.sampled_from([date(2015, 1, 1), date(2015, 2, 1), date(2015, 4, 1),
                             date(2015, 5, 1), date(2015, 6, 1), date(2015, 7, 1),
                             date(2027, 1, 1), date(2028, 1, 1)]),
            st.integers(min_value=-1, max_value=1),
        ),
    ),
    WAGES,
)  # fmt: skip
def test_the_schedule_agrees_under_a_new_data_file(more_rules, kind, day, wage):
    with schedules.using(more_rules):
        assert_agrees(*kind, day, wage)
