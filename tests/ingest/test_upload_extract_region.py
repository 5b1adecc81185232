"""The upload wizard's membership extract covers a region: a branch officer's own region, never
wider (the field is fixed, whatever the browser sends); a national BPJS officer chooses one or
leaves it blank for the whole country."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.ingest.importer import import_file
from pantau.ingest.models import ImportRun
from pantau.ingest.tasks import import_request
from pantau.lake.models import Snapshot
from tests.ingest.files import member, write_csv
from tests.ingest.wizard import upload


def extract(tmp_path):
    rows = [
        member(region_code="64.71.01"),
        member(nik="6402051203850002", birth_date="1985-03-12", sex="L", region_code="64.02"),
    ]
    return write_csv(tmp_path / "peserta.csv", rows)


def upload_members(client, tmp_path, **fields):
    return upload(client, extract(tmp_path), kind="members", pemda="", as_of="2022-07", **fields)


def test_a_branch_officers_extract_covers_the_branch_region_whatever_is_sent(client_as, tmp_path):
    client = client_as("bpjs", "64.71")
    field = client.get(reverse("ingest:new")).context["form"].fields["region"]
    assert field.disabled and field.initial == "64.71"

    assert upload_members(client, tmp_path, region="64").status_code == 302  # a wider region
    run = ImportRun.objects.get()
    assert run.region_id == "64.71"
    summary = import_file(import_request(run))  # what the background task runs
    snapshot = Snapshot.objects.get(pk=summary.snapshot)
    assert snapshot.region_code == "64.71"
    assert (snapshot.accepted, snapshot.rejected) == (1, 1)  # the Kukar row is outside


@pytest.mark.parametrize(("sent", "region"), [("", None), ("6471", "64.71"), ("64", "64")])
def test_a_national_bpjs_officer_chooses_the_region(client_as, tmp_path, sent, region):
    client = client_as("bpjs")
    assert upload_members(client, tmp_path, region=sent).status_code == 302
    run = ImportRun.objects.get()
    assert run.region_id == region
    summary = import_file(import_request(run))
    assert Snapshot.objects.get(pk=summary.snapshot).region_code == (region or "")


def test_an_unknown_region_is_refused_in_the_form(client_as, tmp_path):
    client = client_as("bpjs")
    response = upload_members(client, tmp_path, region="99.99")
    assert response.status_code == 400
    assert response.context["form"].errors["region"] == ["Kode wilayah 99.99 tidak dikenal."]
    assert not ImportRun.objects.exists()


def test_worker_lists_cover_no_region_of_their_own(client_as, tmp_path):
    from tests.ingest.wizard import kukar_csv

    client = client_as("bpjs", "64.71")
    assert upload(client, kukar_csv(tmp_path / "daftar.csv"), pemda="64.71").status_code == 302
    assert ImportRun.objects.get().region_id is None
