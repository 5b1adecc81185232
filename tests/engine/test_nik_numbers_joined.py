"""The reconciliation joins on the NIKs' numbers when every extract stores them
(`Inputs.by_number`): the same rows as the join on their text, lists imported before the
numbers were stored (their NIKs cast) beside lists that have them, and the text join kept
for an extract without them."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from pantau.engine import refresh
from pantau.engine.reconcile import Inputs, MemberExtract, listed_sql, members_sql, reconciled_sql
from pantau.lake.models import Snapshot
from tests.engine.lake_files import (
    LIST_SCHEMA,
    MEMBER_SCHEMA,
    listed,
    member,
    month,
    rows_of,
    write_snapshot,
)
from tests.engine.small_lake import extract_snapshot
from tests.engine.small_lake import person as small_person

JULY = month("2022-07")
NUMBERED_LIST = pa.schema([*LIST_SCHEMA, ("nik_number", pa.int64())])
NUMBERED_MEMBERS = pa.schema([*MEMBER_SCHEMA, ("nik_number", pa.int64())])
A, B, C, D = (f"640205410790{n:04d}" for n in (1, 2, 3, 4))


def numbered(row: dict, number: int | None = None) -> dict:
    return {**row, "nik_number": int(row["nik"]) if number is None else number}


@pytest.fixture
def lake(tmp_path):
    """List 11 with numbers (A covered, B lapsed, C not enrolled); list 12 from before the
    numbers (A and D, both covered); one extract, with numbers and without."""
    new_list = write_snapshot(tmp_path / "list-11", NUMBERED_LIST, [
        numbered(listed(A, 1, "64.02.05")), numbered(listed(B, 2, "64.02")),
        numbered(listed(C, 3, "64.02")),
    ])  # fmt: skip
    old_list = write_snapshot(tmp_path / "list-12", LIST_SCHEMA, [
        listed(A, 1, "64.02"), listed(D, 2, "64.02.05"),
    ])  # fmt: skip
    people = [member(A, "64.02.05"), member(B, "64.02", status="inactive"), member(D, "64.71")]
    lists = [(11, new_list, "64.02", "regency", "non_asn"),
             (12, old_list, "64.02", "regency", "village_official")]  # fmt: skip
    return tmp_path, lists, people


def inputs(lists, extract: MemberExtract) -> Inputs:
    return Inputs(JULY, 1, (extract,), lists, numbered_lists=frozenset({11}))


def reconciled(inputs: Inputs, by_number: bool) -> list[tuple]:
    views = {"listed": listed_sql(inputs, by_number), "members": members_sql(inputs, by_number)}
    return rows_of(reconciled_sql(inputs, ["non_asn"], by_number), views)


def statuses(rows: list[tuple]) -> dict[tuple[int, int], str]:
    return {(row[2], row[0]): row[4] for row in rows}


def test_by_number_gives_the_rows_the_text_gives(lake):
    directory, lists, people = lake
    path = write_snapshot(directory / "members", NUMBERED_MEMBERS, [numbered(p) for p in people])
    both = inputs(lists, MemberExtract(1, path, nik_numbers=True))
    assert both.by_number
    by_number = reconciled(both, by_number=True)
    assert by_number == reconciled(both, by_number=False)
    assert statuses(by_number) == {
        (11, 1): "covered", (11, 2): "lapsed", (11, 3): "not_enrolled",
        (12, 1): "covered", (12, 2): "covered",  # list 12's NIKs cast to their numbers
    }  # fmt: skip


def test_the_join_reads_the_stored_number_not_the_text(lake):
    """A file whose number and text disagree (never written by an import) shows which one
    the join went by."""
    directory, lists, people = lake
    people = [numbered(people[0], number=int(C)), *(numbered(p) for p in people[1:])]
    path = write_snapshot(directory / "members", NUMBERED_MEMBERS, people)
    found = statuses(reconciled(inputs(lists, MemberExtract(1, path, nik_numbers=True)), True))
    assert (found[11, 1], found[11, 3]) == ("not_enrolled", "covered")


def test_an_extract_without_numbers_is_joined_by_its_text(lake):
    directory, lists, people = lake
    path = write_snapshot(directory / "members", MEMBER_SCHEMA, people)
    old = inputs(lists, MemberExtract(1, path))
    assert not old.by_number
    assert statuses(reconciled(old, by_number=False))[11, 1] == "covered"


@pytest.mark.parametrize("extracts, expected", [
    ((), False),
    ((MemberExtract(1, "/a", nik_numbers=True),), True),
    ((MemberExtract(2, "/b", "64.71", nik_numbers=True), MemberExtract(1, "/a")), False),
    ((MemberExtract(2, "/b", "64.71", nik_numbers=True), MemberExtract(1, None)), True),
    ((MemberExtract(1, None, nik_numbers=True),), False),  # no rows at all: nothing to join
])  # fmt: skip
def test_by_number_only_when_every_extract_with_rows_has_numbers(extracts, expected):
    assert Inputs(JULY, 1, extracts).by_number is expected


def test_with_no_list_or_no_extract_the_relations_still_have_the_number(lake):
    empty = Inputs(JULY, 1)
    for sql in (listed_sql(empty, True), members_sql(empty, True)):
        assert rows_of(f"SELECT nik_number FROM ({sql})") == []


def test_the_catalog_tells_the_refresh_which_extracts_have_numbers(
    db, tmp_path, settings, django_assert_num_queries
):
    settings.DATA_DIR = tmp_path
    for name, region, numbers in (("national", "", False), ("kukar", "64.02", True)):
        snapshot = extract_snapshot(tmp_path, name, [small_person(A, "64.02")], region)
        Snapshot.objects.filter(pk=snapshot.pk).update(is_current=True, nik_numbers=numbers)
    with django_assert_num_queries(1):  # the flag read with the rest, not one query each
        found = [(Path(e.path).name, e.nik_numbers) for e in refresh.member_extracts(JULY)]
    assert found == [("kukar", True), ("national", False)]
