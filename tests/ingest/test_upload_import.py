"""Step 3 of the upload wizard: the import runs as a task, then the page shows the summary.

The task runs on django-tasks' ImmediateBackend here (synchronously, inside the
request); `test_upload_background.py` runs it through the real database worker.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pantau.ingest.models import ImportRun
from pantau.lake.models import Snapshot
from tests.ingest.wizard import kukar_csv, start, upload

pytestmark = pytest.mark.usefixtures("immediate_tasks")


def test_import_creates_the_snapshot_and_shows_the_summary(kukar, data_dir, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    response = start(kukar, run)
    assert response.status_code == 302
    assert response["Location"] == reverse("ingest:run", args=[run.pk])

    run.refresh_from_db()
    assert run.status == "done", run.error
    assert run.finished_at is not None
    assert run.options["started_at"] and run.options["dry_run"] is False
    snapshot = Snapshot.objects.get()
    assert run.snapshot == snapshot
    assert (snapshot.pemda_id, snapshot.category, snapshot.year) == ("64.02", "non_asn", 2025)
    assert snapshot.is_current and snapshot.source_name == "daftar.csv"
    assert (snapshot.rows, snapshot.accepted, snapshot.rejected) == (4, 3, 1)
    assert run.result["status"] == "created" and run.result["snapshot"] == snapshot.pk
    assert (run.result["rows"], run.result["accepted"], run.result["rejected"]) == (4, 3, 1)
    assert run.result["errors_file"].endswith("errors.csv")
    assert run.result["errors_xlsx"].endswith("errors.xlsx")
    assert run.result["report_rows"] == 1  # one problem: the 15-digit NIK
    assert run.rows_done == 4
    # The uploaded copy of people's data is gone once the snapshot holds it.
    assert not (data_dir / run.upload_path).exists()

    page = kukar.get(response["Location"])
    html = page.content.decode()
    assert 'data-testid="summary-status">Dibuat<' in html
    assert 'data-testid="accepted">3<' in html
    assert 'data-testid="rejected">1<' in html
    assert reverse("ingest:report", args=[run.pk, "csv"]) in html
    assert reverse("ingest:report", args=[run.pk, "xlsx"]) in html
    assert reverse("ingest:history", args=["64.02"]) in html
    assert "hx-trigger" not in html  # finished: nothing polls


def test_the_same_file_again_is_unchanged(kukar, data_dir, tmp_path):
    path = kukar_csv(tmp_path / "daftar.csv")
    for _ in range(2):
        upload(kukar, path)
        start(kukar, ImportRun.objects.first())
    second = ImportRun.objects.first()
    assert second.result["status"] == "unchanged"
    assert Snapshot.objects.count() == 1
    html = kukar.get(reverse("ingest:run", args=[second.pk])).content.decode()
    assert 'data-testid="summary-status">Tidak berubah<' in html


def test_dry_run_stores_nothing_then_the_import_can_follow(kukar, data_dir, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    start(kukar, run, mode="dry_run")
    run.refresh_from_db()
    assert (run.status, run.result["status"], run.snapshot_id) == ("done", "dry_run", None)
    assert not Snapshot.objects.exists()
    html = kukar.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert 'data-testid="summary-status">Hanya diperiksa<' in html
    assert "Impor sekarang" in html

    start(kukar, run)
    run.refresh_from_db()
    assert run.result["status"] == "created" and Snapshot.objects.count() == 1


def test_a_started_run_is_not_started_twice(kukar, data_dir, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    start(kukar, run)
    response = start(kukar, run)
    assert response.status_code == 302
    assert Snapshot.objects.count() == 1
    page = kukar.get(response["Location"])
    assert "Impor ini sudah dimulai." in page.content.decode()


def test_a_rejected_file_fails_with_both_messages(kukar, data_dir, tmp_path):
    header = "No;NIK;Tanggal Lahir;Jenis Kelamin;Jabatan"  # no name column
    upload(kukar, kukar_csv(tmp_path / "daftar.csv", header=header, rows=["1;1;;;"]))
    run = ImportRun.objects.get()
    start(kukar, run)
    run.refresh_from_db()
    assert run.status == "failed"
    message_id, message_en = run.error.split("\n")
    html = kukar.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert "Impor gagal" in html
    assert f'<p lang="en" class="muted">{message_en}</p>' in html
    assert not Snapshot.objects.exists()


def test_a_system_error_fails_with_a_generic_message(kukar, data_dir, tmp_path, caplog):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    (data_dir / "lake").write_text("a file where the lake directory should be")
    start(kukar, run)
    run.refresh_from_db()
    assert run.status == "failed"
    assert run.error.startswith("Impor gagal karena kesalahan sistem.")
    assert f"import {run.pk}" in caplog.text  # the details go to the log, not the page
    html = kukar.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert "Impor gagal karena kesalahan sistem." in html


def test_progress_partial_polls_while_running_and_stops_when_done(kukar, data_dir, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    url = reverse("ingest:progress", args=[run.pk])
    ImportRun.objects.filter(pk=run.pk).update(
        status="running",
        rows_done=1234,
        rows_total=5000,
        options={"started_at": (timezone.now() - timedelta(seconds=10)).isoformat()},
    )
    partial = kukar.get(url, headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert f'hx-get="{url}"' in html
    assert '<progress class="bar"' in html and 'max="5000" value="1234"' in html
    assert "1.234 baris diproses" in html and "dari sekitar 5.000" in html
    assert "123 baris/detik" in html
    assert "<html" not in html  # a fragment, not a page

    ImportRun.objects.filter(pk=run.pk).update(
        status="done", result={"status": "created", "rows": 5000, "accepted": 5000}
    )
    html = kukar.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in html
    assert "Hasil impor" in html
    # Opened directly (not by htmx), the address leads to the page.
    assert kukar.get(url).status_code == 302
