"""Settings from the environment, and secure defaults."""

import os
import subprocess
import sys

from pantau.core.paths import secret_key


def settings_in(tmp_path, **env):
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='pantau.settings';"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.DEBUG,"
        " s.SESSION_COOKIE_SECURE, s.SECRET_KEY)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PANTAU_", "DATABASE_URL"))}
    clean.update({"PANTAU_DATA_DIR": str(tmp_path), **env})
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean, check=True
    )
    return done.stdout.split()


def test_defaults_keep_everything_in_the_data_directory(tmp_path):
    engine, name, debug, secure, key = settings_in(tmp_path)
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "pantau.sqlite3")
    assert debug == "False" and secure == "False"
    assert (tmp_path / "secret_key").read_text() == key
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    # The same key on the next start: sessions survive a restart.
    assert settings_in(tmp_path)[4] == key


def test_environment_overrides(tmp_path):
    engine, name, debug, secure, key = settings_in(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        PANTAU_DEBUG="1",
        PANTAU_HTTPS="1",
        PANTAU_SECRET_KEY="from-environment",
    )
    assert engine == "django.db.backends.postgresql" and name == "test"
    assert debug == "True" and secure == "True"
    assert key == "from-environment"
    assert not (tmp_path / "secret_key").exists()


def test_secret_key_is_generated_once(tmp_path, monkeypatch):
    monkeypatch.delenv("PANTAU_SECRET_KEY", raising=False)
    assert secret_key(tmp_path) == secret_key(tmp_path)
    assert len(secret_key(tmp_path)) >= 50


def test_security_headers(client, db):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_healthz_needs_no_login(client, db):
    assert client.get("/healthz").json()["checks"]["database"]["status"] == "ok"
