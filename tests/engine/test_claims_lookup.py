"""The claims' membership lookups (`claims_lookup`): the pair files give the numbers and
flagged rows of a direct join with the extracts' rows, over several claims files and
extracts; a pair's file is written when the pair meets (at the import, else at the refresh),
once, private, and read again by a full refresh; files
whose snapshot the catalog no longer has are deleted, files of snapshots set aside are kept."""

from __future__ import annotations

import datetime
import os
import stat
import time

import duckdb
import pytest

from pantau.engine import claims, claims_lookup
from pantau.engine.backends import duckdb as duckdb_backend
from pantau.engine.claims_refresh import claim_snapshots, member_snapshots
from pantau.lake.models import Snapshot
from tests.engine.claims_world import (
    JULY,
    X,
    build_claims_world,
    claim,
    import_members,
    write_claims,
)
from tests.engine.ground_truth import B, member_row

pytestmark = pytest.mark.usefixtures("own_data_directory")


def flagged_rows(directory) -> tuple[list, list[tuple]]:
    """The column types and the sorted rows of a generation's flagged claims."""
    relation = duckdb.sql(f"SELECT * FROM '{directory}/flagged/*.parquet'")
    return [str(t) for t in relation.types], sorted(relation.fetchall(), key=repr)


@pytest.mark.parametrize(("files", "claims_count", "flagged"), [
    (3, 6, {"K2", "K3", "K5"}),  # claims in force across files: the flagged rows via `checked`
    (1, 4, {"K2", "K3", "K4"}),  # one file: its flagged rows read once, from the facts
])  # fmt: skip
def test_pair_files_give_the_direct_join_s_numbers(db, tmp_path, files, claims_count, flagged):
    first, second = build_claims_world(tmp_path)
    # B's event between its enrolments: before July's (2022-03-01), not before June's
    # (2021-06-01), the earliest: kept in July's pair file only, so not flagged.
    third = write_claims([claim("K6", B, "JKK", "accident", datetime.date(2021, 12, 1),
                                datetime.date(2022, 7, 9), 1_000_000, "64.02.05", "employer")],
                         "third.csv")  # fmt: skip
    if files == 1:
        Snapshot.objects.filter(pk__in=[second.pk, third.pk]).update(is_current=False)
    claim_files = [(s.pk, str(s.absolute_path)) for s in claim_snapshots()]
    extracts = [str(s.absolute_path) for s in member_snapshots()]
    assert len(claim_files) == files and len(extracts) == 2
    lookups, _ = claims_lookup.prepare()
    assert len(lookups) == 2 * files

    direct_rows, direct = duckdb_backend.compute_claims(claim_files, extracts,
                                                        tmp_path / "direct")  # fmt: skip
    rows, result = duckdb_backend.compute_claims(claim_files, extracts, tmp_path / "pairs",
                                                 lookups)  # fmt: skip

    assert sorted(rows) == sorted(direct_rows)
    assert result.counts == direct.counts == {"claims": claims_count, "flagged": 3}
    assert flagged_rows(tmp_path / "pairs") == flagged_rows(tmp_path / "direct")
    assert {row[0] for row in flagged_rows(tmp_path / "pairs")[1]} == flagged


def test_the_pair_files_of_a_new_claims_file_are_written_when_asked(db, tmp_path):
    build_claims_world(tmp_path)
    claims_lookup.prepare()  # what the worker does after the world's imports
    # Written straight into the lake: no import queued its pair files.
    write_claims([claim("K6", B, "JKK", "accident", datetime.date(2021, 12, 1),
                        datetime.date(2022, 7, 9), 1_000_000, "64.02.05", "employer")],
                 "third.csv")  # fmt: skip
    # The world's two files met the extracts when these were imported; the third one now.
    lookups, written = claims_lookup.prepare()
    assert written == 2 and sorted(lookups) == sorted(claims_lookup.lookup_root().iterdir())


def test_a_refresh_writes_missing_pair_files_once_and_private(db, tmp_path):
    build_claims_world(tmp_path)  # no worker ran the queued tasks: no pair file yet
    assert not claims_lookup.lookup_root().exists()
    first = claims.refresh_claims()
    assert first["timings"]["claims_lookup"] > 0
    files = sorted(claims_lookup.lookup_root().iterdir())
    assert len(files) == 4  # two claims files × two extracts
    assert {stat.S_IMODE(path.stat().st_mode) for path in files} == {0o600}
    written = {path: path.stat().st_mtime_ns for path in files}

    full = claims.refresh_claims(full=True)
    assert full["status"] == "created" and full["counts"] == first["counts"]
    assert {path: path.stat().st_mtime_ns for path in files} == written


def test_files_go_with_their_snapshots(db, tmp_path):
    first, second = build_claims_world(tmp_path)
    claims_lookup.prepare()
    root = claims_lookup.lookup_root()
    (root / "1-1.v0.parquet").write_bytes(b"an older layout")
    (root / ".left-by-a-crash").write_bytes(b"")
    os.utime(root / ".left-by-a-crash", (time.time() - 2 * 86_400,) * 2)
    (root / ".being-written").write_bytes(b"")
    # Set aside: the files stay (the lake keeps the snapshot's files too).
    Snapshot.objects.filter(pk=second.pk).update(is_current=False)
    lookups, written = claims_lookup.prepare()
    assert written == 0 and len(lookups) == 2
    kept = sorted(path.name for path in root.iterdir())
    assert kept[0] == ".being-written" and len(kept) == 5
    assert all(name.startswith(f"{first.pk}-") for name in kept[1:3])
    # Gone from the catalog: its files are deleted, as are other names.
    Snapshot.objects.filter(pk=second.pk).delete()
    claims_lookup.prepare()
    left = sorted(path.name for path in root.iterdir())
    assert left == [".being-written", *sorted(p.name for p in lookups)]


def test_an_import_queues_the_pair_files_and_the_worker_writes_them(db, tmp_path, settings):
    # The worker runs the queued task at once here (`pantau serve` runs it in the background).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    first, second = build_claims_world(tmp_path)
    assert len(list(claims_lookup.lookup_root().iterdir())) == 4
    import_members(tmp_path, [member_row(X, paid_until="2022-07", status="active",
                                         enrolled_on="2020-01-01", region_code="64.71")],
                   JULY, "x.csv", region="64.71")  # fmt: skip
    assert len(list(claims_lookup.lookup_root().iterdir())) == 6
    refreshed = claims.refresh_claims()
    assert refreshed["timings"]["claims_lookup"] < 0.05 and refreshed["counts"]["flagged"] == 2
