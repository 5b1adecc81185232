"""Creating accounts: the one place that writes users, for the CLI, the demo and tests."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from pantau.accounts.choices import Role
from pantau.accounts.models import User
from pantau.regions.lookup import get_region


def create_user(
    *,
    username: str,
    password: str,
    role: str,
    region_code: str | None = None,
    update: bool = False,
    **fields,
) -> User:
    """Create (or with `update`, reset) a user; raises ValidationError with readable messages.

    The region may be given dotted or undotted; the password must pass the policy.
    """
    if role not in Role.values:
        raise ValidationError({"role": f"unknown role {role!r}; one of {', '.join(Role.values)}"})
    region = get_region(region_code) if region_code else None
    user = User.objects.filter(username=username).first()
    if user is not None and not update:
        raise ValidationError({"username": f"user {username!r} already exists"})
    user = user or User(username=username)
    user.role, user.region = role, region
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    with transaction.atomic():
        user.save()
    return user
