"""`pantau import claims FILE --format json`: issue 17's shape, "unchanged" for the same bytes,
a dry run that stores nothing, exit status 2 for a file that cannot be read."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from pantau.core.command import UsageError
from pantau.lake import storage
from pantau.lake.models import Snapshot
from tests.ingest.claims_files import ANDI, claim
from tests.ingest.files import worker, write_csv

KEYS = {"status", "snapshot", "rows", "accepted", "rejected", "flagged", "warnings",
        "errors_file"}  # fmt: skip


def run(capsys, *arguments) -> dict:
    call_command("import", "claims", *map(str, arguments), "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_json_summary_and_unchanged_on_the_same_bytes(db, tmp_path, capsys):
    rows = [claim(claim_no="K-1"), claim(claim_no="K-2", nik=ANDI, amount="1"),
            claim(claim_no="K-3", nik="123")]  # fmt: skip
    path = write_csv(tmp_path / "klaim.csv", rows)
    body = run(capsys, path)
    assert set(body) == KEYS
    # No membership extract: both accepted claims are flagged (not members), K-2 twice.
    assert (body["status"], body["rows"], body["accepted"], body["rejected"], body["flagged"],
            body["warnings"]) == ("created", 3, 2, 1, 2, 3)  # fmt: skip
    assert isinstance(body["snapshot"], int) and body["errors_file"].endswith("errors.csv")

    again = run(capsys, path)
    assert again == {**body, "status": "unchanged"}
    assert Snapshot.objects.filter(kind="claims").count() == 1


def test_dry_run_stores_nothing(db, tmp_path, capsys):
    path = write_csv(tmp_path / "klaim.csv", [claim(claim_no="K-1"), claim(claim_no="K-1")])
    body = run(capsys, path, "--dry-run")
    assert (body["status"], body["snapshot"], body["accepted"], body["rejected"]) == (
        "dry_run", None, 1, 1)  # fmt: skip
    assert not Snapshot.objects.exists()
    assert not (storage.lake_root() / "claims").exists()
    # A dry run does not make the real import "unchanged".
    assert run(capsys, path)["status"] == "created"


def test_a_text_summary_names_the_flagged(db, tmp_path, capsys):
    path = write_csv(tmp_path / "klaim.csv", [claim()])
    call_command("import", "claims", str(path))
    out = capsys.readouterr().out
    assert "diterima 1" in out and "ditandai / flagged: 1" in out


@pytest.mark.parametrize("name", ["missing", "empty", "workers", "garbage"])
def test_files_that_cannot_be_read_exit_2(db, tmp_path, name):
    files = {
        "missing": tmp_path / "nope.csv",
        "empty": tmp_path / "empty.csv",
        "workers": write_csv(tmp_path / "w.csv", [worker()]),  # no claims columns
        "garbage": tmp_path / "garbage.csv",
    }
    files["empty"].write_bytes(b"")
    files["garbage"].write_bytes(bytes(range(256)) * 16)
    with pytest.raises(UsageError) as raised:
        call_command("import", "claims", str(files[name]), "--format", "json")
    assert raised.value.returncode == 2
    assert not Snapshot.objects.exists()


def test_an_unknown_region_exits_2(db, tmp_path):
    path = write_csv(tmp_path / "klaim.csv", [claim()])
    with pytest.raises(UsageError) as raised:
        call_command("import", "claims", str(path), "--region", "99.99")
    assert raised.value.returncode == 2
