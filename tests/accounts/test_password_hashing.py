"""Passwords are stored as Django's strongest default does (PBKDF2-SHA256); only the test
process hashes with MD5 (tests/conftest.py, `quick_password_hashing`), for speed."""

from __future__ import annotations

import subprocess
import sys

from tests.ingest.own_database import own_database

HASH_OF_A_NEW_PASSWORD = (
    "from django.contrib.auth.hashers import make_password;"
    "print(make_password('Uji-coba-pantau-2025').split('$')[0])"
)


def test_a_pantau_process_hashes_with_pbkdf2_sha256(tmp_path):
    with own_database(tmp_path / "data") as env:
        done = subprocess.run(
            [sys.executable, "-m", "pantau", "shell", "-c", HASH_OF_A_NEW_PASSWORD],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
    assert done.stdout.strip().splitlines()[-1] == "pbkdf2_sha256"


def test_the_suite_hashes_quickly_but_still_checks_real_hashes(make_user):
    from django.contrib.auth.hashers import check_password, make_password

    user = make_user("cepat", "viewer")
    assert user.password.startswith("md5$")
    real = make_password("Uji-coba-pantau-2025", hasher="pbkdf2_sha256")
    assert check_password("Uji-coba-pantau-2025", real)
