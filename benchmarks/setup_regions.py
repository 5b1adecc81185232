"""Benchmark: `pantau setup` on a fresh SQLite data directory (target: under 10 s).

Baseline in the same run: the same 91,599 rows inserted with plain sqlite3
`executemany` into a table with the same indexes, no Django. Prints one JSON object.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0


def time_pantau_setup(data_dir: Path) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(data_dir)
    timings = []
    for _ in range(2):  # first run loads, second run must find nothing to do
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pantau", "setup"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        timings.append(time.perf_counter() - started)
    return timings[0], timings[1]


def time_raw_sqlite(data_dir: Path) -> float:
    """Same parsing, then plain sqlite3: what the insert costs without Django."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")
    os.environ["PANTAU_DATA_DIR"] = str(data_dir / "django")
    import django

    django.setup()
    from pantau.regions.services import SHIPPED_REGIONS, build_region_rows, read_region_rows

    started = time.perf_counter()
    rows = build_region_rows(read_region_rows(gzip.decompress(SHIPPED_REGIONS.read_bytes())))
    connection = sqlite3.connect(data_dir / "raw.sqlite3")
    connection.executescript(
        """
        CREATE TABLE region (code TEXT PRIMARY KEY, digits TEXT UNIQUE, name TEXT, level TEXT,
          parent_id TEXT REFERENCES region(code), province_code TEXT, regency_code TEXT,
          district_code TEXT, regency_count INT, city_count INT, district_count INT,
          village_count INT);
        CREATE INDEX r_level ON region(level); CREATE INDEX r_parent ON region(parent_id);
        CREATE INDEX r_prov ON region(province_code); CREATE INDEX r_reg ON region(regency_code);
        CREATE INDEX r_dist ON region(district_code);
        """
    )
    with connection:
        connection.executemany(f"INSERT INTO region VALUES ({','.join('?' * 12)})", rows)
    connection.close()
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        first, second = time_pantau_setup(scratch / "pantau")
        baseline = time_raw_sqlite(scratch)
    result = {
        "benchmark": "setup_regions",
        "rows": 91_599,
        "pantau_setup_first_s": round(first, 2),
        "pantau_setup_again_s": round(second, 2),
        "baseline_raw_sqlite_insert_s": round(baseline, 2),
        "ratio_to_baseline": round(first / baseline, 2),
        "target_s": TARGET_SECONDS,
        "meets_target": first < TARGET_SECONDS,
    }
    print(json.dumps(result))
    sys.exit(0 if result["meets_target"] else 1)


if __name__ == "__main__":
    main()
