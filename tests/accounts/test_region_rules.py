"""Which region each role may have."""

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import TEST_PASSWORD


@pytest.mark.parametrize(
    ("role", "region", "allowed"),
    [
        ("national", None, True),
        ("national", "64", False),
        ("pemda", "64", True),
        ("pemda", "64.02", True),
        ("pemda", "64.71", True),
        ("pemda", None, False),
        ("pemda", "64.02.05", False),
        ("pemda", "64.02.05.2001", False),
        ("bpjs", "64.71", True),
        ("bpjs", None, True),
        ("viewer", None, True),
        ("viewer", "64.02", True),
    ],
)
def test_role_region_rules(make_user, role, region, allowed):
    if allowed:
        user = make_user(f"{role}-x", role, region)
        assert user.region_id == region
    else:
        with pytest.raises(ValidationError):
            make_user(f"{role}-x", role, region)


def test_password_policy_refuses_weak_passwords(db):
    from pantau.accounts.actions import create_user

    with pytest.raises(ValidationError):
        create_user(username="lemah", password="12345678", role="viewer")
    user = create_user(username="kuat", password=TEST_PASSWORD, role="viewer")
    assert user.check_password(TEST_PASSWORD)
