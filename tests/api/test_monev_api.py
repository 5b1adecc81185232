"""Monev in the API: meetings and actions read by everyone signed in, as the pages and
`pantau meetings show` give them; meetings recorded by the coordinators, actions moved and
commented by the owner's side and the coordinators (the page's rules, as data); refusals
403 or 400 with their bilingual message; every write audited; fixed query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from pantau.accounts import tokens
from pantau.audit.models import AuditEvent
from pantau.monev import services
from pantau.monev.models import Action, ActionEvent, Agency, Meeting
from tests.monev.world import action, balikpapan

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    Agency.objects.create(code="bpjs-balikpapan", name="BPJS Cabang Balikpapan",
                          region_id="64.71")  # fmt: skip
    found = balikpapan()
    action(found, owner="64.02", due=date(2022, 10, 31))  # overdue (still open)
    action(found, owner="64.72", due=date(2099, 1, 1), text="Daftarkan RT/RW")
    action(found, owner="bpjs-balikpapan", due=date(2022, 9, 30), text="Sosialisasi")
    action(found, owner="65.01", due=date(2022, 9, 1), text="Kaltara")
    return found


def auth(make_user, role, region=None, username=None) -> dict:
    user = make_user(username or f"{role}-{(region or 'id').replace('.', '')}", role, region)
    _, raw = tokens.create(user)
    return {"HTTP_AUTHORIZATION": f"Token {raw}"}


# ---------------------------------------------------------------- reading


def test_meetings_list_counts_actions_and_overdue(client_as, meeting,
                                                  django_assert_max_num_queries):  # fmt: skip
    balikpapan(title="Monev kedua", held_on=date(2023, 1, 10), regions=["64"])
    client = client_as("viewer")
    client.get("/api/v1/meetings/")
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/meetings/").json()
    assert body["count"] == 2
    first, second = body["results"]
    assert first["title"] == "Monev kedua" and first["action_count"] == 0
    assert second["regions"] == ["64", "65"] and second["action_count"] == 4
    assert second["overdue_count"] == 3
    only = client.get("/api/v1/meetings/", {"region": "65"}).json()
    assert [m["id"] for m in only["results"]] == [meeting.pk]


def test_a_meeting_is_its_payload(client_as, meeting):
    body = client_as("bpjs", "64.71").get(f"/api/v1/meetings/{meeting.pk}/").json()
    assert body == services.meeting_payload(meeting, timezone.localdate())
    assert len(body["actions"]) == 4 and body["overdue"] == 3


def test_an_unknown_meeting_is_404(client_as, meeting):
    assert client_as("viewer").get("/api/v1/meetings/999999/").status_code == 404


def test_actions_list_filters_and_queries(client_as, meeting, django_assert_max_num_queries):
    client = client_as("viewer")
    client.get("/api/v1/actions/")
    with django_assert_max_num_queries(10):
        body = client.get("/api/v1/actions/").json()
    assert body["count"] == 4
    assert [a["owner"] for a in body["results"]] == ["65.01", "bpjs-balikpapan", "64.02",
                                                    "64.72"]  # fmt: skip
    kaltim = client.get("/api/v1/actions/", {"region": "64"}).json()
    assert {a["owner"] for a in kaltim["results"]} == {"64.02", "64.72", "bpjs-balikpapan"}
    late = client.get("/api/v1/actions/", {"region": "64", "overdue": "true"}).json()
    assert {a["owner"] for a in late["results"]} == {"64.02", "bpjs-balikpapan"}
    assert all(a["overdue"] for a in late["results"])
    on_time = client.get("/api/v1/actions/", {"overdue": "false"}).json()
    assert [a["owner"] for a in on_time["results"]] == ["64.72"]
    assert client.get("/api/v1/actions/", {"status": "done"}).json()["count"] == 0


def test_more_actions_cost_no_more_queries(client_as, meeting, django_assert_max_num_queries):
    for n in range(15):
        action(meeting, owner="64.02", text=f"tambahan {n}")
    client = client_as("viewer")
    client.get("/api/v1/actions/")
    with django_assert_max_num_queries(10):
        assert client.get("/api/v1/actions/").json()["count"] == 19


@pytest.mark.parametrize(
    "query",
    [{"status": "late"}, {"overdue": "maybe"}, {"region": "99.99"}, {"region": "x" * 40},
     {"meeting": "abc"}],
)  # fmt: skip
def test_bad_action_filters_are_400(client_as, meeting, query):
    response = client_as("viewer").get("/api/v1/actions/", query)
    assert response.status_code == 400, response.content
    assert " / " in next(iter(response.json().values()))[0]  # Bahasa Indonesia / English


@pytest.mark.parametrize(
    "query", [{"status": "x"}, {"held_after": "kemarin"}, {"region": "x" * 40}]
)
def test_bad_meeting_filters_are_400(client_as, meeting, query):
    assert client_as("viewer").get("/api/v1/meetings/", query).status_code == 400


def test_an_action_with_its_history(client_as, meeting):
    item = Action.objects.get(owner_region_id="64.02")
    services.comment(item, "Surat ke BPKAD sudah dikirim")
    body = client_as("viewer").get(f"/api/v1/actions/{item.pk}/").json()
    assert body["owner"] == "64.02" and body["overdue"] is True
    assert [e["kind"] for e in body["history"]] == ["created", "comment"]
    assert body["history"][1]["text"] == "Surat ke BPKAD sudah dikirim"
    assert client_as("viewer", "65").get("/api/v1/actions/999999/").status_code == 404


def test_sign_in_is_needed(client, meeting):
    for url in ("/api/v1/meetings/", "/api/v1/actions/"):
        assert client.get(url).status_code in (401, 403)


# ---------------------------------------------------------------- writing


MEETING = {"title": "Monev Kaltim", "held_on": "2024-03-05", "regions": ["64.02", "64.71"],
           "place": "Samarinda", "agencies": ["Kemendagri"]}  # fmt: skip

# (role, region, the meeting's regions, status)
NEW_MEETINGS = [
    ("national", None, ["64", "65"], 201),
    ("pemda", "64", ["64.02", "64.71"], 201),
    ("pemda", "64", ["64", "65"], 403),
    ("pemda", "64.02", ["64.02"], 403),
    ("bpjs", "64.71", ["64.71"], 403),
    ("viewer", None, ["64"], 403),
]


@pytest.mark.parametrize(("role", "region", "regions", "status"), NEW_MEETINGS)
def test_who_records_a_meeting(client, make_user, role, region, regions, status):
    headers = auth(make_user, role, region)
    response = client.post("/api/v1/meetings/", {**MEETING, "regions": regions},
                           content_type="application/json", **headers)  # fmt: skip
    assert response.status_code == status, response.content
    events = AuditEvent.objects.filter(action="api_meeting_create")
    if status == 201:
        body = response.json()
        assert body["title"] == "Monev Kaltim" and sorted(body["regions"]) == sorted(regions)
        assert Meeting.objects.get(pk=body["id"]).created_by.role == role
        assert events.count() == 1
    else:
        assert " / " in response.json()["detail"]
        assert not Meeting.objects.exists() and not events.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"title": ""}, "title"), ({"held_on": "05-03-2024"}, "held_on"), ({"regions": []},
     "regions"), ({"regions": ["99.99"]}, "detail"), ({"title": "x" * 301}, "title")],
)  # fmt: skip
def test_bad_meetings_are_400(client, make_user, changes, field):
    headers = auth(make_user, "national")
    response = client.post("/api/v1/meetings/", {**MEETING, **changes},
                           content_type="application/json", **headers)  # fmt: skip
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Meeting.objects.exists() and not AuditEvent.objects.exists()


# (role, region, owner, from, to, status): the page's rules (tests/monev/test_action_rights.py)
MOVES = [
    ("pemda", "64.02", "64.02", "open", "in_progress", 200),
    ("pemda", "64.02", "64.02", "open", "done", 200),
    ("pemda", "64.02", "64.02", "done", "verified", 403),  # not its own verifier
    ("pemda", "64.71", "64.02", "open", "in_progress", 403),  # another city
    ("pemda", "64", "64.02", "done", "verified", 200),  # the province above
    ("pemda", "65", "64.02", "done", "verified", 403),
    ("national", None, "64.02", "done", "verified", 200),
    ("bpjs", "64.71", "bpjs-balikpapan", "open", "done", 200),
    ("bpjs", "64.71", "bpjs-balikpapan", "done", "verified", 403),
    ("bpjs", "64.02", "64.02", "open", "done", 403),
    ("viewer", "64.02", "64.02", "open", "in_progress", 403),
    ("national", None, "64.02", "open", "open", 400),  # the same status
    ("national", None, "64.02", "verified", "done", 400),  # not a move
]


def owned_by(owner: str) -> Action:
    if "." in owner or owner.isdigit():
        return Action.objects.get(owner_region_id=owner)
    return Action.objects.get(owner_agency__code=owner)


@pytest.mark.parametrize(("role", "region", "owner", "old", "new", "status"), MOVES)
def test_each_move_as_data(client, make_user, meeting, role, region, owner, old, new, status):
    item = owned_by(owner)
    for step in {"open": [], "done": ["done"], "verified": ["done", "verified"]}[old]:
        services.change_status(item, step, on=date(2022, 8, 1))
    headers = auth(make_user, role, region)
    events = ActionEvent.objects.count()
    response = client.post(f"/api/v1/actions/{item.pk}/status/", {"status": new, "note": "ok"},
                           content_type="application/json", **headers)  # fmt: skip
    assert response.status_code == status, response.content
    item.refresh_from_db()
    audited = AuditEvent.objects.filter(action="api_action_status")
    if status == 200:
        assert item.status == new and response.json()["status"] == new
        assert response.json()["history"][-1]["new"] == new
        assert audited.get().region_code == item.owner_area
    else:
        assert item.status == old and ActionEvent.objects.count() == events
        assert " / " in str(response.json()) and not audited.exists()


def test_a_status_with_a_bad_value_or_day_is_400(client, make_user, meeting):
    item = owned_by("64.02")
    headers = auth(make_user, "national")
    url = f"/api/v1/actions/{item.pk}/status/"
    future = str(timezone.localdate() + timedelta(days=2))
    for data in ({"status": "finished"}, {"status": "done", "on": "2022-13-01"},
                 {"status": "done", "on": "2021-01-01"},  # before the meeting
                 {"status": "done", "on": future}):  # fmt: skip
        response = client.post(url, data, content_type="application/json", **headers)
        assert response.status_code == 400, (data, response.content)
    assert not AuditEvent.objects.exists()
    assert client.post("/api/v1/actions/999999/status/", {"status": "done"},
                       content_type="application/json", **headers).status_code == 404  # fmt: skip


@pytest.mark.parametrize(
    ("role", "region", "status"),
    [("pemda", "64.02", 201), ("pemda", "64", 201), ("national", None, 201),
     ("pemda", "64.71", 403), ("viewer", "64.02", 403), ("bpjs", "64.02", 403)],
)  # fmt: skip
def test_who_comments(client, make_user, meeting, role, region, status):
    item = owned_by("64.02")
    headers = auth(make_user, role, region)
    response = client.post(f"/api/v1/actions/{item.pk}/comments/",
                           {"text": "Surat ke BPKAD sudah dikirim"},
                           content_type="application/json", **headers)  # fmt: skip
    assert response.status_code == status, response.content
    audited = AuditEvent.objects.filter(action="api_action_comment")
    if status == 201:
        assert response.json()["history"][-1]["text"] == "Surat ke BPKAD sudah dikirim"
        assert audited.count() == 1
        comments = client.get(f"/api/v1/actions/{item.pk}/comments/", **headers).json()
        assert [(c["actor"], c["text"]) for c in comments] == [
            (f"{role}-{(region or 'id').replace('.', '')}", "Surat ke BPKAD sudah dikirim")
        ]
    else:
        assert not item.events.filter(kind="comment").exists() and not audited.exists()


def test_an_empty_comment_is_400(client, make_user, meeting):
    item = owned_by("64.02")
    headers = auth(make_user, "national")
    for text in ("", "   "):
        response = client.post(f"/api/v1/actions/{item.pk}/comments/", {"text": text},
                               content_type="application/json", **headers)  # fmt: skip
        assert response.status_code == 400
