"""`pantau backup` and `pantau restore` (issue 21): a restore drill into a new, empty data
directory and database gives back the same numbers, accounts, histories and lake files; a
restore refuses a directory or database that holds data and a backup whose files do not match
its manifest; a second backup into the same directory copies only new files; everything is
written 0600/0700. Real `pantau` processes, on SQLite and (when the suite runs on it)
PostgreSQL, each installation with a database of its own."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ingest.files import write_csv
from tests.ingest.own_database import own_database

FACTS = "from tests.site.backup_world import facts; facts()"


class Installation:
    def __init__(self, data_dir: Path, env: dict[str, str]) -> None:
        self.data_dir = data_dir
        self.env = env

    def logging_to_file(self) -> Installation:
        """The same installation as a server runs it: its log file in `logs/` of the data
        directory, created by every `pantau` at start (deploy/pantau.env.example)."""
        log = self.data_dir / "logs" / "pantau.log"
        return Installation(self.data_dir, {**self.env, "PANTAU_LOG_FILE": str(log)})

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pantau", *args], env=self.env,
                              capture_output=True, text=True)  # fmt: skip

    def ok(self, *args: str) -> str:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def json(self, *args: str) -> dict:
        return json.loads(self.ok(*args, "--format", "json"))

    def facts(self) -> dict:
        found = json.loads(self.ok("shell", "-c", FACTS).splitlines()[-1])
        assert found.pop("data_dir") == str(self.data_dir)
        return found


@contextlib.contextmanager
def installation(data_dir: Path):
    """A data directory and a database of their own (a new PostgreSQL database when the suite
    runs on PostgreSQL), empty."""
    with own_database(data_dir) as env:
        yield Installation(data_dir, env)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The installation backed up: built once for the module."""
    directory = tmp_path_factory.mktemp("source")
    with installation(directory / "data") as made:
        build = f"from tests.site.backup_world import build; build({str(directory)!r})"
        made.ok("shell", "-c", build)
        yield made


@pytest.fixture
def fresh(tmp_path):
    with installation(tmp_path / "restored") as made:
        yield made


def test_a_restore_drill_gives_back_the_same_numbers_users_histories_and_files(
    source, fresh, tmp_path
):
    # The worker has run (the queue is empty): the source's NIK indexes are built.
    source.ok("worker", "--batch", "--no-startup-delay")
    assert [path.name for path in (source.data_dir / "cache" / "nik-index").iterdir()]
    before = source.facts()
    made = source.json("backup", "--out", str(tmp_path / "backup"))
    restored = fresh.json("restore", str(tmp_path / "backup"))

    assert made["status"] == "created" and restored["status"] == "restored"
    assert made["files"] == restored["files"] > 0
    assert made["counts"] == restored["counts"]
    assert made["counts"]["accounts.user"] == 2
    assert made["counts"]["monev.meetingversion"] == 1
    assert made["counts"]["audit.auditevent"] == 2
    assert made["counts"]["engine.listcoverage"] > 0
    vendor = "postgresql" if "DATABASE_URL" in source.env else "sqlite"
    assert restored["database"]["vendor"] == made["database"]["vendor"] == vendor
    assert restored["pending_migrations"] == []
    after = fresh.facts()
    assert after == before
    assert before["generations"] and before["evidence"] and len(before["lake"]) >= 5
    # The restored installation works: a refresh finds nothing changed.
    assert fresh.json("refresh")["status"] == "unchanged"
    # The extracts' NIK indexes are not backed up (`cache/`): the restore queued them, the
    # worker builds them again (engine/nik_index.py).
    indexes = fresh.data_dir / "cache" / "nik-index"
    assert not indexes.exists()
    fresh.ok("worker", "--batch", "--no-startup-delay")
    assert [path.name for path in indexes.iterdir()]


