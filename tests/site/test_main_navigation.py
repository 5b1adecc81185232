"""The main menu: compare for everyone signed in, the work list for officers with a region."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

WORKLIST = reverse("engine:my-worklist")
COMPARE = reverse("dashboard:compare")


def menu(client) -> str:
    html = client.get(reverse("rules:calculator")).content.decode()
    return html.split('id="main-nav"')[1].split("</nav>")[0]


@pytest.mark.parametrize(("role", "region"), [("bpjs", "64.71"), ("pemda", "64.02")])
def test_officers_with_a_region_reach_their_work_list(client_as, role, region):
    links = menu(client_as(role, region))
    assert f'href="{WORKLIST}"' in links and f'href="{COMPARE}"' in links


@pytest.mark.parametrize(("role", "region"), [("national", None), ("viewer", None)])
def test_others_see_compare_but_no_work_list(client_as, role, region):
    links = menu(client_as(role, region))
    assert f'href="{WORKLIST}"' not in links and f'href="{COMPARE}"' in links


def test_the_menu_speaks_english(client_as):
    client = client_as("bpjs", "64.71")
    client.cookies["django_language"] = "en"
    html = client.get(reverse("rules:calculator"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    links = html.split('id="main-nav"')[1].split("</nav>")[0]
    assert ">Compare<" in links and ">Work list<" in links
