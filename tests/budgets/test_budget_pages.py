"""The budget pages: a province's (and Indonesia's) Pemda with the not-budgeted ones first,
one Pemda's budget per year with its whole history, who sees the form link, a fixed number
of queries, and sign-in."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pantau.budgets.models import Allocation
from pantau.budgets.status import budget_rows
from pantau.budgets.views import pemda_years
from pantau.regions.models import Region
from tests.budgets.pages_world import YEAR, allocate, listed, pemda_url, region_url


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def table(content: str, testid: str) -> str:
    match = re.search(rf'<table data-testid="{testid}">(.*?)</table>', content, re.S)
    assert match, testid
    return match.group(1)


def row_keys(content: str) -> list[tuple[str, str, str]]:
    """(code, category, status) of each row of the full table, in page order."""
    return re.findall(
        r'<tr data-code="([^"]+)" data-category="([^"]+)" data-status="([^"]+)">',
        table(content, "budget-table"),
    )


@pytest.fixture
def kaltim(db):
    """East Kalimantan in 2025: two regencies/cities without a Non ASN budget (none, Rp0),
    one under-budgeted, two budgeted; and North Kalimantan's Bulungan, not budgeted."""
    listed("64", "non_asn", 40, 100_000_000)
    allocate("64", "non_asn", 120_000_000, realized="90000000", document="Pergub Kaltim 7/2025")
    listed("64.02", "non_asn", 30, 80_000_000)
    allocate("64.02", "non_asn", 2_500_000_000, realized="3000000000")  # over 150 %, over
    listed("64.71", "non_asn", 20, 50_000_000)  # no allocation at all
    listed("64.72", "non_asn", 25, 60_000_000)
    allocate("64.72", "non_asn", 0, persons="0", document="")  # Rp0
    listed("64.01", "non_asn", 10, 30_000_000)
    allocate("64.01", "non_asn", 20_000_000)  # under
    listed("64.01", "village_official", 12, 1_000_000)  # not budgeted either
    listed("65.01", "non_asn", 10, 20_000_000)  # another province


# ---------------------------------------------------------------- a province


def test_the_province_page_lists_the_not_budgeted_first(client_as, kaltim):
    content = html(client_as("viewer").get(region_url("64", tahun=YEAR)))
    section = table(content, "not-budgeted")
    # Grouped by Pemda, in code order, with their categories; nobody else.
    assert re.findall(r"/pemda/([\d.]+)/anggaran/", section) == ["64.01", "64.71", "64.72"]
    assert "Pegawai Non ASN" in section and "Kepala dan perangkat desa" in section
    assert "belum ada pagu yang dicatat" in section and "pagu Rp0" in section
    assert "Kutai Kartanegara" not in section and "Bulungan" not in section
    # The section comes before the full table, whose rows are not_budgeted first.
    assert content.index("Pemda yang belum menganggarkan") < content.index("budget-table")
    assert row_keys(content) == [
        ("64.01", "village_official", "not_budgeted"),
        ("64.71", "non_asn", "not_budgeted"),
        ("64.72", "non_asn", "not_budgeted"),
        ("64.01", "non_asn", "under_budgeted"),
        ("64", "non_asn", "budgeted"),
        ("64.02", "non_asn", "budgeted"),
    ]


def test_the_full_table_shows_amounts_status_in_words_and_flags(client_as, kaltim):
    content = html(client_as("pemda", "65.01").get(region_url("64", tahun=YEAR)))
    full = table(content, "budget-table")
    assert "Rp2.500.000.000" in full and "Rp80.000.000" in full and "Rp3.000.000.000" in full
    assert "120,0 %" in full and "75,0 %" in full  # realization rates, Indonesian decimals
    # Status as a coloured badge *with* its text; flags in words, explained below.
    assert '<span class="status status-not-budgeted">Belum menganggarkan</span>' in full
    assert '<span class="status status-under-budgeted">Anggaran kurang</span>' in full
    assert '<span class="status status-budgeted">Sudah menganggarkan</span>' in full
    assert "pagu jauh di atas kebutuhan: periksa" in full
    assert "realisasi melebihi pagu" in full
    assert "Pagu lebih dari 1,5 × kebutuhan" in content
    assert "Realisasi melebihi pagu: periksa angka realisasi" in content
    # Each Pemda links to its own page.
    assert 'href="/pemda/64.02/anggaran/"' in full and 'href="/pemda/64/anggaran/"' in full


def test_the_year_defaults_to_the_latest_year_with_data(client_as, db):
    listed("64.02", "non_asn", 3, 1_000_000, year=2022)
    allocate("64.02", "non_asn", 900_000, year=2022)
    client = client_as("viewer")
    response = client.get(region_url("64"))
    assert response.context["year"] == 2022 and row_keys(html(response)) == [
        ("64.02", "non_asn", "under_budgeted")]  # fmt: skip
    # A year with nothing of its own: the 2022 list is still in force, nothing budgeted.
    later = client.get(region_url("64", tahun=2024))
    assert later.context["year"] == 2024
    assert row_keys(html(later)) == [("64.02", "non_asn", "not_budgeted")]
    # This year, once it has data, is the default; nonsense in ?tahun= is ignored.
    this_year = timezone.localdate().year
    allocate("64.71", "rt_rw", 5_000_000, year=this_year)
    assert client.get(region_url("64")).context["year"] == this_year
    assert client.get(region_url("64", tahun="abc")).context["year"] == this_year


