"""BPU contributions on an income table (`method = "brackets"`, PP 44/2015 Lampiran II):
the base is that of the highest bracket whose lower bound the reported income reaches."""

from __future__ import annotations

import pytest

from pantau.rules import api, schedules

from .rule_files import regulation_header, write_rule_file

# A hypothetical table from January 2027 (the real rows were not retrieved; docs/rules.md).
TABLE_2027 = (
    regulation_header("pp-98-2027", short="PP 98/2027")
    + """
    [[entry]]
    key = "bpu.income_basis"
    from = "2027-01"
    method = "brackets"
    brackets = [
        {from_income = 0, base_income = 1000000},
        {from_income = 1500000, base_income = 2000000},
        {from_income = 3000000, base_income = 3500000},
    ]
    article = "PP 98/2027 Lampiran II"
"""
)


@pytest.fixture
def income_table(tmp_path):
    write_rule_file(tmp_path, "pp-98-2027", TABLE_2027)
    with schedules.using(schedules.load([tmp_path])) as schedule:
        yield schedule


@pytest.mark.parametrize(
    ("income", "base"),
    [
        (0, 1_000_000),
        (1_499_999, 1_000_000),  # just under the second bracket
        (1_500_000, 2_000_000),  # exactly its lower bound
        (2_999_999, 2_000_000),
        (3_000_000, 3_500_000),
        (50_000_000, 3_500_000),  # above the last bound: the last base
    ],
)
def test_the_base_is_the_highest_bracket_reached(income_table, income, base):
    result = api.contribution("bpu", "2027-01", "jkk,jht", income=income)
    assert result.line("jht").total == base * 2 // 100  # JHT 2% of the base
    assert result.line("jkk").total == max(base // 100, 10_000)  # JKK 1%, at least 10.000
    assert f"dasar iuran: Rp{base:,}".replace(",", ".") in result.header[2].id
    assert api.annual_costs("vulnerable", 2027, [income], months=1) == {
        income: max(base // 100, 10_000) + 6_800  # the category's JKK + JKM, numbers only
    }


def test_months_before_the_table_keep_the_reported_income(income_table):
    assert api.contribution("bpu", "2026-12", "jht", income=1_499_999).total == 30_000
