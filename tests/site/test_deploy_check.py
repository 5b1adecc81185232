"""`PANTAU_HTTPS=1 pantau check --deploy` has no warning (docs/operations.md), with the
settings deploy/pantau.env.example gives; without PANTAU_HTTPS the HTTPS settings stay off
(plain http for `make demo`)."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.ingest.own_database import own_database


@pytest.mark.parametrize("key_from", ["environment", "data directory"])
def test_https_deploy_check_is_clean(tmp_path, key_from):
    with own_database(tmp_path) as env:
        # Not the suite's own DJANGO_ALLOW_ASYNC_UNSAFE (tests/conftest.py): a server has none.
        env = {
            k: v
            for k, v in env.items()
            if not k.startswith("PANTAU_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
        }
        env.update(
            PANTAU_DATA_DIR=str(tmp_path),
            PANTAU_HTTPS="1",
            PANTAU_ALLOWED_HOSTS="pantau.example.go.id",
            PANTAU_CSRF_TRUSTED_ORIGINS="https://pantau.example.go.id",
            PANTAU_LOG_FORMAT="json",
        )
        if key_from == "environment":
            env["PANTAU_SECRET_KEY"] = secrets.token_urlsafe(50)
        done = subprocess.run(
            [sys.executable, "-m", "pantau", "check", "--deploy", "--fail-level", "WARNING"],
            env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_plain_http_without_pantau_https(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_PRELOAD)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PANTAU_", "DATABASE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="pantau.settings", PANTAU_DATA_DIR=str(tmp_path))
    plain = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout.split()  # fmt: skip
    assert plain == ["False", "False", "False", "0", "None", "False"]

    env["PANTAU_HTTPS"] = "1"
    https = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert https.split()[:4] == ["True", "True", "True", "31536000"]
    assert "HTTP_X_FORWARDED_PROTO" in https and https.split()[-1] == "False"
