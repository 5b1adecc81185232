"""`annual_costs` (numbers only, months under the same rules computed once) equals
`budget(...).total` for one person, for every category, year and wage, relief years and
mid-year changes included."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.rules import api as rules

YEARS = range(2016, 2028)  # 2020: PP 49/2020 relief from August; 2021, 2025: JKP changes


def expected(category: str, year: int, wage: int | None, **options) -> int | None:
    try:
        return rules.budget(category, 1, year, wage=wage, **options).total
    except rules.RuleError:
        return None


@pytest.mark.parametrize("category", rules.CATEGORIES)
@pytest.mark.parametrize("year", YEARS)
def test_every_category_and_year_at_typical_wages(category, year):
    wages = [None, 0, 1, 625, 1_000_000, 3_000_000, 4_750_000, 9_559_600, 12_000_000]
    costs = rules.annual_costs(category, year, wages)
    assert costs == {wage: expected(category, year, wage) for wage in wages}


@settings(max_examples=300, deadline=None)
@given(
    category=st.sampled_from(rules.CATEGORIES),
    year=st.sampled_from(list(YEARS)),
    wages=st.lists(st.integers(min_value=0, max_value=50_000_000), min_size=1, max_size=5),
    programs=st.sampled_from([None, "JKK,JKM", "JKK,JKM,JHT", "JKK,JKM,JHT,JP"]),
    months=st.integers(min_value=1, max_value=12),
)
def test_any_wage_programmes_and_months(category, year, wages, programs, months):
    costs = rules.annual_costs(category, year, wages, months=months, programs=programs)
    for wage in wages:
        assert costs[wage] == expected(category, year, wage, months=months, programs=programs)


def test_a_pu_category_without_a_wage_cannot_be_costed():
    assert rules.annual_costs("non_asn", 2024, [None, 3_000_000])[None] is None


def test_a_float_wage_is_refused():
    with pytest.raises(rules.RuleError):
        rules.annual_costs("non_asn", 2024, [3_000_000.5])
