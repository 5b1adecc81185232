"""When a refresh cannot build on the previous generation it recomputes everything and says
why: asked to (`--full`), no previous files, an extract appearing where there was none, or
the previous extract's files gone. Each time the numbers are a full refresh's."""

from __future__ import annotations

import shutil

import pytest

from pantau.engine import refresh
from pantau.engine.models import MemberPartition
from pantau.lake.models import Snapshot
from tests.engine.ground_truth import (
    JULY,
    A,
    F,
    G,
    assert_same_as_full,
    import_list,
    import_members,
    list_rows,
    members,
)

pytestmark = pytest.mark.usefixtures("own_data_directory")

KALTIM_LIST = list_rows((G, "64.02.05"), (F, "64"))


def test_asked_for_everything(computed):
    summary = refresh.run(JULY, full=True)
    assert summary.recomputed == {
        "full": True, "reason": "full", "lists": 3, "lists_kept": 0,
        "member_provinces": "all", "member_provinces_kept": 0,
    }  # fmt: skip


def test_the_previous_generation_files_are_gone(computed, tmp_path):
    shutil.rmtree(refresh.coverage_root() / str(computed.refresh))
    import_list(tmp_path, "64", "non_asn", KALTIM_LIST, "kaltim-2.csv")
    summary = refresh.run(JULY)
    assert (summary.recomputed["full"], summary.recomputed["reason"]) == (True, "no_previous")
    assert summary.recomputed["lists"] == 3
    assert_same_as_full(summary)


def test_a_first_extract_after_lists_alone(db, tmp_path):
    import_list(tmp_path, "64.02", "non_asn", list_rows((A, "64.02.05.2001")), "kukar.csv")
    without = refresh.run(JULY)
    assert without.counts["members"] == 0
    import_members(tmp_path, members(), "members.csv")
    summary = refresh.run(JULY)
    assert summary.recomputed["full"]
    assert summary.recomputed["reason"] == "members_appeared_or_went"
    assert summary.counts["members"] == len(members())
    assert_same_as_full(summary)


def test_the_previous_extract_files_are_gone(computed, tmp_path):
    previous = Snapshot.objects.current().get(kind="members")
    MemberPartition.objects.filter(snapshot=previous).delete()  # its digests, computed once
    shutil.rmtree(previous.absolute_path / "data")
    import_members(tmp_path, members(**{A: {"status": "inactive"}}), "members-2.csv")
    summary = refresh.run(JULY)
    assert (summary.recomputed["full"], summary.recomputed["reason"]) == (True, "members_missing")
    assert_same_as_full(summary)
