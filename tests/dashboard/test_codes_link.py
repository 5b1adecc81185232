"""A Pemda's region page offers its district and village codes (XLSX, CSV) to those who may
upload that Pemda's lists, and to no one else; the link is per user, so it stays out of the
cached page body, and it costs no query."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.dashboard.coverage_data import publish

LINK = 'data-testid="place-codes"'


@pytest.fixture
def numbers(db):
    publish("2022-07", members={"64": (2_128, 3_176), "64.02": (405, None)})


ROLES = {
    "kukar": ("pemda", "64.02"),
    "kaltim": ("pemda", "64"),
    "branch": ("bpjs", "64.02"),
    "samarinda": ("pemda", "64.72"),
    "national": ("national", None),
    "viewer": ("viewer", None),
}


@pytest.fixture
def users(make_user):
    """`users["kukar"]`: made when first asked for (each costs a password hash)."""
    made = {}

    class Users:
        def __getitem__(self, name):
            if name not in made:
                made[name] = make_user(name, *ROLES[name])
            return made[name]

    return Users()


def page(client, user, code: str, language: str = "id") -> tuple[str, int]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard:region", args=[code]),
                              HTTP_ACCEPT_LANGUAGE=language)  # fmt: skip
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def links(code: str) -> list[str]:
    return [reverse("ingest:place-codes", args=[code, fmt]) for fmt in ("xlsx", "csv")]


@pytest.mark.parametrize("code", ["64.02", "64"])
def test_uploaders_of_the_pemda_see_the_codes_link(client, numbers, users, code):
    html, _ = page(client, users["kaltim"], code)
    assert LINK in html
    assert "Unduh kode kecamatan dan desa (" in html
    for url in links(code):
        assert f'href="{url}"' in html
    english, _ = page(client, users["kaltim"], code, "en")
    assert "Download district and village codes (" in english


def test_the_link_leads_to_the_codes_file(client, numbers, users):
    html, _ = page(client, users["kukar"], "64.02")
    xlsx, csv = links("64.02")
    assert f'href="{csv}"' in html
    download = client.get(csv)
    assert download.status_code == 200
    assert "Tenggarong" in download.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("user", "code"),
    [
        ("national", "64.02"),  # sees people, uploads for no Pemda
        ("viewer", "64.02"),
        ("samarinda", "64.02"),  # another Pemda's officer
        ("kukar", "64"),  # a regency's officer on its province's page
        ("kukar", "64.02.06"),  # a district is no Pemda
    ],
)
def test_no_link_for_others_or_below_a_pemda(client, numbers, users, user, code):
    html, _ = page(client, users[user], code)
    assert LINK not in html
    assert "kode-wilayah" not in html


def test_a_bpjs_branch_of_the_pemda_sees_it_too(client, numbers, users):
    # scope.can_upload_for decides: BPJS officers upload for their region too.
    html, _ = page(client, users["branch"], "64.02")
    assert LINK in html


def test_the_link_stays_out_of_the_cached_body_and_costs_no_query(client, numbers, users):
    # The national coordinator and the Kukar officer share the cached body (both may see
    # people); only the officer may upload for Kukar.
    first, miss = page(client, users["national"], "64.02")
    officer, officer_hit = page(client, users["kukar"], "64.02")
    national, national_hit = page(client, users["national"], "64.02")
    assert LINK not in first and LINK in officer and LINK not in national
    assert officer_hit == national_hit < miss

    cache.clear()
    officer_first, officer_miss = page(client, users["kukar"], "64.02")
    national_after, _ = page(client, users["national"], "64.02")
    assert LINK in officer_first and LINK not in national_after
    assert officer_miss == miss
