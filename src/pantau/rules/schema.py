"""What each key of a regulation data file means and which fields it must carry.

A key names one schedule (`pu.jkm` = the JKM rate for wage earners). Contribution keys are
dated by month (`"2015-07"`), benefit keys by day (`2019-12-02`): contributions are owed per
month, benefits depend on the day of death or accident.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

MONTH = "month"
DAY = "day"

SEGMENTS = ("pu", "bpu")
PROGRAMS = ("jkk", "jkm", "jht", "jp", "jkp")
CATEGORIES = ("non_asn", "village_official", "rt_rw", "vulnerable")
RISK_CLASSES = (1, 2, 3, 4, 5)
CONFIDENCES = ("H", "M", "L")
KINDS = ("regulation", "policy")

# Fields every [[entry]] may carry besides its schedule's own fields.
# `note_en` is the note in English (the English working shows `note` when there is none).
COMMON_FIELDS = ("key", "from", "to", "article", "confidence", "note", "note_en", "sources")


class FieldProblem(ValueError):
    """A field value of the wrong type or range; the caller adds file and key."""


def percent(value: Any) -> Decimal:
    """A percentage 0–100 written as a string (`"0.24"` = 0.24%); floats would round."""
    return _decimal(value, low=Decimal(0), high=Decimal(100))


def signed_percent(value: Any) -> Decimal:
    """A growth rate that may be negative (GDP fell in 2020: `"-2.07"`)."""
    return _decimal(value, low=Decimal(-100), high=Decimal(100))


def _decimal(value: Any, *, low: Decimal, high: Decimal) -> Decimal:
    if isinstance(value, float):
        raise FieldProblem(
            f'is the float {value!r}; write percentages as strings, e.g. "{value}", '
            "so that no binary rounding creeps in"
        )
    if not isinstance(value, str):
        raise FieldProblem(f"must be a percentage written as a string, got {value!r}")
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise FieldProblem(f"is not a number: {value!r}") from None
    if not number.is_finite() or not low <= number <= high:
        raise FieldProblem(f"must be between {low} and {high}, got {value!r}")
    return number


def amount(value: Any) -> int:
    """Whole Rupiah, zero or more."""
    return _whole(value, "a whole Rupiah amount")


def count(value: Any) -> int:
    """A whole number of months, years or children, zero or more."""
    return _whole(value, "a whole number")


def _whole(value: Any, what: str) -> int:
    if isinstance(value, float):
        raise FieldProblem(f"is the float {value!r}; it must be {what}")
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldProblem(f"must be {what}, got {value!r}")
    if value < 0:
        raise FieldProblem(f"must not be negative, got {value}")
    return value


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldProblem(f"must be true or false, got {value!r}")
    return value


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldProblem("must be a non-empty text")
    return value.strip()


def income_brackets(value: Any) -> tuple[tuple[int, int], ...]:
    """`[{from_income = 0, base_income = 1000000}, …]`: reported income → contribution base."""
    if not isinstance(value, list) or not value:
        raise FieldProblem("must be a non-empty list of {from_income, base_income} tables")
    rows = []
    for row in value:
        if not isinstance(row, dict) or set(row) != {"from_income", "base_income"}:
            raise FieldProblem("each bracket needs exactly from_income and base_income")
        rows.append((amount(row["from_income"]), amount(row["base_income"])))
    starts = [start for start, _ in rows]
    if starts != sorted(set(starts)) or starts[0] != 0:
        raise FieldProblem("brackets must start at from_income = 0 and rise strictly")
    return tuple(rows)


Parser = Callable[[Any], Any]


@dataclass(frozen=True)
class KeySpec:
    """The fields of one schedule and how its entries follow each other."""

    granularity: str
    required: Mapping[str, Parser]
    optional: Mapping[str, Parser] = field(default_factory=dict)
    # Exactly one of these fields must be present (a cap is an amount or carried forward).
    one_of: tuple[str, ...] = ()
    # A continuous schedule has an entry for every month from its first one: a gap is a
    # data error. Relief and informational schedules apply only in some periods.
    continuous: bool = True
    label: str = ""


_SPLIT = {"employer_percent": percent, "worker_percent": percent}
_RELIEF = KeySpec(
    MONTH,
    required={},
    optional={"discount_percent": percent, "deferred_percent": percent},
    continuous=False,
    label="relaksasi iuran",
)
_RECOMPOSITION = KeySpec(
    MONTH,
    required={"fund_percent": percent, "to_jkp_percent": percent},
    continuous=False,
    label="rekomposisi iuran",
)
_SCHOLARSHIP_LEVEL = KeySpec(
    DAY,
    required={"name": text, "order": count, "per_year_amount": amount, "max_years": count},
    optional={"name_en": text},  # the level's name in English (else `name`)
    continuous=False,
    label="beasiswa per jenjang",
)

SPECS: dict[str, KeySpec] = {
    **{
        f"pu.jkk.class_{n}": KeySpec(MONTH, _SPLIT, label=f"iuran JKK kelas {n}")
        for n in RISK_CLASSES
    },
    **{f"pu.jkk.class_{n}.recomposition": _RECOMPOSITION for n in RISK_CLASSES},
    "pu.jkm.recomposition": _RECOMPOSITION,
    "pu.jkm": KeySpec(MONTH, _SPLIT, label="iuran JKM"),
    "pu.jht": KeySpec(MONTH, _SPLIT, label="iuran JHT"),
    "pu.jp": KeySpec(MONTH, _SPLIT, label="iuran JP"),
    "pu.jp.wage_cap": KeySpec(
        MONTH,
        required={},
        optional={"amount": amount, "carry_forward": flag, "gdp_growth_percent": signed_percent},
        one_of=("amount", "carry_forward"),
        label="batas upah JP",
    ),
    "pu.jkp": KeySpec(
        MONTH,
        required={
            **_SPLIT,
            "government_percent": percent,
            "jkk_recomposition_percent": percent,
            "jkm_recomposition_percent": percent,
        },
        label="iuran JKP",
    ),
    "bpu.jkk": KeySpec(
        MONTH,
        required={"percent": percent, "min_amount": amount, "max_amount": amount},
        label="iuran JKK BPU",
    ),
    "bpu.jkm": KeySpec(MONTH, required={"amount": amount}, label="iuran JKM BPU"),
    "bpu.jht": KeySpec(MONTH, required={"percent": percent}, label="iuran JHT BPU"),
    "bpu.income_basis": KeySpec(
        MONTH,
        required={"method": text},
        optional={"brackets": income_brackets},
        label="dasar penghasilan BPU",
    ),
    **{f"{segment}.{program}.relief": _RELIEF for segment in SEGMENTS for program in PROGRAMS},
    "jkm.benefit": KeySpec(
        DAY,
        required={"lump_sum": amount, "periodic": amount, "funeral": amount},
        label="manfaat JKM",
    ),
    "jkm.scholarship": KeySpec(
        DAY,
        required={"max_children": count},
        optional={"per_child_amount": amount},
        label="beasiswa JKM",
    ),
    "jkm.scholarship.membership": KeySpec(
        DAY,
        required={"min_membership_years": count},
        continuous=False,
        label="syarat masa kepesertaan beasiswa JKM",
    ),
    "jkk.death": KeySpec(DAY, required={"wage_months": count}, label="santunan kematian JKK"),
    "jkk.death.fixed": KeySpec(
        DAY,
        required={"funeral": amount, "periodic": amount},
        # true: the lump sum is at least the JKM lump sum in force that day (PP 82/2019)
        optional={"at_least_jkm_lump_sum": flag},
        continuous=False,
        label="biaya pemakaman dan santunan berkala JKK",
    ),
    "jkk.disability_total": KeySpec(
        DAY, required={"wage_months": count}, label="santunan cacat total tetap JKK"
    ),
    "jkk.disability_total.fixed": KeySpec(
        DAY,
        required={"periodic": amount},
        continuous=False,
        label="santunan berkala cacat total tetap JKK",
    ),
    "jkk.scholarship": KeySpec(
        DAY,
        required={"max_children": count},
        optional={"per_child_amount": amount},
        label="beasiswa JKK",
    ),
}

SCHOLARSHIP_PREFIX = "scholarship."
_LEVEL_CODE = re.compile(r"^[a-z][a-z0-9_]*$")

# Start-up refuses a data set without these: every calculation needs them.
REQUIRED_KEYS = (
    *(f"pu.jkk.class_{n}" for n in RISK_CLASSES),
    "pu.jkm",
    "pu.jht",
    "pu.jp",
    "pu.jp.wage_cap",
    "bpu.jkk",
    "bpu.jkm",
    "bpu.income_basis",
    "jkm.benefit",
    "jkm.scholarship",
    "jkk.death",
    "jkk.disability_total",
    "jkk.scholarship",
)

INCOME_METHODS = ("reported", "brackets")


def spec_for(key: str) -> KeySpec | None:
    if key in SPECS:
        return SPECS[key]
    if key.startswith(SCHOLARSHIP_PREFIX) and _LEVEL_CODE.match(key[len(SCHOLARSHIP_PREFIX) :]):
        return _SCHOLARSHIP_LEVEL
    return None
