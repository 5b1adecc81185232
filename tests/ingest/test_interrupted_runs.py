"""An import left `running` by a worker that died is marked failed when the server starts."""

from pantau.ingest.models import ImportRun
from pantau.ingest.runs import fail_interrupted_runs


def test_running_runs_become_failed_and_queued_ones_wait(make_user):
    user = make_user("kukar", "pemda", "64.02")
    common = {"kind": "workers", "pemda_id": "64.02", "source_name": "a.csv", "user": user}
    running = ImportRun.objects.create(status=ImportRun.Status.RUNNING, **common)
    queued = ImportRun.objects.create(status=ImportRun.Status.QUEUED, **common)
    done = ImportRun.objects.create(status=ImportRun.Status.DONE, **common)

    assert fail_interrupted_runs() == 1
    running.refresh_from_db()
    assert running.status == "failed" and running.finished_at is not None
    assert "dimulai ulang" in running.error and "restarted" in running.error
    assert ImportRun.objects.get(pk=queued.pk).status == "queued"
    assert ImportRun.objects.get(pk=done.pk).status == "done"
