"""The upload wizard tests' data and steps: a Kutai Kartanegara list as an office exports
it, posting it, starting the import, the task back ends."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from pantau.ingest.models import ImportRun

TITLE = "DAFTAR PEGAWAI NON ASN KABUPATEN KUTAI KARTANEGARA"

HEADER = "No;NIK;Nama;Tanggal Lahir;Jenis Kelamin;Kode Wilayah;Jabatan;Penghasilan"


# Real NIK structure: 640205 = district 64.02.05, day + 40 for women, then a serial.
GOOD_ROWS = [
    "1;6402054507900001;Siti Aminah;05/07/1990;P;64.02.05.2001;Staf administrasi;2500000",
    "2;6402051203850002;Budi Santoso;12/03/1985;L;64.02.05.2001;Pengemudi;3000000",
    "3;6402056808920003;Rina Wati;28/08/1992;P;6402052001;Operator;2750000",
]

BAD_ROWS = [
    # 15 digits: Excel ate the last digit.
    "4;640205150790000;Ahmad Yani;15/07/1990;L;64.02.05.2001;Staf;2500000",
]


def isolated_data_dir(settings, tmp_path) -> Path:
    """Uploads, lake and reports of a test in its own directory (tests/ingest/conftest.py
    does the same for every ingest test; the browser test lives elsewhere)."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir(exist_ok=True)
    return settings.DATA_DIR


def kukar_csv(path: Path, rows=None, header: str = HEADER) -> Path:
    """A worker list as a Pemda office exports it: a title line, a blank line, then the table."""
    lines = [TITLE, "", header, *(GOOD_ROWS + BAD_ROWS if rows is None else rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def upload(client, path: Path, **fields):
    data = {"kind": "workers", "pemda": "64.02", "category": "non_asn", "year": "2025"}
    data.update(fields)
    with path.open("rb") as handle:
        return client.post(reverse("ingest:new"), {**data, "file": handle})


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def start(client, run, mode="import"):
    return client.post(reverse("ingest:start", args=[run.pk]), {"mode": mode})


DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work_off_the_queue() -> None:
    """What the worker beside `pantau serve` does, once, for the queued tasks.

    The worker closes database connections as it goes, so the tests that call it commit
    for real (`regions_in_live_db`): on PostgreSQL a closed connection ends a test's
    wrapping transaction.
    """
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def upload_and_import(client, path, mode="import"):
    upload(client, path)
    run = ImportRun.objects.latest("created_at")
    start(client, run, mode)
    run.refresh_from_db()
    assert run.status == "done", run.error
    return run


def start_as_a_browser(client, run, mode="import"):
    """The wizard's buttons post a form without files (urlencoded, as browsers send it)."""
    return client.post(
        reverse("ingest:start", args=[run.pk]),
        f"mode={mode}",
        content_type="application/x-www-form-urlencoded",
    )
