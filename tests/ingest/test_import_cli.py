"""`pantau import …` as a person at a terminal runs it: JSON out, one-line errors, status 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from pantau.core.command import UsageError
from tests.ingest.files import worker, write_csv


def test_json_summary(db, tmp_path, capsys):
    path = write_csv(tmp_path / "w.csv", [worker(), worker(nik="123")])
    call_command("import", "workers", str(path), "--pemda", "64.02", "--category", "non_asn",
                 "--year", "2025", "--format", "json")  # fmt: skip
    body = json.loads(capsys.readouterr().out)
    assert set(body) == {"status", "snapshot", "rows", "accepted", "rejected", "warnings",
                         "errors_file"}  # fmt: skip
    assert (body["status"], body["rows"], body["accepted"], body["rejected"]) == (
        "created", 2, 1, 1)  # fmt: skip
    assert isinstance(body["snapshot"], int) and body["errors_file"].endswith("errors.csv")

    call_command("import", "workers", str(path), "--pemda", "6402", "--category", "non_asn",
                 "--year", "2025", "--format", "json")  # fmt: skip
    assert json.loads(capsys.readouterr().out)["status"] == "unchanged"

    call_command("import", "workers", str(path), "--pemda", "6402", "--category", "non_asn",
                 "--year", "2025", "--format", "json", "--dry-run")  # fmt: skip
    body = json.loads(capsys.readouterr().out)
    assert (body["status"], body["snapshot"]) == ("dry_run", None)


def test_text_summary_names_the_report(db, tmp_path, capsys):
    path = write_csv(tmp_path / "w.csv", [worker(nik="123")])
    call_command("import", "workers", str(path), "--pemda", "64.02", "--category", "non_asn",
                 "--year", "2025")  # fmt: skip
    out = capsys.readouterr().out
    assert "ditolak 1" in out and "errors.csv" in out


@pytest.mark.parametrize(
    "arguments",
    [
        ["workers", "{missing}", "--pemda", "64.02", "--category", "non_asn", "--year", "2025"],
        ["workers", "{good}", "--pemda", "99.99", "--category", "non_asn", "--year", "2025"],
        ["workers", "{good}", "--pemda", "64.02.05", "--category", "non_asn", "--year", "2025"],
        ["workers", "{empty}", "--pemda", "64.02", "--category", "non_asn", "--year", "2025"],
        ["members", "{good}", "--as-of", "2022-07"],  # a worker list is not a membership file
    ],
)
def test_files_that_cannot_be_read_exit_2(db, tmp_path, arguments):
    good = write_csv(tmp_path / "w.csv", [worker()])
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    names = {"missing": tmp_path / "nope.csv", "good": good, "empty": empty}
    arguments = [a.format(**names) for a in arguments]
    with pytest.raises(UsageError) as raised:
        call_command("import", *arguments)
    assert raised.value.returncode == 2


def test_a_real_process_prints_one_line_and_no_traceback(tmp_path, set_up_homes):
    binary = tmp_path / "garbage.csv"
    binary.write_bytes(os.urandom(4096))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(tmp_path / "empty")
    command = [sys.executable, "-m", "pantau", "import", "members", str(binary), "--as-of",
               "2022-07", "--format", "json"]  # fmt: skip

    unprepared = subprocess.run(command, capture_output=True, text=True, env=env)
    assert unprepared.returncode == 2 and "pantau setup" in unprepared.stderr
    assert len(unprepared.stderr.strip().splitlines()) == 1

    with set_up_homes.copy(tmp_path / "data", postgres=False) as env:
        done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert "tidak dapat dibaca" in done.stderr
