"""Opening the preview of an upload shows some of its people: only those the viewer may see,
and the audit trail records who looked, how many rows and the regions of those people."""

from __future__ import annotations

from django.urls import reverse

from pantau.audit.models import AuditEvent
from pantau.ingest.models import ImportRun
from tests.ingest.wizard import GOOD_ROWS, kukar_csv, upload

# Someone working in Malinau (65.01), another province: rejected later (outside the Pemda),
# but in the file, so in the preview.
MALINAU = "9;6501054507900001;Orang Malinau;05/07/1990;P;65.01.05.2001;Staf;1"


def open_preview(client):
    run = ImportRun.objects.get()
    response = client.get(reverse("ingest:run", args=[run.pk]))
    assert response.status_code == 200
    return run, response


def test_the_uploader_opening_the_preview_is_audited_with_the_regions(kukar, data_dir, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv", rows=[GOOD_ROWS[0], MALINAU]))
    run, response = open_preview(kukar)
    names = next(row for row in response.context["mapping"] if row.name == "name").examples
    assert names == ["Siti Aminah", "Orang Malinau"]
    event = AuditEvent.objects.get()
    assert (event.username, event.action, event.rows) == ("pemda-6402", "view_import_preview", 2)
    assert event.region_code == ""  # two provinces
    assert str(run.pk) in event.description
    assert event.description.endswith("wilayah: 64.02, 65.01")
    assert event.path == reverse("ingest:run", args=[run.pk])


def test_the_province_sees_only_its_own_people_in_the_preview(kukar, make_user, data_dir, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv", rows=[GOOD_ROWS[0], MALINAU]))
    kukar.force_login(make_user("pemda-kaltim", "pemda", "64"))
    _, response = open_preview(kukar)
    assert "Orang Malinau" not in response.content.decode()
    assert "6501054507900001" not in response.content.decode()
    event = AuditEvent.objects.get()
    assert (event.username, event.rows, event.region_code) == ("pemda-kaltim", 1, "64.02")
