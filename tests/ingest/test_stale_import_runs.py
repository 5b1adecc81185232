"""An import whose worker died (killed, out of memory) is shown as failed within a minute,
not as "running, 0 rows" until the next restart: the running task writes a heartbeat, and
a run whose heartbeat is a minute old is failed when its page or progress is read and when
a worker starts an import."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from pantau.ingest import runs, uploads
from pantau.ingest.models import ImportRun
from pantau.ingest.tasks import Heartbeat
from pantau.lake.models import Snapshot
from tests.ingest.wizard import DATABASE, GOOD_ROWS, HEADER, IMMEDIATE, TITLE
from tests.processes import wait_for

MINUTES_AGO = datetime.timedelta(minutes=2)


def running(user, heartbeat_ago: datetime.timedelta | None, **fields) -> ImportRun:
    values = {"kind": "workers", "pemda_id": "64.02", "category": "non_asn", "year": 2025,
              "source_name": "daftar.csv", "user": user, "status": "running"}  # fmt: skip
    values.update(fields)
    if heartbeat_ago is not None:
        values["heartbeat_at"] = timezone.now() - heartbeat_ago
    return ImportRun.objects.create(**values)


def test_a_run_whose_heartbeat_stopped_is_shown_as_failed(kukar, make_user):
    run = running(make_user("petugas", "pemda", "64.02"), MINUTES_AGO)
    kukar.force_login(run.user)
    partial = kukar.get(reverse("ingest:progress", args=[run.pk]), headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert 'data-status="failed"' in html and "hx-trigger" not in html
    assert "proses pengimpornya berhenti" in html and "the process running it died" in html
    run.refresh_from_db()
    assert run.status == "failed" and run.finished_at is not None
    assert "data sebelumnya tidak berubah" in run.error


def test_a_run_with_a_recent_heartbeat_keeps_running(kukar, make_user):
    user = make_user("petugas", "pemda", "64.02")
    beating = running(user, datetime.timedelta(seconds=20))
    not_started = running(user, None, status="queued")  # waits for the worker: no heartbeat
    kukar.force_login(user)
    for run in (beating, not_started):
        assert (
            'hx-trigger="every 1s"'
            in kukar.get(reverse("ingest:run", args=[run.pk])).content.decode()
        )
        run.refresh_from_db()
        assert run.status in ("running", "queued") and not run.error


def test_a_worker_starting_an_import_fails_the_runs_a_dead_one_left(
    kukar, make_user, settings, data_dir, tmp_path
):
    from tests.ingest.wizard import kukar_csv, start_as_a_browser, upload

    settings.TASKS = IMMEDIATE
    user = make_user("petugas", "pemda", "64.02")
    dead = running(user, MINUTES_AGO, source_name="mati.csv")
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    start_as_a_browser(kukar, ImportRun.objects.get(source_name="daftar.csv"))
    dead.refresh_from_db()
    assert dead.status == "failed"
    assert ImportRun.objects.get(source_name="daftar.csv").status == "done"


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_beats_while_the_import_works(make_user):
    run = running(make_user("bpjs-pusat", "bpjs"), MINUTES_AGO, kind="members", pemda_id=None)
    before = ImportRun.objects.get(pk=run.pk).heartbeat_at
    with Heartbeat(run.pk, interval=0.05):
        time.sleep(0.3)  # the task's thread is busy (a long DuckDB statement)
    run.refresh_from_db()
    assert run.heartbeat_at > before + MINUTES_AGO - datetime.timedelta(seconds=5)
    assert runs.fail_stale_runs(run) == 0


def shared_database() -> bool:
    """A worker process can open the test database: PostgreSQL, or SQLite in a file."""
    name = str(connection.settings_dict["NAME"])
    return connection.vendor == "postgresql" or not (":memory:" in name or "mode=memory" in name)


def big_list(path, rows: int):
    """A worker list long enough to keep a worker busy for seconds."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f"{TITLE}\r\n\r\n{HEADER}\r\n")
        line = GOOD_ROWS[0].split(";", 1)[1]
        for number in range(rows):
            handle.write(f"{number};{line}\r\n")


@pytest.mark.skipif(sys.platform != "linux", reason="kills a process")
def test_a_killed_worker_leaves_a_failed_run_and_the_data_unchanged(
    regions_in_live_db, make_user, client, settings, monkeypatch
):
    if not shared_database():
        pytest.skip("the test database lives in this process's memory (SQLite :memory:)")
    settings.TASKS = DATABASE
    user = make_user("petugas", "pemda", "64.02")
    run_id = uuid.uuid4()
    folder = settings.DATA_DIR / "uploads" / str(run_id)
    folder.mkdir(parents=True)
    big_list(folder / "besar.csv", 600_000)
    run = ImportRun.objects.create(
        id=run_id, kind="workers", pemda_id="64.02", category="non_asn", year=2025,
        source_name="besar.csv", upload_path=f"uploads/{run_id}/besar.csv", user=user,
    )  # fmt: skip
    assert uploads.start_run(run)

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PANTAU_", "DATABASE_URL"))}
    env.update(
        PANTAU_DATA_DIR=str(settings.DATA_DIR),
        PANTAU_HEARTBEAT_SECONDS="0.2",
        DATABASE_URL=_database_url(),
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "pantau", "db_worker", "--batch", "--no-startup-delay",
         "--no-reload"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        first = wait_for(lambda: _heartbeat(run, "running"), 60)
        wait_for(lambda: (_heartbeat(run, "running") or first) > first, 60)  # beating mid-import
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    last = _heartbeat(run, "running")
    time.sleep(1)
    assert _heartbeat(run, "running") == last  # dead: no more heartbeats

    monkeypatch.setattr(runs, "STALE_AFTER", datetime.timedelta(seconds=1))
    client.force_login(user)
    html = client.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert 'data-status="failed"' in html and "proses pengimpornya berhenti" in html
    assert not Snapshot.objects.exists()


def _database_url() -> str:
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    user, host, port = settings_dict["USER"], settings_dict["HOST"], settings_dict["PORT"]
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def _heartbeat(run: ImportRun, status: str):
    found = ImportRun.objects.filter(pk=run.pk, status=status).values_list("heartbeat_at")
    return found[0][0] if found else None
