"""The upload wizard takes claims extracts from BPJS officers (and the national team), as it
takes membership extracts: the kind is offered only to them, a branch's file covers the
branch's region, the preview maps the claim columns, and the result counts accepted,
rejected and flagged claims beside the error report."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

from pantau.audit.models import AuditEvent
from pantau.core.vocabulary import Kind
from pantau.ingest.blank_forms import EXAMPLES, HEADERS
from pantau.ingest.importer import import_file
from pantau.ingest.models import ImportRun
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from tests.ingest.files import ANDI, SITI, member, write_csv
from tests.ingest.wizard import start, upload


def claim(**changes) -> dict[str, str]:
    """A valid claim (the blank form's example: JKM Rp42,000,000 to Siti's husband)."""
    return {**EXAMPLES[Kind.CLAIMS], **changes}


def claims_file(tmp_path, name="klaim-juli-2022.csv"):
    rows = [
        claim(),  # as the law says, and Siti is a member: nothing to flag
        # JKM under PP 82/2019 pays 42,000,000: a short payment is accepted and flagged.
        claim(
            claim_no="JKM-6402-2022-000124",
            nik=ANDI,
            name="ANDI",
            amount="40000000",
            heir_relation="istri",
        ),  # fmt: skip
        # JKP pays job loss only.
        claim(claim_no="JKP-6402-2022-000125", program="JKP", event="death"),
    ]
    return indonesian_csv(tmp_path / name, rows)


def indonesian_csv(path, rows):
    """Claims under the blank form's Indonesian headers (`no_klaim`, `tanggal_bayar` …)."""
    headers = HEADERS[Kind.CLAIMS]
    return write_csv(path, [{headers[key]: value for key, value in row.items()} for row in rows])


@pytest.fixture
def members_current(db, tmp_path):
    """Siti and Andi are members (enrolled 2021-01-10), so no membership flag is raised."""
    rows = [member(), member(nik=ANDI, name="ANDI", birth_date="1985-03-12", sex="L")]
    path = write_csv(tmp_path / "peserta.csv", rows)
    summary = import_file(ImportRequest(path=path, kind=Kind.MEMBERS,
                                        as_of=datetime.date(2022, 7, 1)))  # fmt: skip
    assert summary.accepted == 2
    return summary


def upload_claims(client, path, **fields):
    return upload(client, path, kind="claims", pemda="", **fields)


def kinds_offered(client) -> list[str]:
    return [value for value, _label in client.get(reverse("ingest:new")).context["form"]
            .fields["kind"].choices]  # fmt: skip


def test_claims_are_offered_to_bpjs_officers_only(client_as, tmp_path):
    assert "claims" in kinds_offered(client_as("bpjs", "64.02"))
    pemda = client_as("pemda", "64.02")
    assert "claims" not in kinds_offered(pemda)
    page = pemda.get(reverse("ingest:new")).content.decode()
    assert "/impor/templat/claims.xlsx" not in page
    # Whatever the browser sends, a Pemda officer's claims file is refused by the form.
    response = upload_claims(pemda, claims_file(tmp_path))
    assert response.status_code == 400
    assert "kind" in response.context["form"].errors
    assert not ImportRun.objects.exists()


def test_the_upload_page_shows_the_claims_part_and_its_blank_form(client_as):
    page = client_as("bpjs").get(reverse("ingest:new")).content.decode()
    assert '<option value="claims">Data klaim BPJS</option>' in page
    assert 'data-kind="claims"' in page
    assert 'href="/impor/templat/claims.xlsx"' in page
    assert 'href="/impor/templat/claims.csv"' in page
    # The region field serves membership and claims extracts alike.
    assert 'data-kind="members claims"' in page


def test_a_branch_officers_claims_cover_the_branch_region(client_as, tmp_path):
    client = client_as("bpjs", "64.02")
    response = upload_claims(client, claims_file(tmp_path), region="64", as_of="2022-07",
                             category="non_asn")  # fmt: skip
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert (run.kind, run.region_id, run.pemda_id, run.category, run.as_of, run.year) == (
        "claims", "64.02", None, "", None, None,
    )  # fmt: skip
    page = client.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert f"<dt>Wilayah cakupan</dt><dd>64.02 · {run.region.name}</dd>" in page
    assert ">Tahun<" not in page  # a claims file has no budget year


def test_a_national_officers_claims_may_cover_the_whole_country(client_as, tmp_path):
    client = client_as("bpjs")
    assert upload_claims(client, claims_file(tmp_path), region="").status_code == 302
    run = ImportRun.objects.get()
    assert run.region_id is None
    page = client.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert "<dt>Wilayah cakupan</dt><dd>Indonesia</dd>" in page


def test_a_worker_list_still_needs_its_budget_year(kukar, tmp_path):
    from tests.ingest.wizard import kukar_csv

    response = upload(kukar, kukar_csv(tmp_path / "daftar.csv"), year="")
    assert response.status_code == 400
    # Django's "required" message, in the words of the Indonesian catalogue in force (the
    # REST framework's, installed with the API, reads "Bidang ini harus diisi.").
    required = str(forms.Field.default_error_messages["required"])
    assert required.startswith("Bidang ini")
    assert response.context["form"].errors["year"] == [required]


