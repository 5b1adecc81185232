"""NIK (Nomor Induk Kependudukan): cleaning, parsing and building the 16-digit number.

Layout `PP KK CC DDMMYY SSSS` (docs: /work/shared/reference/domain.md §5.1):

- digits 1–6: the district (kecamatan) where the NIK was registered, `PP.KK.CC`; it need
  not be where the person lives now, nor today's region structure (pemekaran);
- digits 7–8: day of birth, plus 40 for women (41–71);
- digits 9–12: month and two-digit year of birth;
- digits 13–16: serial, from 0001.

Only the structure is checked here. Whether the province or district exists is the
caller's business, since it needs the region table (see `NikInfo.province_code`).
This module is pure Python so the engine and readers can use it outside Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "NIK_ERRORS",
    "NikError",
    "NikInfo",
    "clean_nik",
    "looks_excel_mangled",
    "make_nik",
    "parse_nik",
]

# The codes `parse_nik` raises, in the order they are checked.
NIK_ERRORS = {
    "nik_missing": "NIK kosong / NIK is empty",
    "nik_excel_mangled": (
        "NIK dirusak Excel (diubah menjadi angka) / NIK was turned into a number by Excel"
    ),
    "nik_format": "NIK harus 16 angka / NIK must be 16 digits",
    "nik_birth_date": (
        "tanggal lahir dalam NIK tidak valid / the birth date in the NIK is not a valid date"
    ),
    "nik_serial": "nomor urut NIK 0000 / NIK serial is 0000",
}

FEMALE_DAY_OFFSET = 40

# `[0-9]`, not `\d`: `\d` also matches Arabic-Indic and other Unicode digits.
_NIK = re.compile(r"[0-9]{16}")
_DISTRICT = re.compile(r"[0-9]{2}\.?[0-9]{2}\.?[0-9]{2}")
# Excel shows a long number as `6.40205E+15` (or `6,40205E+15` in an Indonesian locale)
# and keeps only 15 significant digits, so the original NIK cannot be recovered.
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]*)?[eE][+]?[0-9]+")
# A float read back from a numeric cell: `6402054507900000.0`.
_TRAILING_ZERO = re.compile(r"[0-9]+[.,]0+")


class NikError(ValueError):
    """A NIK that cannot be used; `code` is one of `NIK_ERRORS`.

    The message never contains the NIK itself: errors end up in logs and reports.
    """

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"{code}: {NIK_ERRORS.get(code, code)}")


@dataclass(frozen=True)
class NikInfo:
    nik: str
    district_code: str  # dotted, `64.02.05`: where the NIK was registered
    province_code: str  # `64`
    birth_date: date
    sex: str  # "M" or "F"
    serial: str  # `0001`


def clean_nik(raw: object) -> str:
    """The NIK as typed, without surrounding/inner spaces, dots and Excel's leading `'`.

    No validation: `clean_nik(" '6402 0545.0790 0001 ")` is `"6402054507900001"`, and
    anything else comes back cleaned but otherwise as it was.
    """
    if raw is None:
        return ""
    text = str(raw).strip()
    if text.startswith("'"):
        text = text[1:]
    return "".join(text.split()).replace(".", "")


def looks_excel_mangled(raw: object) -> bool:
    """True for a NIK that Excel stored as a number: `6.40205E+15`, `6402054507900000.0`.

    Such a value has lost its last digits (Excel keeps 15 significant digits), so it must be
    reported as such rather than as a "wrong length".
    """
    if raw is None:
        return False
    text = "".join(str(raw).split()).removeprefix("'")
    return bool(_SCIENTIFIC.fullmatch(text) or _TRAILING_ZERO.fullmatch(text))


def parse_nik(raw: object, today: date | None = None) -> NikInfo:
    """Check a NIK's structure and read what it encodes; raises `NikError`.

    The two-digit year is 19YY when YY is greater than `today`'s two-digit year, else 20YY.
    """
    today = today or date.today()
    nik = clean_nik(raw)
    if not nik:
        raise NikError("nik_missing")
    if looks_excel_mangled(raw):
        raise NikError("nik_excel_mangled")
    if not _NIK.fullmatch(nik):
        raise NikError("nik_format")
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "M"
    if day > FEMALE_DAY_OFFSET:
        day -= FEMALE_DAY_OFFSET
        sex = "F"
    year += 1900 if year > today.year % 100 else 2000
    try:
        birth_date = date(year, month, day)
    except ValueError:
        raise NikError("nik_birth_date") from None
    if birth_date > today:
        raise NikError("nik_birth_date")
    serial = nik[12:]
    if serial == "0000":
        raise NikError("nik_serial")
    return NikInfo(
        nik=nik,
        district_code=f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}",
        province_code=nik[0:2],
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


def make_nik(district_code: str, birth_date: date, sex: str, serial: int) -> str:
    """The NIK for these parts; the inverse of `parse_nik`.

    `district_code` is dotted (`64.02.05`) or not (`640205`). The year is written with two
    digits, so `parse_nik` gives the same date back for birth dates from 1 January of the
    year 99 years before its `today`'s year up to `today`.
    """
    if not _DISTRICT.fullmatch(district_code or ""):
        raise ValueError(f"not a district code: {district_code!r}")
    if sex not in ("M", "F"):
        raise ValueError(f"sex must be 'M' or 'F', not {sex!r}")
    if not 1 <= serial <= 9999:
        raise ValueError(f"serial must be 1..9999, not {serial!r}")
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == "F" else 0)
    return (
        f"{district_code.replace('.', '')}{day:02d}{birth_date.month:02d}"
        f"{birth_date.year % 100:02d}{serial:04d}"
    )
