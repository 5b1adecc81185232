"""Reading the caller's arguments; a bad one raises RuleError naming it as the CLI does."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

from pantau.core.money import FloatAmountError, rupiah_int
from pantau.rules.errors import RuleError
from pantau.rules.schema import CATEGORIES, PROGRAMS, RISK_CLASSES, SEGMENTS

_SEPARATORS = re.compile(r"[,;|\s]+")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?$")


def segment(value: object) -> str:
    text = str(value or "").strip().lower()
    if text not in SEGMENTS:
        raise RuleError(
            "--segment",
            f"Segmen tidak dikenal: {value!r}. Pilihan: pu (penerima upah), bpu (bukan "
            "penerima upah).",
            f"Unknown segment {value!r}. Choose pu (wage earners) or bpu (non-wage earners).",
        )
    return text


def programs(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """`"JKK, jkm"`, `"jkk;jkm"`, `["jkk", "jkm"]` → `("jkk", "jkm")` in the usual order."""
    items = [value] if isinstance(value, str) else list(value or [])
    names = [name.lower() for item in items for name in _SEPARATORS.split(str(item)) if name]
    unknown = [name for name in names if name not in PROGRAMS]
    if unknown:
        raise RuleError(
            "--programs",
            f"Program tidak dikenal: {', '.join(unknown)}. Pilihan: {', '.join(PROGRAMS)}.",
            f"Unknown programme(s): {', '.join(unknown)}. Choose from {', '.join(PROGRAMS)}.",
        )
    if not names:
        raise RuleError(
            "--programs",
            f"Pilih paling sedikit satu program: {', '.join(PROGRAMS)}.",
            f"Choose at least one programme: {', '.join(PROGRAMS)}.",
        )
    return tuple(program for program in PROGRAMS if program in names)


def month(value: object) -> date:
    """The first day of a contribution month given as `"YYYY-MM"` or a date."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.replace(day=1)
    match = _MONTH.match(str(value or "").strip())
    if match and 1 <= int(match[2]) <= 12 and int(match[1]) >= 1:
        return date(int(match[1]), int(match[2]), 1)
    raise RuleError(
        "--month",
        f"Bulan iuran harus ditulis YYYY-MM (mis. 2024-03), bukan {value!r}.",
        f"The contribution month must be written YYYY-MM (e.g. 2024-03), not {value!r}.",
    )


def day(value: object, argument: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise RuleError(
            argument,
            f"Tanggal harus ditulis YYYY-MM-DD (mis. 2019-12-02), bukan {value!r}.",
            f"The date must be written YYYY-MM-DD (e.g. 2019-12-02), not {value!r}.",
        ) from None


def rupiah(value: object, argument: str, what_id: str, what_en: str) -> int | None:
    """A whole, non-negative Rupiah amount, or None when not given."""
    if value is None or value == "":
        return None
    try:
        amount = rupiah_int(value)  # refuses floats: Rupiah are whole numbers
    except (FloatAmountError, TypeError, ValueError):
        raise RuleError(
            argument,
            f"{what_id} harus jumlah rupiah bulat, bukan {value!r}.",
            f"The {what_en} must be a whole Rupiah amount, not {value!r}.",
        ) from None
    if amount < 0:
        raise RuleError(
            argument,
            f"{what_id} tidak boleh negatif ({amount}).",
            f"The {what_en} cannot be negative ({amount}).",
        )
    return amount


def whole(value: object, argument: str, low: int, high: int | None, what_id: str, what_en: str):
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    if number is None or number < low or (high is not None and number > high):
        limit_id = f"{low} s.d. {high}" if high is not None else f"paling sedikit {low}"
        limit_en = f"{low} to {high}" if high is not None else f"at least {low}"
        raise RuleError(
            argument,
            f"{what_id} harus bilangan bulat {limit_id}, bukan {value!r}.",
            f"The {what_en} must be a whole number {limit_en}, not {value!r}.",
        )
    return number


def risk_class(value: object) -> int:
    return whole(
        value, "--risk-class", RISK_CLASSES[0], RISK_CLASSES[-1], "Kelas risiko JKK",
        "JKK risk class",
    )  # fmt: skip


def category(value: object) -> str:
    text = str(value or "").strip().lower()
    if text not in CATEGORIES:
        raise RuleError(
            "--category",
            f"Kategori tidak dikenal: {value!r}. Pilihan: {', '.join(CATEGORIES)}.",
            f"Unknown category {value!r}. Choose from {', '.join(CATEGORIES)}.",
        )
    return text
