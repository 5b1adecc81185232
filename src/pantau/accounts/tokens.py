"""Personal API tokens: made, checked, revoked. A token is `pantau_` and 40 random URL-safe
characters; only its SHA-256 is stored, so a copy of the database gives no working token."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.utils import timezone

from pantau.accounts.models import ApiToken, User

PREFIX = "pantau_"
# Writing last_used_at on every request would make each API read a write: once a minute is
# enough to tell a token in use from a forgotten one.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create(user: User, name: str = "", expires_days: int | None = None) -> tuple[ApiToken, str]:
    """A new token of `user`; the token itself is returned here once and never again."""
    if expires_days is not None and expires_days < 1:
        raise ValueError("expires_days must be at least 1")
    raw = PREFIX + secrets.token_urlsafe(30)
    expires = timezone.now() + datetime.timedelta(days=expires_days) if expires_days else None
    token = ApiToken.objects.create(user=user, name=name[:100], digest=digest_of(raw),
                                    prefix=raw[: len(PREFIX) + 4], expires_at=expires)  # fmt: skip
    return token, raw


def user_for(raw: str) -> tuple[User, ApiToken] | None:
    """The active user of a valid token (not revoked, not expired); None otherwise."""
    if not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(raw)).first()
    now = timezone.now()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, token


def revoke(token: ApiToken) -> bool:
    """Revoke it from now on; False when it already was."""
    return bool(
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())
    )
