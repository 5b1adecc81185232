"""How amounts, rates and periods are written in the working, and the working's bilingual line.

Every line of the working is a `Text`: the Bahasa Indonesia line and the English line, built
side by side in the same place from the same numbers, so the two cannot drift. Indonesian
lines keep ISO months and days (`2022-07`, `2019-12-02`: the CLI and JSON readers rely on
them; the calculator page puts them in words); English lines write people's months and days
(`July 2022`, `2 December 2019`), `Rp42,000,000` and `0.24%`. Pure: no gettext here, the
caller picks the language (`Text.pick`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pantau.core.display import month_label
from pantau.core.money import format_count, format_rupiah

ENGLISH = "en"


@dataclass(frozen=True)
class Text:
    """One line (or part of one) in Bahasa Indonesia (`id`) and English (`en`)."""

    id: str
    en: str

    def pick(self, language: str | None) -> str:
        """English for `en`/`en-…`, Bahasa Indonesia for anything else (also None)."""
        return self.en if (language or "id").startswith(ENGLISH) else self.id

    def __add__(self, other: Text) -> Text:
        return Text(self.id + other.id, self.en + other.en)

    def __str__(self) -> str:
        return self.id


def same(text: str) -> Text:
    """A text that reads the same in both languages (a citation, a programme's name)."""
    return Text(text, text)


def join(separator: Text, parts: list[Text]) -> Text:
    return Text(separator.id.join(p.id for p in parts), separator.en.join(p.en for p in parts))


def pick_all(texts: list[Text], language: str | None) -> list[str]:
    return [text.pick(language) for text in texts]


# Bahasa Indonesia


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


# English


def rupiah_en(amount: int) -> str:
    """`Rp12,000`."""
    return format_rupiah(amount, ENGLISH)


def percent_en(value: Decimal) -> str:
    """`0.24%`, keeping the digits the data file wrote."""
    return f"{format(value, 'f')}%"


def month_en(day: date) -> str:
    """`July 2022`."""
    return month_label(day, ENGLISH)


def day_en(day: date) -> str:
    """`2 December 2019`."""
    return f"{day.day} {month_label(day, ENGLISH)}"


def period_en(first: date, last: date) -> str:
    """`July 2022`, or `April 2020 to July 2020`."""
    if month(first) == month(last):
        return month_en(first)
    return f"{month_en(first)} to {month_en(last)}"


def count_en(value: int) -> str:
    return format_count(value, ENGLISH)
