"""A masked NIK, with everything shown beside it, still stands for at least 10,000 NIKs.

Pages and exports show a person's birth date, sex and region next to the masked NIK. A
NIK is the district code (6 digits), the birth date as DDMMYY (women: day + 40) and a
serial (4 digits), so whatever the mask leaves visible, together with those facts, must
leave at least 10,000 possible NIKs (docs/access.md).
"""

from __future__ import annotations

import datetime

import pytest

from pantau.accounts.scope import mask_nik

NIK = "6402054507900001"  # a woman born 5 July 1990 in Muara Badak (64.02.05)
MINIMUM_CANDIDATES = 10_000


def birth_digits(birth_date: datetime.date, sex: str) -> str:
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{day:02d}{birth_date:%m%y}"


def candidates(masked: str, district: str, birth_date: datetime.date, sex: str) -> int:
    """How many NIKs fit the mask and the facts shown beside it (region, birth date, sex)."""
    known = district.replace(".", "") + birth_digits(birth_date, sex)  # positions 0-11
    count = 1
    for position, shown in enumerate(masked):
        fact = known[position] if position < len(known) else None
        if shown != "*" and fact is not None and shown != fact:
            return 0  # the mask contradicts the facts: no NIK fits
        if shown == "*" and fact is None:
            count *= 10  # a hidden serial digit: any of ten
    return count


def test_the_counting_is_right_for_a_mask_that_shows_serial_digits():
    # The former mask, `640205********01`, beside the birth date: 100 NIKs.
    assert candidates("640205********01", "64.02.05", datetime.date(1990, 7, 5), "P") == 100


@pytest.mark.parametrize("sex", ["P", "L"])
def test_a_masked_nik_beside_birth_date_sex_and_region_leaves_10000_candidates(sex):
    # Whatever sex the reader assumes, the mask hides enough.
    birth_date = datetime.date(1990, 7, 5)
    assert candidates(mask_nik(NIK), "64.02.05", birth_date, sex) >= MINIMUM_CANDIDATES


def test_no_serial_digit_is_shown():
    assert mask_nik(NIK)[12:] == "****"
    assert mask_nik(NIK)[6:12] == "******"  # nor the birth date (nor the sex it encodes)
