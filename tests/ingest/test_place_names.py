"""Worker lists that name districts and villages, or no place at all (issue 16, part 1).

Real Kemendagri regions of Kutai Kartanegara (64.02): "Tenggarong" (64.02.06) beside
"Tenggarong Seberang" (64.02.16), "Sanga Sanga" (64.02.15), and villages named "Bukit
Raya" in Samboja (64.02.13) and Tenggarong Seberang (64.02.16).
"""

from __future__ import annotations

import json

import duckdb
import pytest
from django.core.management import call_command

from pantau.ingest import importer
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from tests.ingest.files import issues_of, write_csv


@pytest.fixture(autouse=True, params=["small_file", "large_file"])
def database(request, monkeypatch):
    """Both checking databases: the optimizer's joins and the stream-first ones."""
    if request.param == "large_file":
        monkeypatch.setattr(importer, "SMALL_FILE_BYTES", 0)
    return request.param


def nik(serial: int) -> str:
    """A valid NIK of Muara Badak (64.02.05), a man born on 1 July 1990."""
    return f"640205010790{serial:04d}"


def people(places: list[dict[str, str]]) -> list[dict[str, str]]:
    return [
        {"NIK": nik(index), "Nama": f"Pekerja {index}", **place}
        for index, place in enumerate(places, start=1)
    ]


def run(path, dry_run=False):
    request = ImportRequest(path=path, kind="workers", pemda_code="64.02", category="non_asn",
                            year=2025, dry_run=dry_run)  # fmt: skip
    return import_file(request)


def stored_places(summary) -> dict[str, str]:
    """NIK → region code as the snapshot stores it."""
    snapshot = Snapshot.objects.get(pk=summary.snapshot)
    rows = duckdb.sql(
        f"SELECT nik, region_code FROM read_parquet('{snapshot.absolute_path}/data/**/*.parquet')"
    ).fetchall()
    return dict(rows)


def test_district_names_are_resolved_inside_the_pemda(db, tmp_path):
    path = write_csv(
        tmp_path / "kecamatan.csv",
        people([
            {"Kecamatan": "Kec. Tenggarong"},
            {"Kecamatan": "TENGGARONG SEBERANG"},
            {"Kecamatan": "Sanga-Sanga"},
            {"Kecamatan": "kecamatan  muara badak"},
        ]),
    )  # fmt: skip
    summary = run(path)
    assert (summary.rows, summary.accepted, summary.warnings) == (4, 4, 0)
    assert summary.header["district_name"] == "Kecamatan"
    assert stored_places(summary) == {
        nik(1): "64.02.06",  # Tenggarong, not Tenggarong Seberang
        nik(2): "64.02.16",
        nik(3): "64.02.15",  # "Sanga Sanga" in the Kemendagri list
        nik(4): "64.02.05",
    }
    # The same file again: nothing new.
    assert run(path).status == "unchanged"


def test_an_unknown_district_is_refused_with_the_closest_names(db, tmp_path):
    path = write_csv(
        tmp_path / "salah.csv",
        people([{"Kecamatan": "Tengarong"}, {"Kecamatan": "Jakarta Pusat"},
                {"Kecamatan": "Tenggarong"}]),
    )  # fmt: skip
    summary = run(path, dry_run=True)
    assert (summary.rows, summary.accepted) == (3, 1)
    issues = {issue["baris"]: issue for issue in issues_of(summary)}
    first = issues["2"]
    assert (first["kode"], first["kolom"]) == ("district_unknown", "district_name")
    written, suggested = first["nilai"].split(" → ")
    assert written == "Tengarong"
    names = suggested.split(", ")
    assert len(names) == 3 and names[0] == "Tenggarong" and "Tenggarong Seberang" in names
    assert "Tengarong → Tenggarong" in first["pesan"] and "closest" in first["message"]
    assert issues["3"]["kode"] == "district_unknown"


