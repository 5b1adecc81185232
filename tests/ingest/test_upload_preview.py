"""Step 2 of the upload wizard: the detected header mapping, shown before anything is imported."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.ingest.models import ImportRun
from tests.ingest.wizard import GOOD_ROWS, kukar_csv, upload


def run_page(client):
    run = ImportRun.objects.get()
    return run, client.get(reverse("ingest:run", args=[run.pk]))


def test_preview_shows_the_mapping_of_a_file_with_a_title_row(kukar, data_dir, tmp_path):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run, response = run_page(kukar)
    assert response.status_code == 200
    mapping = {row.name: row for row in response.context["mapping"]}
    assert {name: row.header for name, row in mapping.items() if row.header} == {
        "nik": "NIK",
        "name": "Nama",
        "birth_date": "Tanggal Lahir",
        "sex": "Jenis Kelamin",
        "region_code": "Kode Wilayah",
        "position": "Jabatan",
        "monthly_income": "Penghasilan",
    }
    assert mapping["name"].examples[:2] == ["Siti Aminah", "Budi Santoso"]
    # The uploader holds this data: NIKs of its own region are shown in full.
    assert mapping["nik"].examples[0] == "6402054507900001"
    assert response.context["ignored"] == ["No"]
    assert response.context["missing"] == []
    assert response.context["header_row"] == 3
    html = response.content.decode()
    assert "Pemetaan kolom" in html and "Kolom yang diabaikan:" in html
    assert "<code>No</code>" in html
    assert 'value="import"' in html and "Impor sekarang" in html
    assert "Periksa saja (dry run)" in html
    assert " disabled" not in html
    run.refresh_from_db()
    assert run.status == "uploaded"  # looking is not importing


def test_niks_of_people_outside_the_viewers_region_are_masked(kukar, data_dir, tmp_path):
    rows = [*GOOD_ROWS[:1], "9;6471054507900001;Orang Balikpapan;05/07/1990;P;64.71.05.1001;Staf;1"]
    upload(kukar, kukar_csv(tmp_path / "daftar.csv", rows=rows))
    _, response = run_page(kukar)
    nik = next(row for row in response.context["mapping"] if row.name == "nik")
    assert nik.examples == ["6402054507900001", "647105**********"]
    assert "6471054507900001" not in response.content.decode()


def test_a_missing_required_column_disables_the_import(kukar, data_dir, tmp_path):
    header = "No;NIK;Tanggal Lahir;Jenis Kelamin;Kode Wilayah;Jabatan;Penghasilan"
    rows = ["1;6402054507900001;05/07/1990;P;64.02.05;Staf;2500000"]
    upload(kukar, kukar_csv(tmp_path / "daftar.csv", rows=rows, header=header))
    _, response = run_page(kukar)
    assert [str(label) for label in response.context["missing"]] == ["Nama"]
    html = response.content.decode()
    assert "Kolom wajib tidak ditemukan: Nama." in html
    assert html.count(" disabled>") == 2  # both buttons


def test_an_unreadable_file_shows_both_messages(kukar, data_dir, tmp_path):
    broken = tmp_path / "daftar.xlsx"
    broken.write_bytes(b"this is not a workbook")
    upload(kukar, broken)
    _, response = run_page(kukar)
    rejected = response.context["rejected"]
    html = response.content.decode()
    assert rejected.message_id in html
    assert f'<p lang="en" class="muted">{rejected.message_en}</p>' in html
    assert "Impor sekarang" not in html


def test_an_upload_whose_file_is_gone_says_so(kukar, data_dir, tmp_path):
    """A kept upload removed from the data directory: a message, not a server error."""
    from pantau.ingest.uploads import upload_file

    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    upload_file(run).unlink()
    _, response = run_page(kukar)
    assert response.status_code == 200
    assert response.context["rejected"].code == "upload_missing"
    assert "Berkas unggahan tidak ditemukan lagi" in response.content.decode()


@pytest.mark.parametrize(("role", "region", "status"), [
    ("pemda", "64.71", 404),
    ("bpjs", "64.71", 404),
    ("viewer", "64.02", 404),
    ("national", None, 200),  # the national team sees people everywhere (NIKs masked)
    ("pemda", "64", 200),  # the province's subtree holds the people, so it may look
])  # fmt: skip
def test_only_officers_who_may_upload_for_the_pemda_see_the_run(
    kukar, client_as, data_dir, tmp_path, role, region, status
):
    upload(kukar, kukar_csv(tmp_path / "daftar.csv"))
    run = ImportRun.objects.get()
    other = client_as(role, region)  # the same test client, now signed in as someone else
    assert other.get(reverse("ingest:run", args=[run.pk])).status_code == status
    if status == 404:
        assert other.post(reverse("ingest:start", args=[run.pk])).status_code == 404
        run.refresh_from_db()
        assert run.status == "uploaded"
