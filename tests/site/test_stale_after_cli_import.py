"""`pantau import …` at the command line stores data and leaves the numbers to `pantau
refresh`: until it runs, every page says that new data was imported and the numbers are not
updated yet (issue 16, part 4). Whether the notice shows or not: one query on every page,
or, on a page of the page cache, one whenever the numbers' version changes."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pantau.core.display import moment_label
from pantau.engine.models import Refresh, Workforce
from pantau.lake.models import Snapshot
from pantau.site import wholepage
from pantau.site.freshness import imported_since_refresh, updating
from tests.ingest.files import MEMBER_HEADER, member, worker, write_csv

pytestmark = pytest.mark.usefixtures("own_data_directory")

NOTICE = 'data-testid="numbers-not-updated"'
SAYS = "angka belum diperbarui — jalankan <code>pantau refresh</code>"


def extract(tmp_path):
    path = write_csv(tmp_path / "peserta.csv", [member()], MEMBER_HEADER)
    call_command("import", "members", str(path), "--as-of", "2025-07")


def worker_list(tmp_path, year: int = 2025):
    path = write_csv(tmp_path / f"daftar-{year}.csv", [worker()])
    call_command("import", "workers", str(path), "--pemda", "64.02", "--category", "non_asn",
                 "--year", str(year))  # fmt: skip


def workforce(tmp_path, year: int = 2025):
    path = tmp_path / f"bps-{year}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["region_code", "year", "employed", "source"])
        writer.writerow(["64.02", str(year), "310000", "BPS Kutai Kartanegara, Sakernas"])
    call_command("import", "workforce", str(path))


def refresh(capsys) -> str:
    capsys.readouterr()
    call_command("refresh", "--format", "json")
    return json.loads(capsys.readouterr().out)["status"]


@pytest.fixture
def officer(client_as):
    return client_as("pemda", "64.02")


def region_page(client, language: str = "id") -> str:
    url = reverse("dashboard:region", args=["64.02"])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_pages_say_a_cli_import_is_not_in_the_numbers_until_pantau_refresh(
    db, tmp_path, capsys, officer
):
    extract(tmp_path)
    assert NOTICE in region_page(officer)  # an extract and no numbers at all yet
    assert refresh(capsys) == "created"
    assert NOTICE not in region_page(officer)

    worker_list(tmp_path)
    stored = Snapshot.objects.get(kind="workers").created_at
    computed = Refresh.objects.get(status="done").finished_at
    for url in (reverse("dashboard:region", args=["64.02"]), reverse("budgets:scorecard"),
                reverse("rules:calculator"), reverse("ingest:new")):  # fmt: skip
        html = officer.get(url).content.decode()
        assert NOTICE in html, url
        assert f"Data baru sudah diimpor ({moment_label(stored, 'id')}), {SAYS}." in html
        assert f"Angka yang tampil dihitung {moment_label(computed, 'id')}." in html
    english = region_page(officer, "en")
    assert f"New data was imported ({moment_label(stored, 'en')}) but the numbers have not" in (
        english)  # fmt: skip
    assert "run <code>pantau refresh</code>." in english
    assert f"The numbers shown were computed on {moment_label(computed, 'en')}." in english

    assert refresh(capsys) == "created"
    assert NOTICE not in region_page(officer)

    workforce(tmp_path)  # a new denominator: the UCJ changes only with a refresh
    assert NOTICE in region_page(officer)
    assert refresh(capsys) == "created"
    assert NOTICE not in region_page(officer)


def test_data_no_computed_month_reads_brings_no_notice(db, tmp_path, capsys, officer):
    # A list or a workforce figure of a year after the latest month with numbers changes
    # none of them: `pantau refresh` finds nothing to do, so the notice would never go.
    extract(tmp_path)
    assert refresh(capsys) == "created"
    Workforce.objects.filter(year__gt=2025).delete()
    worker_list(tmp_path, year=2026)
    workforce(tmp_path, year=2026)
    assert imported_since_refresh() is None
    assert NOTICE not in region_page(officer)
    assert refresh(capsys) == "unchanged"


def test_an_older_list_or_extract_that_is_not_in_force_brings_no_notice(
    db, tmp_path, capsys, officer
):
    extract(tmp_path)
    worker_list(tmp_path, year=2025)
    assert refresh(capsys) == "created"
    worker_list(tmp_path, year=2024)  # the 2025 list is in force in July 2025
    path = write_csv(tmp_path / "peserta-lama.csv", [member()], MEMBER_HEADER)
    call_command("import", "members", str(path), "--as-of", "2025-03")  # before July
    assert imported_since_refresh() is None
    assert NOTICE not in region_page(officer)
    assert refresh(capsys) == "unchanged"


def test_while_the_numbers_are_updated_only_that_is_said(db, tmp_path, officer):
    extract(tmp_path)
    with updating("import-test"):
        html = region_page(officer)
    assert 'data-testid="numbers-updating"' in html
    assert NOTICE not in html


def refresh_queries(client, url: str) -> tuple[int, int]:
    """(all queries of the page, the notice's: the one that reads when refreshes started).
    The page is made, not the whole response kept for the session returned
    (`site.wholepage`): what is counted is the page's own work."""
    wholepage.responses.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    notice = [q for q in queries if "engine_refresh" in q["sql"] and "started_at" in q["sql"]]
    return len(queries), len(notice)


@pytest.mark.parametrize("url_name, once", [("rules:calculator", False),
                                            ("budgets:scorecard", True)])  # fmt: skip
def test_the_notice_costs_one_query_on_a_page_or_per_version_on_a_cached_page(
    db, tmp_path, capsys, officer, url_name, once
):
    url = reverse(url_name)
    extract(tmp_path)
    refresh(capsys)
    first, first_notice = refresh_queries(officer, url)  # the session and the caches cold
    quiet, quiet_notice = refresh_queries(officer, url)
    worker_list(tmp_path)
    changed, changed_notice = refresh_queries(officer, url)
    stale, stale_notice = refresh_queries(officer, url)
    if once:
        assert (first_notice, quiet_notice, changed_notice, stale_notice) == (1, 0, 1, 0)
    else:
        assert (first_notice, quiet_notice, changed_notice, stale_notice) == (1, 1, 1, 1)
    assert stale == quiet
    assert NOTICE in officer.get(url).content.decode()
    refresh(capsys)
    assert NOTICE not in officer.get(url).content.decode()


def test_the_sign_in_page_asks_nothing(db, tmp_path, client):
    extract(tmp_path)
    _, notice = refresh_queries(client, reverse("login"))
    assert notice == 0
    assert NOTICE not in client.get(reverse("login")).content.decode()


def test_no_data_no_notice(db, officer):
    assert imported_since_refresh() is None
    assert NOTICE not in region_page(officer)


def test_a_refresh_marked_done_is_a_new_version_of_the_numbers(db):
    """A refresh moves its month's pointer, then is marked done: a page between the two kept
    the notice of the refresh before it, which must not outlive the second step."""
    from pantau.core.pagecache import numbers_version

    running = Refresh.objects.create(as_of="2025-07-01", engine="duckdb", generation=1)
    before = numbers_version()
    Refresh.objects.filter(pk=running.pk).update(status=Refresh.Status.DONE)
    assert numbers_version() != before
