"""Carrying the kept units of the previous generation over (`incremental.carry_over`): gap and
partial files of kept units alone hard-linked (copied where the file system cannot link), the
kept rows of the others copied into bucket files under `kept/`, nothing else; and the
provinces a generation holds member partials of."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest

from pantau.engine import incremental, reconcile
from pantau.engine.incremental import Plan, _link_file, _provinces_in, carry_over
from tests.engine.small_lake import write_gap_rows, write_list_partials, write_member_partials

pytestmark = pytest.mark.usefixtures("own_data_directory")


@pytest.fixture
def previous_dir(tmp_path):
    """A generation of lists 1, 2, 3 (3 without gap rows) and provinces 61, 64, 65; a quote
    in its path."""
    directory = tmp_path / "coverage's" / "1"
    write_gap_rows(directory / "gaps", [(1, 2), (1, 5), (2, 3)])
    write_list_partials(directory / "lists", [
        (1, "64.02", "non_asn", 2, 1, 1, 0), (1, "", "non_asn", 2, 1, 1, 0),
        (2, "64", "non_asn", 1, 0, 0, 1), (3, "65", "non_asn", 1, 1, 0, 0),
    ])  # fmt: skip
    write_member_partials(directory / "members", [("61", "61.01", 1), ("64", "64.02", 2),
                                                  ("65", "65.01", 3)])  # fmt: skip
    return directory


def rows(path: Path, column: str) -> list:
    con = duckdb.connect()
    try:
        target = str(path).replace("'", "''")
        return sorted(r[0] for r in con.execute(f"SELECT {column} FROM '{target}'").fetchall())
    finally:
        con.close()


def files(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def kept_rows(directory: Path, column: str) -> list:
    """`column` of every partial row carried over into `directory` (`kept/**`)."""
    found = sorted(directory.glob("kept/**/*.parquet"))
    assert found and all(p.relative_to(directory).parts[0] == "kept" for p in found)
    return sorted(value for path in found for value in rows(path, column))


# The directories the engine already wrote into the new generation before the carry-over.
@pytest.mark.parametrize("written", [(), ("gaps/_bucket=9", "lists", "members")])
def test_the_kept_units_are_carried_over_and_only_they(tmp_path, previous_dir, written):
    out = tmp_path / "coverage's" / "2.staging"
    for name in written:
        (out / name).mkdir(parents=True)
    plan = Plan(False, "members", [], ["64"], kept_lists=[3, 1], kept_provinces=["61", "65"])
    carry_over(plan, previous_dir, out)
    assert {name.split("/")[0] for name in files(out)} == {"gaps", "lists", "members"}
    assert kept_rows(out / "gaps", "(snapshot, source_row)") == [(1, 2), (1, 5)]
    assert kept_rows(out / "lists", "snapshot") == [1, 1, 3]
    assert kept_rows(out / "members", "province_code") == ["61", "65"]


def test_a_kept_list_without_gap_rows_has_its_partials_alone_carried_over(tmp_path, previous_dir):
    out = tmp_path / "new" / "2"
    carry_over(Plan(False, "lists", [], [], [3], []), previous_dir, out)
    assert not (out / "gaps").exists() and not (out / "members").exists()
    assert kept_rows(out / "lists", "snapshot") == [3]


def test_the_gap_file_of_kept_lists_alone_is_linked(tmp_path, previous_dir):
    out = tmp_path / "2"
    carry_over(Plan(False, "lists", [], [], [1, 2], []), previous_dir, out)
    assert files(out / "gaps") == ["kept/0.parquet"]
    assert inodes(out / "gaps") == inodes(previous_dir / "gaps")
    assert kept_rows(out / "lists", "snapshot") == [1, 1, 2]


def test_kept_gap_rows_are_copied_into_the_gap_buckets(tmp_path, previous_dir):
    """List 2 changed: list 1's gap rows leave the shared file, into the bucket the engine
    would write them to."""
    out = tmp_path / "2"
    carry_over(Plan(False, "lists", [], [], [1], []), previous_dir, out)
    assert files(out / "gaps") == [f"kept/split/_bucket={reconcile.gap_bucket(1)}/data_0.parquet"]
    assert kept_rows(out / "gaps", "source_row") == [2, 5]


@pytest.mark.parametrize("plan, previous", [
    (Plan(True, "full", [], None), "previous"),
    (Plan(False, "lists", [], [], [1, 2, 3], ["61", "64", "65"]), None),
])  # fmt: skip
def test_nothing_is_carried_over_from_no_or_an_unused_generation(
    tmp_path, previous_dir, plan, previous
):
    out = tmp_path / "2"
    out.mkdir()
    carry_over(plan, previous_dir if previous else None, out)
    assert files(out) == []


def test_a_generation_without_partials_carries_nothing_over(tmp_path):
    previous = tmp_path / "1"
    previous.mkdir()
    out = tmp_path / "2"
    carry_over(Plan(False, "lists", [], [], [1], ["64"]), previous, out)
    assert files(out) == []


def _other_file_system() -> Path | None:
    """A writable directory on another file system than the temporary one, if any."""
    shm = Path("/dev/shm")
    tmp = Path(tempfile.gettempdir())
    if shm.is_dir() and os.access(shm, os.W_OK) and shm.stat().st_dev != tmp.stat().st_dev:
        return shm
    return None


@pytest.mark.skipif(_other_file_system() is None, reason="no second file system to link across")
def test_files_that_cannot_be_linked_are_copied(tmp_path):
    source = Path(tempfile.mkdtemp(dir=_other_file_system())) / "data_0.parquet"
    try:
        source.write_bytes(b"gap rows")
        target = tmp_path / "kept" / "0.parquet"
        target.parent.mkdir()
        _link_file(source, target)
        assert target.read_bytes() == b"gap rows"
        assert target.stat().st_ino != source.stat().st_ino
    finally:
        shutil.rmtree(source.parent)


def test_the_provinces_a_generation_holds(tmp_path, previous_dir):
    write_member_partials(tmp_path / "more", [("11", "11.01", 1), ("64", "64.03", 1)])
    (tmp_path / "more" / "computed.parquet").rename(tmp_path / "more" / "kept.parquet")
    write_member_partials(tmp_path / "more", [("91", "91.01", 1)])
    assert _provinces_in(tmp_path / "more") == ["11", "64", "91"]
    assert _provinces_in(previous_dir / "members") == ["61", "64", "65"]
    assert _provinces_in(tmp_path / "none") == []


def test_kept_provinces_are_carried_over_when_no_list_is_kept(tmp_path, previous_dir):
    # Every list recomputed (a new extract touched them all), one province unchanged.
    out = tmp_path / "2"
    carry_over(Plan(False, "members", [], ["64"], [], ["65"]), previous_dir, out)
    assert {name.split("/")[0] for name in files(out)} == {"members"}
    assert kept_rows(out / "members", "province_code") == ["65"]


def inodes(directory: Path) -> set[int]:
    return {path.stat().st_ino for path in directory.rglob("*.parquet")}


def test_files_of_kept_units_alone_are_linked_and_the_rest_copied_by_bucket(tmp_path):
    """Every unit in its own file but one file of two: a change of list 2 links the files of
    lists 3 and 4 and copies list 1's rows out of the shared file; the next generation,
    changing list 3, links list 1's copied rows too."""
    first = tmp_path / "1"
    write_list_partials(first / "lists" / "a", [(1, "64", "non_asn", 1, 1, 0, 0),
                                                (2, "64", "non_asn", 1, 0, 1, 0)])  # fmt: skip
    for snapshot in (3, 4):
        write_list_partials(first / "lists" / str(snapshot),
                            [(snapshot, "65", "rt_rw", 1, 1, 0, 0)])  # fmt: skip
    second = tmp_path / "2"
    carry_over(Plan(False, "lists", [], [], [1, 3, 4], []), first, second)
    assert kept_rows(second / "lists", "snapshot") == [1, 3, 4]
    assert inodes(first / "lists" / "3") | inodes(first / "lists" / "4") <= inodes(second / "lists")
    assert not inodes(first / "lists" / "a") & inodes(second / "lists")  # list 2 shares it
    third = tmp_path / "3"
    carry_over(Plan(False, "lists", [], [], [1, 4], []), second, third)
    assert kept_rows(third / "lists", "snapshot") == [1, 4]
    assert inodes(third / "lists") <= inodes(second / "lists")  # nothing copied this time


