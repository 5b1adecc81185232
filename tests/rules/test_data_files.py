"""The data files: the shipped ones load; malformed ones are refused naming file and key."""

from __future__ import annotations

import pytest

from pantau.rules import schedules
from pantau.rules.errors import RulesDataError

from .rule_files import regulation_header, write_rule_file

GOOD_ENTRY = """
    [[entry]]
    key = "bpu.jkm"
    from = "2027-01"
    amount = 8400
    article = "PP 99/2027 Pasal 1"
"""


def refusal(tmp_path, body: str, name: str = "pp-99-2027", kind: str = "regulation"):
    write_rule_file(tmp_path, name, regulation_header(name, kind=kind) + body)
    with pytest.raises(RulesDataError) as refused:
        schedules.load([tmp_path])
    return refused.value


def test_the_shipped_files_load():
    schedule = schedules.load()
    assert {regulation.id for regulation in schedule.regulations} >= {
        "pp-44-2015", "pp-45-2015", "pp-46-2015", "pp-82-2019", "pp-49-2020", "pp-37-2021",
        "pp-49-2023", "pp-6-2025", "jp-wage-cap", "jp-wage-cap-derived",
        "jp-wage-cap-carry-forward", "category-defaults", "bpu-income-basis",
    }  # fmt: skip
    assert schedule.earliest.isoformat() == "2015-07-01"


def test_every_shipped_entry_has_a_citation_and_low_confidence_is_only_policy():
    schedule = schedules.load()
    for key in schedule.key_names():
        for entry in schedule.entries(key):
            assert entry.article, entry.where()
            if entry.confidence == "L":
                assert entry.is_policy, entry.where()


def test_a_good_extra_file_loads(tmp_path):
    write_rule_file(tmp_path, "pp-99-2027", regulation_header("pp-99-2027") + GOOD_ENTRY)
    assert schedules.load([tmp_path]).first("bpu.jkm").start.isoformat() == "2015-07-01"


def test_a_missing_article_is_refused(tmp_path):
    error = refusal(tmp_path, GOOD_ENTRY.replace('article = "PP 99/2027 Pasal 1"', ""))
    assert (error.path.name, error.key) == ("pp-99-2027.toml", "bpu.jkm")
    assert "pp-99-2027.toml" in str(error) and "'bpu.jkm'" in str(error)
    assert "'article'" in str(error)


def test_a_float_rate_is_refused(tmp_path):
    error = refusal(
        tmp_path,
        """
        [[entry]]
        key = "pu.jkm"
        from = "2027-01"
        employer_percent = 0.35
        worker_percent = "0"
        article = "PP 99/2027 Pasal 2"
        """,
    )
    assert error.key == "pu.jkm"
    assert "'employer_percent' is the float 0.35" in str(error)


def test_overlapping_dates_for_the_same_key_are_refused(tmp_path):
    # PP 49/2020 relieves JKK for 2020-08..2021-01; a second relief from 2020-12 overlaps.
    error = refusal(
        tmp_path,
        """
        [[entry]]
        key = "pu.jkk.relief"
        from = "2020-12"
        to = "2021-03"
        discount_percent = "50"
        article = "PP 99/2027 Pasal 4"
        """,
    )
    assert (error.path.name, error.key) == ("pp-99-2027.toml", "pu.jkk.relief")
    assert "overlaps pp-49-2020.toml" in str(error)


def test_two_files_starting_the_same_key_in_the_same_month_are_refused(tmp_path):
    error = refusal(tmp_path, GOOD_ENTRY.replace("2027-01", "2015-07"))
    assert error.key == "bpu.jkm" and "overlaps pp-44-2015.toml" in str(error)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (GOOD_ENTRY.replace('"bpu.jkm"', '"bpu.jkm.flat"'), "unknown key"),
        (GOOD_ENTRY.replace('"2027-01"', "2027-01-01"), "contribution month"),
        (GOOD_ENTRY.replace('"2027-01"', '"2027-13"'), "no month 13"),
        (GOOD_ENTRY.replace("amount = 8400", "amount = -1"), "must not be negative"),
        (GOOD_ENTRY.replace("amount = 8400", 'amount = "8400"'), "whole Rupiah"),
        (GOOD_ENTRY + 'rate = "1"\n', "unknown field(s) ['rate']"),
        (GOOD_ENTRY + 'confidence = "L"\n', "confidence L is not regulation"),
        (GOOD_ENTRY + 'to = "2026-01"\n', "is before 'from'"),
    ],
)
def test_malformed_entries_are_refused(tmp_path, body, problem):
    error = refusal(tmp_path, body)
    assert "pp-99-2027.toml" in str(error)
    assert problem in str(error)


def test_a_derived_cap_that_does_not_follow_the_formula_is_refused(tmp_path):
    error = refusal(
        tmp_path,
        """
        [[entry]]
        key = "pu.jp.wage_cap"
        from = "2028-03"
        amount = 11700000
        gdp_growth_percent = "5.00"
        article = "turunan rumus PP 45/2015 Pasal 29"
        confidence = "L"
        """,
        name="cap-2028",
        kind="policy",
    )
    # 11,086,300 (March 2026, carried through 2027) × 1.05 = 11,640,615 → 11,640,600
    assert error.key == "pu.jp.wage_cap" and "= 11640600" in str(error)


def test_a_gap_in_a_rate_schedule_is_refused(tmp_path):
    # 0.35% for Jan–Jun 2027, then nothing until September: July and August have no rate.
    error = refusal(
        tmp_path,
        """
        [[entry]]
        key = "pu.jkm"
        from = "2027-01"
        to = "2027-06"
        employer_percent = "0.35"
        worker_percent = "0"
        article = "PP 99/2027 Pasal 2"

        [[entry]]
        key = "pu.jkm"
        from = "2027-09"
        employer_percent = "0.30"
        worker_percent = "0"
        article = "PP 99/2027 Pasal 3"
        """,
    )
    assert error.key == "pu.jkm"
    assert "nothing is in force from 2027-07-01 to 2027-08-31" in str(error)


def test_a_rate_schedule_that_stops_is_refused(tmp_path):
    # A temporary rate would otherwise leave every month after June 2027 without a JKM rate.
    error = refusal(
        tmp_path,
        """
        [[entry]]
        key = "pu.jkm"
        from = "2027-01"
        to = "2027-06"
        employer_percent = "0.35"
        worker_percent = "0"
        article = "PP 99/2027 Pasal 2"
        """,
    )
    assert error.key == "pu.jkm" and "ends on 2027-06-30 and nothing follows" in str(error)


def test_invalid_toml_and_a_wrong_id_are_refused(tmp_path):
    (tmp_path / "broken.toml").write_text("[regulation\n", encoding="utf-8")
    with pytest.raises(RulesDataError, match="broken.toml: is not valid TOML"):
        schedules.load([tmp_path])
    (tmp_path / "broken.toml").write_text(regulation_header("other") + GOOD_ENTRY)
    with pytest.raises(RulesDataError, match="must equal the file name"):
        schedules.load([tmp_path])


def test_a_missing_directory_is_refused(tmp_path):
    with pytest.raises(RulesDataError, match="is not a directory"):
        schedules.load([tmp_path / "nowhere"])
