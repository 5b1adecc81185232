"""The digests an incremental refresh compares to find the changed provinces: one per province
partition of the membership rows in force, counting the rows and every digested column,
independent of row order, stored once per extract, and the same whether one extract or
several give the rows. Also the extracts of an earlier lineage read back from the catalog."""

from __future__ import annotations

import re
import shutil

import pytest

from pantau.engine import reconcile
from pantau.engine.incremental import (
    MEMBER_COLUMNS,
    _digests,
    _inputs_with,
    _province_digests,
    extract_of,
    partition_digests,
)
from pantau.engine.models import MemberPartition
from tests.engine.small_lake import extract_snapshot, inputs, person, write_extract

pytestmark = pytest.mark.usefixtures("own_data_directory")

A, B, I = "6402050103850001", "6402050203850002", "6501010903850009"  # noqa: E741
PEOPLE = [person(A, "64.02.05"), person(B, "64.71.01"), person(I, "65.01")]
DIGEST = re.compile(r"^(\d+):[0-9a-f]{16}$")


def digests_of(tmp_path, people: list[dict], name: str = "x") -> dict[str, str]:
    return _province_digests(reconcile._parquet(write_extract(tmp_path / name, people)))


def test_a_digest_is_the_row_count_and_sixteen_hex_digits_per_province(tmp_path):
    digests = digests_of(tmp_path, PEOPLE)
    assert sorted(digests) == ["64", "65"]
    assert [DIGEST.match(digests[p]).group(1) for p in ("64", "65")] == ["2", "1"]


def test_row_order_does_not_change_a_digest(tmp_path):
    assert digests_of(tmp_path, PEOPLE, "a") == digests_of(tmp_path, PEOPLE[::-1], "b")


CHANGED = {"nik": "6402050103850099", "birth_date": None, "status": "inactive",
           "paid_until": None, "payer_type": "self", "payer_region": "64",
           "region_code": "64.02.06", "segment": "BPU"}  # fmt: skip


@pytest.mark.parametrize("column", MEMBER_COLUMNS)
def test_every_digested_column_changes_its_province_digest_only(tmp_path, column):
    before = digests_of(tmp_path, PEOPLE, "a")
    after = digests_of(tmp_path, [{**PEOPLE[0], column: CHANGED[column]}, *PEOPLE[1:]], "b")
    assert (after["64"] != before["64"], after["65"]) == (True, before["65"])


def test_the_digests_are_computed_once_and_stored(db, settings):
    snapshot = extract_snapshot(settings.DATA_DIR, "members", PEOPLE)
    digests = partition_digests(snapshot.pk)
    assert digests == _province_digests(reconcile._parquet(str(snapshot.absolute_path)))
    stored = MemberPartition.objects.filter(snapshot=snapshot)
    assert dict(stored.values_list("province_code", "digest")) == digests
    shutil.rmtree(snapshot.absolute_path / "data")  # the stored digests are read, not the files
    assert partition_digests(snapshot.pk) == digests
    assert MemberPartition.objects.count() == 2


def test_an_extract_without_files_or_stored_digests_has_none(db, settings):
    snapshot = extract_snapshot(settings.DATA_DIR, "members", PEOPLE)
    shutil.rmtree(snapshot.absolute_path / "data")
    assert partition_digests(snapshot.pk) is None
    assert not MemberPartition.objects.exists()


def test_one_extract_gives_its_stored_digests(db, settings):
    snapshot = extract_snapshot(settings.DATA_DIR, "members", PEOPLE)
    MemberPartition.objects.create(snapshot=snapshot, province_code="64", digest="stored")
    extract = reconcile.MemberExtract(snapshot.pk, str(snapshot.absolute_path))
    assert _digests(inputs(extract)) == {"64": "stored"}


def test_several_extracts_digest_the_rows_in_force_as_one_extract_would(db, settings, tmp_path):
    # A branch's extract for Balikpapan (64.71) with B's row as the national one has it, and
    # a Malinau (65.01) one without accepted rows: the rows in force are the national ones.
    national = extract_snapshot(settings.DATA_DIR, "national", PEOPLE)
    branch = write_extract(tmp_path / "branch", [PEOPLE[1]])
    several = inputs(reconcile.MemberExtract(3, branch, "64.71"),
                     reconcile.MemberExtract(2, None, "65.01"),
                     reconcile.MemberExtract(national.pk, str(national.absolute_path)))  # fmt: skip
    digests = _digests(several)
    assert digests == {"64": partition_digests(national.pk)["64"]}  # no one counts in 65.01 now


def test_several_extracts_one_without_files_have_no_digests(tmp_path):
    # The branch's extract is still in the catalog and its directory there; its data files
    # are gone.
    national = write_extract(tmp_path / "national", PEOPLE)
    branch = write_extract(tmp_path / "branch", PEOPLE[1:2])
    shutil.rmtree(tmp_path / "branch" / "data")
    several = inputs(reconcile.MemberExtract(3, branch, "64.71"),
                     reconcile.MemberExtract(1, national))  # fmt: skip
    assert _digests(several) is None


@pytest.mark.parametrize("accepted", [True, False])
def test_an_extract_in_force_names_its_files_only_with_accepted_rows(db, settings, accepted):
    snapshot = extract_snapshot(settings.DATA_DIR, "branch", PEOPLE[:1], "64.71", accepted)
    path = str(settings.DATA_DIR / "lake" / "branch") if accepted else None
    assert extract_of(snapshot) == reconcile.MemberExtract(snapshot.pk, path, "64.71")


def test_an_earlier_lineage_reads_its_extracts_back_newest_first(db, settings):
    national = extract_snapshot(settings.DATA_DIR, "national", PEOPLE)
    branch = extract_snapshot(settings.DATA_DIR, "branch", PEOPLE[1:2], "64.71")
    now = inputs(lists=[(7, "/nowhere/7", "64", "province", "non_asn")], grace_months=2)
    ids = [branch.pk, national.pk]
    earlier = _inputs_with(now, ids)
    assert earlier == inputs(extract_of(branch), extract_of(national), lists=now.lists,
                             grace_months=2)  # fmt: skip
    national.delete()
    assert _inputs_with(now, ids) is None