def test_the_national_page_covers_every_province(client_as, kaltim):
    content = html(client_as("viewer").get(region_url(tahun=YEAR)))
    codes = {code for code, _, _ in row_keys(content)}
    assert codes == {"64", "64.01", "64.02", "64.71", "64.72", "65.01"}
    section = table(content, "not-budgeted")
    assert "Bulungan" in section and "Indonesia" in content


def test_an_empty_year_says_so(client_as, db):
    content = html(client_as("viewer").get(region_url("65", tahun=2030)))
    assert 'data-testid="none-not-budgeted"' in content
    assert "Belum ada daftar pekerja atau anggaran untuk tahun ini." in content


@pytest.mark.parametrize(
    ("path", "status", "location"),
    [
        ("/wilayah/6402/anggaran/?tahun=2025", 301, "/wilayah/64.02/anggaran/?tahun=2025"),
        ("/wilayah/64.02/anggaran/?tahun=2025", 302, "/pemda/64.02/anggaran/?tahun=2025"),
        ("/wilayah/64.02.05/anggaran/", 404, None),
        ("/wilayah/99/anggaran/", 404, None),
        ("/pemda/6402/anggaran/", 301, "/pemda/64.02/anggaran/"),
        ("/pemda/64.02.05/anggaran/", 404, None),
        ("/pemda/64.02.05.2001/anggaran/", 404, None),
    ],
)
def test_codes_are_canonical_and_only_pemda_have_budgets(client_as, path, status, location):
    response = client_as("viewer").get(path)
    assert response.status_code == status
    if location:
        assert response["Location"] == location
    if status == 404 and path.startswith("/pemda/64.02.05/"):
        assert "bukan Pemda" in response.content.decode()


# ---------------------------------------------------------------- one Pemda


@pytest.fixture
def kukar_history(db):
    """Kukar: a 2024 murni, a 2025 murni replaced by its perubahan, then a murni entered
    again after the perubahan (history only); vulnerable workers budgeted without a list."""
    listed("64.02", "non_asn", 30, 80_000_000, year=2024)
    listed("64.02", "non_asn", 32, 90_000_000)
    allocate("64.02", "non_asn", 70_000_000, year=2024, document="DPA 2024")
    allocate("64.02", "non_asn", 60_000_000, document="DPA-SKPD 2025 murni")
    allocate("64.02", "non_asn", 95_000_000, stage="perubahan", realized="76000000",
             document="DPPA-SKPD 2025")  # fmt: skip
    allocate("64.02", "non_asn", 61_000_000, document="DPA-SKPD 2025 murni (koreksi)")
    allocate(
        "64.02",
        "vulnerable",
        10_000_000,
        persons="40",
        source="import",
        source_name="anggaran.csv",
        document="Perbup Kutai Kartanegara No. 12 Tahun 2025",
    )


def history_rows(content: str) -> list[tuple[str, str]]:
    return re.findall(r'<tr data-pk="(\d+)" data-current="([01])"',
                      table(content, "allocation-history"))  # fmt: skip


def test_the_pemda_page_shows_each_year_and_the_whole_history(client_as, kukar_history):
    content = html(client_as("viewer").get(pemda_url("64.02")))
    # Newest year first; the allocation in force is the perubahan.
    assert content.index('data-testid="budget-2025"') < content.index('data-testid="budget-2024"')
    year_2025 = table(content, "budget-2025")
    assert "Rp95.000.000" in year_2025 and "Rp90.000.000" in year_2025  # allocated, need
    assert "DPPA-SKPD 2025" in year_2025 and "APBD perubahan" in year_2025
    assert "80,0 %" in year_2025 and "JKK, JKM, JHT (bawaan)" in year_2025
    assert '<td class="num">32</td>' in year_2025  # persons on the list
    assert "Pekerja rentan" in year_2025 and "kebutuhan belum diketahui" in year_2025
    assert "Rp70.000.000" in table(content, "budget-2024")
    # Every allocation ever recorded, the superseded ones marked.
    rows = history_rows(content)
    stored = Allocation.objects.filter(pemda_id="64.02")
    assert len(rows) == stored.count() == 5
    assert {pk for pk, current in rows if current == "0"} == {
        str(pk) for pk in stored.filter(is_current=False).values_list("pk", flat=True)
    } and len([1 for _, current in rows if current == "0"]) == 2
    history = table(content, "allocation-history")
    assert history.count("Diganti") == 2 and "oleh APBD perubahan" in history
    assert "DPA-SKPD 2025 murni (koreksi)" in history and "DPA-SKPD 2025 murni" in history
    # Imported at the command line (no user), from a file.
    assert "operator (baris perintah)" in history and "Impor berkas: anggaran.csv" in history
    # Links: the compliance record and the province's budgets.
    assert 'href="/pemda/64.02/kepatuhan/"' in content
    assert 'href="/wilayah/64/anggaran/"' in content


