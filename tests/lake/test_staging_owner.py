"""A staging directory names its writer from the moment it exists, so the directory of an
import killed with -9 goes at the next import, whatever the import was doing when killed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from pantau.lake import storage


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return tmp_path


def a_dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_a_new_staging_directory_is_private_and_named_for_its_writer(data_dir):
    snapshot_id, path = storage.new_staging_dir()
    assert path.name == f"{snapshot_id}+{socket.gethostname()}+{os.getpid()}"
    assert path.is_dir() and not any(path.iterdir())
    assert path.stat().st_mode & 0o777 == 0o700


def test_the_staging_directory_of_a_dead_writer_goes_at_once(data_dir):
    staging = storage.lake_root() / "_staging"
    dead = staging / f"{'a' * 32}+{socket.gethostname()}+{a_dead_pid()}"
    dead.mkdir(parents=True)
    assert storage.collect_garbage(everything=False) == [dead]
    assert not dead.exists()


def test_a_living_writer_or_another_host_keeps_its_staging_directory(data_dir):
    _snapshot_id, mine = storage.new_staging_dir()
    elsewhere = mine.parent / f"{'b' * 32}+another-host+{a_dead_pid()}"
    unnamed = mine.parent / ("c" * 32)  # from an older version: goes when an hour old
    for directory in (elsewhere, unnamed):
        directory.mkdir()
    assert storage.collect_garbage(everything=False) == []
    assert mine.exists() and elsewhere.exists() and unnamed.exists()


def test_publishing_moves_the_files_under_the_snapshot_id(data_dir):
    snapshot_id, path = storage.new_staging_dir()
    (path / "part-0.parquet").write_bytes(b"PAR1")
    final = storage.publish(path, "claims", snapshot_id)
    assert final == storage.lake_root() / "claims" / snapshot_id
    assert [file.name for file in final.iterdir()] == ["part-0.parquet"]
    assert not path.exists()
