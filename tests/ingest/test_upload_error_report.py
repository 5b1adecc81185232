"""Error reports list NIKs and names of rejected rows: scoped like the run, downloads audited."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from pantau.audit.models import AuditEvent
from pantau.ingest.models import ImportRun
from tests.ingest.wizard import IMMEDIATE, kukar_csv, start, upload


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def imported(kukar, data_dir, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    start(kukar, run)
    run.refresh_from_db()
    assert run.status == "done", run.error
    return run


def test_uploader_downloads_the_csv_report_and_it_is_audited(kukar, imported):
    response = kukar.get(reverse("ingest:report", args=[imported.pk, "csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert f'laporan-kesalahan-{imported.pk.hex[:8]}.csv"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["nama"] for row in rows] == ["Ahmad Yani"]
    assert rows[0]["nik"] == "640205150790000"

    event = AuditEvent.objects.get()
    assert (event.username, event.role, event.action) == (
        "pemda-6402",
        "pemda",
        "download_error_report",
    )
    assert (event.region_code, event.rows) == ("64.02", 1)
    assert str(imported.pk) in event.description and "CSV" in event.description
    assert event.ip_address == "127.0.0.1"
    assert event.path == reverse("ingest:report", args=[imported.pk, "csv"])


def test_xlsx_report_is_a_workbook_and_audited_too(kukar, imported):
    response = kukar.get(reverse("ingest:report", args=[imported.pk, "xlsx"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
    assert AuditEvent.objects.get().description.startswith("Laporan kesalahan XLSX")


@pytest.mark.parametrize(("role", "region"), [
    ("pemda", "64.71"),
    ("bpjs", "64.71"),
    ("viewer", "64.02"),
    ("national", None),
])  # fmt: skip
def test_others_cannot_download_and_nothing_is_audited(client_as, imported, role, region):
    other = client_as(role, region)
    for fmt in ("csv", "xlsx"):
        assert other.get(reverse("ingest:report", args=[imported.pk, fmt])).status_code == 404
    assert not AuditEvent.objects.exists()


def test_unknown_format_and_a_run_without_report_are_404(kukar, imported, data_dir, tmp_path):
    assert kukar.get(f"/impor/{imported.pk}/laporan.pdf").status_code == 404
    clean = ["1;6402055010950004;Dewi Lestari;10/10/1995;P;64.02.05.2001;Ketua RT;500000"]
    upload(kukar, kukar_csv(tmp_path / "bersih.csv", rows=clean), category="rt_rw")
    run = ImportRun.objects.filter(category="rt_rw").get()
    start(kukar, run)
    run.refresh_from_db()
    assert run.result["rejected"] == 0 and run.result["errors_file"] is None
    assert (
        "Tidak ada kesalahan atau peringatan."
        in kukar.get(reverse("ingest:run", args=[run.pk])).content.decode()
    )
    assert kukar.get(reverse("ingest:report", args=[run.pk, "csv"])).status_code == 404
    assert not AuditEvent.objects.exists()
