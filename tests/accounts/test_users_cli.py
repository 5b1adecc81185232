import pytest
from django.core.management import call_command

from pantau.accounts.models import User
from pantau.core.command import UsageError
from tests.conftest import TEST_PASSWORD


def test_create_pemda_user_with_undotted_region(db, capsys):
    call_command(
        "users", "create", "--role", "pemda", "--region", "6402",
        "--username", "kukar", "--password", TEST_PASSWORD,
    )  # fmt: skip
    user = User.objects.get(username="kukar")
    assert (user.role, user.region_id) == ("pemda", "64.02")
    assert user.check_password(TEST_PASSWORD)
    assert not user.is_staff
    assert "created kukar" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["--role", "pemda", "--username", "a", "--password", TEST_PASSWORD],
        ["--role", "pemda", "--region", "99.99", "--username", "a", "--password", TEST_PASSWORD],
        ["--role", "national", "--region", "64", "--username", "a", "--password", TEST_PASSWORD],
        ["--role", "viewer", "--username", "a", "--password", "password"],
    ],
)
def test_bad_accounts_are_refused_with_status_2(db, args):
    with pytest.raises(UsageError) as raised:
        call_command("users", "create", *args)
    assert raised.value.returncode == 2
    assert not User.objects.filter(username="a").exists()


def test_existing_username_is_refused(db):
    args = ["--role", "viewer", "--username", "dup", "--password", TEST_PASSWORD]
    call_command("users", "create", *args)
    with pytest.raises(UsageError):
        call_command("users", "create", *args)
