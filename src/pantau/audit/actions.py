"""Recording person-level disclosures: the one function every export calls first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pantau.audit.models import AuditEvent

if TYPE_CHECKING:
    from django.http import HttpRequest

    from pantau.accounts.models import User


def record(
    user: User | None,
    action: str,
    region_code: str | None,
    description: str,
    rows: int | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Add one event. Call it before the data leaves, so a failure refuses the export."""
    signed_in = user is not None and user.is_authenticated
    event = AuditEvent(
        user=user if signed_in else None,
        username=user.get_username() if signed_in else "",
        role=getattr(user, "role", "") if signed_in else "",
        action=action,
        region_code=region_code or "",
        description=description,
        rows=rows,
    )
    if request is not None:
        # REMOTE_ADDR only: X-Forwarded-For is whatever the client wrote unless a trusted
        # proxy rewrites it, and an audit trail must not record a forged address.
        event.ip_address = request.META.get("REMOTE_ADDR") or None
        event.path = request.get_full_path()[:255]
    event.save()
    return event
