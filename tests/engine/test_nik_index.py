"""The NIK index of a membership extract (`engine.nik_index`): each province partition's NIK
numbers sorted in a private file, built once by the worker after the import, found again by
the refresh, and gone with its extract."""

from __future__ import annotations

import os
import shutil
import stat
import time

import pytest

from pantau.engine import nik_index
from pantau.engine.reconcile import MemberExtract
from pantau.lake.models import Snapshot
from tests.engine.ground_truth import BRANCH, A, B, C, D, E, I, import_extract

pytestmark = pytest.mark.usefixtures("own_data_directory")


def number(nik: str) -> int:
    return int(nik)


def extract(snapshot: int, nik_numbers: bool = True) -> MemberExtract:
    return MemberExtract(snapshot, "lake/members/x", nik_numbers=nik_numbers)


def test_each_nik_is_found_in_the_province_holding_its_row(national):
    directories, built = nik_index.prepare()
    assert built == 1 and directories == [nik_index.index_dir(national)]
    found = directories[0]
    # A, B, C and E work in East Kalimantan (64), I in North Kalimantan (65).
    assert sorted(path.name for path in found.iterdir()) == ["64.npy", "65.npy"]

    def holding(*people):
        return nik_index.provinces_holding(directories, [number(p) for p in people])

    assert holding(A) == {"64"} and holding(I) == {"65"} and holding(A, I) == {"64", "65"}
    assert holding(D) == set()  # no extract row: no partition
    assert holding() == set()
    # Built once: the next call finds it.
    assert nik_index.prepare()[1] == 0


def test_the_files_are_private(national):
    found = nik_index.prepare()[0][0]
    assert stat.S_IMODE(found.stat().st_mode) == 0o700
    assert {stat.S_IMODE(path.stat().st_mode) for path in found.iterdir()} == {0o600}


def test_an_extract_without_an_index_gives_none_to_read(national, tmp_path):
    nik_index.prepare()
    branch = import_extract(tmp_path, BRANCH, "branch.csv", region="64.71")
    extracts = [extract(national), extract(branch), MemberExtract(99, None)]  # 99: no rows
    assert nik_index.directories(extracts) == ()  # the branch's is not built yet
    nik_index.prepare()
    assert nik_index.directories(extracts) == (nik_index.index_dir(national),
                                               nik_index.index_dir(branch))  # fmt: skip
    # An extract whose files hold no NIK numbers is scanned.
    assert nik_index.directories([extract(national, nik_numbers=False)]) == ()


def test_an_index_removed_while_read_gives_none(national):
    found = nik_index.prepare()[0]
    shutil.rmtree(found[0])
    assert nik_index.provinces_holding(found, [number(B)]) is None


def test_indexes_go_with_their_extracts(national, tmp_path):
    branch = import_extract(tmp_path, BRANCH, "branch.csv", region="64.71")
    nik_index.prepare()
    root = nik_index.index_root()
    (root / f"{national}.v0").mkdir()  # an older layout
    (root / ".left-by-a-crash").mkdir()
    os.utime(root / ".left-by-a-crash", (time.time() - 2 * 86_400,) * 2)
    (root / ".being-built").mkdir()
    directories, built = nik_index.prepare()
    assert built == 0 and len(directories) == 2
    kept = [".being-built", f"{national}.v1", f"{branch}.v1"]
    assert sorted(p.name for p in root.iterdir()) == kept
    # Set aside: its index goes (built again if the extract comes back).
    Snapshot.objects.filter(pk=branch).update(is_current=False)
    directories, built = nik_index.prepare()
    assert built == 0 and directories == [nik_index.index_dir(national)]
    assert sorted(p.name for p in root.iterdir()) == [".being-built", f"{national}.v1"]
    Snapshot.objects.filter(pk=branch).update(is_current=True)
    assert nik_index.prepare()[1] == 1


def test_an_import_queues_the_index_and_the_worker_builds_it(db, tmp_path, settings):
    # The worker runs the queued task at once here (`pantau serve` runs it in the background).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    extract = import_extract(tmp_path, {C: {"region_code": "64.71.02", "status": "active"},
                                        E: {"region_code": "65.01", "status": "active"}},
                             "members.csv")  # fmt: skip
    found = nik_index.index_dir(extract)
    assert sorted(path.name for path in found.iterdir()) == ["64.npy", "65.npy"]
    assert nik_index.provinces_holding([found], [number(E)]) == {"65"}
