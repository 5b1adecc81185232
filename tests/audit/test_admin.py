"""The audit trail in Django admin: superusers read it; nobody adds, edits or deletes."""

from __future__ import annotations

from pantau.audit.actions import record


def test_superuser_reads_the_trail_but_cannot_change_it(client_as, make_user):
    event = record(make_user("kukar", "pemda", "64.02"), "download_error_report", "64.02", "x")
    admin = client_as("national", None, is_superuser=True, is_staff=True)
    listing = admin.get("/admin/audit/auditevent/")
    assert listing.status_code == 200
    assert "download_error_report" in listing.content.decode()
    detail = admin.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert admin.get("/admin/audit/auditevent/add/").status_code == 403
    assert admin.get(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    assert (
        admin.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "x"}).status_code
        == 403
    )


def test_role_users_cannot_open_it(client_as):
    client = client_as("pemda", "64.02", is_staff=True)
    assert client.get("/admin/audit/auditevent/").status_code == 302