def test_too_many_linked_files_are_copied_into_buckets_again(tmp_path, monkeypatch):
    monkeypatch.setattr(incremental, "FILES_PER_BUCKET", 2 / reconcile.BUCKETS)
    first = tmp_path / "1"
    for snapshot in (1, 2, 3):
        write_list_partials(first / "lists" / str(snapshot),
                            [(snapshot, "64", "non_asn", 1, 1, 0, 0)])  # fmt: skip
    second = tmp_path / "2"
    carry_over(Plan(False, "lists", [], [], [1, 2, 3], []), first, second)
    assert kept_rows(second / "lists", "snapshot") == [1, 2, 3]
    assert not inodes(first / "lists") & inodes(second / "lists")
    assert len(inodes(second / "lists")) <= 3  # one file per bucket used, at most


def test_a_linked_file_of_one_bucket_stays_in_that_bucket(tmp_path):
    """Gap pages pick files by the bucket directory (`gaps.gap_files_sql`)."""
    first = tmp_path / "1"
    write_gap_rows(first / "gaps" / "_bucket=5", [(5, 2), (69, 3)])
    write_gap_rows(first / "gaps" / "_bucket=6", [(6, 2)])
    second = tmp_path / "2"
    carry_over(Plan(False, "lists", [], [], [5, 69], []), first, second)
    assert files(second / "gaps") == ["kept/_bucket=5/0.parquet"]
    assert kept_rows(second / "gaps", "snapshot") == [5, 69]
