"""The field parsers of the data files: what each accepts, and the exact words of a refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pantau.rules import schema
from pantau.rules.schema import (
    FieldProblem,
    amount,
    count,
    flag,
    income_brackets,
    percent,
    signed_percent,
    text,
)

BRACKETS = [
    {"from_income": 0, "base_income": 1_000_000},
    {"from_income": 1_000_001, "base_income": 2_000_000},
]


@pytest.mark.parametrize(
    ("parse", "value", "parsed"),
    [
        (percent, "0", Decimal("0")),
        (percent, " 0.24 ", Decimal("0.24")),
        (percent, "100", Decimal("100")),
        (signed_percent, "-100", Decimal("-100")),
        (signed_percent, "-2.07", Decimal("-2.07")),
        (signed_percent, "100", Decimal("100")),
        (amount, 0, 0),
        (amount, 8_400, 8_400),
        (count, 0, 0),
        (count, 12, 12),
        (flag, True, True),
        (flag, False, False),
        (text, " brackets ", "brackets"),
        (income_brackets, BRACKETS, ((0, 1_000_000), (1_000_001, 2_000_000))),
        (income_brackets, BRACKETS[:1], ((0, 1_000_000),)),
    ],
)
def test_accepted_values(parse, value, parsed):
    result = parse(value)
    assert result == parsed
    assert type(result) is type(parsed)


MUST_BE_TEXT = "must be a non-empty text"
BRACKET_LIST = "must be a non-empty list of {from_income, base_income} tables"
BRACKET_FIELDS = "each bracket needs exactly from_income and base_income"
BRACKET_ORDER = "brackets must start at from_income = 0 and rise strictly"


@pytest.mark.parametrize(
    ("parse", "value", "message"),
    [
        (
            percent,
            0.35,
            'is the float 0.35; write percentages as strings, e.g. "0.35", '
            "so that no binary rounding creeps in",
        ),
        (percent, 5, "must be a percentage written as a string, got 5"),
        (percent, "abc", "is not a number: 'abc'"),
        (percent, "NaN", "must be between 0 and 100, got 'NaN'"),
        (percent, "Infinity", "must be between 0 and 100, got 'Infinity'"),
        (percent, "-0.01", "must be between 0 and 100, got '-0.01'"),
        (percent, "100.01", "must be between 0 and 100, got '100.01'"),
        (signed_percent, "-100.01", "must be between -100 and 100, got '-100.01'"),
        (signed_percent, "100.01", "must be between -100 and 100, got '100.01'"),
        (amount, 1.0, "is the float 1.0; it must be a whole Rupiah amount"),
        (amount, True, "must be a whole Rupiah amount, got True"),
        (amount, "8400", "must be a whole Rupiah amount, got '8400'"),
        (amount, -1, "must not be negative, got -1"),
        (count, 2.5, "is the float 2.5; it must be a whole number"),
        (count, "2", "must be a whole number, got '2'"),
        (count, -3, "must not be negative, got -3"),
        (flag, "yes", "must be true or false, got 'yes'"),
        (flag, 1, "must be true or false, got 1"),
        (text, "", MUST_BE_TEXT),
        (text, "   ", MUST_BE_TEXT),
        (text, 5, MUST_BE_TEXT),
        (income_brackets, [], BRACKET_LIST),
        (income_brackets, "0:1000000", BRACKET_LIST),
        (income_brackets, [5], BRACKET_FIELDS),
        (income_brackets, [{"from_income": 0}], BRACKET_FIELDS),
        (income_brackets, [{**BRACKETS[0], "rate": "1"}], BRACKET_FIELDS),
        (income_brackets, [{"from_income": 0, "base_income": -1}], "must not be negative, got -1"),
        (income_brackets, BRACKETS[1:], BRACKET_ORDER),
        (income_brackets, [BRACKETS[0], BRACKETS[0]], BRACKET_ORDER),
        (income_brackets, BRACKETS[::-1], BRACKET_ORDER),
    ],
)
def test_refused_values_say_why(parse, value, message):
    with pytest.raises(FieldProblem) as refused:
        parse(value)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("pu.jkm", "iuran JKM"),
        ("pu.jkk.class_3", "iuran JKK kelas 3"),
        ("scholarship.sd", "beasiswa per jenjang"),
        ("scholarship.smp_2", "beasiswa per jenjang"),
        ("scholarship.SD", None),
        ("scholarship.", None),
        ("scholarship.2sd", None),
        ("unknown.key.sd", None),  # its 13th character on would be a level code
        ("pu.jkm.flat", None),
    ],
)
def test_which_keys_have_a_schedule(key, label):
    spec = schema.spec_for(key)
    assert (spec.label if spec else None) == label
