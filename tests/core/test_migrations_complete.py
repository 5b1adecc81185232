"""Every model change has its migration: a choice or field changed without one would leave a
fresh clone's database behind its models (`makemigrations --check` fails on it)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as ended:
        pytest.fail(f"models changed without a migration (status {ended.code}):\n{out.getvalue()}")
