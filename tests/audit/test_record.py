"""`pantau.audit.actions.record`: one row per disclosure of person-level data."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from pantau.audit.actions import record
from pantau.audit.models import AuditEvent


def test_record_keeps_who_what_where_and_how_many(make_user):
    user = make_user("kukar", "pemda", "64.02")
    request = RequestFactory().get("/impor/x/laporan.csv?a=1", REMOTE_ADDR="10.1.2.3")
    event = record(user, "download_error_report", "64.02", "Laporan kesalahan", 12, request)
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.user, event.username, event.role) == (user, "kukar", "pemda")
    assert (event.action, event.region_code, event.rows) == ("download_error_report", "64.02", 12)
    assert (event.ip_address, event.path) == ("10.1.2.3", "/impor/x/laporan.csv?a=1")
    assert event.created_at is not None


def test_forwarded_addresses_are_not_trusted(make_user):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    event = record(make_user("kukar", "pemda", "64.02"), "export", "64.02", "", request=request)
    assert event.ip_address == "10.0.0.1"


def test_the_event_outlives_the_account(make_user):
    user = make_user("kukar", "pemda", "64.02")
    event = record(user, "export", "64.02", "daftar pekerja", rows=3)
    user.delete()
    event.refresh_from_db()
    assert (event.user, event.username, event.role) == (None, "kukar", "pemda")


def test_without_a_user_or_request(db):
    event = record(AnonymousUser(), "export", None, "dari baris perintah")
    assert (event.user, event.username, event.region_code, event.ip_address) == (
        None,
        "",
        "",
        None,
    )
    assert record(None, "export", "64", "").rows is None
