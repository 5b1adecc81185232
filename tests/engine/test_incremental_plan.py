"""Which units a refresh recomputes (`incremental.plan`), on a few lists and extract rows
written in a temporary lake: everything, and why, when the previous generation cannot be
built on; otherwise the new lists, the provinces whose membership rows changed and the old
lists holding a person whose row changed, the rest carried over."""

from __future__ import annotations

import shutil

import pytest

from pantau.engine import reconcile
from pantau.engine.incremental import Plan, _lists_touched, plan
from tests.engine.small_lake import (
    a_list,
    extract_snapshot,
    inputs,
    person,
    write_extract,
    write_member_partials,
)

pytestmark = pytest.mark.usefixtures("own_data_directory")

A, G, I, K, N = "6402050103850001", "6402050703850007", "6501010903850009", "6101010103850011", "6402051103850013"  # fmt: skip  # noqa: E501, E741

EXTRACT = reconcile.MemberExtract(11, "/nowhere/11")
LISTS = [(1, "/nowhere/1", "64.02", "regency", "non_asn"),
         (2, "/nowhere/2", "64", "province", "non_asn")]  # fmt: skip
BASE = inputs(EXTRACT, lists=LISTS)
DROP = object()


def lineage(**changes) -> dict:
    """The lineage of a generation computed from BASE, with some entries changed or gone."""
    value = {**BASE.lineage(), **changes}
    return {key: v for key, v in value.items() if v is not DROP}


@pytest.fixture
def previous_dir(tmp_path):
    """A previous generation's directory holding member partials of three provinces."""
    directory = tmp_path / "coverage" / "1"
    write_member_partials(directory / "members", [("61", "61.01", 1), ("64", "64.02", 2),
                                                  ("65", "65.01", 1)])  # fmt: skip
    return directory


# (reason, what differs from a generation that could be built on)
EVERYTHING = [
    ("full", {"full": True}),
    ("no_previous", {"previous": None}),
    ("no_previous", {"previous_dir": None}),
    ("no_previous", {"previous_dir": "gone"}),
    ("layout_changed", {"previous": lineage(layout=reconcile.LAYOUT - 1)}),
    ("layout_changed", {"previous": lineage(layout=DROP)}),
    ("grace_changed", {"previous": lineage(grace_months=2)}),
    ("grace_changed", {"previous": lineage(lists=DROP)}),
    ("members_appeared_or_went", {"previous": lineage(members=None)}),
    ("members_appeared_or_went", {"inputs": inputs(lists=LISTS)}),
]


@pytest.mark.parametrize("reason, changes", EVERYTHING)
def test_everything_is_recomputed_and_the_reason_given(previous_dir, reason, changes):
    args = {"inputs": BASE, "previous": lineage(), "previous_dir": previous_dir, "full": False}
    args.update(changes)
    if args["previous_dir"] == "gone":
        args["previous_dir"] = previous_dir.with_name("2")
    result = plan(**args)
    assert result == Plan(True, reason, list(args["inputs"].lists), None)
    assert result.summary() == {
        "full": True, "reason": reason, "lists": len(args["inputs"].lists), "lists_kept": 0,
        "member_provinces": "all", "member_provinces_kept": 0,
    }  # fmt: skip


def test_the_same_inputs_keep_every_unit(previous_dir):
    result = plan(BASE, lineage(), previous_dir, False)
    assert result == Plan(False, "lists", [], [], [1, 2], ["61", "64", "65"])


def test_new_lists_alone_are_computed_and_the_old_ones_in_force_kept(tmp_path, previous_dir):
    new = (3, "/nowhere/3", "64.02", "regency", "village_official")
    now = inputs(EXTRACT, lists=[LISTS[1], new, LISTS[0]])
    # List 4 was in force before and is superseded now: neither computed nor kept.
    result = plan(now, lineage(lists=[1, 2, 4]), previous_dir, False)
    assert result == Plan(False, "lists", [new], [], [2, 1], ["61", "64", "65"])
    assert result.summary() == {
        "full": False, "reason": "lists", "lists": 1, "lists_kept": 2,
        "member_provinces": 0, "member_provinces_kept": 3,
    }  # fmt: skip


def test_no_member_partials_in_the_previous_generation_keeps_no_province(tmp_path):
    directory = tmp_path / "coverage" / "1"
    directory.mkdir(parents=True)
    assert plan(BASE, lineage(), directory, False).kept_provinces == []


BEFORE = [person(A, "64.02.05"), person(G, "64.02"), person(I, "65.01"), person(K, "61.01")]


