"""`total_only`, the numbers-only path behind `annual_costs`, gives `compute(...).total`
itself for every programme (it does not refuse and leave the month to `compute`), and refuses
what `compute` refuses with the same argument and messages."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.rules import contributions, schedules
from pantau.rules.errors import RuleError

PU = ("jht", "jkk", "jkm", "jp", "jkp")
BPU = ("jkk", "jkm", "jht")

CASES = [
    # segment, day, programmes, wage, income, risk class
    ("pu", date(2024, 3, 1), PU, 5_000_000, None, 3),
    ("pu", date(2024, 3, 1), PU, 12_000_000, None, 5),  # above the JP wage cap
    ("pu", date(2020, 9, 1), PU[:4], 4_750_000, None, 1),  # PP 49/2020 relief
    ("pu", date(2019, 1, 1), ("jkk", "jp"), 3_000_000, None, 2),
    ("bpu", date(2024, 3, 1), BPU, None, 2_000_000, 1),
    ("bpu", date(2020, 9, 1), BPU, None, 1_000_000, 1),  # PP 49/2020 relief
    ("bpu", date(2024, 3, 1), ("jkm",), 1_500_000, None, 1),  # the wage stands for income
    ("bpu", date(2024, 3, 1), BPU, 1_500_000, None, 1),
    ("bpu", date(2024, 3, 1), ("jkk",), None, 2_000_000, 1),
    ("bpu", date(2024, 3, 1), ("jkk",), None, 300_000, 1),  # 1% raised to the minimum
    ("bpu", date(2024, 3, 1), ("jkk", "jht"), None, 50_000_000, 1),  # lowered to the maximum
]


def _call(function, segment, day, programs, wage, income, risk_class):
    return function(
        schedules.active(), segment, day, programs,
        wage=wage, income=income, risk_class=risk_class,
    )  # fmt: skip


def _words(error: RuleError) -> tuple[str, str, str]:
    return error.argument, error.message_id, error.message_en


@pytest.mark.parametrize(("segment", "day", "programs", "wage", "income", "risk_class"), CASES)
def test_the_numbers_only_total_is_the_computed_total(
    segment, day, programs, wage, income, risk_class
):
    arguments = (segment, day, programs, wage, income, risk_class)
    assert (
        _call(contributions.total_only, *arguments)
        == _call(contributions.compute, *arguments).total
    )


@pytest.mark.parametrize(
    ("segment", "day", "programs", "wage", "income", "risk_class"),
    [
        ("pu", date(2024, 3, 1), PU, None, None, 1),  # no wage
        ("bpu", date(2024, 3, 1), ("jkk", "jp"), None, None, 1),  # JP is not for BPU
        ("bpu", date(2024, 3, 1), ("jkk", "jkp"), None, 2_000_000, 1),  # nor JKP
        ("bpu", date(2024, 3, 1), BPU, None, None, 1),  # no income
        # before the first regulation in the data, each programme asked first
        ("pu", date(2015, 1, 1), ("jkk",), 3_000_000, None, 1),
        ("pu", date(2015, 1, 1), ("jp",), 3_000_000, None, 1),
        ("pu", date(2015, 1, 1), ("jht",), 3_000_000, None, 1),
        ("bpu", date(2015, 1, 1), ("jkm",), None, 1_000_000, 1),
        ("bpu", date(2015, 1, 1), ("jkk",), None, 1_000_000, 1),
    ],
)
def test_the_numbers_only_total_refuses_as_compute_does(
    segment, day, programs, wage, income, risk_class
):
    arguments = (segment, day, programs, wage, income, risk_class)
    with pytest.raises(RuleError) as computed:
        _call(contributions.compute, *arguments)
    with pytest.raises(RuleError) as numbers_only:
        _call(contributions.total_only, *arguments)
    expected = (computed.value.argument, computed.value.message_id, computed.value.message_en)
    assert (
        numbers_only.value.argument,
        numbers_only.value.message_id,
        numbers_only.value.message_en,
    ) == expected
