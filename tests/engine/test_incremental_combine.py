"""A generation's region tables summed over every unit's partials (`incremental.combine`): the
lists' counts per region and category with a total per region, the members per region, the
national totals, and the membership rows in force counted from one or several extracts."""

from __future__ import annotations

import pytest

from pantau.engine import reconcile
from pantau.engine.incremental import combine
from tests.engine.small_lake import (
    inputs,
    person,
    write_extract,
    write_list_partials,
    write_member_partials,
)

pytestmark = pytest.mark.usefixtures("own_data_directory")

A, B, C = "6402050103850001", "6402050203850002", "6402050303850003"
MALINAU = "6501010903850009"  # works in Malinau (65.01)
ZEROS = (0, 0, 0, 0)  # gap_cost_annual, gap_wage_missing, birth_date_mismatch, paid_by_other


@pytest.fixture
def generation(tmp_path):
    """Partials of three lists, two kept (Kukar's and Malinau's) and one computed now, and
    of two provinces; no region's totals are the nation's."""
    out = tmp_path / "coverage" / "2"
    write_list_partials(out / "lists", [
        (1, "64.02", "non_asn", 3, 1, 1, 1), (1, "64", "non_asn", 3, 1, 1, 1),
        (1, "", "non_asn", 3, 1, 1, 1),
        (3, "65.01", "non_asn", 1, 0, 0, 1), (3, "65", "non_asn", 1, 0, 0, 1),
        (3, "", "non_asn", 1, 0, 0, 1),
    ])  # fmt: skip
    (out / "lists" / "computed.parquet").rename(out / "lists" / "kept.parquet")
    write_list_partials(out / "lists", [
        (2, "64", "village_official", 2, 2, 0, 0), (2, "", "village_official", 2, 2, 0, 0),
    ])  # fmt: skip
    write_member_partials(out / "members", [("64", "64.02", 2), ("64", "64", 2), ("64", "", 2),
                                            ("65", "65", 1), ("65", "", 1)])  # fmt: skip
    return out


def test_the_region_tables_and_national_totals_of_every_unit(generation, tmp_path):
    extract = reconcile.MemberExtract(1, write_extract(tmp_path / "m", [
        person(A, "64.02"), person(B, "64.02"), person(C, "64.02", status="inactive"),
        person(MALINAU, "65.01"),
    ]))  # fmt: skip
    list_rows, member_rows, totals = combine(generation, inputs(extract))
    assert sorted(list_rows) == [
        ("", "", 6, 3, 1, 2, *ZEROS), ("", "non_asn", 4, 1, 1, 2, *ZEROS),
        ("", "village_official", 2, 2, 0, 0, *ZEROS),
        ("64", "", 5, 3, 1, 1, *ZEROS), ("64", "non_asn", 3, 1, 1, 1, *ZEROS),
        ("64", "village_official", 2, 2, 0, 0, *ZEROS),
        ("64.02", "", 3, 1, 1, 1, *ZEROS), ("64.02", "non_asn", 3, 1, 1, 1, *ZEROS),
        ("65", "", 1, 0, 0, 1, *ZEROS), ("65", "non_asn", 1, 0, 0, 1, *ZEROS),
        ("65.01", "", 1, 0, 0, 1, *ZEROS), ("65.01", "non_asn", 1, 0, 0, 1, *ZEROS),
    ]  # fmt: skip
    others = (0,) * (len(reconcile.MEMBER_MEASURES) - 1)
    assert sorted(member_rows) == [("", 3, *others), ("64", 2, *others),
                                   ("64.02", 2, *others), ("65", 1, *others)]  # fmt: skip
    # Every membership row in force, inactive ones too.
    assert totals == {"listed": 6, "covered": 3, "lapsed": 1, "not_enrolled": 2, "members": 4}


def test_without_lists_or_members_every_total_is_zero(tmp_path):
    out = tmp_path / "2"
    out.mkdir()
    assert combine(out, inputs()) == ([], [], {
        "listed": 0, "covered": 0, "lapsed": 0, "not_enrolled": 0, "members": 0,
    })  # fmt: skip


def test_the_totals_are_the_nations_never_a_regions(tmp_path):
    # Partials without a row for the nation (as no refresh writes them): no totals.
    out = tmp_path / "2"
    write_list_partials(out / "lists", [(1, "64.02", "non_asn", 3, 1, 1, 1),
                                        (1, "64", "non_asn", 3, 1, 1, 1)])  # fmt: skip
    totals = combine(out, inputs())[2]
    assert totals == {"listed": 0, "covered": 0, "lapsed": 0, "not_enrolled": 0, "members": 0}


def test_an_extract_without_accepted_rows_has_no_members(generation):
    _lists, _members, totals = combine(generation, inputs(reconcile.MemberExtract(1, None)))
    assert totals["members"] == 0


def test_several_extracts_count_each_person_once_by_the_region_in_force(generation, tmp_path):
    # Balikpapan's branch (64.71) has B working there now and C; the national extract has
    # A, B and C in Kukar and I in Malinau: A, B and C count once each, and the Malinau worker.
    national = write_extract(tmp_path / "national", [
        person(A, "64.02"), person(B, "64.02"), person(C, "64.02"), person(MALINAU, "65.01"),
    ])  # fmt: skip
    branch = write_extract(tmp_path / "branch", [person(B, "64.71.01"), person(C, "64.71.02")])
    several = inputs(reconcile.MemberExtract(2, branch, "64.71"),
                     reconcile.MemberExtract(1, national))  # fmt: skip
    assert combine(generation, several)[2]["members"] == 4