@pytest.fixture
def members_changed(db, settings, tmp_path, previous_dir):
    """An extract where A became inactive and K (West Kalimantan) is gone, after one with
    both; the lists: 1 holds A, 3 holds I (North Kalimantan), 5 holds G, 2 is new."""
    old = extract_snapshot(settings.DATA_DIR, "old", BEFORE)
    new = extract_snapshot(settings.DATA_DIR, "new",
                           [person(A, "64.02.05", status="inactive"), *BEFORE[1:3]])  # fmt: skip
    lists = [a_list(tmp_path, 1, [A, G]), a_list(tmp_path, 2, [G]),
             a_list(tmp_path, 3, [I], "65"), a_list(tmp_path, 5, [G])]  # fmt: skip
    now = inputs(reconcile.MemberExtract(new.pk, str(new.absolute_path)), lists=lists)
    previous = inputs(reconcile.MemberExtract(old.pk, str(old.absolute_path)), lists=lists)
    before = {**previous.lineage(), "lists": [1, 3, 5]}
    return now, before, old, new


def test_a_new_extract_recomputes_the_changed_provinces_and_the_lists_of_their_changed_people(
    members_changed, previous_dir
):
    now, before, _old, _new = members_changed
    result = plan(now, before, previous_dir, False)
    assert result == Plan(False, "members", [now.lists[0], now.lists[1]], ["61", "64"], [3, 5],
                          ["65"])  # fmt: skip
    assert result.summary() == {
        "full": False, "reason": "members", "lists": 2, "lists_kept": 2,
        "member_provinces": 2, "member_provinces_kept": 1,
    }  # fmt: skip


def test_an_earlier_extract_gone_from_the_catalog_recomputes_everything(
    members_changed, previous_dir
):
    now, before, old, _new = members_changed
    old.delete()
    assert plan(now, before, previous_dir, False) == Plan(True, "members_missing", now.lists)


def test_a_new_extract_without_its_files_recomputes_everything(members_changed, previous_dir):
    now, before, _old, new = members_changed
    shutil.rmtree(new.absolute_path / "data")
    assert plan(now, before, previous_dir, False) == Plan(True, "members_missing", now.lists)


def test_a_branch_extract_beside_the_national_one_recomputes_the_provinces_it_reaches(
    members_changed, settings, previous_dir
):
    # Samarinda's branch (64.72) says G works there now: province 64 changes, not 65 or 61.
    now, before, old, _new = members_changed
    branch = extract_snapshot(settings.DATA_DIR, "branch", [person(G, "64.72.01")], "64.72")
    both = inputs(reconcile.MemberExtract(branch.pk, str(branch.absolute_path), "64.72"),
                  reconcile.MemberExtract(old.pk, str(old.absolute_path)),
                  lists=now.lists)  # fmt: skip
    result = plan(both, before, previous_dir, False)
    # G is on lists 1, 2 (new) and 5; I's list 3 is kept.
    assert result == Plan(False, "members", [now.lists[0], now.lists[1], now.lists[3]], ["64"],
                          [3], ["61", "65"])  # fmt: skip


# (old rows, new rows, provinces compared, lists touched); lists: 1 = [A], 2 = [G], 3 = [I]
TOUCHED = [
    ("a changed field", BEFORE, [person(A, "64.02.05", paid_until=None), *BEFORE[1:]], ["64"],
     {1}),
    ("a person gone", BEFORE, BEFORE[1:], ["64"], {1}),
    ("a person new", BEFORE[1:], BEFORE, ["64"], {1}),
    ("a move to another province", BEFORE, [BEFORE[0], person(G, "65.01"), *BEFORE[2:]],
     ["64", "65"], {2}),
    ("a change outside the provinces compared", BEFORE,
     [BEFORE[0], person(G, "64.02", segment="BPU"), person(I, "65.01", segment="BPU")],
     ["61", "65"], {3}),
    ("no province compared", BEFORE, BEFORE[1:], [], set()),
]  # fmt: skip


@pytest.mark.parametrize(
    "old_rows, new_rows, provinces, touched",
    [case[1:] for case in TOUCHED],
    ids=[case[0] for case in TOUCHED],
)
def test_the_lists_touched_hold_a_person_whose_row_changed(
    tmp_path, old_rows, new_rows, provinces, touched
):
    lists = [a_list(tmp_path, 1, [A, N]), a_list(tmp_path, 2, [G]), a_list(tmp_path, 3, [I], "65")]
    old = reconcile.MemberExtract(1, write_extract(tmp_path / "old", old_rows))
    new = reconcile.MemberExtract(2, write_extract(tmp_path / "new", new_rows))
    assert _lists_touched(inputs(new, lists=lists), inputs(old, lists=lists), provinces) == touched


def test_without_lists_no_list_is_touched(tmp_path):
    old = reconcile.MemberExtract(1, write_extract(tmp_path / "old", BEFORE))
    new = reconcile.MemberExtract(2, write_extract(tmp_path / "new", BEFORE[1:]))
    assert _lists_touched(inputs(new), inputs(old), ["64"]) == set()
