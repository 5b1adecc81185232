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
    os_user: str = "",
) -> AuditEvent:
    """Add one event. Call it before the data leaves, so a failure refuses the export.

    `os_user` names who ran a command-line export, where no Pantau account signs in.
    """
    signed_in = user is not None and user.is_authenticated
    event = AuditEvent(
        user=user if signed_in else None,
        username=user.get_username() if signed_in else os_user[:150],
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


def operating_system_user() -> str:
    """The account running this process, from its real user id (not `$USER`, which the
    caller sets); `uid 1000` when the id has no name."""
    import os
    import pwd

    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def record_cli(
    action: str, region_code: str | None, description: str, rows: int | None = None
) -> AuditEvent:
    """`record` for a command-line export: no Pantau account signs in there, so the event
    names the operating-system user (`os:<name>`), who answers for the file."""
    return record(None, action, region_code, description, rows=rows,
                  os_user=f"os:{operating_system_user()}")  # fmt: skip
