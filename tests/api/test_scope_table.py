"""Who sees what through the API, as data: every endpoint × role × region relation.

The rows' format, the region relations and the worlds are in tests/api/scope_world.py. To
add an endpoint, add lines: `*open_to_every_user("/api/v1/…/{code}/")` for aggregates, or
`*person_level("/api/v1/gaps/{code}/", world="gaps")` (with a "gaps" world in WORLDS) for
people, or single `Row(...)`s where an endpoint has its own rule.
"""

from __future__ import annotations

import pytest

from pantau.accounts import tokens
from pantau.audit.models import AuditEvent
from tests.api.scope_world import (
    FULL,
    MASKED,
    RELATIONS,
    USER_REGION,
    WORLDS,
    Row,
    nik_shapes,
    open_to_every_user,
    person_level,
)

GAPS_AND_FLAGGED = ("/api/v1/gaps/{code}/?category=non_asn",)

ROWS: list[Row] = [
    # Reference data and aggregates: open to every signed-in user, whatever the region.
    *open_to_every_user("/api/v1/regions/{code}/"),
    *open_to_every_user("/api/v1/regions/?parent={code}"),
    *open_to_every_user("/api/v1/coverage/{code}/?as_of={as_of}"),
    *open_to_every_user("/api/v1/coverage/{code}/?as_of={as_of}&category=non_asn"),
    *open_to_every_user("/api/v1/coverage/{code}/trend/"),
    Row("/api/v1/coverage/{code}/?as_of={as_of}", "viewer", "national", 200),
    Row("/api/v1/coverage/{code}/trend/", "pemda", "national", 200),
    Row("/api/v1/coverage/{code}/?as_of={as_of}", "anonymous", "national", 401),
    # A month without a refresh is a 404 for everyone signed in, never a 500.
    Row("/api/v1/coverage/{code}/?as_of=2019-01", "pemda", "own", 404),
    Row("/api/v1/coverage/{code}/?as_of=2019-01", "national", "elsewhere", 404),
    # Claims totals: aggregates.
    *open_to_every_user("/api/v1/claims/{code}/", relations=("own", "child", "elsewhere")),
    # People: the gap list, in a world with people in Kutai
    # Kartanegara's district 64.02.05 only (so elsewhere a 200 holds no NIK).
    *(
        Row(url, *rest, world="people")
        for url in GAPS_AND_FLAGGED
        for rest in (
            ("pemda", "own", 200, FULL, True),
            ("bpjs", "own", 200, FULL, True),
            ("pemda", "parent", 200, None, True),
            ("national", "own", 200, MASKED, True),
            ("pemda", "child", 403),
            ("pemda", "sibling", 403),
            ("pemda", "elsewhere", 403),
            ("bpjs", "national", 404),  # no gap list of the whole country, as on the pages
            ("viewer", "own", 403),
            ("viewer", "elsewhere", 403),
            ("anonymous", "own", 401),
        )
    ),  # fmt: skip
]


def _asker(role: str, make_user):
    if role == "anonymous":
        return None
    return make_user(f"asker-{role}", role, None if role == "national" else USER_REGION)


def _cases(rows):
    """Every row with a token; with a session too where people are shown or the target is
    the user's own region (the scope is the user's either way: this checks the door)."""
    for row in rows:
        yield pytest.param(row, "token", id=f"{row.id}-token")
        if row.nik is not None or row.relation == "own":
            yield pytest.param(row, "session", id=f"{row.id}-session")


@pytest.mark.parametrize("row, auth", list(_cases(ROWS)))
def test_scope(row: Row, auth: str, client, make_user, own_data_directory, tmp_path):
    WORLDS[row.world](tmp_path)
    user = _asker(row.role, make_user)
    headers = {}
    if user is not None and auth == "token":
        headers["HTTP_AUTHORIZATION"] = f"Token {tokens.create(user)[1]}"
    elif user is not None:
        client.force_login(user)
    answer = client.get(row.path(), **headers)
    assert answer.status_code == row.status, answer.content[:300]
    text = answer.content.decode()
    shapes = nik_shapes(text)
    if row.nik == FULL:
        assert FULL in shapes
    elif row.nik == MASKED or row.status >= 400:
        assert FULL not in shapes  # never a whole NIK where the page masks it, nor in errors
    if row.nik == MASKED:
        assert MASKED in shapes
    if row.audited and 200 <= row.status < 300:
        assert AuditEvent.objects.filter(user=user).exists()
    elif user is not None and row.nik is None:
        assert not AuditEvent.objects.filter(user=user).exists()


def test_rows_are_unique():
    ids = [row.id + row.url for row in ROWS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "text, shapes",
    [
        ('{"nik": "6402051203850001"}', {FULL}),
        ('{"nik": "640205**********"}', {MASKED}),
        ("nik\n6402051203850001\n640205**********\n", {FULL, MASKED}),
        ('{"count": 64020512038500011}', set()),  # 17 digits: not a NIK
        ('{"region": "64.02.05"}', set()),
    ],
)
def test_nik_shapes(text, shapes):
    assert nik_shapes(text) == shapes


def test_person_level_rows_follow_the_access_rules():
    """The rows `person_level` writes for an endpoint of people (docs/access.md)."""
    rows = {(row.role, row.relation): row for row in person_level("/api/v1/x/{code}/")}
    assert len(rows) == 5 * 5  # four roles and anonymous, five relations
    assert all(rows["national", rel].nik == MASKED for rel in RELATIONS)
    for role in ("pemda", "bpjs"):
        assert [rows[role, rel].status for rel in RELATIONS] == [200, 200, 403, 403, 403]
        assert rows[role, "own"].nik == FULL and rows[role, "own"].audited
    assert {rows["viewer", rel].status for rel in RELATIONS} == {403}
    assert {rows["anonymous", rel].status for rel in RELATIONS} == {401}
