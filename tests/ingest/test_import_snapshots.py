"""Snapshots: idempotent, superseding with history, dry runs store nothing, atomic under kill -9."""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from pantau.lake.storage import collect_garbage, lake_root
from tests.ingest.files import ANDI, member, worker, write_csv
from tests.ingest.own_database import rows_of


def workers_request(path: Path, year: int = 2025, **options) -> ImportRequest:
    return ImportRequest(path=path, kind="workers", pemda_code="6402", category="non_asn",
                         year=year, **options)  # fmt: skip


def lake_rows(snapshot: Snapshot) -> list[tuple]:
    return duckdb.sql(
        f"SELECT nik, province_code FROM read_parquet('{snapshot.absolute_path}/data/**/*.parquet',"
        " hive_partitioning = true, hive_types = {'province_code': VARCHAR}) ORDER BY nik"
    ).fetchall()


def test_created_snapshot_is_catalogued_and_partitioned_by_province(db, tmp_path):
    path = write_csv(tmp_path / "w.csv", [worker(), worker(nik="64")])
    summary = import_file(workers_request(path))
    snapshot = Snapshot.objects.get(pk=summary.snapshot)
    assert summary.status == "created"
    assert (snapshot.rows, snapshot.accepted, snapshot.rejected) == (2, 1, 1)
    assert snapshot.sha256 and snapshot.rules_version and snapshot.source_name == "w.csv"
    assert snapshot.provinces == ["64"] and snapshot.is_current
    assert (snapshot.absolute_path / "data" / "province_code=64").is_dir()
    assert lake_rows(snapshot) == [("6402054507900001", "64")]
    assert Path(summary.errors_file).exists() and snapshot.errors_csv.endswith("errors.csv")


def test_same_file_again_is_unchanged_and_stores_nothing(db, tmp_path):
    path = write_csv(tmp_path / "w.csv", [worker()])
    first = import_file(workers_request(path))
    files_before = sorted(p for p in lake_root().rglob("*"))
    again = import_file(workers_request(path))
    assert (again.status, again.snapshot) == ("unchanged", first.snapshot)
    assert Snapshot.objects.count() == 1
    assert sorted(p for p in lake_root().rglob("*")) == files_before


def test_new_list_supersedes_and_history_is_kept(db, tmp_path):
    first = import_file(workers_request(write_csv(tmp_path / "a.csv", [worker()])))
    second_rows = [worker(), worker(nik=ANDI, name="Andi", sex="L", birth_date="1985-03-12")]
    second = import_file(workers_request(write_csv(tmp_path / "b.csv", second_rows)))
    old, new = Snapshot.objects.get(pk=first.snapshot), Snapshot.objects.get(pk=second.snapshot)
    assert not old.is_current and old.superseded_by == new and new.is_current
    assert len(lake_rows(old)) == 1 and len(lake_rows(new)) == 2  # nothing overwritten
    # Another category or year is another list: both stay current.
    other = import_file(workers_request(write_csv(tmp_path / "a.csv", [worker()]), year=2024))
    assert Snapshot.objects.get(pk=other.snapshot).is_current
    assert Snapshot.objects.current().count() == 2


def test_membership_snapshot_supersedes_the_same_month_only(db, tmp_path):
    def members(name, month, rows):
        path = write_csv(tmp_path / name, rows)
        return import_file(ImportRequest(path=path, kind="members", as_of=month))

    july = members("m1.csv", datetime.date(2022, 7, 1), [member()])
    august = members("m2.csv", datetime.date(2022, 8, 15), [member()])
    july_again = members("m3.csv", datetime.date(2022, 7, 1), [member(), member(nik=ANDI,
                         sex="M", birth_date="1985-03-12")])  # fmt: skip
    assert Snapshot.objects.get(pk=august.snapshot).as_of == datetime.date(2022, 8, 1)
    assert not Snapshot.objects.get(pk=july.snapshot).is_current
    assert {s.pk for s in Snapshot.objects.current()} == {august.snapshot, july_again.snapshot}


