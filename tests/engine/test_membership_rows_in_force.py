"""Which membership rows count when several extracts are in force, on small Parquet files:
the extracts that still count (newest first, none wholly inside a newer one's region,
nothing older than a national one), each extract's rows outside the newer extracts'
regions, a person's row from the newest extract that has one; and the lineage that
names them. docs/engine.md, "Membership extracts of a region"."""

from __future__ import annotations

import datetime

import pytest

from pantau.engine.reconcile import (
    LAYOUT,
    MEMBER_COLUMNS,
    Inputs,
    MemberExtract,
    covers,
    extracts_in_force,
    member_ids,
    member_lineage,
    members_sql,
)
from tests.engine.lake_files import MEMBER_SCHEMA, columns_of, member, rows_of, write_snapshot

JULY = datetime.date(2022, 7, 1)


@pytest.mark.parametrize("region, code, expected", [
    ("", "64.71.01", True),  # a national extract covers every region
    ("", "", True),
    ("64", "64.71.01", True),
    ("64.71", "64.71", True),
    ("64.71", "64.7", False),
    ("64.71", "64.02", False),
    ("64.71", "64", False),  # not the province its city lies in
    ("64.71", "", False),
])  # fmt: skip
def test_which_regions_an_extract_covers(region, code, expected):
    assert covers(region, code) is expected


def extract(snapshot: int, region: str) -> MemberExtract:
    return MemberExtract(snapshot, f"/lake/members/{snapshot}", region)


@pytest.mark.parametrize("candidates, expected", [
    # A branch's city extract stands beside the national one; an older national one is out.
    ([(5, "64.71"), (4, ""), (3, "")], [5, 4]),
    # Two branches and a province beside the national one.
    ([(6, "64.71"), (5, "64.72"), (4, "65"), (3, ""), (2, "64.71")], [6, 5, 4, 3]),
    # A branch extract wholly inside a newer province extract counts for no one ...
    ([(6, "64"), (5, "64.71"), (4, "64.72.01"), (3, "65")], [6, 3]),
    # ... while a wider older one still counts outside the newer narrow one.
    ([(6, "64.71.01"), (5, "64.71"), (4, "64")], [6, 5, 4]),
    ([(4, ""), (3, "64.71")], [4]),
    ([], []),
])  # fmt: skip
def test_the_extracts_in_force(candidates, expected):
    chosen = extracts_in_force(extract(snapshot, region) for snapshot, region in candidates)
    assert [e.snapshot for e in chosen] == expected


@pytest.mark.parametrize("ids, stored", [([], None), ([7], 7), ([9, 4], [9, 4]),
                                         ([9, 4, 2], [9, 4, 2])])  # fmt: skip
def test_the_lineage_names_one_extract_as_an_id_and_several_newest_first(ids, stored):
    assert member_lineage(ids) == stored
    assert member_ids(stored) == ids


def test_the_lineage_of_a_refresh():
    inputs = Inputs(
        as_of=JULY, grace_months=2,
        members=(extract(9, "64.71"), extract(4, "")),
        lists=[(12, "/l/12", "64.71", "regency", "non_asn"), (3, "/l/3", "64", "province", "pbi")],
    )  # fmt: skip
    assert inputs.member_ids == [9, 4]
    assert inputs.lineage() == {"layout": LAYOUT, "as_of": "2022-07-01", "grace_months": 2,
                                "members": [9, 4], "lists": [3, 12]}  # fmt: skip


# Newest first. Balikpapan's branch (64.71), then Samarinda's (64.72), an extract of North
# Kalimantan (65), an extract of Paser (64.01) whose rows were all rejected, the national one.
BALIKPAPAN = [
    member("P1", "64.71.01", status="inactive"),
    member("P2", "64.71.02.1001"),
    member("P5", "64.71.03", paid_until="2022-06"),  # moved from Kukar to Balikpapan
]
SAMARINDA = [
    member("P3", "64.72.01", payer_type="self"),
    member("P2", "64.71.02", status="inactive"),  # Balikpapan's extract stands for 64.71
]
NORTH_KALIMANTAN = [member("P6", "65.01", segment="BPU")]
NATIONAL = [
    member("P1", "64.71.01"),  # in Balikpapan: the branch's row counts
    member("P3", "64.72.01"),  # in Samarinda
    member("P4", "64.02.05"),  # Kukar: no newer extract covers it
    member("P5", "64.02", paid_until="2022-07"),  # the branch has a newer row for P5
    member("P6", "65.01"),  # North Kalimantan
    member("P7", "11.01", segment="PMI"),  # Aceh
    member("P8", "64.01.02"),  # Paser: its own (empty) extract covers it, nobody there
    member("P9", "64.7"),  # not a code inside 64.71 or 64.72, although it starts the same
]


