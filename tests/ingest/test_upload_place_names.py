"""The wizard with a worker list naming districts and villages, or no place (issue 16, part 1):
the preview shows how names will be read before anything is imported, the import places
people as shown, and the Pemda's codes and names download for its uploaders."""

from __future__ import annotations

import csv
import io

import duckdb
from django.urls import reverse

from pantau.ingest.models import ImportRun
from pantau.lake.models import Snapshot
from tests.ingest.wizard import TITLE, upload

HEADER = "No;NIK;Nama;Kecamatan;Desa/Kelurahan;Jabatan"
ROWS = [
    "1;6402054507900001;Siti Aminah;Kec. Tenggarong;Kel. Bukit Biru;Staf",
    "2;6402051203850002;Budi Santoso;TENGGARONG SEBERANG;Bukit Raya;Pengemudi",
    "3;6402056808920003;Rina Wati;Sanga-Sanga;;Operator",
    "4;6402051507900004;Ahmad Yani;Tengarong;;Staf",
    "5;6402051607900005;Dewi Lestari;;Bukit Raya;Staf",
]


def named_list(path, rows=ROWS, header=HEADER):
    path.write_text("\r\n".join([TITLE, "", header, *rows]) + "\r\n", encoding="utf-8")
    return path


def test_the_preview_shows_how_names_will_be_read(kukar, data_dir, tmp_path):
    upload(kukar, named_list(tmp_path / "kecamatan.csv"))
    run = ImportRun.objects.get()
    response = kukar.get(reverse("ingest:run", args=[run.pk]))
    assert response.status_code == 200
    places = response.context["places"]
    assert (places.missing, places.rows, places.resolved, places.unknown) == (False, 5, 3, 2)
    read = {item.written: (item.code, item.issue) for item in places.resolutions}
    assert read == {
        "Kec. Tenggarong / Kel. Bukit Biru": ("64.02.06.1003", None),
        "TENGGARONG SEBERANG / Bukit Raya": ("64.02.16.2002", None),
        "Sanga-Sanga": ("64.02.15", None),
        "Tengarong": (None, "district_unknown"),
        "Bukit Raya": (None, "village_ambiguous"),
    }
    # Problems first, so they are seen.
    assert [item.issue is None for item in places.resolutions] == [False, False, True, True, True]
    html = response.content.decode()
    assert "→ 64.02.15 Sanga Sanga" in html
    assert "Tengarong → Tenggarong" in html  # the closest names are suggested
    assert "Dari 5 baris pertama: 3 baris dengan nama tempat yang dikenali, 2 baris" in html
    assert reverse("ingest:place-codes", args=["64.02", "xlsx"]) in html
    mapping = {row.name: row.header for row in response.context["mapping"]}
    assert (mapping["district_name"], mapping["village_name"]) == ("Kecamatan", "Desa/Kelurahan")


def test_the_preview_is_in_english_for_english_readers(kukar, data_dir, tmp_path):
    upload(kukar, named_list(tmp_path / "kecamatan.csv", rows=ROWS[3:4]))
    run = ImportRun.objects.get()
    kukar.cookies["django_language"] = "en"
    html = kukar.get(reverse("ingest:run", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en").content
    assert "Unknown district in this Pemda; as written → the closest names" in html.decode()


def test_the_import_places_people_as_the_preview_said(kukar, data_dir, tmp_path, immediate_tasks):
    upload(kukar, named_list(tmp_path / "kecamatan.csv"))
    run = ImportRun.objects.get()
    kukar.post(reverse("ingest:start", args=[run.pk]), {"mode": "import"})
    run.refresh_from_db()
    assert (run.result["accepted"], run.result["rejected"]) == (3, 2)
    snapshot = Snapshot.objects.get()
    stored = duckdb.sql(
        f"SELECT name, region_code FROM read_parquet('{snapshot.absolute_path}/data/**/*.parquet')"
        " ORDER BY name"
    ).fetchall()
    assert stored == [
        ("Budi Santoso", "64.02.16.2002"),
        ("Rina Wati", "64.02.15"),
        ("Siti Aminah", "64.02.06.1003"),
    ]


def test_a_list_without_places_says_everyone_goes_to_the_pemda(kukar, data_dir, tmp_path):
    rows = [row.rsplit(";", 3)[0] + ";Staf" for row in ROWS[:2]]
    upload(kukar, named_list(tmp_path / "tanpa.csv", rows=rows, header="No;NIK;Nama;Jabatan"))
    run = ImportRun.objects.get()
    response = kukar.get(reverse("ingest:run", args=[run.pk]))
    assert response.context["places"].missing is True
    assert response.context["missing"] == []  # still importable
    html = response.content.decode()
    assert "semua orang akan ditempatkan di Pemda 64.02 Kabupaten Kutai Kartanegara" in html


def test_a_list_with_codes_shows_no_place_table(kukar, data_dir, tmp_path):
    rows = ["1;6402054507900001;Siti Aminah;64.02.05.2001;Staf"]
    upload(kukar, named_list(tmp_path / "kode.csv", rows=rows,
                             header="No;NIK;Nama;Kode Wilayah;Jabatan"))  # fmt: skip
    run = ImportRun.objects.get()
    response = kukar.get(reverse("ingest:run", args=[run.pk]))
    assert response.context["places"] is None
    assert 'data-testid="places"' not in response.content.decode()


def test_the_pemda_codes_download_for_its_uploaders(kukar, client_as):
    response = kukar.get(reverse("ingest:place-codes", args=["64.02", "csv"]))
    assert response.status_code == 200
    assert 'filename="kode-wilayah-64.02.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == ["kode_wilayah", "kecamatan", "desa_kelurahan", "tingkat"]
    by_code = {row["kode_wilayah"]: row for row in rows}
    assert by_code["64.02.06"]["kecamatan"] == "Tenggarong"
    assert by_code["64.02.06"]["desa_kelurahan"] == ""
    assert by_code["64.02.06.1003"]["desa_kelurahan"] == "Bukit Biru"
    assert by_code["64.02.06.1003"]["kecamatan"] == "Tenggarong"
    assert len([r for r in rows if r["tingkat"] == "Kecamatan"]) == 20
    assert all(code.startswith("64.02.") for code in by_code)

    xlsx = kukar.get(reverse("ingest:place-codes", args=["6402", "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # Another Pemda's officer, a viewer, and what is not a Pemda.
    assert client_as("pemda", "64.71").get("/impor/kode-wilayah/64.02.csv").status_code == 403
    assert client_as("viewer").get("/impor/kode-wilayah/64.02.csv").status_code == 403
    assert kukar.get("/impor/kode-wilayah/64.02.06.csv").status_code == 404
    assert kukar.get("/impor/kode-wilayah/64.02.pdf").status_code == 404