def test_dry_run_validates_and_stores_nothing(db, tmp_path):
    path = write_csv(tmp_path / "w.csv", [worker(), worker(nik="1")])
    summary = import_file(workers_request(path, dry_run=True))
    assert summary.as_json()["status"] == "dry_run" and summary.snapshot is None
    assert (summary.accepted, summary.rejected) == (1, 1)
    assert Path(summary.errors_file).exists()
    assert not Snapshot.objects.exists()
    assert not (lake_root() / "workers").exists()


def test_garbage_from_killed_imports_is_collected(db, tmp_path):
    import_file(workers_request(write_csv(tmp_path / "w.csv", [worker()])))
    orphan = lake_root() / "workers" / ("0" * 32)
    staging = lake_root() / "_staging" / "deadbeef"
    for directory in (orphan, staging):
        directory.mkdir(parents=True)
        old = time.time() - 7200
        os.utime(directory, (old, old))
    removed = collect_garbage()
    assert set(removed) == {orphan, staging}
    assert Snapshot.objects.get().absolute_path.exists()


def test_garbage_collection_skips_a_staging_directory_another_import_just_published(
    db, monkeypatch
):
    # The batch importer runs one import per core: each collects garbage while the others
    # publish (rename) their staging directories. A directory listed and then gone is
    # another import's business, not an error.
    published = lake_root() / "_staging" / "published-meanwhile"
    published.mkdir(parents=True)
    is_dir = Path.is_dir

    def seen_then_published(self):
        seen = is_dir(self)
        if self == published:
            shutil.rmtree(published)  # what the other import's rename does to this path
        return seen

    monkeypatch.setattr(Path, "is_dir", seen_then_published)
    assert collect_garbage(everything=False) == []


@pytest.fixture
def cli_env(tmp_path, set_up_homes):
    """The CLI's own data directory and database (SQLite, or a new PostgreSQL database), as
    `pantau setup` leaves them."""
    with set_up_homes.copy(tmp_path / "data") as env:
        yield env


def catalog(env) -> list[tuple[int, bool]]:
    """The snapshots in the catalog, in order: (rows accepted, in force)."""
    rows = rows_of(env, "SELECT accepted, is_current FROM lake_snapshot ORDER BY id")
    return [(accepted, bool(current)) for accepted, current in rows]


def test_kill_9_in_the_middle_leaves_the_previous_state_and_a_rerun_succeeds(tmp_path, cli_env):
    """A real process, killed while it writes a large import; the catalog never half-changes."""
    from benchmarks.ingest import make_csv

    env = cli_env

    def pantau(*args, **kwargs):
        return subprocess.run([sys.executable, "-m", "pantau", *args], env=env,
                              capture_output=True, text=True, **kwargs)  # fmt: skip

    small = write_csv(tmp_path / "small.csv", [member()])
    assert pantau("import", "members", str(small), "--as-of", "2022-07").returncode == 0
    big = tmp_path / "big.csv"
    make_csv(big, 2_000_000)

    staging = tmp_path / "data" / "lake" / "_staging"
    killed = 0
    for delay in (0.3, 1.0, 2.0):  # killed while starting, checking and writing, publishing
        process = subprocess.Popen(
            [sys.executable, "-m", "pantau", "import", "members", str(big), "--as-of", "2022-07",
             "--format", "json"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        if process.returncode == -signal.SIGKILL:
            killed += 1
            assert catalog(env) == [(1, True)], delay

    assert killed >= 2
    done = pantau("import", "members", str(big), "--as-of", "2022-07", "--format", "json")
    assert done.returncode == 0, done.stderr
    # "unchanged" when a run outlived its kill (the import takes about 3 s): then that
    # run had published the snapshot whole, which the catalog check below confirms.
    assert '"status": "created"' in done.stdout or '"status": "unchanged"' in done.stdout
    assert catalog(env) == [(1, False), (2000000, True)]
    assert not any(staging.iterdir()) if staging.exists() else True
