"""Files holding person-level data are 0600 and their directories 0700, whatever the umask:
the SQLite database (and its -wal and -shm), lake snapshots, gap files, error reports."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pantau.core.paths import restrict_data_dir
from tests.engine.ground_truth import build_ground_truth
from tests.ingest.files import SITI, WORKER_HEADER, worker, write_csv


@pytest.fixture(autouse=True)
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def refreshed(db, settings, tmp_path):
    """The engine's ground truth, refreshed in a data directory of the test's own."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return build_ground_truth(tmp_path)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def not_private(root: Path) -> list[str]:
    """Everything under `root` (not `root` itself, the operator's) that others could read."""
    found = []
    for path in root.rglob("*"):
        wanted = 0o700 if path.is_dir() else 0o600
        if mode(path) != wanted:
            found.append(f"{path.relative_to(root)} {oct(mode(path))}")
    return found


def test_sqlite_database_and_its_wal_and_shm_are_private(tmp_path):
    # A process of its own: the settings create the database file when they load. The
    # -wal and -shm files exist while a connection is open, so that process looks.
    data = tmp_path / "new-data-dir"
    script = (
        "import os, django; django.setup();"
        "from django.db import connection;"
        "connection.cursor().execute('CREATE TABLE t (x integer)');"
        "connection.cursor().execute('INSERT INTO t VALUES (1)');"
        "name = connection.settings_dict['NAME'];"
        "print([oct(os.stat(name + suffix).st_mode & 0o777) for suffix in ('', '-wal', '-shm')])"
    )
    env = {**os.environ, "PANTAU_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "pantau.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", script], env=env, check=True, umask=0o022,
                            capture_output=True, text=True)  # fmt: skip
    assert result.stdout.strip() == "['0o600', '0o600', '0o600']"
    assert mode(data) == 0o700  # created by Pantau: its own


def test_lake_snapshots_gap_files_and_error_reports_are_private(refreshed, tmp_path, settings):
    from pantau.ingest.importer import import_file
    from pantau.ingest.types import ImportRequest

    rows = [worker(nik=SITI), worker(nik="640205150790000", name="Ahmad Yani")]
    summary = import_file(ImportRequest(path=write_csv(tmp_path / "bad.csv", rows, WORKER_HEADER),
                                        kind="workers", pemda_code="64.02", category="rt_rw",
                                        year=2022))  # fmt: skip
    assert summary.rejected == 1 and summary.errors_file
    lake = Path(settings.DATA_DIR) / "lake"
    assert list(lake.glob("coverage/*/gaps/*/*.parquet")), "the refresh wrote gap files"
    assert list(lake.rglob("errors.csv")) and list(lake.rglob("errors.xlsx"))
    assert not_private(lake) == []


def test_setup_makes_what_an_older_version_wrote_private(tmp_path):
    data = tmp_path / "old-install"
    snapshot = data / "lake" / "workers" / "abc" / "data" / "prov=64"
    snapshot.mkdir(parents=True)
    (snapshot / "part-0.parquet").write_bytes(b"PAR1")
    (data / "reports" / "dry-run").mkdir(parents=True)
    (data / "reports" / "dry-run" / "errors.csv").write_text("baris\n")
    (data / "pantau.sqlite3").write_bytes(b"")
    (data / "media").mkdir()  # not person-level by this rule: left alone
    restrict_data_dir(data)
    assert not_private(data / "lake") == [] and not_private(data / "reports") == []
    assert mode(data / "lake") == mode(data / "reports") == 0o700
    assert mode(data / "pantau.sqlite3") == 0o600
    assert mode(data / "media") == 0o755
