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


# How people write an amount (the forms are tested in tests/rules/test_money_input.py).
# Indonesian writing groups thousands with "." and writes decimals after ","; English
# writing does the opposite. A form is accepted only when it can be read one way.
_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_NO_CENTS_SUFFIX = re.compile(r"[,.]-$")  # "Rp4.500.000,-"
_PLAIN = re.compile(r"^\d+$", re.ASCII)
# One separator and 1-2 digits after an ungrouped integer can only be decimals.
_UNGROUPED_DECIMALS = re.compile(r"^(\d+)[.,](\d{1,2})$", re.ASCII)
# One separator and exactly three digits: thousands ("4.500" = 4500) or decimals ("4.500"
# = 4.5 in English writing). Refused.
_ONE_GROUP = re.compile(r"^\d{1,3}[.,]\d{3}$", re.ASCII)
_GROUPED_ID = re.compile(r"^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$", re.ASCII)
_GROUPED_EN = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$", re.ASCII)
# Fifteen digits is a thousand trillion Rupiah: more is a typing mistake (and int() refuses
# numbers of thousands of digits with an error no person should see).
MAX_DIGITS = 15
ACCEPTED_EXAMPLES = "4500000, 4.500.000, Rp4.500.000,00, 4500000.00"


def parse_rupiah(text: str, argument: str, what_id: str, what_en: str) -> int:
    """Whole Rupiah from what a person writes: `4500000`, `4.500.000`, `Rp4.500.000,00`,
    `4500000.00`, `4,500,000`. Ambiguous forms (`4.500`, `4,500`), cents other than 00 and
    anything else are refused with a RuleError naming the argument."""
    written = text.strip()
    body = written
    negative = body.startswith("-")
    body = _PREFIX.sub("", body.lstrip("-").strip())
    if body.startswith("-"):  # "Rp-5.000"
        negative, body = True, body[1:]
    body = _NO_CENTS_SUFFIX.sub("", body)
    if _ONE_GROUP.match(body):
        digits = body.replace(".", "").replace(",", "")
        raise RuleError(
            argument,
            f"{what_id} {written!r} ambigu: satu titik atau koma sebelum tiga angka bisa berarti "
            f"ribuan atau desimal. Tulis tanpa pemisah (mis. {digits}) "
            "atau dengan sen (mis. 4.500,00).",
            f"The {what_en} {written!r} is ambiguous: one point or comma before three digits may "
            f"be a thousands separator or a decimal point. Write it without separators (e.g. "
            f"{digits}) or with cents (e.g. 4.500,00).",
        )
    whole, cents = _split_amount(body)
    if whole is None or len(whole.lstrip("0")) > MAX_DIGITS:
        raise RuleError(
            argument,
            f"{what_id} bukan jumlah rupiah yang dikenali: {written!r}. Contoh yang diterima: "
            f"{ACCEPTED_EXAMPLES}.",
            f"The {what_en} is not a Rupiah amount Pantau can read: {written!r}. Accepted forms: "
            f"{ACCEPTED_EXAMPLES}.",
        )
    if cents and int(cents):
        cents = int(cents.ljust(2, "0"))  # ",5" is 50 sen
        raise RuleError(
            argument,
            f"{what_id} harus rupiah bulat: {written!r} memuat {cents} sen. Tulis jumlah "
            "tanpa sen atau dengan ,00.",
            f"The {what_en} must be whole Rupiah: {written!r} has {cents} cents. Write the "
            "amount without cents or with .00.",
        )
    return -int(whole) if negative else int(whole)


def _split_amount(body: str) -> tuple[str | None, str]:
    """The integer digits and the cents of an accepted form; (None, "") when not one."""
    if _PLAIN.match(body):
        return body, ""
    for pattern, separator in ((_UNGROUPED_DECIMALS, ""), (_GROUPED_ID, "."),
                               (_GROUPED_EN, ",")):  # fmt: skip
        match = pattern.match(body)
        if match:
            return match[1].replace(separator, "") if separator else match[1], match[2] or ""
    return None, ""


def rupiah(value: object, argument: str, what_id: str, what_en: str) -> int | None:
    """A whole, non-negative Rupiah amount, or None when not given."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        amount = parse_rupiah(value, argument, what_id, what_en)
    else:
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
