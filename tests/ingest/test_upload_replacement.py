"""A list that would replace the current one with fewer than 90 % of its people, or with
rejected rows, is not imported until the uploader confirms, having seen both counts and
the rejected rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.audit.models import AuditEvent
from pantau.ingest.models import ImportRun
from pantau.lake.models import Snapshot
from tests.ingest.wizard import (
    BAD_ROWS,
    GOOD_ROWS,
    kukar_csv,
    start_as_a_browser,
    upload,
    upload_and_import,
)

# A fourth valid person: Dewi Lestari, born 10 October 1995 in Muara Badak.
DEWI = "4;6402055010950004;Dewi Lestari;10/10/1995;P;64.02.05.2001;Ketua RT;500000"


pytestmark = pytest.mark.usefixtures("immediate_tasks")


@pytest.fixture
def current(kukar, data_dir, tmp_path):
    """The list in force: Siti, Budi and Rina (three people)."""
    upload(kukar, kukar_csv(tmp_path / "v1.csv", rows=GOOD_ROWS))
    run = ImportRun.objects.get()
    start_as_a_browser(kukar, run)
    snapshot = Snapshot.objects.get()
    assert snapshot.accepted == 3
    return snapshot


def test_a_shorter_list_waits_for_the_confirmation(kukar, current, data_dir, tmp_path):
    run = upload_and_import(kukar, kukar_csv(tmp_path / "v2.csv", rows=GOOD_ROWS[:2]))
    assert run.result["status"] == "needs_confirmation"
    assert run.result["replaces"] == {
        "snapshot": current.pk, "source_name": "v1.csv", "current_people": 3,
        "new_people": 2, "rejected": 0, "fewer": True, "needs_confirmation": True,
    }  # fmt: skip
    assert Snapshot.objects.current().get() == current  # nothing replaced
    assert (data_dir / run.upload_path).exists()  # kept for the confirmation

    html = kukar.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert 'data-testid="replacement"' in html
    assert "kurang dari 90 persen" in html
    assert 'value="replace"' in html and "Ya, ganti data yang berlaku" in html
    assert 'value="import"' not in html

    start_as_a_browser(kukar, run, "replace")
    run.refresh_from_db()
    assert run.result["status"] == "created"
    assert Snapshot.objects.current().get().accepted == 2
    assert not (data_dir / run.upload_path).exists()


def test_rejected_rows_are_shown_before_they_replace_anyone(kukar, current, tmp_path):
    rows = [*GOOD_ROWS, *BAD_ROWS]  # the same three people and a mangled NIK
    run = upload_and_import(kukar, kukar_csv(tmp_path / "v2.csv", rows=rows))
    assert run.result["status"] == "needs_confirmation"
    assert not run.result["replaces"]["fewer"] and run.result["replaces"]["rejected"] == 1

    response = kukar.get(reverse("ingest:run", args=[run.pk]))
    [row] = response.context["rejected_rows"]
    assert (row["baris"], row["kolom"], row["kode"], row["nama"]) == (
        "7", "nik", "nik_format", "Ahmad Yani")  # fmt: skip
    html = response.content.decode()
    assert 'data-testid="rejected-rows"' in html and "Ahmad Yani" in html
    assert reverse("ingest:report", args=[run.pk, "csv"]) in html  # with the download
    event = AuditEvent.objects.get(action="view_rejected_rows")
    assert (event.region_code, event.rows) == ("64.02", 1)
    assert Snapshot.objects.current().get() == current


def test_check_first_shows_the_comparison_and_the_confirmation(kukar, current, tmp_path):
    run = upload_and_import(kukar, kukar_csv(tmp_path / "v2.csv", rows=GOOD_ROWS[:1]), "dry_run")
    assert run.result["status"] == "dry_run"
    assert run.result["replaces"]["new_people"] == 1
    html = kukar.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert 'data-testid="replacement"' in html and 'value="replace"' in html
    start_as_a_browser(kukar, run, "replace")
    run.refresh_from_db()
    assert run.result["status"] == "created"


def test_a_confirmation_not_asked_for_does_not_skip_the_question(kukar, current, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "v2.csv", rows=GOOD_ROWS[:1]))
    run = ImportRun.objects.latest("created_at")
    start_as_a_browser(kukar, run, "replace")  # posted straight from the preview
    run.refresh_from_db()
    assert run.result["status"] == "needs_confirmation"
    assert Snapshot.objects.current().get() == current


def test_a_complete_list_replaces_without_a_question(kukar, current, tmp_path):
    run = upload_and_import(kukar, kukar_csv(tmp_path / "v2.csv", rows=[*GOOD_ROWS, DEWI]))
    assert run.result["status"] == "created"
    assert run.result["replaces"]["needs_confirmation"] is False
    assert Snapshot.objects.current().get().accepted == 4


def test_only_the_uploader_confirms(kukar, current, client_as, make_user, tmp_path):
    run = upload_and_import(kukar, kukar_csv(tmp_path / "v2.csv", rows=GOOD_ROWS[:2]))
    kukar.force_login(make_user("pemda-kaltim", "pemda", "64"))
    assert kukar.get(reverse("ingest:run", args=[run.pk])).status_code == 200  # may look
    assert start_as_a_browser(kukar, run, "replace").status_code == 403
    assert Snapshot.objects.current().get() == current
