"""Query parameters read by the pages: one rule for all of them.

A parameter the page cannot use (not a choice, not a number, out of range) is ignored and the
page shows its default, as if the parameter were absent: links are bookmarked and shared, and
an old or mistyped link should still open a page (docs/dashboard.md, "Query parameters").
Numbers are ASCII digits only: `str.isdigit()` is true for `²` and `٣`, and `int("²")` raises,
which once turned `?tahun=%C2%B2` into a server error.
"""

from __future__ import annotations

from pantau.core.vocabulary import FIRST_YEAR, last_year

# A page number beyond this is ignored: offsets stay far inside a 64-bit integer.
MAX_PAGE = 1_000_000


def whole_number(text: str | None, minimum: int, maximum: int) -> int | None:
    """`text` as an integer in [minimum, maximum] when it is ASCII digits, else None."""
    text = (text or "").strip()
    if not text or len(text) > len(str(maximum)) or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def year(text: str | None) -> int | None:
    """`?tahun=` as a year from 2021 to next year, else None (the page's default)."""
    return whole_number(text, FIRST_YEAR, last_year())


def page_number(text: str | None) -> int:
    """`?hal=` as a page number (1 when absent or not a page number)."""
    return whole_number(text, 1, MAX_PAGE) or 1


def search_text(text: str | None, max_length: int = 100) -> str:
    """Free text such as `?q=`, stripped; "" (no search) when it holds a NUL, which no
    database text column can hold (PostgreSQL refuses it), or is longer than any name."""
    text = (text or "").strip()
    return "" if "\x00" in text or len(text) > max_length else text


def choice(text: str | None, choices, default: str = "") -> str:
    """`text` when it is one of `choices`, else `default`."""
    return text if text in choices else default
