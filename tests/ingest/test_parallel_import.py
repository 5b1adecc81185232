"""`pantau import dir` with a pool of processes (the national demo's import): every list
becomes exactly one current snapshot, whatever order the processes finish in, and a second
run finds every file unchanged. Real processes, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys

from pantau.site.demo.generate import generate_files

CATALOG = (
    "import json; from pantau.lake.models import Snapshot as S;"
    "print(json.dumps(sorted([s.kind, s.pemda_id, s.category, s.year, s.accepted, s.is_current]"
    " for s in S.objects.all())))"
)


def test_a_pool_of_import_processes_registers_every_list_once(db, tmp_path, set_up_homes):
    # Two provinces' lists and members, from the demo's own generator, at a small scale.
    generated = generate_files(tmp_path / "files", scale=0.05, provinces=["64", "65"])
    worker_files = sorted((tmp_path / "files" / "workers").glob("*.csv"))
    assert len(worker_files) == generated["worker_files"] > 20

    with set_up_homes.copy(tmp_path / "data") as env:

        def pantau(*args: str) -> subprocess.CompletedProcess:
            done = subprocess.run([sys.executable, "-m", "pantau", *args], env=env,
                                  capture_output=True, text=True)  # fmt: skip
            assert done.returncode == 0, done.stderr
            return done

        command = ("import", "dir", str(tmp_path / "files"), "--processes", "2", "--format", "json")
        first = json.loads(pantau(*command).stdout)
        catalog = json.loads(pantau("shell", "-c", CATALOG).stdout.splitlines()[-1])
        again = json.loads(pantau(*command).stdout)

    assert first["refused"] == []
    assert first["statuses"] == {"created": first["files"]}
    lists = [row for row in catalog if row[0] == "workers"]
    assert len(lists) == len(worker_files)  # one snapshot per file: none lost, none twice
    assert all(current for *_, current in lists)
    assert len({tuple(row[1:4]) for row in lists}) == len(lists)
    assert sum(row[4] for row in catalog) == first["accepted"]
    assert again["statuses"] == {"unchanged": first["files"]}
    assert not any((tmp_path / "data" / "lake" / "_staging").glob("*"))
