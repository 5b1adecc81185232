"""Sign in with username and password; lockout after repeated failures (django-axes)."""

from django.conf import settings
from django.urls import reverse

from tests.conftest import TEST_PASSWORD


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_pemda_user_lands_on_its_region(client, make_user):
    make_user("kukar", "pemda", "64.02")
    response = login(client, "kukar", TEST_PASSWORD)
    assert response.status_code == 302
    assert client.get("/").url == "/wilayah/64.02/"


def test_national_user_lands_on_indonesia(client, make_user):
    make_user("nasional", "national")
    login(client, "nasional", TEST_PASSWORD)
    assert client.get("/").url == "/wilayah/"


def test_wrong_password_says_so_in_indonesian(client, make_user):
    make_user("kukar", "pemda", "64.02")
    response = login(client, "kukar", "salah-sekali-123")
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_lockout_after_repeated_failures(client, make_user):
    make_user("kukar", "pemda", "64.02")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "kukar", "salah-sekali-123")
    # Even the right password is refused while locked out.
    response = login(client, "kukar", TEST_PASSWORD)
    assert response.status_code == 429
    assert "dikunci" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username(client, make_user):
    make_user("kukar", "pemda", "64.02")
    make_user("kaltim", "pemda", "64")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "kukar", "salah-sekali-123")
    assert login(client, "kaltim", TEST_PASSWORD).status_code == 302


def test_logout_is_a_post(client, make_user):
    make_user("kukar", "pemda", "64.02")
    login(client, "kukar", TEST_PASSWORD)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/wilayah/").status_code == 302
