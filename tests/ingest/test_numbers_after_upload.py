"""After a background import, the coverage numbers and the budget need include the new file:
nobody has to run `pantau refresh`."""

from __future__ import annotations

import datetime

from django.urls import reverse

from pantau.budgets.models import Need
from pantau.engine import refresh
from pantau.engine.models import CurrentGeneration, ListCoverage
from pantau.ingest.importer import import_file
from pantau.ingest.models import ImportRun
from pantau.ingest.types import ImportRequest
from tests.ingest.files import MEMBER_HEADER, member, write_csv
from tests.ingest.wizard import DATABASE, kukar_csv, upload, work_off_the_queue

JULY = datetime.date(2025, 7, 1)


def test_an_uploaded_list_is_counted_and_costed_when_its_import_ends(
    regions_in_live_db, kukar, data_dir, tmp_path, settings
):
    settings.TASKS = DATABASE
    members = write_csv(tmp_path / "members.csv", [member()], MEMBER_HEADER)
    import_file(ImportRequest(path=members, kind="members", as_of=JULY))
    before = refresh.run(JULY)
    assert not ListCoverage.objects.filter(generation=before.refresh, region_code="64.02")

    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    kukar.post(reverse("ingest:start", args=[run.pk]), {"mode": "import"})
    work_off_the_queue()

    run.refresh_from_db()
    assert run.status == "done"
    current = CurrentGeneration.objects.get(as_of=JULY)
    assert current.refresh_id != before.refresh  # a refresh ran; it changed the rows in force
    generation = current.generation
    row = ListCoverage.objects.get(generation=generation, region_code="64.02", category="non_asn")
    assert row.listed == run.result["accepted"] == 3
    need = Need.objects.get(pemda_id="64.02", year=2025, category="non_asn", programs="")
    assert need.persons == 3 and need.list_snapshot_id == run.snapshot_id
