"""`pantau worker` (django-tasks' db_worker) beats a heartbeat file that /healthz reads, also
when `pantau serve` runs it beside the web server."""

import json
import subprocess
import sys
import urllib.request

from tests.ingest.own_database import own_database
from tests.processes import wait_for


def test_worker_beats_and_stops_on_sigterm(tmp_path):
    with own_database(tmp_path) as env:
        env.update(PANTAU_WORKER_HEARTBEAT_SECONDS="0.5")
        subprocess.run([sys.executable, "-m", "pantau", "migrate", "-v0"], env=env, check=True)
        worker = subprocess.Popen(
            [sys.executable, "-m", "pantau", "worker", "--no-reload", "--no-startup-delay"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            beat = tmp_path / "run" / "worker-heartbeat"
            wait_for(beat.exists)
            first = beat.stat().st_mtime
            wait_for(lambda: beat.stat().st_mtime > first, seconds=10)
            assert oct(beat.stat().st_mode & 0o777) == "0o600"
            assert worker.poll() is None
        finally:
            worker.terminate()
            output = worker.communicate(timeout=30)[0]
    assert worker.returncode == 0, output


def test_serve_runs_the_worker_with_its_heartbeat(served):
    def worker_seen():
        with urllib.request.urlopen(f"http://127.0.0.1:{served.port}/healthz") as response:
            body = json.load(response)
        return body["checks"]["worker"]["status"] == "ok" and body

    body = wait_for(worker_seen)
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["worker"]["age_seconds"] < 60
