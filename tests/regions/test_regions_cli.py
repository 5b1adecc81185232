"""`pantau regions show` and `pantau setup`, run as a user would: a real process."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from pantau.core.command import UsageError


def test_show_json_lists_children_and_descendant_counts(db, capsys):
    call_command("regions", "show", "6402", "--format", "json")
    body = json.loads(capsys.readouterr().out)
    assert body["code"] == "64.02"
    assert body["parent_code"] == "64"
    assert len(body["children"]) == 20
    assert body["descendants"] == {"district": 20, "village": 237}


def test_show_json_for_a_province_counts_every_level_below(db, capsys):
    call_command("regions", "show", "64", "--format", "json")
    body = json.loads(capsys.readouterr().out)
    assert set(body["descendants"]) == {"regency", "city", "district", "village"}
    assert body["descendants"]["regency"] == 7 and body["descendants"]["city"] == 3


@pytest.mark.parametrize("code", ["99.99", "nonsense"])
def test_unknown_code_is_a_usage_error(db, code):
    with pytest.raises(UsageError) as raised:
        call_command("regions", "show", code)
    assert raised.value.returncode == 2


def pantau(*args: str, data_dir) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args], capture_output=True, text=True, env=env
    )


def test_fresh_data_directory_end_to_end(tmp_path):
    """setup twice (the second changes nothing), show a region, refuse a bad code cleanly."""
    first = pantau("setup", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "created (91599" in first.stdout
    database = tmp_path / "pantau.sqlite3"
    assert (tmp_path / "secret_key").exists()

    second = pantau("setup", data_dir=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "unchanged (91599" in second.stdout

    shown = pantau("regions", "show", "64.02.05.2001", "--format", "json", data_dir=tmp_path)
    assert json.loads(shown.stdout)["parent_code"] == "64.02.05"

    for bad in ("99.99", "64.0x"):
        failed = pantau("regions", "show", bad, data_dir=tmp_path)
        assert failed.returncode == 2
        assert "Traceback" not in failed.stderr
        assert len(failed.stderr.strip().splitlines()) == 1
        assert bad in failed.stderr
    assert database.exists()
