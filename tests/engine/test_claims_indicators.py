"""The claims indicators of a refresh: claims in force (a later file corrects an earlier one),
flags recomputed against every current membership extract, totals at every region level,
programme and month of payment, and the reader pages use (`pantau.engine.claims`)."""

from __future__ import annotations

import datetime

import pytest

from pantau.engine import claims
from pantau.engine.claims import ClaimNumbers
from tests.engine.claims_world import JKM_2022, A, B, X, build_claims_world

pytestmark = pytest.mark.usefixtures("own_data_directory")
JUNE, JULY = datetime.date(2022, 6, 1), datetime.date(2022, 7, 1)


@pytest.fixture
def world(db, own_data_directory, tmp_path):
    build_claims_world(tmp_path)
    return claims.refresh_claims()


def test_national_totals_per_programme(world):
    assert world["status"] == "created"
    assert world["counts"]["claims"] == 5 and world["counts"]["flagged"] == 3
    assert claims.by_program("") == {
        "JHT": ClaimNumbers(1, 10_000_000, 0, 0, 1),
        "JKK": ClaimNumbers(2, 8_000_000, 1, 3_000_000, 2),
        # K4's correction replaced its first row: 42,000,000, no longer flagged.
        "JKM": ClaimNumbers(2, 2 * JKM_2022, 2, 2 * JKM_2022, 0),
    }
    assert claims.flagged_total("") == 3
    assert claims.months("") == [JUNE, JULY]
    assert claims.computed_at() is not None


def test_every_level_rolls_up_from_the_work_region(world):
    assert claims.by_program("64") == {
        "JHT": ClaimNumbers(1, 10_000_000, 0, 0, 1),
        "JKK": ClaimNumbers(2, 8_000_000, 1, 3_000_000, 2),
        "JKM": ClaimNumbers(1, JKM_2022, 1, JKM_2022, 0),
    }
    assert claims.by_program("65") == {"JKM": ClaimNumbers(1, JKM_2022, 1, JKM_2022, 0)}
    assert claims.by_program("65.01.01") == claims.by_program("65")
    village = claims.by_program("64.02.05.2001")
    assert village == {
        "JKK": ClaimNumbers(1, 3_000_000, 1, 3_000_000, 1),
        "JKM": ClaimNumbers(1, JKM_2022, 1, JKM_2022, 0),
    }
    # K2 was paid at the district: counted there, in no village.
    assert claims.by_program("64.02.05")["JKK"] == ClaimNumbers(2, 8_000_000, 1, 3_000_000, 2)
    assert [code for code, _ in claims.children("")] == ["64", "65"]
    assert [code for code, _ in claims.children("64")] == ["64.02", "64.71"]
    assert claims.children("64.02.05") == [("64.02.05.2001", village)]
    assert claims.children("64.71") == [] and claims.children("64.02.05.2001") == []
    assert claims.by_program("11") == {} and claims.flagged_total("11") == 0


def test_months_of_payment_both_ends_included(world):
    assert claims.by_program("", JUNE, JUNE) == {"JKM": ClaimNumbers(1, JKM_2022, 1, JKM_2022, 0)}
    assert claims.flagged_total("", JULY, JULY) == 3
    assert claims.flagged_total("", None, JUNE) == 0
    assert claims.by_month("64.02") == [
        (JUNE, "JKM", ClaimNumbers(1, JKM_2022, 1, JKM_2022, 0)),
        (JULY, "JKK", ClaimNumbers(2, 8_000_000, 1, 3_000_000, 2)),
    ]
    july = claims.children("64", JULY, JULY)
    assert july == [("64.02", {"JKK": ClaimNumbers(2, 8_000_000, 1, 3_000_000, 2)}),
                    ("64.71", {"JHT": ClaimNumbers(1, 10_000_000, 0, 0, 1)})]  # fmt: skip
    total = sum(claims.by_program("").values(), ClaimNumbers())
    assert total.as_dict() == {"count": 5, "amount": 102_000_000, "pemda_funded_count": 3,
                               "pemda_funded_amount": 87_000_000}  # fmt: skip


def test_flagged_claims_with_their_reasons(world):
    rows, total = claims.flagged_claims("")
    assert total == 3
    assert [(r["claim_no"], r["reasons"]) for r in rows] == [
        ("K3", ["claim_not_member"]),
        ("K2", ["claim_before_enrolment"]),  # before June's 2021-06-01, the earliest
        ("K5", ["claim_amount_differs"]),
    ]
    k5 = rows[2]
    assert (k5["nik"], k5["amount"], k5["expected_amount"], k5["payer_type"]) == (
        A, 3_000_000, 2_500_000, "apbd_province")  # fmt: skip
    assert rows[1]["nik"] == B and rows[1]["enrolled_on"] == datetime.date(2021, 6, 1)
    assert rows[0]["enrolled_on"] is None
    assert rows[0]["nik"] == X and rows[0]["event_date"] == datetime.date(2022, 6, 30)
    page, total = claims.flagged_claims("64.02", JULY, JULY, limit=1, offset=1)
    assert total == 2 and [r["claim_no"] for r in page] == ["K5"]
    assert claims.flagged_claims("65", None, None) == ([], 0)
    assert claims.flagged_claims("64.7", None, None) == ([], 0)  # a prefix is not a region


def test_each_reader_is_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        claims.children("", JUNE, JULY)
    with django_assert_num_queries(1):
        claims.by_program("64", JUNE, JULY)
    with django_assert_num_queries(1):
        claims.by_month("")
    with django_assert_num_queries(1):
        claims.months("64.02")
    with django_assert_num_queries(1):
        claims.flagged_claims("64")
    # Below regencies, the pointer; the rows are the generation's Parquet.
    with django_assert_num_queries(1):
        assert claims.children("64.02", JUNE, JULY)[0][0] == "64.02.05"
    with django_assert_num_queries(1):
        assert claims.by_month("64.02.05.2001")[0][1] == "JKM"


def test_no_claims_numbers_yet(db, own_data_directory):
    assert claims.refresh_claims()["status"] == "unchanged"
    assert claims.computed_at() is None
    assert claims.by_program("") == {} and claims.months("") == []
    assert claims.flagged_claims("") == ([], 0)
