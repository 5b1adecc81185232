"""Who may record meetings, move actions along, verify them, as data: (role, region, owner,
move) → allowed. The owner's side works and says done; the national team or the province
above the owner verifies, drops and reopens; nobody verifies their own Pemda's action."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.monev import services
from pantau.monev.models import Action, ActionEvent, Agency
from tests.monev.world import action, balikpapan

pytestmark = pytest.mark.django_db

DAY = date(2022, 8, 1)

# (role, user's region, action's owner, from status, to status, allowed)
MOVES = [
    ("pemda", "64.02", "64.02", "open", "in_progress", True),
    ("pemda", "64.02", "64.02", "open", "done", True),
    ("pemda", "64.02", "64.02", "in_progress", "done", True),
    ("pemda", "64.02", "64.02", "done", "verified", False),  # not its own verifier
    ("pemda", "64.02", "64.02", "open", "dropped", False),
    ("pemda", "64.02", "64.02", "done", "open", False),  # a reopening is the coordinator's
    ("pemda", "64.71", "64.02", "open", "in_progress", False),  # another regency
    ("pemda", "64", "64.02", "open", "in_progress", True),  # the province above
    ("pemda", "64", "64.02", "done", "verified", True),
    ("pemda", "64", "64.02", "done", "open", True),
    ("pemda", "64", "64.02", "open", "dropped", True),
    ("pemda", "64", "64", "done", "verified", False),  # the province's own action
    ("pemda", "64", "64", "open", "done", True),
    ("pemda", "65", "64.02", "done", "verified", False),  # another province
    ("national", None, "64.02", "done", "verified", True),
    ("national", None, "64", "verified", "open", True),
    ("national", None, "bpjs-balikpapan", "dropped", "open", True),
    ("bpjs", "64.71", "bpjs-balikpapan", "open", "done", True),  # the branch's own action
    ("bpjs", "64.71", "bpjs-balikpapan", "done", "verified", False),
    ("bpjs", "64.02", "bpjs-balikpapan", "open", "done", False),  # another branch's region
    ("bpjs", "64.02", "64.02", "open", "done", False),  # a Pemda's action is the Pemda's
    ("pemda", "64.71", "bpjs-balikpapan", "open", "done", False),
    ("viewer", None, "64.02", "open", "in_progress", False),
    ("viewer", "64.02", "64.02", "open", "in_progress", False),
]


@pytest.fixture
def branch(db):
    return Agency.objects.create(
        code="bpjs-balikpapan", name="BPJS Ketenagakerjaan Cabang Balikpapan", region_id="64.71"
    )


def at_status(item: Action, status: str) -> Action:
    """The action put at `status` by the command line (which may do everything)."""
    path = {
        "open": [],
        "in_progress": ["in_progress"],
        "done": ["done"],
        "verified": ["done", "verified"],
        "dropped": ["dropped"],
    }[status]
    for step in path:
        item = services.change_status(item, step, on=DAY)
    return item


@pytest.mark.parametrize(("role", "region", "owner", "old", "new", "allowed"), MOVES)
def test_each_move_as_data(make_user, branch, role, region, owner, old, new, allowed):
    user = make_user(f"{role}-{region}", role, region)
    item = at_status(action(balikpapan(), owner=owner), old)
    events = ActionEvent.objects.count()
    if allowed:
        services.change_status(item, new, user=user, on=DAY)
        item.refresh_from_db()
        assert item.status == new
        last = ActionEvent.objects.latest("id")
        assert (last.user, last.actor, last.old, last.new) == (user, user.username, old, new)
    else:
        with pytest.raises(services.MonevError) as refused:
            services.change_status(item, new, user=user, on=DAY)
        assert refused.value.code == "not_allowed"
        item.refresh_from_db()
        assert item.status == old and ActionEvent.objects.count() == events


# (role, user's region, the meeting's regions, allowed)
MEETINGS = [
    ("national", None, ["64", "65"], True),
    ("pemda", "64", ["64"], True),
    ("pemda", "64", ["64.02", "64.71"], True),
    ("pemda", "64", ["64", "65"], False),  # Kaltara is not Kaltim's
    ("pemda", "64.02", ["64.02"], False),  # a regency does not convene monev meetings
    ("bpjs", "64.71", ["64.71"], False),
    ("viewer", None, ["64"], False),
]


@pytest.mark.parametrize(("role", "region", "regions", "allowed"), MEETINGS)
def test_who_records_a_meeting(make_user, role, region, regions, allowed):
    user = make_user(f"{role}-{region}", role, region)
    if allowed:
        meeting = balikpapan(regions=regions, user=user)
        assert sorted(meeting.regions.values_list("code", flat=True)) == sorted(regions)
    else:
        with pytest.raises(services.MonevError):
            balikpapan(regions=regions, user=user)


@pytest.mark.parametrize(
    ("role", "region", "allowed"),
    [
        ("pemda", "64.02", True),
        ("pemda", "64.71", False),
        ("pemda", "64", True),
        ("viewer", "64.02", False),
        ("national", None, True),
    ],
)
def test_who_comments(make_user, role, region, allowed):
    user = make_user(f"{role}-{region}", role, region)
    item = action(balikpapan())
    if allowed:
        services.comment(item, "Surat ke BPKAD sudah dikirim", user=user)
        assert item.events.filter(kind="comment").get().actor == user.username
    else:
        with pytest.raises(services.MonevError):
            services.comment(item, "x", user=user)


def test_an_inactive_or_anonymous_user_may_do_nothing(make_user):
    from django.contrib.auth.models import AnonymousUser

    from pantau.accounts import scope

    idle = make_user("idle", "national", None, is_active=False)
    for user in (idle, AnonymousUser()):
        assert not scope.can_hold_meeting(user, ["64"])
        assert not scope.can_work_on_action(user, "64.02", False)
        assert not scope.can_verify_action(user, "64.02")


@pytest.mark.parametrize(("role", "region"), [
    ("national", None), ("pemda", "64.02"), ("pemda", "65"), ("bpjs", "64.71"),
    ("viewer", None),
])  # fmt: skip
def test_everyone_signed_in_reads_and_nobody_else(client_as, client, role, region):
    item = action(balikpapan())
    urls = [
        "/monev/",
        f"/monev/{item.meeting_id}/",
        f"/monev/{item.meeting_id}/versi/1/",
        f"/tindak-lanjut/{item.pk}/",
        "/wilayah/64/tindak-lanjut/",
    ]
    services.finalise(item.meeting)
    signed_in = client_as(role, region)
    assert [signed_in.get(url).status_code for url in urls] == [200] * len(urls)
    signed_in.logout()
    for url in urls:
        answer = signed_in.get(url)
        assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
