"""How amounts, rates and periods are written in the working (Bahasa Indonesia)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pantau.core.money import format_rupiah


def rupiah(amount: int) -> str:
    """`Rp12.000`."""
    return format_rupiah(amount, "id")


def percent(value: Decimal) -> str:
    """`0,24%`, keeping the digits the data file wrote (`"0.30"` → `0,30%`)."""
    return f"{format(value, 'f').replace('.', ',')}%"


def month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def period(first: date, last: date) -> str:
    return month(first) if month(first) == month(last) else f"{month(first)} s.d. {month(last)}"


def count(value: int) -> str:
    return f"{value:,}".replace(",", ".")
