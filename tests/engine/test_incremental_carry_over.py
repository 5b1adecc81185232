"""Carrying the kept units of the previous generation over (`incremental.carry_over`): the kept
lists' gap files hard-linked (copied where the file system cannot link), partial files of
kept units alone hard-linked, the kept rows of the others copied into bucket files under
`kept/`, nothing else; and the provinces a generation holds member partials of."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest

from pantau.engine import incremental
from pantau.engine.incremental import Plan, _link_tree, _provinces_in, carry_over
from tests.engine.small_lake import write_list_partials, write_member_partials

pytestmark = pytest.mark.usefixtures("own_data_directory")


@pytest.fixture
def previous_dir(tmp_path):
    """A generation of lists 1, 2, 3 (3 without gap rows) and provinces 61, 64, 65; a quote
    in its path."""
    directory = tmp_path / "coverage's" / "1"
    for snapshot in (1, 2):
        gaps = directory / "gaps" / f"snapshot={snapshot}"
        gaps.mkdir(parents=True)
        (gaps / "data_0.parquet").write_bytes(b"gap rows of %d" % snapshot)
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


def gap_files(directory: Path) -> list[str]:
    return [name for name in files(directory) if name.startswith("gaps/")]


def kept_rows(directory: Path, column: str) -> list:
    """`column` of every partial row carried over into `directory` (`kept/**`)."""
    found = sorted(directory.glob("kept/**/*.parquet"))
    assert found and all(p.relative_to(directory).parts[0] == "kept" for p in found)
    return sorted(value for path in found for value in rows(path, column))


# The directories the engine already wrote into the new generation before the carry-over.
@pytest.mark.parametrize("written", [(), ("gaps/snapshot=9", "lists", "members")])
def test_the_kept_units_are_carried_over_and_only_they(tmp_path, previous_dir, written):
    out = tmp_path / "coverage's" / "2.staging"
    for name in written:
        (out / name).mkdir(parents=True)
    plan = Plan(False, "members", [], ["64"], kept_lists=[3, 1], kept_provinces=["61", "65"])
    carry_over(plan, previous_dir, out)
    assert gap_files(out) == ["gaps/snapshot=1/data_0.parquet"]
    assert {name.split("/")[0] for name in files(out)} == {"gaps", "lists", "members"}
    linked = out / "gaps" / "snapshot=1" / "data_0.parquet"
    assert linked.stat().st_ino == (previous_dir / "gaps/snapshot=1/data_0.parquet").stat().st_ino
    assert kept_rows(out / "lists", "snapshot") == [1, 1, 3]
    assert kept_rows(out / "members", "province_code") == ["61", "65"]


def test_a_kept_list_without_gap_rows_has_its_partials_alone_carried_over(tmp_path, previous_dir):
    out = tmp_path / "new" / "2"
    carry_over(Plan(False, "lists", [], [], [3], []), previous_dir, out)
    assert gap_files(out) == [] and not (out / "members").exists()
    assert kept_rows(out / "lists", "snapshot") == [3]


def test_two_kept_lists_with_gap_rows_are_both_linked(tmp_path, previous_dir):
    out = tmp_path / "2"
    carry_over(Plan(False, "lists", [], [], [1, 2], []), previous_dir, out)
    assert gap_files(out) == ["gaps/snapshot=1/data_0.parquet", "gaps/snapshot=2/data_0.parquet"]
    assert kept_rows(out / "lists", "snapshot") == [1, 1, 2]


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
def test_gap_files_that_cannot_be_linked_are_copied(tmp_path):
    source = Path(tempfile.mkdtemp(dir=_other_file_system())) / "snapshot=1"
    try:
        source.mkdir()
        (source / "data_0.parquet").write_bytes(b"gap rows")
        (source / "data_1.parquet").write_bytes(b"more gap rows")
        target = tmp_path / "2" / "gaps" / "snapshot=1"
        _link_tree(source, target)
        assert files(target) == ["data_0.parquet", "data_1.parquet"]
        assert (target / "data_1.parquet").read_bytes() == b"more gap rows"
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
    monkeypatch.setattr(incremental, "MAX_FILES", 2)
    first = tmp_path / "1"
    for snapshot in (1, 2, 3):
        write_list_partials(first / "lists" / str(snapshot),
                            [(snapshot, "64", "non_asn", 1, 1, 0, 0)])  # fmt: skip
    second = tmp_path / "2"
    carry_over(Plan(False, "lists", [], [], [1, 2, 3], []), first, second)
    assert kept_rows(second / "lists", "snapshot") == [1, 2, 3]
    assert not inodes(first / "lists") & inodes(second / "lists")
    assert len(inodes(second / "lists")) <= 3  # one file per bucket used, at most


def test_gap_files_are_linked_not_copied_and_a_nested_directory_comes_along(tmp_path):
    source = tmp_path / "1" / "gaps" / "snapshot=7"
    (source / "part").mkdir(parents=True)
    (source / "data_0.parquet").write_bytes(b"gap rows")
    (source / "part" / "data_1.parquet").write_bytes(b"more gap rows")
    target = tmp_path / "2" / "gaps" / "snapshot=7"
    _link_tree(source, target)
    assert (target / "data_0.parquet").stat().st_ino == (source / "data_0.parquet").stat().st_ino
    assert (target / "part" / "data_1.parquet").read_bytes() == b"more gap rows"
    flat = tmp_path / "1" / "gaps" / "snapshot=8"
    flat.mkdir()
    (flat / "data_0.parquet").write_bytes(b"rows")
    _link_tree(flat, tmp_path / "2" / "gaps" / "snapshot=8")
    linked = tmp_path / "2" / "gaps" / "snapshot=8" / "data_0.parquet"
    assert linked.stat().st_ino == (flat / "data_0.parquet").stat().st_ino
    _link_tree(tmp_path / "1" / "gaps" / "snapshot=9", tmp_path / "2" / "gaps" / "snapshot=9")
    assert not (tmp_path / "2" / "gaps" / "snapshot=9").exists()  # a list without gap rows
