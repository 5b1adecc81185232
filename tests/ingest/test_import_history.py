"""`/wilayah/<code>/impor/`: the uploads and snapshots of the Pemda in a region."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.ingest.models import ImportRun
from pantau.lake.models import Snapshot


def make_run(user, pemda="64.02", **fields):
    values = {
        "kind": "workers",
        "pemda_id": pemda,
        "category": "non_asn",
        "year": 2025,
        "source_name": f"daftar-{pemda}.csv",
        "user": user,
        "status": "done",
        "result": {"status": "created", "rows": 10, "accepted": 8, "rejected": 2, "warnings": 1},
    }
    values.update(fields)
    return ImportRun.objects.create(**values)


def make_snapshot(user, pemda="64.02", year=2025, **fields):
    values = {
        "kind": "workers",
        "pemda_id": pemda,
        "category": "non_asn",
        "year": year,
        "source_name": f"daftar-{pemda}-{year}.csv",
        "sha256": "0" * 64,
        "uploaded_by": user,
        "rows": 10,
        "accepted": 8,
        "rejected": 2,
        "rules_version": "1",
        "path": "lake/workers/x",
    }
    values.update(fields)
    return Snapshot.objects.create(**values)


@pytest.fixture
def uploads(make_user):
    kukar = make_user("petugas-kukar", "pemda", "64.02")
    balikpapan = make_user("petugas-bpp", "pemda", "64.71")
    bpjs = make_user("bpjs-bpp", "bpjs", "64.71")
    old = make_snapshot(kukar, year=2024, is_current=False)
    new = make_snapshot(kukar, year=2024, source_name="perbaikan.csv")
    Snapshot.objects.filter(pk=old.pk).update(superseded_by=new)
    make_run(kukar, snapshot=new, source_name="perbaikan.csv")
    make_run(balikpapan, pemda="64.71", source_name="balikpapan.csv")
    make_run(bpjs, pemda=None, kind="members", source_name="peserta-bpp.csv", category="")
    return {"old": old, "new": new}


@pytest.mark.parametrize(("role", "region", "target", "status"), [
    ("pemda", "64.02", "64.02", 200),
    ("pemda", "64.02", "64.71", 403),
    ("pemda", "64.02", "64", 403),
    ("pemda", "64", "64.02", 200),
    ("bpjs", "64.71", "64.02", 403),
    ("viewer", "64.02", "64.02", 403),
    ("national", None, "64.02", 200),
])  # fmt: skip
def test_history_is_refused_outside_the_users_region(client_as, role, region, target, status):
    response = client_as(role, region).get(reverse("ingest:history", args=[target]))
    assert response.status_code == status


def test_regency_history_lists_its_own_runs_and_snapshots(client_as, uploads):
    response = client_as("pemda", "64.02").get(reverse("ingest:history", args=["64.02"]))
    runs = list(response.context["run_page"])
    assert [run.source_name for run in runs] == ["perbaikan.csv"]
    assert runs[0].viewable
    snapshots = list(response.context["snapshot_page"])
    assert [s.pk for s in snapshots] == [uploads["new"].pk, uploads["old"].pk]
    html = response.content.decode()
    assert "Riwayat impor Kabupaten Kutai Kartanegara" in html
    assert reverse("ingest:run", args=[runs[0].pk]) in html
    assert '<span class="badge current">Berlaku</span>' in html
    assert f"Digantikan oleh #{uploads['new'].pk}" in html
    assert "balikpapan.csv" not in html and "peserta-bpp.csv" not in html
    assert "petugas-kukar" in html


def test_province_history_includes_its_regencies_and_membership_uploads(client_as, uploads):
    response = client_as("pemda", "64").get(reverse("ingest:history", args=["64"]))
    names = [run.source_name for run in response.context["run_page"]]
    assert sorted(names) == ["balikpapan.csv", "perbaikan.csv", "peserta-bpp.csv"]


def test_national_team_sees_the_list_with_links_to_the_runs(client_as, uploads):
    # People everywhere are the national team's to see (NIKs masked): docs/access.md.
    response = client_as("national").get(reverse("ingest:history", args=["64.02"]))
    [run] = response.context["run_page"]
    assert run.viewable
    assert reverse("ingest:run", args=[run.pk]) in response.content.decode()


def test_history_query_count_does_not_grow_and_pages_hold_50(
    client_as, make_user, django_assert_max_num_queries
):
    kukar = make_user("petugas-kukar", "pemda", "64.02")
    for index in range(60):
        snapshot = make_snapshot(kukar, year=1990 + index)
        make_run(kukar, source_name=f"daftar-{index:02d}.csv", snapshot=snapshot)
    client = client_as("pemda", "64.02")
    url = reverse("ingest:history", args=["64.02"])
    # Session, user, region, the user's region (header), runs count and page,
    # snapshots count and page, and their runs: 9 whatever the number of rows.
    with django_assert_max_num_queries(9):
        response = client.get(url)
    assert len(response.context["run_page"]) == 50
    assert len(response.context["snapshot_page"]) == 50
    assert response.context["run_page"][0].source_name == "daftar-59.csv"
    html = response.content.decode()
    assert "Halaman 1 dari 2" in html and "?page=2#unggahan" in html
    with django_assert_max_num_queries(9):
        second = client.get(url, {"page": 2, "snapshot_page": 2})
    assert len(second.context["run_page"]) == 10
    assert len(second.context["snapshot_page"]) == 10
