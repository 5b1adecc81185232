"""A claims import killed with -9 at any moment leaves the catalog as it was (the claims
before it still in force, nothing half-published), and a rerun succeeds.

The membership kill test (`test_import_snapshots`) is built on the benchmark's membership
file; this one writes a large claims file in DuckDB, and has a membership extract in the
lake so that the second pass (`claims.settle`, which rewrites the files) is killed too.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.ingest.claims_files import claim
from tests.ingest.files import member, write_csv
from tests.ingest.own_database import rows_of

ROWS = 400_000


def big_claims_file(path: Path, rows: int) -> Path:
    """`rows` JKM claims of different people of Muara Badak, some paid a different amount."""
    duckdb.sql(f"""
        COPY (
            SELECT 'K-' || i AS claim_no,
                '640205' || lpad(CAST(1 + i % 28 AS VARCHAR), 2, '0') || '0790'
                    || lpad(CAST(1 + i // 28 % 9999 AS VARCHAR), 4, '0') AS nik,
                'PESERTA ' || i AS name, 'JKM' AS program, 'death' AS event,
                '2022-06-14' AS event_date, '2022-07-05' AS paid_on,
                CASE WHEN i % 10 = 0 THEN '40000000' ELSE '42000000' END AS amount,
                '' AS scholarship, '3500000' AS wage, '64.02.05.2001' AS region_code,
                'apbdes' AS payer_type, '64.02.05.2001' AS payer_region, 'BPU' AS segment,
                'Tenggarong' AS branch, 'istri' AS heir_relation
            FROM range({rows}) t(i)
        ) TO '{path}' (HEADER, DELIMITER ',')""")
    return path


@pytest.fixture
def cli_env(tmp_path, set_up_homes):
    with set_up_homes.copy(tmp_path / "data") as env:
        yield env


def catalog(env) -> str:
    """The snapshots in the catalog, in order: `[(kind, accepted, in force), …]`."""
    rows = rows_of(env, "SELECT kind, accepted, is_current FROM lake_snapshot ORDER BY id")
    return repr([(kind, accepted, bool(current)) for kind, accepted, current in rows])


def test_kill_9_leaves_the_claims_in_force_and_a_rerun_succeeds(tmp_path, cli_env):
    env = cli_env

    def pantau(*args):
        return subprocess.run([sys.executable, "-m", "pantau", *args], env=env,
                              capture_output=True, text=True)  # fmt: skip

    members = write_csv(tmp_path / "m.csv", [member()])
    assert pantau("import", "members", str(members), "--as-of", "2022-07").returncode == 0
    small = write_csv(tmp_path / "small.csv", [claim(claim_no="K-0")])
    assert pantau("import", "claims", str(small)).returncode == 0
    before = "[('members', 1, True), ('claims', 1, True)]"
    after = before[:-1] + f", ('claims', {ROWS}, True)]"
    big = big_claims_file(tmp_path / "big.csv", ROWS)

    # The kills are timed against a dry run of the same file on this machine (which checks it
    # but neither settles nor publishes): fixed delays killed only the start on a busy
    # machine and found the import finished on an idle one.
    started = time.monotonic()
    assert pantau("import", "claims", str(big), "--dry-run").returncode == 0
    checking = time.monotonic() - started

    staging = tmp_path / "data" / "lake" / "_staging"
    killed = 0
    # While starting, checking, settling or publishing. Many early fractions: on a loaded
    # machine the dry run can take longer than the import after it, and an import that
    # finishes ends the series (the big file is then in force).
    for fraction in (0.1, 0.25, 0.45, 0.7, 0.95, 1.1):
        delay = fraction * checking
        process = subprocess.Popen(
            [sys.executable, "-m", "pantau", "import", "claims", str(big), "--format", "json"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        if process.returncode != -signal.SIGKILL:
            break  # it finished first: the big file is in force, later runs are "unchanged"
        last = catalog(env)
        # Either nothing of it is in force, or all of it: a kill that lands after the commit
        # but before the process exits has published the whole file (never a part of it).
        assert last in (before, after), (delay, last)
        if last == after:
            break
        killed += 1

    assert killed >= 2
    done = pantau("import", "claims", str(big), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"status": "created"' in done.stdout or '"status": "unchanged"' in done.stdout
    final = catalog(env)
    assert final == after
    assert not any(staging.iterdir()) if staging.exists() else True
