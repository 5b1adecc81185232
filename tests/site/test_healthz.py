"""`/healthz`: the database (ok and its latency), the task worker's heartbeat, free disk in
the data directory and the last finished refresh; ok / degraded (200) / fail (503)."""

import datetime
import json
import os
import subprocess
import sys

from django.utils import timezone

from pantau.core import heartbeat
from pantau.engine.models import Refresh

KEYS = {"status", "time", "checks"}
CHECKS = {"database", "worker", "disk", "refresh"}


def test_all_well_is_ok(client, db, own_data_directory, settings):
    settings.HEALTH_MIN_FREE_BYTES = 0
    heartbeat.beat()
    finished = timezone.now() - datetime.timedelta(hours=2)
    Refresh.objects.create(
        as_of=datetime.date(2025, 6, 1), engine="duckdb", generation=1, status="done",
        finished_at=finished,
    )  # fmt: skip
    Refresh.objects.create(as_of=datetime.date(2025, 7, 1), engine="duckdb", generation=2,
                           status="failed")  # fmt: skip

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert set(body) == KEYS and set(body["checks"]) == CHECKS
    assert body["status"] == "ok"
    checks = body["checks"]
    assert checks["database"]["status"] == "ok"
    assert 0 <= checks["database"]["latency_ms"] < 1000
    assert checks["worker"]["status"] == "ok" and checks["worker"]["age_seconds"] < 60
    assert checks["disk"]["free_bytes"] > 0
    assert checks["disk"]["total_bytes"] >= checks["disk"]["free_bytes"]
    # The last finished refresh, not the failed one after it.
    last = datetime.datetime.fromisoformat(checks["refresh"]["last_finished_at"])
    assert abs((last - finished).total_seconds()) < 1
    assert 7100 < checks["refresh"]["age_seconds"] < 7300


def test_no_worker_and_no_refresh_yet_is_degraded(client, db, own_data_directory, settings):
    settings.HEALTH_MIN_FREE_BYTES = 0

    body = client.get("/healthz").json()

    assert body["status"] == "degraded"
    assert body["checks"]["worker"] == {
        "status": "warn", "last_heartbeat_at": None, "age_seconds": None,
    }  # fmt: skip
    assert body["checks"]["refresh"]["last_finished_at"] is None


def test_stale_heartbeat_is_degraded(client, db, own_data_directory, settings):
    settings.HEALTH_MIN_FREE_BYTES = 0
    heartbeat.beat()
    old = timezone.now().timestamp() - 600
    os.utime(heartbeat.heartbeat_path(), (old, old))

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["worker"]["age_seconds"] >= 600


def test_low_disk_is_degraded(client, db, own_data_directory, settings):
    heartbeat.beat()
    settings.HEALTH_MIN_FREE_BYTES = 2**62

    body = client.get("/healthz").json()

    assert body["status"] == "degraded"
    assert body["checks"]["disk"]["status"] == "warn"
    assert body["checks"]["disk"]["min_free_bytes"] == 2**62


def test_database_down_fails_with_503(tmp_path):
    """A real database that does not answer (nothing listens on the port)."""
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='127.0.0.1');"
        "print(json.dumps({'code': r.status_code, 'body': r.json()}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PANTAU_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="pantau.settings",
        PANTAU_DATA_DIR=str(tmp_path),
        DATABASE_URL="postgres://postgres@127.0.0.1:9/nothing",
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
        timeout=60,
    )  # fmt: skip
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["code"] == 503
    assert answer["body"]["status"] == "fail"
    assert answer["body"]["checks"]["database"]["status"] == "fail"
    assert answer["body"]["checks"]["refresh"]["last_finished_at"] is None