def test_backup_and_restore_write_private_files(source, fresh, tmp_path):
    # As on a server: a log file in the data directory, not backed up, and no obstacle to a
    # restore into a fresh directory although `pantau restore` itself creates it.
    source.logging_to_file().ok("backup", "--out", str(tmp_path / "backup"))
    fresh.logging_to_file().ok("restore", str(tmp_path / "backup"))
    assert (source.data_dir / "logs" / "pantau.log").exists()
    assert (fresh.data_dir / "logs" / "pantau.log").exists()
    for root in (tmp_path / "backup", fresh.data_dir / "lake", fresh.data_dir / "monev-evidence"):
        paths = [root, *root.rglob("*")]
        assert len(paths) > 2
        for path in paths:
            mode = stat.S_IMODE(path.stat().st_mode)
            assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    listed = {entry["path"] for entry in manifest["files"]}
    assert "secret_key" in listed
    assert not any(
        path.startswith(("tmp/", "static/", "logs/", "lake/_staging")) for path in listed
    )
    key = "secret_key"
    assert (fresh.data_dir / key).read_text() == (source.data_dir / key).read_text()


def test_a_second_backup_into_the_same_directory_copies_only_new_files(source, tmp_path):
    out = str(tmp_path / "backup")
    first = source.json("backup", "--out", out)
    assert first["files_copied"] == first["files"]
    again = source.json("backup", "--out", out)
    assert (again["files"], again["files_copied"], again["bytes_copied"]) == (first["files"], 0, 0)
    assert len(list((tmp_path / "backup" / "database").iterdir())) == 1  # the older copy went
    manifest = tmp_path / "backup" / "manifest.json"
    backed_up = {entry["path"] for entry in json.loads(manifest.read_text())["files"]}

    rows = [{"nik": "6402050103850001", "name": "Orang Baru", "birth_date": "1985-03-01",
             "sex": "L", "region_code": "64.02.05", "position": "Staf",
             "monthly_income": "3000000"}]  # fmt: skip
    path = write_csv(tmp_path / "baru.csv", rows)
    source.ok("import", "workers", str(path), "--pemda", "64.72", "--category", "non_asn",
              "--year", "2022")  # fmt: skip
    third = source.json("backup", "--out", out)
    new = [e for e in json.loads(manifest.read_text())["files"] if e["path"] not in backed_up]
    assert new and all(entry["path"].startswith("lake/workers/") for entry in new)
    assert third["files"] == first["files"] + len(new)
    assert third["files_copied"] == len(new)
    assert third["bytes_copied"] == sum(entry["bytes"] for entry in new) < third["bytes_total"]


def test_restore_refuses_a_data_directory_or_database_that_holds_data(source, fresh, tmp_path):
    source.ok("backup", "--out", str(tmp_path / "backup"))
    into_source = source.run("restore", str(tmp_path / "backup"))
    assert into_source.returncode == 2
    assert "Pemulihan hanya ke direktori data dan basis data yang kosong" in into_source.stderr
    assert "A restore goes only into an empty data directory and database" in into_source.stderr
    assert "Nothing was overwritten" in into_source.stderr

    fresh.data_dir.mkdir()
    (fresh.data_dir / "catatan.txt").write_text("milik operator")  # an empty database
    refused = fresh.run("restore", str(tmp_path / "backup"))
    assert refused.returncode == 2 and "catatan.txt" in refused.stderr
    assert sorted(p.name for p in fresh.data_dir.iterdir() if p.name != "tmp") == [
        "catatan.txt", *(["pantau.sqlite3"] if "DATABASE_URL" not in fresh.env else []),
        "secret_key",
    ]  # fmt: skip
    (fresh.data_dir / "catatan.txt").unlink()
    fresh.ok("migrate", "-v0")  # an empty data directory, a database with tables
    refused = fresh.run("restore", str(tmp_path / "backup"))
    assert refused.returncode == 2 and "tabel / tables" in refused.stderr