def test_the_pemda_rows_are_the_status_rows_of_each_year(kukar_history):
    years = pemda_years(Region.objects.get(code="64.02"))
    assert [year for year, _ in years] == [2025, 2024]
    for year, rows in years:
        expected = sorted(budget_rows("64.02", year), key=lambda row: row.category)
        assert sorted(rows, key=lambda row: row.category) == expected


def test_a_pemda_without_anything_says_so(client_as, db):
    content = html(client_as("viewer").get(pemda_url("65.02")))
    assert 'data-testid="no-budget"' in content
    assert "Belum ada anggaran yang dicatat." in content


@pytest.mark.parametrize(
    ("role", "region", "extra", "shown"),
    [
        ("pemda", "64.02", {}, True),  # its own officer
        ("pemda", "64", {}, False),  # the province's officer
        ("pemda", "64.71", {}, False),  # another Pemda
        ("national", None, {}, False),
        ("bpjs", "64.02", {}, False),
        ("viewer", None, {}, False),
        ("national", None, {"is_superuser": True}, True),
    ],
)
def test_the_form_link_only_for_those_who_may_edit(client_as, kukar_history, role, region,
                                                   extra, shown):  # fmt: skip
    content = html(client_as(role, region, **extra).get(pemda_url("64.02")))
    assert ('data-testid="allocation-form-link"' in content) is shown
    assert ('href="/pemda/64.02/anggaran/baru/"' in content) is shown
    assert 'data-testid="compliance-link"' in content  # everyone reads the record


def test_the_form_page_links_to_the_pemda_page(client_as, db):
    content = html(client_as("pemda", "64.02").get(reverse("budgets:allocation-new",
                                                           args=["64.02"])))  # fmt: skip
    assert 'href="/pemda/64.02/anggaran/"' in content


# ---------------------------------------------------------------- links and sign-in


@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("/wilayah/", "/anggaran/"),
        ("/wilayah/64/", "/wilayah/64/anggaran/"),
        ("/wilayah/64.02/", "/pemda/64.02/anggaran/"),
        ("/wilayah/64.71/", "/pemda/64.71/anggaran/"),
    ],
)
def test_region_pages_link_to_the_budgets(client_as, path, link):
    content = html(client_as("viewer").get(path))
    assert re.search(rf'<a href="{re.escape(link)}" data-testid="budget-link">', content)
    assert '<a href="/anggaran/">' in content  # the navigation


def test_a_district_page_has_no_budget_link(client_as):
    assert 'data-testid="budget-link"' not in html(client_as("viewer").get("/wilayah/64.02.05/"))


@pytest.mark.parametrize(
    "path",
    ["/anggaran/", "/wilayah/64/anggaran/", "/pemda/64.02/anggaran/",
     "/wilayah/64/anggaran/?format=xlsx", "/pemda/64.02/anggaran/?format=csv"],
)  # fmt: skip
def test_signed_out_visitors_go_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# ---------------------------------------------------------------- queries


def _budget_everywhere(regions: list[Region]) -> None:
    for region in regions:
        listed(region.code, "non_asn", 5, 1_000_000)
        allocate(region.code, "non_asn", 900_000, realized="800000")
        allocate(region.code, "rt_rw", 100_000)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_region_pages_run_a_fixed_number_of_queries(client_as, db):
    client = client_as("viewer")
    province = Region.objects.filter(province_code="64", level__in=["regency", "city"])
    _budget_everywhere(list(province[:2]))
    few = {url: count_queries(client, url)
           for url in (region_url("64", tahun=YEAR), region_url(tahun=YEAR))}  # fmt: skip
    _budget_everywhere(
        list(province[2:]) + list(Region.objects.filter(province_code="65", level="regency"))
    )
    for url, count in few.items():
        # Session, user, region, the years with data (2), the numbers version (the page
        # cache's key; on SQLite what tells whether it moved, then, as it did, the version),
        # then (a miss: the data changed) allocations, lists, needs; and the numbers
        # notice's one query (`site.freshness`).
        assert count_queries(client, url) == count <= 11, (url, count)
    assert len(row_keys(html(client.get(region_url(tahun=YEAR))))) > 2 * 12


def test_the_pemda_page_runs_a_fixed_number_of_queries(client_as, db):
    client = client_as("pemda", "64.02")
    listed("64.02", "non_asn", 5, 1_000_000)
    allocate("64.02", "non_asn", 900_000)
    few = count_queries(client, pemda_url("64.02"))
    for year in range(2021, 2025):
        listed("64.02", "village_official", 6, 500_000, year=year)
        allocate("64.02", "village_official", 400_000, year=year)
        allocate("64.02", "village_official", 600_000, year=year, stage="perubahan")
    # Session, user, region, allocations, lists, needs, history, the numbers notice.
    assert count_queries(client, pemda_url("64.02")) == few <= 8
