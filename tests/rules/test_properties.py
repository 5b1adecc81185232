"""Properties over many inputs: totals add up and never fall as the wage or income grows."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.rules import api

MONTHS = [f"{year}-{month:02d}" for year in range(2015, 2028) for month in range(1, 13)]
MONTHS = [month for month in MONTHS if month >= "2015-07"]
PU_SETS = [
    subset
    for size in range(1, 6)
    for subset in combinations(("jkk", "jkm", "jht", "jp", "jkp"), size)
]
BPU_SETS = [subset for size in range(1, 4) for subset in combinations(("jkk", "jkm", "jht"), size)]
AMOUNTS = st.integers(min_value=0, max_value=200_000_000)
SETTINGS = settings(max_examples=150, deadline=None)


def pu_programs(month: str, programs: tuple[str, ...]) -> tuple[str, ...]:
    """JKP exists from 2021-02; earlier months drop it (or use JKK alone)."""
    if month < "2021-02":
        programs = tuple(program for program in programs if program != "jkp") or ("jkk",)
    return programs


def assert_adds_up(result) -> None:
    for line in result.lines:
        assert line.total == line.employer + line.worker
        assert min(line.employer, line.worker) >= 0
    assert result.total == sum(line.total for line in result.lines)
    assert result.total == result.employer_total + result.worker_total
    data = result.as_dict()
    assert data["total"] == sum(line["total"] for line in data["lines"])


@SETTINGS
@given(
    month=st.sampled_from(MONTHS),
    programs=st.sampled_from(PU_SETS),
    risk_class=st.integers(1, 5),
    wages=st.tuples(AMOUNTS, AMOUNTS).map(sorted),
)
def test_pu_totals_add_up_and_grow_with_the_wage(month, programs, risk_class, wages):
    programs = pu_programs(month, programs)
    low, high = (
        api.contribution("pu", month, programs, wage=wage, risk_class=risk_class) for wage in wages
    )
    assert_adds_up(low)
    assert_adds_up(high)
    assert low.total <= high.total
    for before, after in zip(low.lines, high.lines, strict=True):
        assert before.employer <= after.employer and before.worker <= after.worker


@SETTINGS
@given(
    month=st.sampled_from(MONTHS),
    programs=st.sampled_from(BPU_SETS),
    incomes=st.tuples(AMOUNTS, AMOUNTS).map(sorted),
)
def test_bpu_totals_add_up_and_grow_with_the_income(month, programs, incomes):
    low, high = (api.contribution("bpu", month, programs, income=income) for income in incomes)
    assert_adds_up(low)
    assert_adds_up(high)
    assert low.total <= high.total
    for before, after in zip(low.lines, high.lines, strict=True):
        assert before.total <= after.total


@settings(max_examples=40, deadline=None)
@given(
    year=st.integers(2016, 2027),
    months=st.integers(1, 12),
    persons=st.integers(0, 100_000),
    wage=st.integers(0, 50_000_000),
    category=st.sampled_from(["non_asn", "village_official", "rt_rw", "vulnerable"]),
)
def test_budget_total_is_persons_times_each_months_contribution(
    year, months, persons, wage, category
):
    result = api.budget(category, persons, year, months=months, wage=wage)
    monthly = [
        api.contribution(
            result.segment, f"{year}-{month:02d}", result.programs,
            wage=wage if result.segment == "pu" else None,
            income=wage if result.segment == "bpu" else None,
        ).total
        for month in range(1, months + 1)
    ]  # fmt: skip
    assert result.total == persons * sum(monthly)
    assert result.total == sum(line.total for line in result.lines)
    assert result.per_person_month == monthly[0]
