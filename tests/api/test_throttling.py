"""Rate limits: one budget per token (a user's tokens apart), one per anonymous IP.

DRF reads the rates into `SimpleRateThrottle.THROTTLE_RATES` when it is imported, so the
test sets small rates both in `settings.REST_FRAMEWORK` (a copy) and on that class.
"""

from __future__ import annotations

import copy

import pytest
from django.contrib.auth.decorators import login_not_required
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from pantau.accounts import tokens


class Public(APIView):
    """Stands for a public endpoint (the rules calculator): no login, the default throttles."""

    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"ok": True})


urlpatterns = [path("public/", login_not_required(Public.as_view()))]


@pytest.fixture
def small_rates(settings, monkeypatch):
    rates = {"token": "3/minute", "anon": "2/minute"}
    config = copy.deepcopy(settings.REST_FRAMEWORK)
    config["DEFAULT_THROTTLE_RATES"] = rates
    settings.REST_FRAMEWORK = config  # DRF's setting_changed receiver reloads api_settings
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)
    assert rates == api_settings.DEFAULT_THROTTLE_RATES
    return rates


def test_a_token_past_its_rate_is_429_and_another_passes(small_rates, make_user, client):
    user = make_user("sipd", "pemda", "64.02")
    _first, busy = tokens.create(user, "busy")
    _second, other = tokens.create(user, "other")
    answers = [
        client.get("/api/v1/regions/64.02/", HTTP_AUTHORIZATION=f"Token {busy}").status_code
        for _ in range(4)
    ]
    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/v1/regions/64/", HTTP_AUTHORIZATION=f"Token {busy}")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get("/api/v1/regions/64/", HTTP_AUTHORIZATION=f"Token {other}").status_code == 200


def test_a_session_user_has_a_budget_of_their_own(small_rates, client_as):
    client = client_as("viewer")
    codes = [client.get("/api/v1/regions/64/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.urls(__name__)
def test_anonymous_ip_is_limited_on_a_public_endpoint(small_rates, client, db):
    codes = [client.get("/public/", REMOTE_ADDR="10.0.0.1").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/public/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_default_rates_come_from_settings():
    assert set(api_settings.DEFAULT_THROTTLE_RATES) == {"token", "anon"}
