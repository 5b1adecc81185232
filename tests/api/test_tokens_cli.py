"""`pantau tokens create|list|revoke`."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from pantau.accounts.models import ApiToken
from pantau.audit.models import AuditEvent
from pantau.core.command import UsageError


def _json(capsys, *args):
    call_command("tokens", *args)
    return json.loads(capsys.readouterr().out)


def test_create_list_revoke(make_user, client, capsys):
    make_user("sipd", "pemda", "64")
    made = _json(capsys, "create", "--username", "sipd", "--expires-days", "30",
                 "--format", "json")  # fmt: skip
    assert set(made) == {"token", "expires", "id"}
    expires = datetime.datetime.fromisoformat(made["expires"])
    assert datetime.timedelta(days=29) < expires - timezone.now() <= datetime.timedelta(days=30)
    auth = {"HTTP_AUTHORIZATION": f"Token {made['token']}"}
    assert client.get("/api/v1/coverage/64/trend/", **auth).status_code == 200

    listed = _json(capsys, "list", "--username", "sipd", "--format", "json")
    assert listed["count"] == 1
    row = listed["rows"][0]
    assert row["id"] == made["id"] and row["revoked"] is None and row["last_used"] is not None
    assert made["token"] not in json.dumps(listed)

    revoked = _json(capsys, "revoke", str(made["id"]), "--format", "json")
    assert revoked == {"id": made["id"], "revoked": True, "already": False}
    assert client.get("/api/v1/regions/", **auth).status_code == 401
    assert _json(capsys, "revoke", str(made["id"]), "--format", "json")["already"] is True
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"api_token_created", "api_token_revoked"} <= actions


def test_create_without_expiry(make_user, capsys):
    make_user("n", "national")
    made = _json(capsys, "create", "--username", "n", "--format", "json")
    assert made["expires"] is None
    assert ApiToken.objects.get(pk=made["id"]).expires_at is None


@pytest.mark.parametrize(
    "args",
    [
        ["create", "--username", "nobody", "--format", "json"],
        ["create", "--username", "n", "--expires-days", "0"],
        ["list", "--username", "nobody"],
        ["revoke", "999999"],
    ],
)
def test_unknown_user_or_token_exits_2(make_user, args):
    make_user("n", "national")
    with pytest.raises(UsageError) as raised:
        call_command("tokens", *args)
    assert raised.value.returncode == 2
    assert not ApiToken.objects.exists()
