"""What the `pantau meetings`, `pantau actions` and `pantau agencies` commands share: reading
dates and the acting user, and turning a refusal into one line with exit status 2."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from pantau.core.command import UsageError
from pantau.core.messages import Refusal


def parse_day(text: str | None, name: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{name} harus tanggal YYYY-MM-DD / {name} must be a date YYYY-MM-DD: {text!r}"
        ) from None


def as_of(text: str | None) -> date:
    return parse_day(text, "--as-of") or timezone.localdate()


def acting_user(username: str | None):
    """`--user NAME`: act as that account (its rights apply and its name is in the history);
    without it, the operator at the command line, who may do everything."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise UsageError(f"Pengguna tidak ada / no such user: {username!r}")
    return user


@contextlib.contextmanager
def refusals() -> Iterator[None]:
    """One transaction: a refusal stores nothing and ends the command with exit 2."""
    try:
        with transaction.atomic():
            yield
    except Refusal as error:
        raise UsageError(str(error)) from None


def split_list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]