def test_restore_refuses_a_tampered_backup_and_writes_nothing(source, fresh, tmp_path):
    source.ok("backup", "--out", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    parquet = next(e for e in manifest["files"] if e["path"].endswith(".parquet"))
    copy = tmp_path / "backup" / "files" / parquet["path"]
    content = bytearray(copy.read_bytes())
    content[len(content) // 2] ^= 0xFF  # one byte: the same size, another hash
    copy.write_bytes(bytes(content))

    refused = fresh.run("restore", str(tmp_path / "backup"))
    assert refused.returncode == 2, refused.stderr
    assert f"Cadangan rusak: berkas {parquet['path']} tidak cocok dengan manifest" in (
        refused.stderr)  # fmt: skip
    assert "The backup is damaged" in refused.stderr and "nothing was restored" in refused.stderr
    assert not (fresh.data_dir / "lake").exists()
    assert not any((fresh.data_dir / "tmp").glob("restore-*"))
    missing = fresh.run("shell", "-c", "from pantau.lake.models import Snapshot as S; "
                                       "print(S.objects.count())")  # fmt: skip
    assert missing.returncode != 0  # no table: the database was not loaded either

    shutil.copy(source.data_dir / parquet["path"], copy)  # put right: the same backup restores
    assert fresh.json("restore", str(tmp_path / "backup"))["status"] == "restored"


def test_restore_refuses_another_database_vendor_and_a_directory_without_manifest(
    source, fresh, tmp_path
):
    source.ok("backup", "--out", str(tmp_path / "backup"))
    path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(path.read_text())
    other = "postgresql" if manifest["database"]["vendor"] == "sqlite" else "sqlite"
    path.write_text(json.dumps({**manifest, "database": {**manifest["database"], "vendor": other}}))
    refused = fresh.run("restore", str(tmp_path / "backup"))
    assert refused.returncode == 2
    assert "SQLite ke PostgreSQL, atau sebaliknya, tidak didukung" in refused.stderr
    assert "SQLite into PostgreSQL, or the reverse, is not supported" in refused.stderr

    nothing = fresh.run("restore", str(tmp_path))
    assert nothing.returncode == 2 and "not a Pantau backup" in nothing.stderr
    inside = source.run("backup", "--out", str(source.data_dir / "cadangan"))
    assert inside.returncode == 2 and "must be outside the data directory" in inside.stderr
    # A backup removes what its manifest does not list: never in a directory of other files.
    (tmp_path / "dokumen").mkdir()
    (tmp_path / "dokumen" / "surat.pdf").write_bytes(b"%PDF-")
    elsewhere = source.run("backup", "--out", str(tmp_path / "dokumen"))
    assert elsewhere.returncode == 2 and "holds other files (surat.pdf)" in elsewhere.stderr
    assert os.listdir(tmp_path / "dokumen") == ["surat.pdf"]


def test_a_generation_in_force_missing_from_the_lake_makes_an_incomplete_backup(source, tmp_path):
    # Files of the generation in force gone, and a second copy of the database naming the
    # same generation (no refresh replaced it): the backup is written without them and says
    # so with status 1. (A generation replaced during a backup: test_backup_during_refresh.py.)
    out = tmp_path / "backup"
    coverage = source.data_dir / "lake" / "coverage"
    (generation,) = [path.name for path in coverage.iterdir()]
    shutil.move(coverage, tmp_path / "aside")
    try:
        done = source.run("backup", "--out", str(out), "--format", "json")
    finally:
        shutil.move(tmp_path / "aside", coverage)
    assert done.returncode == 1
    made = json.loads(done.stdout)
    assert made["status"] == "incomplete" and made["attempts"] == 2
    assert made["missing"] == [f"lake/coverage/{generation}"]
    assert "Cadangan tidak lengkap: 1 berkas atau direktori" in done.stderr
    assert "Incomplete backup" in done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["missing"] == made["missing"]
    assert not any(entry["path"].startswith("lake/coverage/") for entry in manifest["files"])
    assert len(list((out / "database").iterdir())) == 1  # the first attempt's copy went