@pytest.fixture
def extracts(tmp_path):
    def snapshot(number: int, region: str, rows: list[dict] | None) -> MemberExtract:
        if rows is None:
            return MemberExtract(number, None, region)
        path = write_snapshot(tmp_path / f"members-{number}", MEMBER_SCHEMA, rows)
        return MemberExtract(number, path, region)

    return [
        snapshot(15, "64.71", BALIKPAPAN),
        snapshot(14, "64.72", SAMARINDA),
        snapshot(13, "65", NORTH_KALIMANTAN),
        snapshot(12, "64.01", None),
        snapshot(11, "", NATIONAL),
    ]


def members(*extracts: MemberExtract) -> list[tuple]:
    sql = members_sql(Inputs(as_of=JULY, grace_months=1, members=extracts))
    return rows_of(f"SELECT nik, region_code, status, paid_until, segment, payer_type, "
                   f"province_code FROM ({sql})")  # fmt: skip


def test_each_person_counts_once_from_the_newest_extract_that_covers_them(extracts):
    july, june = datetime.date(2022, 7, 1), datetime.date(2022, 6, 1)
    assert members(*extracts) == [
        ("P1", "64.71.01", "inactive", july, "PU", "employer", "64"),
        ("P2", "64.71.02.1001", "active", july, "PU", "employer", "64"),
        ("P3", "64.72.01", "active", july, "PU", "self", "64"),
        ("P4", "64.02.05", "active", july, "PU", "employer", "64"),
        ("P5", "64.71.03", "active", june, "PU", "employer", "64"),
        ("P6", "65.01", "active", july, "BPU", "employer", "65"),
        ("P7", "11.01", "active", july, "PMI", "employer", "11"),
        ("P9", "64.7", "active", july, "PU", "employer", "64"),
    ]


def test_two_extracts_a_branch_beside_the_national_one(extracts):
    balikpapan, national = extracts[0], extracts[-1]
    assert [(row[0], row[2]) for row in members(balikpapan, national)] == [
        ("P1", "inactive"), ("P2", "active"), ("P3", "active"), ("P4", "active"),
        ("P5", "active"), ("P6", "active"), ("P7", "active"), ("P8", "active"), ("P9", "active"),
    ]  # fmt: skip
    assert [row[3] for row in members(balikpapan, national) if row[0] == "P5"] == [
        datetime.date(2022, 6, 1)  # the branch's row
    ]


def test_one_extract_is_read_as_it_is(extracts):
    assert [row[0] for row in members(extracts[1])] == ["P2", "P3"]


def test_a_path_with_a_quote_is_read(tmp_path):
    path = write_snapshot(tmp_path / "o'brien", MEMBER_SCHEMA, [member("P1", "64.71.01")])
    assert [row[0] for row in members(MemberExtract(1, path, ""))] == ["P1"]


def test_without_accepted_rows_nobody_is_a_member(extracts):
    empty = extracts[3]
    assert members() == []
    assert members(empty) == []
    assert members(MemberExtract(2, None, "64.71"), MemberExtract(1, None, "")) == []


def test_every_way_gives_the_same_columns_and_types(extracts):
    """The province partition is a code (VARCHAR), not a number, in every case."""
    expected = [
        ("nik", "VARCHAR"), ("birth_date", "DATE"), ("status", "VARCHAR"),
        ("paid_until", "DATE"), ("payer_type", "VARCHAR"), ("payer_region", "VARCHAR"),
        ("region_code", "VARCHAR"), ("segment", "VARCHAR"), ("province_code", "VARCHAR"),
    ]  # fmt: skip
    assert [name for name, _type in expected] == list(MEMBER_COLUMNS)
    for chosen in ((), (extracts[3],), (extracts[0],), tuple(extracts)):
        sql = members_sql(Inputs(as_of=JULY, grace_months=1, members=chosen))
        assert columns_of(sql) == expected, chosen
