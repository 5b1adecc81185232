"""An upload's people are seen by its uploader, the national team and officers whose region
holds them all; never by whoever shares the uploader's region (UU PDP 27/2022).

A BPJS officer of Kalimantan Timur (64) uploads an extract with people working in Kutai
Kartanegara (64.02), Malinau (65.01) and Jakarta Selatan (31.71): the province's Pemda
officer must not see the last two in the preview, the rejected rows or the report.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.audit.models import AuditEvent
from pantau.ingest.models import ImportRun
from tests.ingest.files import ANDI, RINA, SITI, member, write_csv
from tests.ingest.wizard import start_as_a_browser

pytestmark = pytest.mark.usefixtures("immediate_tasks")


def extract(tmp_path):
    rows = [
        member(nik=SITI, region_code="64.02"),
        member(nik=ANDI, birth_date="1985-03-12", sex="L", region_code="65.01"),
        member(nik=RINA, birth_date="1992-11-21", sex="P", region_code="31.71"),
    ]
    return write_csv(tmp_path / "peserta.csv", rows)


def upload_extract(client, path):
    data = {"kind": "members", "as_of": "2022-07", "year": "2022"}
    with path.open("rb") as handle:
        response = client.post(reverse("ingest:new"), {**data, "file": handle})
    assert response.status_code == 302, response.content.decode()
    return ImportRun.objects.get()


@pytest.fixture
def branch_upload(client_as, data_dir, tmp_path):
    """The extract of BPJS Kaltim's officer, uploaded and not yet checked."""
    client = client_as("bpjs", "64")
    return client, upload_extract(client, extract(tmp_path))


def pages(run) -> dict[str, str]:
    return {
        "run": reverse("ingest:run", args=[run.pk]),
        "progress": reverse("ingest:progress", args=[run.pk]),
        "csv": reverse("ingest:report", args=[run.pk, "csv"]),
        "xlsx": reverse("ingest:report", args=[run.pk, "xlsx"]),
    }


def assert_hidden(client, run):
    for url in pages(run).values():
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 404, url
    assert start_as_a_browser(client, run).status_code == 404


def test_the_province_officer_sees_only_its_own_people_in_the_preview(branch_upload, make_user):
    client, run = branch_upload
    assert run.region_id == "64"  # the branch's region, not yet checked
    client.force_login(make_user("pemda-kaltim", "pemda", "64"))
    response = client.get(pages(run)["run"])
    assert response.status_code == 200
    names = next(row for row in response.context["mapping"] if row.name == "name").examples
    assert names == ["SITI AMINAH"]  # Malinau and Jakarta Selatan are not the province's
    html = response.content.decode()
    assert ANDI not in html and RINA not in html
    assert start_as_a_browser(client, run).status_code == 403  # seeing is not importing
    run.refresh_from_db()
    assert run.status == "uploaded"
    event = AuditEvent.objects.get()
    assert (event.action, event.rows, event.region_code) == ("view_import_preview", 1, "64.02")


@pytest.fixture
def checked(branch_upload):
    client, run = branch_upload
    start_as_a_browser(client, run)
    run.refresh_from_db()
    assert run.status == "done", run.error
    return client, run


def test_the_check_keeps_the_regions_of_the_people(checked):
    _, run = checked
    # Malinau and Jakarta Selatan lie outside the branch's region: rejected, in the report.
    assert (run.result["accepted"], run.result["rejected"]) == (1, 2)
    assert run.result["people_regions"] == ["31.71", "64.02", "65.01"]
    assert run.result["report_regions"] == ["31.71", "65.01"]


@pytest.mark.parametrize(("role", "region"), [
    ("pemda", "64"),  # the uploader's own province
    ("pemda", "65"),
    ("bpjs", "64"),  # another officer of the same branch
    ("viewer", None),
])  # fmt: skip
def test_officers_who_do_not_hold_all_the_people_see_nothing(checked, make_user, role, region):
    client, run = checked
    client.force_login(make_user("colleague", role, region))
    assert_hidden(client, run)
    assert not AuditEvent.objects.exists()


def test_the_uploader_downloads_the_report_and_the_audit_names_the_regions(checked):
    client, run = checked
    response = client.get(pages(run)["csv"])
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert ANDI in body and RINA in body
    event = AuditEvent.objects.get()
    assert event.action == "download_error_report"
    assert event.region_code == ""  # two provinces: no common region
    assert event.description.endswith("wilayah: 31.71, 65.01")


def test_the_national_team_sees_the_run_with_niks_masked_but_not_the_report(checked, client_as):
    _, run = checked
    national = client_as("national")
    html = national.get(pages(run)["run"]).content.decode()
    assert "Laporan kesalahan berisi NIK utuh" in html
    assert ANDI not in html and RINA not in html
    assert national.get(pages(run)["csv"]).status_code == 404
    # Seeing is not importing: the national team uploads nothing.
    assert start_as_a_browser(national, run).status_code == 403


def test_a_national_extract_is_not_seen_by_other_uploaders(client_as, data_dir, tmp_path):
    national_staff = client_as("bpjs")
    uploader = ImportRun.user.field.related_model.objects.get(username="bpjs-id")
    run = upload_extract(national_staff, extract(tmp_path))
    start_as_a_browser(national_staff, run)
    run.refresh_from_db()
    assert run.result["accepted"] == 3 and run.result["people_regions"] == [
        "31.71", "64.02", "65.01"
    ]  # fmt: skip
    for role, region in [("bpjs", "64.71"), ("bpjs", "64"), ("pemda", "64")]:
        assert_hidden(client_as(role, region), run)
    national_staff.force_login(uploader)
    assert national_staff.get(pages(run)["run"]).status_code == 200
