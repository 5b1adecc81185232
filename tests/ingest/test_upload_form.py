"""Step 1 of the upload wizard: who may open it, for which Pemda, which files.

The helpers here (a Kutai Kartanegara worker list as people make it, an upload through
the form) are shared by the other `test_upload_*` files.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.ingest.models import ImportRun
from tests.ingest.wizard import GOOD_ROWS, kukar_csv, upload


def test_pemda_officer_opens_the_wizard_for_its_own_pemda(kukar):
    response = kukar.get(reverse("ingest:new"))
    assert response.status_code == 200
    form = response.context["form"]
    assert [code for code, _ in form.fields["kind"].choices] == ["workers"]
    assert [region.code for region in form.fields["pemda"].queryset] == ["64.02"]
    assert form.fields["pemda"].initial == "64.02"
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert '<label for="id_file">Berkas</label>' in html
    assert "Data per bulan" not in html  # membership extracts are BPJS's


def test_upload_stores_the_file_and_opens_the_preview(kukar, data_dir, tmp_path):
    response = upload(kukar, kukar_csv(tmp_path / "pegawai non asn.csv"))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ingest:run", args=[run.pk])
    assert (run.status, run.kind, run.pemda_id, run.category, run.year) == (
        "uploaded",
        "workers",
        "64.02",
        "non_asn",
        2025,
    )
    assert run.source_name == "pegawai non asn.csv"
    assert run.upload_path == f"uploads/{run.pk}/pegawai_non_asn.csv"
    stored = data_dir / run.upload_path
    assert stored.read_bytes() == (tmp_path / "pegawai non asn.csv").read_bytes()
    assert oct(stored.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("pemda", ["64.71", "64", "11.01"])
def test_pemda_officer_cannot_upload_for_another_pemda(kukar, data_dir, tmp_path, pemda):
    response = upload(kukar, kukar_csv(tmp_path / "daftar.csv"), pemda=pemda)
    assert response.status_code == 400
    assert response.context["form"].errors["pemda"]
    assert not ImportRun.objects.exists()
    assert not (data_dir / "uploads").exists() or not any((data_dir / "uploads").iterdir())


def test_pemda_officer_cannot_upload_membership_extracts(kukar, data_dir, tmp_path):
    response = upload(kukar, kukar_csv(tmp_path / "daftar.csv"), kind="members", as_of="2025-06")
    assert response.status_code == 400
    assert response.context["form"].errors["kind"]
    assert not ImportRun.objects.exists()


def test_province_officer_may_upload_for_its_regencies(client_as, data_dir, tmp_path):
    client = client_as("pemda", "64")
    form = client.get(reverse("ingest:new")).context["form"]
    codes = [region.code for region in form.fields["pemda"].queryset]
    assert codes[0] == "64" and "64.02" in codes and "64.71" in codes and len(codes) == 11
    assert upload(client, kukar_csv(tmp_path / "daftar.csv"), pemda="64.02").status_code == 302


def test_bpjs_officer_may_upload_both_kinds_and_members_need_a_month(client_as, data_dir, tmp_path):
    client = client_as("bpjs", "64.71")
    form = client.get(reverse("ingest:new")).context["form"]
    assert [code for code, _ in form.fields["kind"].choices] == ["workers", "members", "claims"]
    response = upload(client, kukar_csv(tmp_path / "peserta.csv"), kind="members", pemda="")
    assert response.status_code == 400
    assert "Isi bulan data kepesertaan." in response.context["form"].errors["as_of"]
    response = upload(
        client, kukar_csv(tmp_path / "peserta.csv"), kind="members", pemda="", as_of="2025-06"
    )
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert (run.kind, run.pemda_id, str(run.as_of)) == ("members", None, "2025-06-01")


@pytest.mark.parametrize(
    ("role", "region"), [("viewer", None), ("viewer", "64.02"), ("national", None)]
)
def test_others_are_refused_in_indonesian(client_as, role, region, data_dir, tmp_path):
    client = client_as(role, region)
    response = client.get(reverse("ingest:new"))
    assert response.status_code == 403
    assert "Hanya petugas Pemda dan BPJS Ketenagakerjaan" in response.content.decode()
    assert upload(client, kukar_csv(tmp_path / "daftar.csv")).status_code == 403
    assert not ImportRun.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("ingest:new"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["daftar.pdf", "daftar.xls", "daftar"])
def test_other_file_types_are_refused(kukar, data_dir, tmp_path, name):
    response = upload(kukar, kukar_csv(tmp_path / name))
    assert response.status_code == 400
    [message] = response.context["form"].errors["file"]
    assert "tidak diterima: unggah CSV, XLSX atau Parquet" in message
    assert not ImportRun.objects.exists()


def test_files_over_the_limit_are_refused_naming_the_limit(kukar, data_dir, tmp_path, settings):
    settings.PANTAU_MAX_UPLOAD_MB = 1
    big = tmp_path / "besar.csv"
    kukar_csv(big, rows=GOOD_ROWS * 20_000)  # about 1.5 MB
    assert big.stat().st_size > 1024 * 1024
    response = upload(kukar, big)
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "Berkas terlalu besar: batasnya 1 MB. Pecah berkas menjadi beberapa bagian atau "
        "gunakan Parquet, yang jauh lebih kecil."
    ]
    assert not ImportRun.objects.exists()
    assert not (data_dir / "uploads").exists()


def test_csrf_is_still_checked(client, make_user, data_dir, tmp_path):
    from django.test import Client

    user = make_user("kukar", "pemda", "64.02")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = upload(strict, kukar_csv(tmp_path / "daftar.csv"))
    assert response.status_code == 403
    assert not ImportRun.objects.exists()
