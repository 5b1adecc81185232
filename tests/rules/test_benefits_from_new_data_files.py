"""Benefit rules a data file may add: JKK death extras that are Pantau policy (marked so in
the working), and a later scholarship level (the refusal still names the first start)."""

from __future__ import annotations

import pytest

from pantau.rules import api, schedules

from .rule_files import regulation_header, write_rule_file

# Hypothetical policy for deaths in the first half of 2015, before PP 44/2015's data starts.
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
    to = 2015-06-30
    funeral = 2000000
    periodic = 4000000
    article = "kebijakan awal 2015"
    confidence = "L"

    [[entry]]
    key = "jkk.scholarship"
    from = 2015-01-01
    max_children = 1
    per_child_amount = 10000000
    article = "kebijakan awal 2015"
    confidence = "L"
"""
)
LATER_LEVEL = (
    regulation_header("pp-96-2027", short="PP 96/2027")
    + """
    [[entry]]
    key = "scholarship.tk"
    from = 2027-01-01
    name = "TK"
    order = 1
    per_year_amount = 2000000
    max_years = 2
    article = "PP 96/2027"
"""
)


@pytest.fixture
def data_files(tmp_path):
    write_rule_file(tmp_path, "early-2015", EARLY_2015_POLICY)
    write_rule_file(tmp_path, "pp-96-2027", LATER_LEVEL)
    with schedules.using(schedules.load([tmp_path])) as schedule:
        yield schedule


def test_policy_extras_are_marked_as_policy(data_files):
    benefit = api.jkk_death_benefit(1_000_000, "2015-03-01")
    assert [(item.code, item.amount) for item in benefit.components] == [
        ("death_lump_sum", 48_000_000), ("funeral", 2_000_000), ("periodic", 4_000_000),
    ]  # fmt: skip
    assert benefit.notes == (
        "Biaya pemakaman dan santunan berkala JKK ini kebijakan Pantau, bukan kutipan peraturan.",
    )
    assert benefit.working()[-1] == benefit.notes[0]


def test_regulation_extras_carry_no_policy_note(data_files):
    assert api.jkk_death_benefit(1_000_000, "2015-07-01").notes == ()


def test_the_refusal_names_the_first_start_of_any_level(data_files):
    with pytest.raises(api.RuleError) as refused:
        api.scholarship_schedule("2019-12-01")
    assert refused.value.message_en.endswith("by level (from 2019-12-02).")
    assert api.scholarship_schedule("2027-01-01")[0].max_total == 4_000_000  # 2 × 2.000.000
