"""The import as a real background task: django-tasks' database backend and its worker."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from pantau.ingest.models import ImportRun
from pantau.ingest.tasks import ProgressWriter
from pantau.lake.models import Snapshot
from tests.ingest.wizard import DATABASE, kukar_csv, upload, work_off_the_queue


def test_confirmed_import_waits_in_the_queue_until_the_worker_runs_it(
    regions_in_live_db, kukar, data_dir, tmp_path, settings
):
    settings.TASKS = DATABASE
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    kukar.post(reverse("ingest:start", args=[run.pk]), {"mode": "import"})

    run.refresh_from_db()
    assert run.status == "queued"
    task = DBTaskResult.objects.get()
    assert task.task_path == "pantau.ingest.tasks.run_import"
    assert task.args_kwargs == {"args": [str(run.pk)], "kwargs": {}}
    html = kukar.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert "Menunggu giliran" in html and 'hx-trigger="every 1s"' in html

    work_off_the_queue()

    run.refresh_from_db()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value == "done"
    assert run.status == "done" and run.result["accepted"] == 3
    assert Snapshot.objects.get().pk == run.snapshot_id
    partial = kukar.get(reverse("ingest:progress", args=[run.pk]), headers={"HX-Request": "1"})
    assert "hx-trigger" not in partial.content.decode()


def test_a_task_for_a_run_already_taken_does_nothing(
    regions_in_live_db, kukar, data_dir, tmp_path, settings
):
    settings.TASKS = DATABASE
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    kukar.post(reverse("ingest:start", args=[run.pk]), {"mode": "import"})
    ImportRun.objects.filter(pk=run.pk).update(status="running")  # another worker has it
    work_off_the_queue()
    run.refresh_from_db()
    assert run.status == "running" and not Snapshot.objects.exists()


def test_progress_is_written_at_most_twice_a_second(kukar, data_dir, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    progress = ProgressWriter(run.pk, interval=0.5)
    progress(10, None)
    progress(20, 100)  # too soon: skipped
    run.refresh_from_db()
    assert (run.rows_done, run.rows_total) == (10, None)
    progress.last -= 1  # half a second later
    progress(30, 100)
    run.refresh_from_db()
    assert (run.rows_done, run.rows_total) == (30, 100)


@pytest.mark.django_db(transaction=True)
def test_progress_from_the_pipelines_side_thread_is_written_and_its_connection_closed(
    make_user, settings, tmp_path, monkeypatch
):
    settings.DATA_DIR = tmp_path
    user = make_user("bpjs-pusat", "bpjs")
    run = ImportRun.objects.create(kind="members", source_name="x.csv", user=user)
    progress = ProgressWriter(run.pk, interval=0)
    closed_in = []
    close_all = connections.close_all

    def spy():
        closed_in.append(threading.get_ident())
        close_all()

    # Watch the close (an in-memory SQLite test database ignores close() itself).
    monkeypatch.setattr(connections, "close_all", spy)
    thread = threading.Thread(target=progress, args=(500, 1000))
    thread.start()
    thread.join()
    run.refresh_from_db()
    assert (run.rows_done, run.rows_total) == (500, 1000)
    assert closed_in == [thread.ident]

    progress(600, 1000)  # the task's own thread keeps its connection
    run.refresh_from_db()
    assert run.rows_done == 600 and closed_in == [thread.ident]
