"""Cleaning, parsing and building NIKs (pantau.ingest.nik)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from pantau.ingest.nik import (
    NIK_ERRORS,
    NikError,
    NikInfo,
    clean_nik,
    looks_excel_mangled,
    make_nik,
    parse_nik,
)

TODAY = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("raw", "district", "birth_date", "sex", "serial"),
    [
        ("6402051507900001", "64.02.05", date(1990, 7, 15), "M", "0001"),
        ("6402055507900001", "64.02.05", date(1990, 7, 15), "F", "0001"),
        ("6402050101900001", "64.02.05", date(1990, 1, 1), "M", "0001"),
        ("6402054101900001", "64.02.05", date(1990, 1, 1), "F", "0001"),
        ("6402053107900001", "64.02.05", date(1990, 7, 31), "M", "0001"),
        ("6402057107909999", "64.02.05", date(1990, 7, 31), "F", "9999"),
        ("3171012902960123", "31.71.01", date(1996, 2, 29), "M", "0123"),
        ("9601066902000042", "96.01.06", date(2000, 2, 29), "F", "0042"),
        ("6402057004900001", "64.02.05", date(1990, 4, 30), "F", "0001"),
    ],
)
def test_parse_reads_district_birth_date_sex_and_serial(raw, district, birth_date, sex, serial):
    info = parse_nik(raw, today=TODAY)
    assert info == NikInfo(
        nik=raw,
        district_code=district,
        province_code=district[:2],
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


@pytest.mark.parametrize(
    ("yy", "today", "year"),
    [
        ("90", TODAY, 1990),
        ("99", TODAY, 1999),
        ("00", TODAY, 2000),
        ("24", TODAY, 2024),
        ("25", TODAY, 2025),  # equal to the current two-digit year: this century
        ("26", TODAY, 1926),  # greater: last century
        ("26", date(2030, 1, 1), 2026),
        ("31", date(2030, 1, 1), 1931),
        ("99", date(2099, 12, 31), 2099),
    ],
)
def test_century_follows_the_current_two_digit_year(yy, today, year):
    assert parse_nik(f"6402050101{yy}0001", today=today).birth_date == date(year, 1, 1)


@pytest.mark.parametrize(
    "raw",
    [
        "'6402051507900001",
        " 6402051507900001 ",
        "\t6402051507900001\n",
        "6402 0515 0790 0001",
        "640205 150790 0001",
        " '6402 0515 0790 0001 ",
        "64.02.05.150790.0001",
        "64.02.05 150790 0001",
        6402051507900001,
    ],
)
def test_apostrophe_spaces_and_dots_are_cleaned_away(raw):
    info = parse_nik(raw, today=TODAY)
    assert info.nik == "6402051507900001"
    assert info.birth_date == date(1990, 7, 15)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (None, "nik_missing"),
        ("", "nik_missing"),
        ("   ", "nik_missing"),
        ("'", "nik_missing"),
        (" . . ", "nik_missing"),
        ("6.40205E+15", "nik_excel_mangled"),
        ("6,40205E+15", "nik_excel_mangled"),
        ("6.40205450790000E+15", "nik_excel_mangled"),
        ("6.40205e15", "nik_excel_mangled"),
        (" 6.40205E+15 ", "nik_excel_mangled"),
        ("6402054507900000.0", "nik_excel_mangled"),
        ("6402054507900000,00", "nik_excel_mangled"),
        (6402054507900000.0, "nik_excel_mangled"),
        (6.402054507900001e15, "nik_excel_mangled"),
        ("640205150790001", "nik_format"),  # 15 digits
        ("64020515079000012", "nik_format"),  # 17 digits
        ("640205150790000A", "nik_format"),
        ("6402-0515-0790-0001", "nik_format"),
        ("''6402051507900001", "nik_format"),  # only one apostrophe is Excel's
        ("٦٤٠٢٠٥١٥٠٧٩٠٠٠٠١", "nik_format"),  # Arabic-Indic digits
        ("6402050007900001", "nik_birth_date"),  # day 00
        ("6402053207900001", "nik_birth_date"),  # day 32
        ("6402054007900001", "nik_birth_date"),  # day 40 is neither male nor female
        ("6402057207900001", "nik_birth_date"),  # female day 32
        ("6402051500900001", "nik_birth_date"),  # month 00
        ("6402051513900001", "nik_birth_date"),  # month 13
        ("6402053002900001", "nik_birth_date"),  # 30 February
        ("6402052902950001", "nik_birth_date"),  # 29 February 1995
        ("6402057104900001", "nik_birth_date"),  # female, 31 April
        ("6402050107250001", "nik_birth_date"),  # 1 July 2025, after TODAY
        ("6402051507900000", "nik_serial"),
        # Checked in order: the first failing check names the problem.
        ("6402053207900000", "nik_birth_date"),
        ("640205320790000", "nik_format"),
    ],
)
def test_each_problem_has_its_code(raw, code):
    with pytest.raises(NikError) as raised:
        parse_nik(raw, today=TODAY)
    assert raised.value.code == code
    assert code in NIK_ERRORS


def test_error_is_a_value_error_and_does_not_repeat_the_nik():
    with pytest.raises(ValueError) as raised:
        parse_nik("6402051507900000", today=TODAY)
    assert "6402051507900000" not in str(raised.value)


def test_today_defaults_to_the_real_date():
    this_year = date.today().year % 100
    info = parse_nik(f"64020501{date.today().month:02d}{this_year:02d}0001")
    assert info.birth_date.year == date.today().year


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("6.40205E+15", True),
        ("6,40205E+15", True),
        ("6.40205450790000E+15", True),
        ("6402054507900000.0", True),
        (6402054507900000.0, True),
        ("6402054507900001", False),
        (6402054507900001, False),
        ("'6402054507900001", False),
        ("6402 0545 0790 0001", False),
        ("64.02.05.450790.0001", False),
        ("640205450790001", False),
        ("", False),
        (None, False),
    ],
)
def test_looks_excel_mangled(raw, expected):
    assert looks_excel_mangled(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("'6402054507900001", "6402054507900001"),
        ("  6402 0545 0790 0001  ", "6402054507900001"),
        ("64.02.05.450790.0001", "6402054507900001"),
        ("\u00a06402054507900001", "6402054507900001"),  # a non-breaking space from the web
        ("abc", "abc"),
        (None, ""),
    ],
)
def test_clean_nik(raw, expected):
    assert clean_nik(raw) == expected


@pytest.mark.parametrize("district", ["64.02.05", "640205"])
def test_make_nik_accepts_dotted_and_undotted_districts(district):
    assert make_nik(district, date(1990, 7, 5), "F", 1) == "6402054507900001"
    assert make_nik(district, date(2001, 12, 31), "M", 9999) == "6402053112019999"


@pytest.mark.parametrize(
    ("district", "sex", "serial"),
    [
        ("64.02", "M", 1),
        ("6402051", "M", 1),
        ("ab.cd.ef", "M", 1),
        ("64.02.05", "L", 1),
        ("64.02.05", "M", 0),
        ("64.02.05", "M", 10000),
    ],
)
def test_make_nik_refuses_impossible_parts(district, sex, serial):
    with pytest.raises(ValueError):
        make_nik(district, date(1990, 1, 1), sex, serial)


@pytest.mark.parametrize("seed", range(5))
def test_parse_is_the_inverse_of_make(seed):
    rng = random.Random(seed)
    # Two-digit years reach back to 1 January of the year 99 years before today's.
    oldest = date(TODAY.year - 99, 1, 1)
    span = (TODAY - oldest).days
    for _ in range(2000):
        district = f"{rng.randint(11, 96):02d}.{rng.randint(1, 99):02d}.{rng.randint(1, 99):02d}"
        birth_date = oldest + timedelta(days=rng.randint(0, span))
        sex = rng.choice("MF")
        serial = rng.randint(1, 9999)
        written = district if rng.random() < 0.5 else district.replace(".", "")
        info = parse_nik(make_nik(written, birth_date, sex, serial), today=TODAY)
        assert (info.district_code, info.province_code) == (district, district[:2])
        assert (info.birth_date, info.sex, int(info.serial)) == (birth_date, sex, serial)
