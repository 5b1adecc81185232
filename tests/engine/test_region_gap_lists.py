"""Every gap figure opens exactly the people it counts: a province's figures count all its
Pemda's lists, a district's the regency and city lists' people working there; the page, its
dashboard link, the CLI and the coverage tables agree, paged, in a fixed number of queries."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pantau.engine import refresh, views
from pantau.engine.gaps import gap_rows
from pantau.engine.models import ListCoverage
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from tests.engine.ground_truth import (
    JULY,
    coverage_of,
    import_list,
    list_rows,
    member_row,
    nik,
)
from tests.ingest.files import MEMBER_HEADER, write_csv
from tests.worlds import module_world

# Kaltim's own list (P), Kukar's (K) and Paser's (S).
P1, P2, K1, K2, K3, K4, S1, S2, S3 = (nik(day, 20 + day) for day in range(10, 19))
LAPSED = (P1, K1, K4, S1, S3)
CATEGORIES = ("non_asn", "village_official", "")
REGIONS = ("64", "64.01", "64.02", "64.02.05", "64.01.01", "64.02.05.2001", "64.01.01.2009")


@pytest.fixture(scope="module")
def built_province(tmp_path_factory, django_db_setup, django_db_blocker):
    """Built once for the module; each test reads it inside its own savepoint."""
    files = tmp_path_factory.mktemp("region-gap-lists")
    with module_world(django_db_blocker, files / "data"):
        yield build_province(files)


@pytest.fixture
def province(built_province, db):
    return built_province


def build_province(tmp_path):
    import_list(tmp_path, "64", "non_asn",
                list_rows((P1, "64.02.05"), (P2, "64.01.01")), "kaltim.csv")  # fmt: skip
    import_list(tmp_path, "64.02", "non_asn", list_rows(
        (K1, "64.02.05.2001"), (K2, "64.02.05"), (K3, "64.02.05"), (K4, "64.02.01"),
    ), "kukar.csv")  # fmt: skip
    import_list(tmp_path, "64.02", "village_official", list_rows((K1, "64.02.05.2001")), "vo.csv")
    import_list(tmp_path, "64.01", "non_asn", list_rows(
        (S1, "64.01.01"), (S2, "64.01.01"), (S3, "64.01.01.2009"),
    ), "paser.csv")  # fmt: skip
    members = [member_row(person, paid_until="2022-07", status="inactive") for person in LAPSED]
    members.append(member_row(K3, paid_until="2022-07", status="active"))
    path = write_csv(tmp_path / "members.csv", members, MEMBER_HEADER)
    import_file(ImportRequest(path=path, kind="members", as_of=JULY))
    return refresh.run(JULY)


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_lists_exactly_the_people_its_figures_count(province, region):
    for category in CATEGORIES:
        for status in ("lapsed", "not_enrolled"):
            page = gap_rows(region, category or None, status)
            assert page.count == len(page.rows) == figure(region, category, status)


def figure(region: str, category: str, status: str) -> int:
    """The coverage table's count; a region with no such list has no row: none counted."""
    try:
        return getattr(coverage_of(region, category), status)
    except ListCoverage.DoesNotExist:
        return 0


def test_the_province_counts_every_pemda_and_names_it(province):
    page = gap_rows("64", "non_asn", "lapsed")
    assert page.count == coverage_of("64", "non_asn").lapsed == 5
    assert {row["pemda"] for row in page.rows} == {"64", "64.01", "64.02"}
    # A district counts the people of its regency's lists working there, not the province's.
    assert {row["nik"] for row in gap_rows("64.01.01", "non_asn").rows} == {S1, S2, S3}


def test_the_dashboard_link_opens_as_many_people_as_it_shows(client_as, province):
    client = client_as("pemda", "64")
    dashboard = client.get("/wilayah/64/", {"kategori": "non_asn"}).content.decode()
    links = re.findall(r'href="(/wilayah/64/celah/\?kategori=non_asn&amp;status=lapsed)">(\d+)<',
                       dashboard)  # fmt: skip
    assert [number for _url, number in links] == ["5"]
    page = client.get(links[0][0].replace("&amp;", "&")).content.decode()
    assert "5 orang" in page
    assert page.count("<tr><td>") == 5
    assert "Kabupaten Paser" in page or "Paser" in page  # the Pemda column


def test_pagination_shows_everyone_once(client_as, province, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client = client_as("pemda", "64")
    everyone = {*LAPSED, P2, K2, S2}  # K3 is covered
    seen = []
    for number in (1, 2, 3, 4):
        page = client.get("/wilayah/64/celah/", {"kategori": "non_asn", "hal": number})
        text = page.content.decode()
        seen += re.findall(r"<tr><td>(\d{16})</td>", text)
        assert 'hal=4"' in text and f'hal={number}" aria-current="page"' in text
    assert sorted(seen) == sorted(everyone) and len(everyone) == 8
    # Past the last page (an old link): the last page; not a page number at all: the first.
    for number, shown in (("5", 4), ("9223372036854775807", 1), ("²", 1)):
        beyond = client.get("/wilayah/64/celah/", {"kategori": "non_asn", "hal": number})
        assert f'hal={shown}" aria-current="page"' in beyond.content.decode()


def test_queries_do_not_grow_with_the_number_of_pemda(client_as, province):
    client = client_as("pemda", "64")
    client.get("/wilayah/64.02/celah/")  # session and first-use queries out of the way
    counts = []
    for code in ("64.02", "64"):  # one Pemda's lists, then three Pemda's
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/wilayah/{code}/celah/").status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0] + 1  # a province page adds only the Pemda names' query
    assert counts[1] <= 12


def test_the_cli_region_count_is_the_coverage_figure(province):
    def run(*arguments) -> dict:
        out = io.StringIO()
        call_command("gaps", *arguments, "--category", "non_asn", "--status", "lapsed",
                     stdout=out)  # fmt: skip
        return json.loads(out.getvalue())

    assert run("--region", "64")["count"] == coverage_of("64", "non_asn").lapsed == 5
    assert run("--region", "64.02.05")["count"] == coverage_of("64.02.05", "non_asn").lapsed
    # --pemda keeps its meaning: the province government's own list only.
    assert [row["nik"] for row in run("--pemda", "64")["rows"]] == [P1]
