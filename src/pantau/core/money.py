"""Integer Rupiah. Amounts are never floats: a float amount is a bug, so it is refused."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import get_language


class FloatAmountError(TypeError):
    """A float reached money code; Rupiah amounts are whole numbers."""


def rupiah_int(value: int | str | Decimal) -> int:
    """Whole Rupiah from an int, a digit string or an integral Decimal; floats refused."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not an amount")
    if isinstance(value, float):
        raise FloatAmountError(f"Rupiah amounts must be integers, got float {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise ValueError(f"Rupiah amounts are whole numbers, got {value}")
        return int(value)
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise ValueError(f"not a whole Rupiah amount: {value!r}")
    return int(text)


def format_rupiah(value: int | str | Decimal, language: str | None = None) -> str:
    """`Rp42.000.000` in Indonesian, `Rp42,000,000` in English; negative as `-Rp5.000`."""
    amount = rupiah_int(value)
    language = (language or get_language() or "id")[:2]
    grouped = f"{abs(amount):,}"
    if language != "en":
        grouped = grouped.replace(",", ".")
    return f"{'-' if amount < 0 else ''}Rp{grouped}"


def format_count(value: int, language: str | None = None) -> str:
    """A whole count with the language's thousands separator (`91.599` / `91,599`)."""
    language = (language or get_language() or "id")[:2]
    grouped = f"{int(value):,}"
    return grouped.replace(",", ".") if language != "en" else grouped
