"""Feedback (issue 16, part 4): success, information, warning and error messages each look like
what they are, and are announced as such (a success is a status, an error an alert)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def rendered_messages(*levels: int) -> str:
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    for level in levels:
        messages.add_message(request, level, f"pesan {level}")
    request.user = AnonymousUser()
    return render_to_string("base.html", request=request)


def test_each_level_has_its_own_class_and_role():
    html = rendered_messages(messages.SUCCESS, messages.INFO, messages.WARNING, messages.ERROR)
    found = re.findall(r'<p class="message (\w+)" data-level="\w+" role="(\w+)">pesan', html)
    assert found == [
        ("success", "status"),
        ("info", "status"),
        ("warning", "alert"),
        ("error", "alert"),
    ]


def test_a_success_is_not_styled_like_an_error():
    css = Path(finders.find("pantau/pantau.css")).read_text(encoding="utf-8")
    rules = dict(re.findall(r"\.message\.(success|info|warning|error)[^{:]*\{([^}]*)\}", css))
    backgrounds = {level: re.search(r"background: ([^;]+);", rule).group(1)
                   for level, rule in rules.items()}  # fmt: skip
    assert set(backgrounds) == {"success", "info", "warning", "error"}
    assert len(set(backgrounds.values())) == 4  # four looks, not one
    # Each level has a mark of its own too, so colour is not the only difference.
    marks = re.findall(r'\.message\.(\w+)::before \{ content: "([^"]+)"', css)
    assert len({mark for _, mark in marks}) == len(marks) == 4
