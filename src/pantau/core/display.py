"""How numbers are shown: one rounding rule for display, localised numbers and percentages.

`round_half_up` is exact on fractions: 1/8 at 2 places is 0.13, never 0.12 (a float or a
Decimal division could land just below the half). Values shown are never negative (counts,
shares, scores, Rupiah), so "half up" and "half away from zero" agree here.

The law's own rounding of contributions stays in `pantau.rules.rounding.percent_of`: it
rounds a Decimal rate of a whole Rupiah base, halves away from zero for negative amounts too,
and is tuned for the millions of calls the engine makes; it is not a display rule.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import overload

from django.utils import formats, timezone, translation

# Written out rather than taken from Django's translations: a month shown to people must read
# the same whatever locale files are installed, and "Juli 2022" is what Pemda officers write.
MONTH_NAMES = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


@overload
def round_half_up(value: Fraction | int) -> int: ...
@overload
def round_half_up(value: Fraction | int, places: int) -> Decimal: ...
def round_half_up(value: Fraction | int, places: int | None = None) -> int | Decimal:
    """The nearest whole number (an int) to a non-negative fraction, halves up; with
    `places`, the nearest Decimal with that many decimals (1/8 at 2 places is 0.13)."""
    scaled = value * 10**places if places else value
    whole = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    return whole if places is None else Decimal(whole).scaleb(-places)


def number(value: Fraction | Decimal | int, places: int, *, grouping: bool = True) -> str:
    """Localised (`45,2` / `45.2`), a fraction rounded half up exactly; thousands grouped
    unless `grouping` is false."""
    if isinstance(value, Fraction):
        value = round_half_up(value, places)
    return formats.number_format(value, places, use_l10n=True, force_grouping=grouping)


def percent(value: Fraction | None, places: int = 1, *, grouping: bool = False) -> str:
    """`85,3 %` (`85.3 %` in English), rounded half up exactly; `–` when unknown."""
    return "–" if value is None else f"{number(value * 100, places, grouping=grouping)} %"


# Abbreviations of amounts on cards, largest first: Indonesian ribu, juta, miliar, triliun;
# English thousand, million, billion, trillion. docs/dashboard.md lists them for readers.
AMOUNT_UNITS = {
    "id": ((10**12, "T"), (10**9, "M"), (10**6, "jt"), (10**3, "rb")),
    "en": ((10**12, "tn"), (10**9, "bn"), (10**6, "m"), (10**3, "k")),
}


def short_rupiah(amount: int, language: str | None = None) -> str:
    """`Rp523,4 jt` / `Rp1,2 M` (`Rp523.4 m` / `Rp1.2 bn` in English): one decimal, rounded
    half up exactly, for cards too narrow for `Rp523.356.000`; amounts under a thousand whole.
    Show the full amount beside it (a title, screen-reader text)."""
    language = (language or translation.get_language() or "id").split("-")[0]
    units = AMOUNT_UNITS.get(language, AMOUNT_UNITS["id"])
    sign, amount = ("-" if amount < 0 else ""), abs(int(amount))
    for index, (size, suffix) in enumerate(units):
        if amount < size:
            continue
        shown = round_half_up(Fraction(amount, size), 1)
        if shown >= 1000 and index > 0:  # 999,96 jt rounds to 1.000,0 jt: that is 1,0 M
            size, suffix = units[index - 1]
            shown = round_half_up(Fraction(amount, size), 1)
        text = f"{shown:,.1f}"
        if language != "en":
            text = text.translate(str.maketrans(",.", ".,"))
        return f"{sign}Rp{text} {suffix}"
    return f"{sign}Rp{amount}"


def month_label(month: datetime.date, language: str | None = None) -> str:
    """`Juli 2022` (`July 2022` in English) for any date of that month; the active language
    unless `language` is given. Never an ISO `2022-07` in front of people."""
    language = (language or translation.get_language() or "id").split("-")[0]
    names = MONTH_NAMES.get(language, MONTH_NAMES["id"])
    return f"{names[month.month - 1]} {month.year}"


def day_label(day: datetime.date, language: str | None = None) -> str:
    """`5 Juli 2022` (`5 July 2022` in English)."""
    return f"{day.day} {month_label(day, language)}"


def moment_label(moment: datetime.datetime, language: str | None = None) -> str:
    """`3 Desember 2026, 21.05` (`3 December 2026, 21:05`) in the site's time zone."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    language = (language or translation.get_language() or "id").split("-")[0]
    separator = ":" if language == "en" else "."
    month = month_label(local.date(), language)
    return f"{local.day} {month}, {local.hour:02d}{separator}{local.minute:02d}"
