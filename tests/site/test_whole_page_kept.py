"""A page read again in a session is returned whole, in one query (`pantau.site.wholepage`),
and never once anything it shows or was allowed on has changed: the numbers, the overdue
actions, the user's row, the session, a queued message, the language, the address."""

from __future__ import annotations

import datetime
import time

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.models import Session
from django.db import connection
from django.http import HttpRequest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pantau.site import wholepage
from tests.dashboard.coverage_data import publish
from tests.monev.world import action, balikpapan

KALTIM = reverse("dashboard:region", args=["64"])


@pytest.fixture(autouse=True)
def empty_store():
    wholepage.responses.clear()
    wholepage.session_users.clear()
    yield
    wholepage.responses.clear()
    wholepage.session_users.clear()


@pytest.fixture
def numbers(db):
    publish("2022-07", members={"64": (2_128, 3_176), "64.02": (405, None)})


@pytest.fixture
def committed_numbers(regions_in_live_db):
    """The numbers committed, as a server sees them (on PostgreSQL, inside a transaction that
    wrote, the numbers' version is read again each time: one more query)."""
    publish("2022-07", members={"64": (2_128, 3_176), "64.02": (405, None)})


def get(client, url=KALTIM, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def kept(client, url=KALTIM, **headers):
    """Read `url` until this process knows the session's user and kept the page; return
    the response that was kept."""
    get(client, url, **headers)  # learns whose session it is (and sets the CSRF cookie)
    response, _ = get(client, url, **headers)
    assert response.status_code == 200
    return response


def test_a_page_read_again_is_the_kept_response_in_one_query(client_as, committed_numbers):
    client = client_as("national")
    made = kept(client)
    again, queries = get(client)
    assert queries == 1  # the session, the user and the versions, in one statement
    assert again.status_code == 200
    assert again.content == made.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                   "Content-Language", "Content-Type"):  # fmt: skip
        assert again[header] == made[header]
    assert again["X-Request-ID"] != made["X-Request-ID"]  # added outside, for each request
    # Every marked view: the dashboard, the budgets and the ranking.
    for url in (reverse("dashboard:national"), reverse("budgets:national"),
                reverse("budgets:scorecard"), KALTIM + "?indikator=gap_cost"):  # fmt: skip
        made = kept(client, url)
        again, queries = get(client, url)
        assert (queries, again.content) == (1, made.content), url


def test_pages_of_other_views_are_made_each_time(client_as, numbers):
    client = client_as("pemda", "64.02")
    # A person's own page; a download; the API (its rate limit counts every request).
    for url in (reverse("profile"), KALTIM + "?unduh=csv", reverse("api:region", args=["64.02"])):
        kept(client, url)
        _, queries = get(client, url)
        assert queries > 1, url


def test_new_numbers_make_the_page_anew(client_as, numbers):
    client = client_as("pemda", "64.02")
    kept(client)
    publish("2022-08", members={"64": (2_500, 3_176)})
    again, queries = get(client)
    assert queries > 1
    assert "2.500" in again.content.decode()


def test_an_action_overdue_makes_the_page_anew(client_as, numbers):
    client = client_as("pemda", "64.02")
    assert 'data-overdue="0"' in kept(client).content.decode()
    action(balikpapan(), owner="64.02")
    again, queries = get(client)
    assert queries > 1
    assert 'data-overdue="1"' in again.content.decode()


def test_another_users_session_gets_its_own_page(client_as, client, numbers):
    kept(client_as("pemda", "64.02"))
    client.logout()
    other = client_as("bpjs", "64.02")
    get(other)
    page, queries = get(other)
    assert queries > 1  # its own session: made for it
    assert "bpjs-6402" in page.content.decode()
    assert "pemda-6402" not in page.content.decode()


def test_after_logging_out_the_page_is_not_returned(client_as, numbers):
    client = client_as("pemda", "64.02")
    session_key = client.cookies["sessionid"].value
    kept(client)
    client.post(reverse("logout"))
    client.cookies["sessionid"] = session_key  # a copy of the old cookie
    response, _ = get(client)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("change", ["deactivated", "new password", "role"])
def test_a_changed_user_is_checked_again(client_as, numbers, change):
    client = client_as("pemda", "64.02")
    kept(client)
    user = client.session  # the session's user, as stored
    from pantau.accounts.models import User

    account = User.objects.get(pk=user["_auth_user_id"])
    if change == "deactivated":
        account.is_active = False
    elif change == "new password":
        account.set_password("another password 123")
    else:
        account.role = "viewer"
    account.save()
    response, queries = get(client)
    if change == "role":
        assert response.status_code == 200 and queries > 1
        assert "Daftar kerja" not in response.content.decode()  # a Pemda officer's link
    else:
        assert response.status_code == 302  # signed out: to the login page


def test_a_session_that_expired_since_is_not_served(client_as, numbers):
    client = client_as("pemda", "64.02")
    ends = timezone.now() + datetime.timedelta(seconds=1.5)
    Session.objects.filter(session_key=client.cookies["sessionid"].value).update(expire_date=ends)
    kept(client)
    time.sleep(max(0.0, (ends - timezone.now()).total_seconds()) + 0.05)
    response, _ = get(client)  # the same row as when it was kept, but past its time
    assert response.status_code == 302


def test_a_queued_message_is_shown(client_as, numbers):
    client = client_as("pemda", "64.02")
    kept(client)
    storage = CookieStorage(HttpRequest())
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Data tersimpan")])
    response, queries = get(client)
    assert queries > 1
    assert "Data tersimpan" in response.content.decode()


def test_each_language_has_its_page(client_as, numbers):
    client = client_as("pemda", "64.02")
    kept(client, HTTP_ACCEPT_LANGUAGE="id")
    english, queries = get(client, HTTP_ACCEPT_LANGUAGE="en")
    assert queries > 1
    assert english["Content-Language"] == "en"


def test_htmx_requests_are_made_each_time(client_as, numbers):
    client = client_as("pemda", "64.02")
    kept(client)
    _, queries = get(client, HTTP_HX_REQUEST="true")
    assert queries > 1


def test_the_store_drops_the_least_recently_used_beyond_its_bytes():
    store = wholepage.ResponseStore(capacity=100)
    store.put("a", 200, (), b"x" * 5)
    store.put("b", 200, (), b"x" * 9)
    store.put("too big", 200, (), b"x" * 11)  # over a tenth of the capacity: not kept
    assert store.get("too big") is None
    assert store.get("a") is not None  # now the most recently used
    for name in "cdefghijk":
        store.put(name, 200, (), b"x" * 10)
    assert store.size <= 100
    assert store.get("b") is None
    assert store.get("k") is not None
