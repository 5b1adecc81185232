"""A meeting's minutes written through the API, as on its page: changed (a final one: a
correction with its reason, a new version), finalised, attendees, agenda items, findings and
actions added. Who may write is the page's rule (the coordinators of the meeting's regions),
as data; a refusal is a 403 or 400 with its bilingual message, stores nothing and audits
nothing; every write is audited once."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.audit.models import AuditEvent
from pantau.monev import services
from pantau.monev.models import Action, AgendaItem, Attendee, Finding, Meeting
from tests.api.test_monev_api import auth

pytestmark = pytest.mark.django_db

HELD_ON = date(2024, 3, 5)


@pytest.fixture
def kaltim():
    """A meeting of Kaltim's Pemda only: the province's coordinators may write it."""
    return services.create_meeting(title="Monev Kaltim", held_on=HELD_ON, place="Samarinda",
                                   regions=["64.02", "64.71"])  # fmt: skip


# (method, path after /api/v1/meetings/<id>/, body, the audit action, what it made)
WRITES = {
    "change": ("patch", "", {"place": "Balikpapan"}, "api_meeting_edit",
               lambda m: Meeting.objects.get(pk=m.pk).place == "Balikpapan"),
    "finalise": ("post", "finalise/", {}, "api_meeting_finalise",
                 lambda m: Meeting.objects.get(pk=m.pk).version == 1),
    "attendee": ("post", "attendees/", {"name": "Kepala BPKAD", "agency": "Pemkab Kukar"},
                 "api_meeting_add", lambda m: Attendee.objects.filter(meeting=m).exists()),
    "agenda": ("post", "agenda/", {"text": "Anggaran Non ASN 2025"}, "api_meeting_add",
               lambda m: AgendaItem.objects.filter(meeting=m).exists()),
    "finding": ("post", "findings/", {"region": "64.02", "text": "Non ASN belum dianggarkan"},
                "api_meeting_add", lambda m: Finding.objects.filter(meeting=m).exists()),
    "action": ("post", "actions/", {"owner": "64.02", "due": "2024-06-30",
                                    "text": "Anggarkan iuran Non ASN di APBD-P"},
               "api_meeting_add", lambda m: Action.objects.filter(meeting=m).exists()),
}  # fmt: skip

# (role, region, status): the page's rule, `accounts.scope.can_hold_meeting`.
WRITERS = [
    ("national", None, 200),
    ("pemda", "64", 200),  # the province over both regions of the meeting
    ("pemda", "64.02", 403),  # a regency of the meeting: not a coordinator
    ("pemda", "65", 403),
    ("bpjs", "64.71", 403),
    ("viewer", None, 403),
]


def send(client, headers, meeting, write: str, body=None):
    method, tail, data, _, _ = WRITES[write]
    return getattr(client, method)(f"/api/v1/meetings/{meeting.pk}/{tail}",
                                   data if body is None else body,
                                   content_type="application/json", **headers)  # fmt: skip


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize(("role", "region", "status"), WRITERS)
def test_who_writes_the_minutes(client, make_user, kaltim, write, role, region, status):
    response = send(client, auth(make_user, role, region), kaltim, write)
    _, _, _, audit_action, made = WRITES[write]
    audited = AuditEvent.objects.filter(action=audit_action)
    if status == 200:
        created = write not in ("change", "finalise")
        assert response.status_code == (201 if created else 200), response.content
        assert made(kaltim)
        assert audited.count() == 1 and audited.get().region_code == "64.02"
        assert audited.get().user.role == role
    else:
        assert response.status_code == status, response.content
        assert " / " in response.json()["detail"]  # Bahasa Indonesia / English
        assert not made(kaltim) and not audited.exists()


def test_the_minutes_read_back_as_the_page_shows_them(client, make_user, kaltim):
    headers = auth(make_user, "pemda", "64")
    for write in ("attendee", "agenda", "finding"):
        assert send(client, headers, kaltim, write).status_code == 201
    body = send(client, headers, kaltim, "change", {"minutes": "Disepakati: APBD-P 2024"}).json()
    assert body["minutes"] == "Disepakati: APBD-P 2024" and body["place"] == "Samarinda"
    assert body["attendees"] == [{"name": "Kepala BPKAD", "agency": "Pemkab Kukar",
                                  "position": ""}]  # fmt: skip
    assert body["agenda"] == ["Anggaran Non ASN 2025"]
    assert [(f["region"], f["text"]) for f in body["findings"]] == [
        ("64.02", "Non ASN belum dianggarkan")
    ]
    assert body == client.get(f"/api/v1/meetings/{kaltim.pk}/", **headers).json()


def test_a_new_action_is_201_with_its_url(client, make_user, kaltim):
    headers = auth(make_user, "national")
    body = {"owner": "64.02", "due": "2024-06-30", "text": "Anggarkan iuran",
            "indicator": "list_coverage:non_asn", "target": 0.9}  # fmt: skip
    response = send(client, headers, kaltim, "action", body)
    assert response.status_code == 201, response.content
    made = response.json()
    assert response["Location"] == f"/api/v1/actions/{made['id']}/"
    assert (made["owner"], made["status"], made["target"]) == ("64.02", "open", 0.9)
    assert made["indicator"] == "list_coverage:non_asn"
    assert [e["kind"] for e in made["history"]] == ["created"]
    listed = client.get("/api/v1/actions/", {"meeting": kaltim.pk}, **headers).json()
    assert [a["id"] for a in listed["results"]] == [made["id"]]


def test_a_final_meeting_is_corrected_with_a_reason_as_a_new_version(client, make_user, kaltim):
    headers = auth(make_user, "pemda", "64")
    final = send(client, headers, kaltim, "finalise").json()
    assert (final["status"], final["version"]) == ("final", 1)

    again = send(client, headers, kaltim, "finalise")
    assert again.status_code == 400 and "already final" in again.json()["detail"]

    no_reason = send(client, headers, kaltim, "change", {"place": "Tenggarong"})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["detail"]
    assert Meeting.objects.get(pk=kaltim.pk).place == "Samarinda"

    corrected = send(client, headers, kaltim, "change",
                     {"place": "Tenggarong", "reason": "salah tempat"}).json()  # fmt: skip
    assert corrected["place"] == "Tenggarong" and corrected["version"] == 2
    added = send(client, headers, kaltim, "attendee",
                 {"name": "Camat Muara Badak", "reason": "terlewat"}).json()  # fmt: skip
    assert [(v["number"], v["reason"]) for v in added["versions"]] == [
        (1, ""),
        (2, "salah tempat"),
        (3, "terlewat"),
    ]
    # The first version keeps the minutes as they were finalised.
    first = kaltim.versions.get(number=1).content
    assert first["place"] == "Samarinda" and first["attendees"] == []
    assert AuditEvent.objects.filter(action__startswith="api_meeting").count() == 3


# (write, body, the field of the error, words of its message)
BAD = [
    ("change", {}, "detail", "nothing to change"),
    ("change", {"reason": "x"}, "detail", "nothing to change"),
    ("change", {"title": ""}, "title", ""),
    ("change", {"held_on": "5 Maret 2024"}, "held_on", ""),
    ("change", {"agencies": "Kemendagri"}, "agencies", ""),
    ("attendee", {"name": ""}, "name", ""),
    ("attendee", {"name": "x" * 201}, "name", ""),
    ("agenda", {"text": "   "}, "text", ""),
    ("finding", {"region": "65.01", "text": "Kaltara"}, "detail", "not among"),
    ("finding", {"region": "64.02.05", "text": "Kecamatan"}, "detail", "not a Pemda"),
    ("finding", {"region": "99.99", "text": "?"}, "detail", ""),
    ("finding", {"region": "64.02", "text": "x", "indicator": "happiness"}, "detail",
     "Unknown indicator"),
    ("action", {"owner": "64.02", "due": "2024-01-01", "text": "x"}, "detail", "before"),
    ("action", {"owner": "nobody", "due": "2024-06-30", "text": "x"}, "detail",
     "Unknown owner"),
    ("action", {"owner": "64.02", "due": "2024-06-30", "text": "x", "target": "0.9"},
     "detail", "needs an indicator"),
    ("action", {"owner": "64.02", "due": "2024-06-30", "text": "x",
                "indicator": "ucj_coverage", "target": "sembilan"}, "detail", "share"),
    ("action", {"owner": "64.02", "due": "30/06/2024", "text": "x"}, "due", ""),
]  # fmt: skip


@pytest.mark.parametrize(("write", "body", "field", "words"), BAD)
def test_bad_input_is_400_and_changes_nothing(client, make_user, kaltim, write, body, field,
                                             words):  # fmt: skip
    before = services.meeting_payload(kaltim, HELD_ON)
    response = send(client, auth(make_user, "national"), kaltim, write, body)
    assert response.status_code == 400, response.content
    message = " ".join(map(str, response.json()[field])) if field != "detail" else \
        response.json()["detail"]  # fmt: skip
    assert words in message
    assert services.meeting_payload(Meeting.objects.get(pk=kaltim.pk), HELD_ON) == before
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("write", WRITES)
def test_an_unknown_meeting_is_404(client, make_user, write):
    response = send(client, auth(make_user, "national"), Meeting(pk=999_999), write)
    assert response.status_code == 404 and " / " in response.json()["detail"]


@pytest.mark.parametrize("write", WRITES)
def test_sign_in_is_needed(client, kaltim, write):
    assert send(client, {}, kaltim, write).status_code in (401, 403)
    assert not AuditEvent.objects.exists()
