"""Region pages in Bahasa Indonesia: country, region, breadcrumbs, children, search, 404."""

import pytest
from django.urls import reverse

from pantau.regions.codes import ancestor_codes
from tests.dashboard.query_counts import PAGE_MISS

# Session and user lookups are part of every signed-in page.
AUTH_QUERIES = 2


@pytest.fixture
def viewer(client_as):
    return client_as("viewer")


def test_national_page_lists_the_38_provinces(viewer, django_assert_max_num_queries):
    # The region pages are the dashboard (tests/dashboard): a fixed number of queries.
    with django_assert_max_num_queries(AUTH_QUERIES + PAGE_MISS):
        response = viewer.get(reverse("dashboard:national"))
    assert response.status_code == 200
    assert len(response.context["children"]) == 38
    assert response.context["counts"] == {
        "province": 38,
        "regency": 416,
        "city": 98,
        "district": 7285,
        "village": 83762,
    }
    assert "Kalimantan Timur" in response.content.decode()


@pytest.mark.parametrize(
    ("code", "children", "child_level"),
    [
        ("64", 10, "regency"),
        ("64.02", 20, "district"),
        ("64.02.05", 13, "village"),
    ],
)
def test_region_page_shows_children_and_breadcrumbs(
    viewer, django_assert_max_num_queries, code, children, child_level
):
    # A fixed number of queries whatever the number of children.
    with django_assert_max_num_queries(AUTH_QUERIES + PAGE_MISS):
        response = viewer.get(reverse("dashboard:region", args=[code]))
    assert response.status_code == 200
    rows = list(response.context["children"])
    assert len(rows) == children
    assert {row.level for row in rows} >= {child_level}
    html = response.content.decode()
    assert 'aria-current="page"' in html
    assert [a.code for a in response.context["ancestors"]] == ancestor_codes(code)[:-1]


def test_province_page_counts_each_childs_districts_and_villages(viewer):
    response = viewer.get(reverse("dashboard:region", args=["64"]))
    html = response.content.decode()
    assert "Kabupaten Kutai Kartanegara" in html
    assert response.context["child_count_levels"] == ("district", "village")
    kukar = next(row for row in response.context["children"] if row.code == "64.02")
    assert (kukar.district_count, kukar.village_count) == (20, 237)


def test_undotted_code_redirects_to_the_dotted_page(viewer):
    response = viewer.get("/wilayah/6402052001/")
    assert response.status_code == 301
    assert response["Location"] == "/wilayah/64.02.05.2001/"


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/wilayah/99.99/", "tidak ditemukan"),
        ("/wilayah/64.02.99/", "tidak ditemukan"),
        ("/wilayah/abc/", "bukan kode wilayah"),
        ("/wilayah/640/", "bukan kode wilayah"),
    ],
)
def test_unknown_or_malformed_code_is_a_helpful_404(viewer, path, says):
    response = viewer.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert says in html
    assert 'role="search"' in html


@pytest.mark.parametrize(
    ("where", "query", "finds"),
    [
        ("64.02", "tenggarong", "64.02.06"),
        ("64.02", "6402052001", "64.02.05.2001"),
        ("64.02", "64.02.05", "64.02.05"),
        (None, "kutai kartanegara", "64.02"),
    ],
)
def test_search_by_name_or_code_within_the_region(viewer, where, query, finds):
    url = reverse("dashboard:region", args=[where]) if where else reverse("dashboard:national")
    response = viewer.get(url, {"q": query})
    codes = [region.code for region in response.context["results"]]
    assert finds in codes
    if where:
        assert all(code.startswith(where) for code in codes)


def test_search_outside_the_region_finds_nothing(viewer):
    response = viewer.get(reverse("dashboard:region", args=["64.02"]), {"q": "Balikpapan"})
    assert response.context["results"] == []
    assert "Tidak ada wilayah" in response.content.decode()


def test_search_as_you_type_returns_only_the_results_fragment(viewer):
    response = viewer.get(
        reverse("dashboard:region", args=["64.02"]),
        {"q": "loa"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="search-results",
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Loa Kulu" in html


def test_pages_need_sign_in(client, db):
    response = client.get(reverse("dashboard:region", args=["64.02"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
