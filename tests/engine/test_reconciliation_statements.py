"""The reconciliation statements run on small Parquet lists and extracts, row by row: every
listed person's status at the grace boundary, the flags, the wage a gap's cost depends on;
the active members a province partition gives each region above them; the as-of month's
grace arithmetic; the relations of no list and no extract; a refresh's stopwatch."""

from __future__ import annotations

import time

import pytest

from pantau.engine import reconcile
from pantau.engine.reconcile import (
    LISTED_COLUMNS,
    MEMBER_MEASURES,
    Inputs,
    MemberExtract,
    Stopwatch,
    listed_sql,
    members_sql,
    reconciled_sql,
)
from tests.engine.lake_files import (
    LIST_SCHEMA,
    MEMBER_SCHEMA,
    columns_of,
    listed,
    member,
    month,
    rows_of,
    write_snapshot,
)

JULY = month("2022-07")


@pytest.fixture
def lake(tmp_path):
    """Kukar's Non ASN list (11), its village officials (12), East Kalimantan's Non ASN list (13)
    and one national extract."""
    kukar = write_snapshot(tmp_path / "list-11", LIST_SCHEMA, [
        listed("A", 1, "64.02.05.2001"),  # covered at the boundary
        listed("B", 2, "64.02.05"),  # active, paid a month too early: lapsed
        listed("C", 3, "64.02"),  # inactive although paid: lapsed
        listed("D", 4, "64.02.05", income=4_000_000),  # not enrolled
        listed("E", 5, "64.02", birth_date="1985-03-02"),  # covered, another birth date
        listed("F", 6, "64.02", birth_date=None),  # the list gives no birth date
        listed("G", 7, "64.02"),  # BPJS gives no birth date
    ])  # fmt: skip
    officials = write_snapshot(tmp_path / "list-12", LIST_SCHEMA, [
        listed("A", 1, "64.02.05.2001", income=1_500_000), listed("H", 2, "64.02.05"),
    ])  # fmt: skip
    province = write_snapshot(tmp_path / "list-13", LIST_SCHEMA, [
        listed("I", 1, "64.71", income=None),
    ])  # fmt: skip
    extract = write_snapshot(tmp_path / "members", MEMBER_SCHEMA, [
        member("A", "64.02.05.2001", paid_until="2022-06", payer_type="apbd_regency",
               payer_region="64.02"),
        member("B", "64.02.05", paid_until="2022-05"),
        member("C", "64.02", status="inactive", paid_until="2022-07"),
        member("E", "64.02", payer_type="self"),
        member("F", "64.02"),
        member("G", "64.02", birth_date=None),
        member("I", "64.71", paid_until="2022-08", segment="BPU", payer_type="apbd_province",
               payer_region="64"),
    ])  # fmt: skip
    return [
        (11, kukar, "64.02", "regency", "non_asn"),
        (12, officials, "64.02", "regency", "village_official"),
        (13, province, "64", "province", "non_asn"),
    ], MemberExtract(1, extract)


def reconciled(lake, grace: int = 1, pu=("non_asn",)) -> list[tuple]:
    lists, extract = lake
    inputs = Inputs(as_of=JULY, grace_months=grace, members=(extract,), lists=lists)
    views = {"listed": listed_sql(inputs), "members": members_sql(inputs)}
    return rows_of(reconciled_sql(inputs, list(pu)), views)


def test_every_status_and_flag_of_a_listed_person(lake):
    june, may, july, august = (month(f"2022-0{m}") for m in (6, 5, 7, 8))
    # (source_row, region_code, snapshot, cost_wage, status, member_status, paid_until,
    #  payer_type, payer_region, birth_date_mismatch)
    assert reconciled(lake) == [
        (1, "64.02.05.2001", 11, 3_000_000, "covered", "active", june, "apbd_regency", "64.02",
         False),
        (1, "64.02.05.2001", 12, None, "covered", "active", june, "apbd_regency", "64.02",
         False),
        (1, "64.71", 13, None, "covered", "active", august, "apbd_province", "64", False),
        (2, "64.02.05", 11, 3_000_000, "lapsed", "active", may, "employer", "", False),
        (2, "64.02.05", 12, None, "not_enrolled", None, None, None, None, False),
        (3, "64.02", 11, 3_000_000, "lapsed", "inactive", july, "employer", "", False),
        (4, "64.02.05", 11, 4_000_000, "not_enrolled", None, None, None, None, False),
        (5, "64.02", 11, 3_000_000, "covered", "active", july, "self", "", True),
        (6, "64.02", 11, 3_000_000, "covered", "active", july, "employer", "", False),
        (7, "64.02", 11, 3_000_000, "covered", "active", july, "employer", "", False),
    ]  # fmt: skip


