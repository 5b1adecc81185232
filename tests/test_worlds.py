"""A world built once per module (tests/worlds.py) is gone when the module is done: its rows
rolled back, the settings as they were, whatever the tests inside did."""

from __future__ import annotations

import pytest
from django.conf import settings

from pantau.accounts.models import User
from tests.worlds import module_world

# Committed, as a module's world is built outside any test's transaction (the flush after
# each test removes nothing the check below needs).
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_world_is_rolled_back_and_the_data_directory_restored(
    django_db_setup, django_db_blocker, tmp_path
):
    before = settings.DATA_DIR
    with module_world(django_db_blocker, tmp_path / "world") as data_dir:
        assert data_dir.is_dir() and data_dir == settings.DATA_DIR
        User.objects.create(username="only-in-the-world")
    assert before == settings.DATA_DIR
    with django_db_blocker.unblock():
        assert not User.objects.filter(username="only-in-the-world").exists()


def test_a_failing_build_is_rolled_back_too(django_db_setup, django_db_blocker, tmp_path):
    with pytest.raises(RuntimeError), module_world(django_db_blocker, tmp_path / "world"):
        User.objects.create(username="half-built")
        raise RuntimeError("the build failed")
    with django_db_blocker.unblock():
        assert not User.objects.filter(username="half-built").exists()
