"""`/akun/`: the profile page makes personal API tokens (shown once), lists and revokes them."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from pantau.accounts import tokens
from pantau.accounts.models import ApiToken
from pantau.audit.models import AuditEvent

TOKEN = re.compile(r"pantau_[A-Za-z0-9_-]{40}")


def _api(client, raw, path="/api/v1/regions/64.02/"):
    client.logout()
    return client.get(path, HTTP_AUTHORIZATION=f"Token {raw}")


def test_profile_shows_who_the_user_is(client_as):
    page = client_as("pemda", "64.02").get("/akun/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "pemda-6402" in text and "Kutai Kartanegara" in text and "Pemerintah daerah" in text
    assert 'href="/akun/"' in text  # the header links the profile
    assert "no-store" in page["Cache-Control"]


def test_anonymous_is_sent_to_login(client, db):
    page = client.get("/akun/")
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_a_new_token_is_shown_once_and_works(client_as):
    client = client_as("pemda", "64.02")
    answer = client.post("/akun/", {"name": "SIPD", "expires_days": "90"})
    assert answer.status_code == 200
    shown = TOKEN.findall(answer.content.decode())
    assert len(set(shown)) == 1
    raw = shown[0]
    assert "tidak akan ditampilkan lagi" in answer.content.decode()
    token = ApiToken.objects.get(name="SIPD")
    assert token.digest == tokens.digest_of(raw) and raw not in (token.digest, token.prefix)
    assert token.expires_at > timezone.now() + datetime.timedelta(days=89)
    assert AuditEvent.objects.filter(action="api_token_created", username="pemda-6402").exists()
    reload = client.get("/akun/")
    assert raw not in reload.content.decode() and token.prefix in reload.content.decode()
    assert token.last_used_at is None
    assert _api(client, raw).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("days, lasts", [("30", 30), ("365", 365), ("", None)])
def test_expiry_choices(client_as, days, lasts):
    client_as("bpjs", "64").post("/akun/", {"name": "x", "expires_days": days})
    token = ApiToken.objects.get()
    if lasts is None:
        assert token.expires_at is None
    else:
        left = token.expires_at - timezone.now()
        assert datetime.timedelta(days=lasts - 1) < left <= datetime.timedelta(days=lasts)


@pytest.mark.parametrize("days", ["0", "7", "-1", "abc"])
def test_other_expiry_is_refused(client_as, days):
    answer = client_as("viewer").post("/akun/", {"name": "x", "expires_days": days})
    assert answer.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoke_makes_the_token_401(client, make_user):
    token, raw = tokens.create(make_user("nasional", "national"))
    assert _api(client, raw).status_code == 200
    client.force_login(token.user)
    answer = client.post(f"/akun/token/{token.pk}/cabut/")
    assert answer.status_code == 302 and answer["Location"] == "/akun/"
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token_revoked").count() == 1
    refused = _api(client, raw)
    assert refused.status_code == 401 and "dicabut" in refused.json()["detail"]


def test_another_users_token_cannot_be_revoked(client_as, make_user):
    other, _raw = tokens.create(make_user("lain", "pemda", "64.01"))
    client = client_as("pemda", "64.02")
    assert client.post(f"/akun/token/{other.pk}/cabut/").status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None
    assert str(other.prefix) not in client.get("/akun/").content.decode()


def test_revoke_is_a_post(client_as):
    client = client_as("viewer")
    client.post("/akun/", {"name": "x", "expires_days": ""})
    token = ApiToken.objects.get()
    assert client.get(f"/akun/token/{token.pk}/cabut/").status_code == 405


def test_an_expired_token_is_401(make_user, client):
    token, raw = tokens.create(make_user("v", "viewer"), expires_days=1)
    assert _api(client, raw).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _api(client, raw).status_code == 401


@pytest.mark.parametrize(
    "header",
    ["Token pantau_nope", "Token", "Token a b", "Bearer pantau_" + "x" * 40, "Token " + "x" * 300],
)
def test_bad_tokens_are_401(client, db, header):
    answer = client.get("/api/v1/regions/64/", HTTP_AUTHORIZATION=header)
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"].startswith("Token")


def test_anonymous_api_is_401(client, db):
    assert client.get("/api/v1/regions/").status_code == 401