@pytest.mark.parametrize("grace, covered", [(0, ["E", "F", "G", "I"]),
                                             (1, ["A", "A", "E", "F", "G", "I"]),
                                             (2, ["A", "A", "B", "E", "F", "G", "I"])])  # fmt: skip
def test_the_grace_period_moves_the_boundary(lake, grace, covered):
    names = {(11, r): n for r, n in enumerate("ABCDEFG", start=1)}
    names.update({(12, 1): "A", (12, 2): "H", (13, 1): "I"})
    rows = reconciled(lake, grace=grace)
    assert sorted(names[row[2], row[0]] for row in rows if row[4] == "covered") == covered


@pytest.mark.parametrize("pu, wages", [
    ((), {11: None, 12: None, 13: None}),  # no PU category: no wage counts
    (("village_official",), {11: None, 12: 1_500_000, 13: None}),
    (("non_asn", "village_official"), {11: 3_000_000, 12: 1_500_000, 13: None}),  # I: no income
    (("non_asn", "other"), {11: 3_000_000, 12: None, 13: None}),
])  # fmt: skip
def test_the_wage_a_gap_costs_is_the_income_on_a_pu_list_only(lake, pu, wages):
    rows = reconciled(lake, pu=pu)
    assert {row[2]: row[3] for row in rows if row[0] == 1} == wages
    assert len(rows) == 10


def test_without_lists_nothing_is_listed_in_the_same_columns(lake):
    lists, _extract = lake
    names = [*LISTED_COLUMNS, "snapshot"]
    some = columns_of(listed_sql(Inputs(as_of=JULY, grace_months=1, lists=lists)))
    assert [name for name, _type in some] == names
    none = listed_sql(Inputs(as_of=JULY, grace_months=1))
    types = ["VARCHAR", "BIGINT", "VARCHAR", "DATE", "VARCHAR", "BIGINT", "BIGINT"]
    assert columns_of(none) == list(zip(names, types, strict=True))
    assert rows_of(none) == []


def test_listed_rows_carry_their_lists_snapshot(lake):
    lists, _extract = lake
    sql = listed_sql(Inputs(as_of=JULY, grace_months=1, lists=lists[1:]))
    assert rows_of(f"SELECT nik, source_row, snapshot FROM ({sql})") == [
        ("A", 1, 12),
        ("H", 2, 12),
        ("I", 1, 13),
    ]
    assert reconcile.list_meta_rows(Inputs(as_of=JULY, grace_months=1, lists=lists[1:])) == [
        (12, "64.02", "regency", "village_official"), (13, "64", "province", "non_asn")
    ]  # fmt: skip


@pytest.mark.parametrize("as_of, grace, start", [
    ("2022-07", 1, "2022-06-01"),
    ("2022-07", 0, "2022-07-01"),
    ("2022-01", 1, "2021-12-01"),
    ("2022-12", 1, "2022-11-01"),
    ("2022-12", 12, "2021-12-01"),
    ("2022-03", 14, "2021-01-01"),
    ("2022-03", 27, "2019-12-01"),
])  # fmt: skip
def test_covered_means_paid_until_no_earlier_than_the_grace_months_before(as_of, grace, start):
    assert reconcile._months_before(month(as_of), grace) == start


# Active members of two province partitions; the inactive one counts nowhere.
MEMBERS = [
    member("M1", "64.71.01.1001", segment="PU", payer_type="apbd_regency"),
    member("M2", "64", segment="BPU", payer_type="self"),
    member("M3", "64.71.01", status="inactive", payer_type="employer"),
    member("M4", "65.01.02", segment="JAKON", payer_type="employer"),
    member("M5", "64.02", segment="PMI", payer_type="other"),
    member("M6", "64.71", segment="PU", payer_type="apbdes"),
    member("M7", "64.71.01", segment="PU", payer_type="apbd_province"),
]


@pytest.fixture
def member_view(tmp_path):
    path = write_snapshot(tmp_path / "members", MEMBER_SCHEMA, MEMBERS)
    return {"members": members_sql(Inputs(as_of=JULY, grace_months=1,
                                          members=(MemberExtract(1, path),)))}  # fmt: skip


def partials(views, provinces=None) -> dict[tuple[str, str], tuple]:
    sql = reconcile.member_partials_sql(provinces)
    return {(row[0], row[1]): row[2:] for row in rows_of(sql, views)}


