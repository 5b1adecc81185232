"""`pantau demo --no-serve`: a fresh data directory with demo accounts, printed."""

import os
import re
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


def test_demo_prepares_and_prints_accounts_with_passwords(tmp_path, set_up_homes):
    # From a set-up data directory (tests/regions/test_regions_cli.py runs `pantau setup` on
    # an empty one); the demo's own setup step then finds the regions in place.
    with set_up_homes.copy(tmp_path, postgres=False):
        out = run_demo(tmp_path).stdout
    for username in ("nasional", "kaltim", "kukar", "bpjs-balikpapan", "pemantau"):
        assert username in out
    assert "berkas diimpor" in out
    # UCJ per province, on the demo's scale: every province, Kaltim at about 67 %.
    assert "perkiraan demo" in out
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line[:3] == "│ 6"}
    assert abs(float(re.search(r"([\d.]+) %", rows["64"]).group(1)) - 67) <= 3
    # Demo budgets 2022: several East Kalimantan regencies without a Non ASN budget.
    assert re.search(
        r"Anggaran 2022, Kalimantan Timur: [34] Pemda belum menganggarkan Non ASN", out
    )
    passwords = (tmp_path / "demo-credentials.json").read_text()
    assert "kukar" in passwords
    # The kept passwords are printed again on the next run, unchanged.
    again = run_demo(tmp_path).stdout
    assert "already loaded" in again
    assert re.search(r"berkas anggaran demo: \d+ baris, unchanged\)", again)
    import json

    for username, password in json.loads(passwords).items():
        assert password in out and password in again, username
