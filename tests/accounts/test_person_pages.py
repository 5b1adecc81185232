"""Person-level pages are refused outside the user's region (UU PDP 27/2022)."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("role", "region", "target", "status"),
    [
        ("pemda", "64.02", "64.02", 200),
        ("pemda", "64.02", "64.02.05", 200),
        ("pemda", "64.02", "64.71", 403),
        ("pemda", "64.02", "64", 403),
        ("pemda", "64.02", "11", 403),
        ("bpjs", "64.71", "64.02", 403),
        ("viewer", None, "64.02", 403),
        ("national", None, "64.02", 200),
    ],
)
def test_region_users_page_scope(client_as, role, region, target, status):
    client = client_as(role, region)
    response = client.get(reverse("region-users", args=[target]))
    assert response.status_code == status
    if status == 403:
        assert "Akses ditolak" in response.content.decode()


def test_region_users_lists_only_the_subtree(client_as, make_user):
    make_user("petugas-tenggarong", "viewer", "64.02.06")
    make_user("petugas-balikpapan", "viewer", "64.71")
    client = client_as("pemda", "64.02")
    html = client.get(reverse("region-users", args=["64.02"])).content.decode()
    assert "petugas-tenggarong" in html
    assert "petugas-balikpapan" not in html


def test_region_users_page_query_count_does_not_grow(
    client_as, make_user, django_assert_max_num_queries
):
    for index in range(15):
        make_user(f"petugas-{index}", "viewer", "64.02")
    client = client_as("pemda", "64.02")
    with django_assert_max_num_queries(5):  # with the numbers notice's query
        assert client.get(reverse("region-users", args=["64.02"])).status_code == 200


def test_person_page_link_only_shown_where_allowed(client_as):
    client = client_as("pemda", "64.02")
    assert "/pengguna/" in client.get("/wilayah/64.02/").content.decode()
    assert "/pengguna/" not in client.get("/wilayah/64.71/").content.decode()