def test_active_members_count_in_every_region_above_their_work_place(member_view):
    # (active, PU, BPU, JAKON, PMI, APBD province, APBD regency, APBDes, employer, self, other)
    kaltim = {
        "": (5, 3, 1, 0, 1, 1, 1, 1, 0, 1, 1),
        "64": (5, 3, 1, 0, 1, 1, 1, 1, 0, 1, 1),
        "64.02": (1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1),
        "64.71": (3, 3, 0, 0, 0, 1, 1, 1, 0, 0, 0),
        "64.71.01": (2, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0),
        "64.71.01.1001": (1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0),
    }
    kaltara = {
        "": (1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0),
        "65": (1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0),
        "65.01": (1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0),
        "65.01.02": (1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0),
    }
    expected = {("64", r): v for r, v in kaltim.items()} | {
        ("65", r): v for r, v in kaltara.items()
    }
    assert partials(member_view) == expected
    assert partials(member_view, ["64", "65"]) == expected
    assert partials(member_view, ["65"]) == {("65", r): v for r, v in kaltara.items()}
    assert partials(member_view, ["64"]) == {("64", r): v for r, v in kaltim.items()}
    assert partials(member_view, []) == {}


def test_member_partials_are_stored_under_the_measures_names(member_view):
    sql = reconcile.member_partials_sql(["64"])
    names = [name for name, _type in columns_of(sql, member_view)]
    assert names == ["province_code", "region_code", *MEMBER_MEASURES]
    assert MEMBER_MEASURES[1:5] == ("segment_pu", "segment_bpu", "segment_jakon", "segment_pmi")


def test_the_stopwatch_times_each_step_from_the_previous_one_in_milliseconds():
    start = time.perf_counter()
    watch = Stopwatch()
    assert watch.timings == {}
    for step in range(30):
        sum(range(20_000 * (step % 3)))
        if step == 29:
            # One step surely longer than a millisecond: on a fast machine every other step
            # rounds to 0 (the test failed now and then without it).
            time.sleep(0.003)
        watch.lap(f"step {step}")
    elapsed = time.perf_counter() - start
    assert list(watch.timings) == [f"step {step}" for step in range(30)]
    seconds = list(watch.timings.values())
    assert all(value >= 0 for value in seconds)
    assert sum(seconds) <= elapsed + 30 * 0.0005  # each step rounded to the millisecond
    assert all(round(value, 3) == value for value in seconds)
    assert any(value > 0 for value in seconds)


def list_counts(lake) -> dict[tuple[str, str], tuple]:
    """The lists' partials, then their sum per region and category, as a refresh writes them."""
    lists, extract = lake
    inputs = Inputs(as_of=JULY, grace_months=1, members=(extract,), lists=lists)
    meta = ", ".join(
        f"({s}, '{p}', '{lv}', '{c}')" for s, p, lv, c in reconcile.list_meta_rows(inputs)
    )
    views = {
        "listed": listed_sql(inputs),
        "members": members_sql(inputs),
        "reconciled": reconciled_sql(inputs, ["non_asn"]),
        "list_meta": f"SELECT * FROM (VALUES {meta}) AS t(snapshot, pemda, pemda_level, category)",
        # No price for D's wage: a gap whose cost is missing.
        "gap_costs": "SELECT * FROM (VALUES ('non_asn', 3000000, 100), "
                     "('village_official', NULL, 50)) AS t(category, wage, gap_cost)",
        "list_partials": reconcile.LIST_PARTIALS_SQL,
    }  # fmt: skip
    return {(row[0], row[1]): row[2:] for row in rows_of(reconcile.COMBINE_LISTS_SQL, views)}


def test_each_list_counts_in_its_pemda_above_it_and_where_its_people_work(lake):
    # (listed, covered, lapsed, not_enrolled, gap_cost_annual, gap_wage_missing,
    #  birth_date_mismatch, paid_by_other)
    kukar_non_asn = (7, 4, 2, 1, 200, 1, 1, 3)  # E, F and G are paid for by others
    counts = list_counts(lake)
    assert counts["64.02", "non_asn"] == kukar_non_asn
    assert counts["64.02", "village_official"] == (2, 1, 0, 1, 50, 0, 0, 0)
    assert counts["64.02", ""] == (9, 5, 2, 2, 250, 1, 1, 3)
    assert counts["64", "non_asn"] == (8, 5, 2, 1, 200, 1, 1, 3)  # and I, the province's
    assert counts["64", ""] == counts["", ""] == (10, 6, 2, 2, 250, 1, 1, 3)
    assert counts["64.02.05", ""] == (5, 2, 1, 2, 150, 1, 0, 0)  # A, B, D; A, H
    assert counts["64.02.05.2001", ""] == (2, 2, 0, 0, 0, 0, 0, 0)  # A on both lists
    assert "64.71" not in {region for region, _category in counts}  # I: a province's list
    assert len(counts) == 5 * 3  # 64.02, 64, "", 64.02.05, 64.02.05.2001; two categories and all


def test_member_partials_sum_into_each_region(member_view):
    views = {**member_view, "member_partials": reconcile.member_partials_sql()}
    rows = {row[0]: row[1:] for row in rows_of(reconcile.COMBINE_MEMBERS_SQL, views)}
    assert rows[""] == (6, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1)
    assert rows["64.71"] == (3, 3, 0, 0, 0, 1, 1, 1, 0, 0, 0)
    assert len(rows) == 9
