"""`pantau demo --no-serve`: a fresh data directory with demo accounts, printed."""

import os
import subprocess
import sys


def run_demo(data_dir):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pantau",
            "demo",
            "--no-serve",
            "--scale",
            "0.05",
            "--provinces",
            "64,65",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )


def test_demo_prepares_and_prints_accounts_with_passwords(tmp_path):
    out = run_demo(tmp_path).stdout
    for username in ("nasional", "kaltim", "kukar", "bpjs-balikpapan", "pemantau"):
        assert username in out
    assert "berkas diimpor" in out
    passwords = (tmp_path / "demo-credentials.json").read_text()
    assert "kukar" in passwords
    # The kept passwords are printed again on the next run, unchanged.
    again = run_demo(tmp_path).stdout
    assert "already loaded" in again
    import json

    for username, password in json.loads(passwords).items():
        assert password in out and password in again, username