def test_villages_inside_their_district_or_anywhere_when_unique(db, tmp_path):
    path = write_csv(
        tmp_path / "desa.csv",
        people([
            {"Kecamatan": "Tenggarong Seberang", "Desa/Kelurahan": "Bukit Raya"},
            {"Kecamatan": "Samboja", "Desa/Kelurahan": "BUKIT RAYA"},
            {"Kecamatan": "", "Desa/Kelurahan": "Kel. Bukit Biru"},
            {"Kecamatan": "", "Desa/Kelurahan": "Bukit Raya"},
            {"Kecamatan": "Tenggarong", "Desa/Kelurahan": "Bukit Rayaa"},
            {"Kecamatan": "", "Desa/Kelurahan": ""},
        ]),
    )  # fmt: skip
    summary = run(path, dry_run=True)
    assert (summary.rows, summary.accepted) == (6, 3)
    issues = {issue["baris"]: issue for issue in issues_of(summary)}
    assert set(issues) == {"5", "6", "7"}
    ambiguous = issues["5"]
    assert (ambiguous["kode"], ambiguous["kolom"]) == ("village_ambiguous", "village_name")
    assert ambiguous["nilai"] == (
        "Bukit Raya → Bukit Raya (Samboja), Bukit Raya (Tenggarong Seberang)"
    )
    unknown = issues["6"]
    assert unknown["kode"] == "village_unknown"
    # Suggested from Tenggarong's villages only: Bukit Raya lies elsewhere.
    assert unknown["nilai"].startswith("Bukit Rayaa → Bukit Biru")
    assert "Bukit Raya," not in unknown["nilai"] + ","
    assert issues["7"]["kode"] == "region_missing"

    imported = run(write_csv(tmp_path / "baik.csv", people([
        {"Kecamatan": "Tenggarong Seberang", "Desa/Kelurahan": "Bukit Raya"},
        {"Kecamatan": "Samboja", "Desa/Kelurahan": "BUKIT RAYA"},
        {"Kecamatan": "", "Desa/Kelurahan": "Kel. Bukit Biru"},
    ])))  # fmt: skip
    assert stored_places(imported) == {
        nik(1): "64.02.16.2002",
        nik(2): "64.02.13.2016",
        nik(3): "64.02.06.1003",
    }


def test_a_code_wins_over_names(db, tmp_path):
    path = write_csv(
        tmp_path / "kode.csv",
        people([{"Kode Wilayah": "64.02.05.2001", "Kecamatan": "Tengarong"},
                {"Kode Wilayah": "", "Kecamatan": "Loa Kulu"}]),
    )  # fmt: skip
    summary = run(path)
    assert (summary.accepted, summary.warnings) == (2, 0)
    assert stored_places(summary) == {nik(1): "64.02.05.2001", nik(2): "64.02.02"}


def test_a_list_naming_no_place_puts_everyone_at_the_pemda_with_one_warning(db, tmp_path):
    path = write_csv(tmp_path / "tanpa.csv", people([{}, {}, {}]) + [{"NIK": "", "Nama": ""}])
    summary = run(path)
    assert (summary.rows, summary.accepted, summary.rejected, summary.warnings) == (3, 3, 0, 1)
    assert set(stored_places(summary).values()) == {"64.02"}
    issues = issues_of(summary)
    assert [(i["baris"], i["kode"], i["tingkat"]) for i in issues] == [
        ("2", "place_missing", "peringatan")
    ]
    assert "64.02 Kabupaten Kutai Kartanegara" in issues[0]["pesan"]
    assert run(path).status == "unchanged"


def test_the_cli_imports_a_list_naming_districts(db, tmp_path, capsys):
    places = [{"nama_kecamatan": "Kec. Tenggarong"}, {"nama_kecamatan": "Loa Kulu"}]
    path = write_csv(tmp_path / "cli.csv", people(places))
    call_command("import", "workers", str(path), "--pemda", "64.02", "--category", "non_asn",
                 "--year", "2025", "--format", "json")  # fmt: skip
    body = json.loads(capsys.readouterr().out)
    assert (body["status"], body["accepted"], body["rejected"]) == ("created", 2, 0)
    snapshot = Snapshot.objects.get(pk=body["snapshot"])
    assert snapshot.header_mapping["columns"] == {
        "nik": "NIK",
        "name": "Nama",
        "district_name": "nama_kecamatan",
    }


def test_a_province_resolves_names_across_its_regencies(db, tmp_path):
    """Jawa Barat (32) has two districts named Banjaran (32.04.13, 32.10.22)."""
    path = write_csv(tmp_path / "jabar.csv", people([{"Kecamatan": "Banjaran"}]))
    request = ImportRequest(path=path, kind="workers", pemda_code="32", category="non_asn",
                            year=2025, dry_run=True)  # fmt: skip
    summary = import_file(request)
    assert (summary.rows, summary.accepted) == (1, 0)
    [issue] = issues_of(summary)
    assert (issue["kode"], issue["kolom"]) == ("district_ambiguous", "district_name")
    assert issue["nilai"] == "Banjaran → 32.04.13 Banjaran, 32.10.22 Banjaran"