def test_the_preview_maps_the_claim_columns(client_as, tmp_path):
    client = client_as("bpjs", "64.02")
    upload_claims(client, claims_file(tmp_path))
    run = ImportRun.objects.get()
    response = client.get(reverse("ingest:run", args=[run.pk]))
    assert response.status_code == 200
    mapping = {row.name: row for row in response.context["mapping"]}
    assert list(mapping)[:3] == ["claim_no", "nik", "name"]  # the blank form's order
    assert mapping["claim_no"].header == "no_klaim" and mapping["claim_no"].required
    assert str(mapping["event_date"].label) == "Tanggal kejadian"
    assert mapping["amount"].examples[:2] == ["42000000", "40000000"]
    assert response.context["missing"] == []
    page = response.content.decode()
    assert "Nomor klaim" in page and "Jumlah dibayar" in page
    # A branch officer sees the NIKs of its own region.
    assert SITI in page
    assert AuditEvent.objects.filter(action="view_import_preview").count() == 1


def test_a_missing_required_claim_column_is_named(client_as, tmp_path):
    client = client_as("bpjs")
    rows = [{k: v for k, v in claim().items() if k != "paid_on"}]
    upload_claims(client, indonesian_csv(tmp_path / "tanpa-tanggal-bayar.csv", rows))
    response = client.get(reverse("ingest:run", args=[ImportRun.objects.get().pk]))
    assert [str(label) for label in response.context["missing"]] == ["Tanggal bayar"]
    assert 'value="import" class="btn" disabled' in response.content.decode()


def test_claims_import_in_the_background_and_the_result_counts_flags(
    client_as, tmp_path, immediate_tasks, members_current, data_dir
):
    client = client_as("bpjs", "64.02")
    upload_claims(client, claims_file(tmp_path))
    run = ImportRun.objects.get()
    start(client, run)
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert {k: run.result[k] for k in ("status", "rows", "accepted", "rejected", "flagged")} == {
        "status": "created", "rows": 3, "accepted": 2, "rejected": 1, "flagged": 1,
    }  # fmt: skip
    snapshot = Snapshot.objects.get(kind="claims")
    assert (snapshot.region_code, snapshot.accepted, snapshot.is_current) == ("64.02", 2, True)

    response = client.get(reverse("ingest:run", args=[run.pk]))
    assert response.context["flagged"] == 1
    page = response.content.decode()
    assert 'data-testid="flagged">1<' in page
    assert "Ditandai" in page
    assert 'data-testid="flagged-note"' in page
    assert f'href="/impor/{run.pk}/laporan.csv"' in page

    report = b"".join(client.get(reverse("ingest:report", args=[run.pk, "csv"])).streaming_content)
    text = report.decode("utf-8-sig")
    assert "claim_amount_differs" in text and "claim_event_invalid" in text
    assert AuditEvent.objects.filter(action="download_error_report").count() == 1
    # The uploaded copy is gone once the claims are in the lake.
    assert not (Path(data_dir) / run.upload_path).exists()


def test_a_dry_run_stores_nothing_and_the_import_follows(client_as, tmp_path, immediate_tasks):
    client = client_as("bpjs")
    upload_claims(client, claims_file(tmp_path))
    run = ImportRun.objects.get()
    start(client, run, mode="dry_run")
    run.refresh_from_db()
    assert run.result["status"] == "dry_run"
    assert not Snapshot.objects.filter(kind="claims").exists()
    page = client.get(reverse("ingest:run", args=[run.pk])).content.decode()
    assert "Hanya diperiksa" in page
    # Without a membership extract every accepted claim is flagged (NIK in no extract).
    assert 'data-testid="flagged">2<' in page

    start(client, run)
    run.refresh_from_db()
    assert run.result["status"] == "created"
    assert Snapshot.objects.get(kind="claims").region_code == ""


def test_the_same_claims_file_again_is_unchanged(client_as, tmp_path, immediate_tasks):
    client = client_as("bpjs")
    for name in ("klaim.csv", "klaim-lagi.csv"):
        upload_claims(client, claims_file(tmp_path, name))
        start(client, ImportRun.objects.latest("created_at"))
    statuses = [run.result["status"] for run in ImportRun.objects.order_by("created_at")]
    assert statuses == ["created", "unchanged"]
    page = client.get(reverse("ingest:run", args=[ImportRun.objects.latest("created_at").pk]))
    assert "Tidak berubah" in page.content.decode()


def test_workers_and_members_show_no_flagged_tile(kukar, tmp_path, immediate_tasks):
    from tests.ingest.wizard import kukar_csv, upload_and_import

    run = upload_and_import(kukar, kukar_csv(tmp_path / "daftar.csv"))
    response = kukar.get(reverse("ingest:run", args=[run.pk]))
    assert response.context["flagged"] is None
    assert 'data-testid="flagged"' not in response.content.decode()
