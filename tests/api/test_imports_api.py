"""`/api/v1/imports/`: upload a file as the wizard does (same fields, rights and limits),
queued at once; its status and progress for those the run page shows it to; the error
report with the page's rules, audited; uploads and starts audited."""

from __future__ import annotations

import csv
import io

import pytest

from pantau.accounts import tokens
from pantau.audit.models import AuditEvent
from pantau.ingest.models import ImportRun
from tests.ingest.wizard import IMMEDIATE, kukar_csv

FIELDS = {"kind": "workers", "pemda": "64.02", "category": "non_asn", "year": "2025"}


@pytest.fixture(autouse=True)
def immediate_tasks(settings, own_data_directory):
    settings.TASKS = IMMEDIATE


def post(client, path, headers=None, **fields):
    with path.open("rb") as handle:
        return client.post("/api/v1/imports/", {**FIELDS, **fields, "file": handle},
                           **(headers or {}))  # fmt: skip


def token_header(make_user, username, role, region) -> dict:
    _token, raw = tokens.create(make_user(username, role, region))
    return {"HTTP_AUTHORIZATION": f"Token {raw}"}


@pytest.fixture
def imported(client_as, tmp_path):
    client = client_as("pemda", "64.02")
    response = post(client, kukar_csv(tmp_path / "daftar.csv"))
    assert response.status_code == 201, response.content
    return response.json()


def test_a_token_uploads_a_list_and_it_is_imported(make_user, client, tmp_path):
    headers = token_header(make_user, "kukar", "pemda", "64.02")
    with kukar_csv(tmp_path / "daftar.csv").open("rb") as handle:
        response = client.post("/api/v1/imports/", {**FIELDS, "file": handle}, **headers)
    assert response.status_code == 201, response.content
    body = response.json()
    run = ImportRun.objects.get()
    assert body["id"] == str(run.pk) and response["Location"] == f"/api/v1/imports/{run.pk}/"
    status = client.get(f"/api/v1/imports/{run.pk}/", **headers).json()
    assert status["status"] == "done" and status["uploaded_by"] == "kukar"
    assert (status["rows_done"], status["rows_total"]) == (4, 4)
    assert {k: status["result"][k] for k in ("status", "accepted", "rejected")} == {
        "status": "created", "accepted": 3, "rejected": 1,
    }  # fmt: skip
    assert "errors_file" not in status["result"] and "people_regions" not in status["result"]
    assert status["reports"]["csv"].endswith(f"/api/v1/imports/{run.pk}/report.csv")
    upload = AuditEvent.objects.get(action="api_import_upload")
    assert (upload.username, upload.region_code) == ("kukar", "64.02")


def test_a_dry_run_is_only_checked_then_started(client_as, tmp_path):
    client = client_as("pemda", "64.02")
    body = post(client, kukar_csv(tmp_path / "daftar.csv"), dry_run="true").json()
    assert body["dry_run"] and body["result"]["status"] == "dry_run" and body["can_start"]
    started = client.post(f"/api/v1/imports/{body['id']}/start/", {"mode": "import"})
    assert started.status_code == 200, started.content
    assert started.json()["result"]["status"] == "created"
    assert AuditEvent.objects.filter(action="api_import_start").count() == 1
    again = client.post(f"/api/v1/imports/{body['id']}/start/", {"mode": "import"})
    assert again.status_code == 400
    bad = client.post(f"/api/v1/imports/{body['id']}/start/", {"mode": "now"})
    assert bad.status_code == 400


def test_the_error_report_for_its_uploader_audited(client, imported):
    response = client.get(f"/api/v1/imports/{imported['id']}/report.csv")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["nama"] for row in rows] == ["Ahmad Yani"]
    event = AuditEvent.objects.get(action="download_error_report")
    assert (event.region_code, event.rows) == ("64.02", 1)
    xlsx = client.get(f"/api/v1/imports/{imported['id']}/report.xlsx")
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


@pytest.mark.parametrize(
    ("role", "region", "sees", "report"),
    [("pemda", "64.71", False, False), ("viewer", "64.02", False, False),
     ("national", None, True, False), ("pemda", "64", True, True), ("bpjs", "64.02", True, True)],
)  # fmt: skip
def test_who_sees_the_run_and_its_report_as_on_the_page(client_as, imported, role, region, sees,
                                                          report):  # fmt: skip
    client = client_as(role, region)
    run = client.get(f"/api/v1/imports/{imported['id']}/")
    assert run.status_code == (200 if sees else 404)
    if sees:
        assert (run.json()["reports"]["csv"] is not None) is report
        assert run.json()["can_start"] is False
    response = client.get(f"/api/v1/imports/{imported['id']}/report.csv")
    assert response.status_code == (200 if report else 404)
    if not report:
        assert not AuditEvent.objects.filter(action="download_error_report").exists()


@pytest.mark.parametrize(
    ("role", "region", "fields", "code"),
    [("viewer", "64.02", {}, 403), ("national", None, {}, 403),
     ("pemda", "64.71", {}, 400), ("pemda", "64.02", {"kind": "members"}, 400),
     ("pemda", "64.02", {"category": "astronaut"}, 400), ("pemda", "64.02", {"year": "x"}, 400),
     ("pemda", "64.02", {"dry_run": "maybe"}, 400)],
)  # fmt: skip
def test_uploads_refused_as_the_wizard_refuses_them(client_as, tmp_path, role, region, fields,
                                                     code):  # fmt: skip
    response = post(client_as(role, region), kukar_csv(tmp_path / "daftar.csv"), **fields)
    assert response.status_code == code, response.content
    assert not ImportRun.objects.exists()
    assert not AuditEvent.objects.filter(action="api_import_upload").exists()


def test_a_bad_suffix_and_a_file_too_large(client_as, tmp_path, settings):
    client = client_as("pemda", "64.02")
    response = post(client, kukar_csv(tmp_path / "daftar.txt"))
    assert response.status_code == 400 and "file" in response.json()
    settings.PANTAU_MAX_UPLOAD_MB = 0
    response = post(client, kukar_csv(tmp_path / "daftar.csv"))
    assert response.status_code == 413 and "file" in response.json()
    assert not ImportRun.objects.exists()


def test_no_login_no_upload(db, client, tmp_path):
    assert post(client, kukar_csv(tmp_path / "daftar.csv")).status_code in (401, 403)
    response = post(client, kukar_csv(tmp_path / "daftar.csv"),
                    headers={"HTTP_AUTHORIZATION": "Token pantau_wrong"})  # fmt: skip
    assert response.status_code == 401
    assert not ImportRun.objects.exists()


def test_an_unknown_run_is_404(client_as):
    client = client_as("national")
    assert client.get("/api/v1/imports/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_a_token_upload_larger_than_a_form_passes_the_gate(make_user, client, tmp_path,
                                                           settings):  # fmt: skip
    """The gate lets a large multipart body through only to a signed-in user; the token is
    checked by the view, before the body is read: a wrong token never gets a byte read."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    path = kukar_csv(tmp_path / "daftar.csv")
    wrong = post(client, path, headers={"HTTP_AUTHORIZATION": "Token pantau_wrong"})
    assert wrong.status_code == 401
    assert post(client, path).status_code == 413  # no token, no session: the gate
    headers = token_header(make_user, "kukar", "pemda", "64.02")
    assert post(client, path, headers=headers).status_code == 201
    viewer = token_header(make_user, "lihat", "viewer", "64.02")
    assert post(client, path, headers=viewer).status_code == 403
    assert ImportRun.objects.count() == 1
