"""Django admin is for superusers only, whatever flags a role user has."""

import pytest


@pytest.mark.parametrize("role,region", [("pemda", "64.02"), ("national", None), ("bpjs", "64.71")])
def test_role_users_cannot_open_admin_even_as_staff(client_as, role, region):
    client = client_as(role, region, is_staff=True)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert client.get("/admin/accounts/user/").status_code == 302


def test_superuser_opens_admin(client_as):
    client = client_as("national", None, is_superuser=True, is_staff=True)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200
