"""Shared fixtures: the real Kemendagri hierarchy in every test database."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.processes import children, free_port, healthy, wait_for

# Playwright's sync API runs an event loop in the test thread; the ORM must still work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TEST_PASSWORD = "Uji-coba-pantau-2025"


# Copies of the region tables in the test database, outside Django's models, so the flush
# after each test that commits leaves them; such tests get their regions back from them.
REGION_COPIES = (("regions_region", "pantau_test_regions"),
                 ("regions_regionsource", "pantau_test_region_source"))  # fmt: skip


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load all 91,599 real regions once per test database, and keep a copy of them."""
    from django.db import connection

    from pantau.regions.services import load_regions

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            from tests.ingest.own_database import quick_commits

            with connection.cursor() as cursor:
                cursor.execute(quick_commits(connection.settings_dict["NAME"]))
                cursor.execute("SET synchronous_commit = off")  # this connection too
        load_regions()
        # Every parent of the loaded regions exists (the check tests leave out on SQLite,
        # `region_keys_checked_once`).
        connection.check_constraints(table_names=["regions_region"])
        with connection.cursor() as cursor:
            for table, copy in REGION_COPIES:
                cursor.execute(f"DROP TABLE IF EXISTS {copy}")
                cursor.execute(f"CREATE TABLE {copy} AS SELECT * FROM {table}")


# After each test Django checks the foreign keys the test left, before rolling it back. On
# SQLite that is `PRAGMA foreign_key_check` over every table, the 91,599 regions' parents
# included: 20 ms of every database test's teardown, about a minute of the SQLite half
# (docs/benchmarks.md, "Test suite"). The region table is checked once, after it is loaded,
# and after each test of tests/regions/, the tests that write it; every other table after
# every test, as before.
REGION_TABLE = "regions_region"
_writes_regions = [True]


@pytest.fixture(autouse=True)
def region_keys_checked_where_written(request):
    _writes_regions[0] = "/tests/regions/" in str(request.node.path)


@pytest.fixture(scope="session", autouse=True)
def region_keys_checked_once():
    from django.db.backends.sqlite3.base import DatabaseWrapper

    check = DatabaseWrapper.check_constraints

    def check_constraints(self, table_names=None):
        if table_names is None and not _writes_regions[0]:
            with self.cursor() as cursor:
                table_names = [name for name in self.introspection.table_names(cursor)
                               if name != REGION_TABLE]  # fmt: skip
        return check(self, table_names)

    DatabaseWrapper.check_constraints = check_constraints
    yield
    DatabaseWrapper.check_constraints = check


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing():
    """New passwords hashed with MD5 inside the test process: PBKDF2's million rounds take
    0.23 s a password and as long a sign-in, and thousands of tests create users and sign
    them in. Hashes made the real way (by `pantau` processes) are still checked: the real
    hashers stay in the list. `pantau` processes hash as installed Pantau does
    (tests/accounts/test_password_hashing.py)."""
    from django.conf import global_settings
    from django.test.utils import override_settings

    quick = override_settings(PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.MD5PasswordHasher", *global_settings.PASSWORD_HASHERS,
    ])  # fmt: skip
    quick.enable()
    yield
    quick.disable()


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """Pages link hashed static files; collect them once, as `pantau setup` does."""
    call_command("collectstatic", interactive=False, verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Rendered dashboards are cached per data version; each test starts without any."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's language: a request in English leaves English active in
    its thread (LocaleMiddleware activates and never resets), which would leak into the next
    test's messages and formats."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.activate("id")


@pytest.fixture
def regions_in_live_db(transactional_db):
    """Tests that commit (live server, task worker) flush the database after each test;
    they get the hierarchy back from the copy made with the test database (a third of a
    second; loading the file again took three to four), then `load_regions` finds it
    unchanged."""
    from django.db import connection

    from pantau.regions.models import Region
    from pantau.regions.services import load_regions

    if not Region.objects.exists():
        with connection.cursor() as cursor:
            for table, copy in REGION_COPIES:
                cursor.execute(f"INSERT INTO {table} SELECT * FROM {copy}")
    load_regions()


@pytest.fixture
def make_user(db):
    from pantau.accounts.actions import create_user

    def make(username: str, role: str, region: str | None = None, **fields):
        return create_user(
            username=username, password=TEST_PASSWORD, role=role, region_code=region, **fields
        )

    return make


@pytest.fixture
def client_as(client, make_user):
    """`client_as("pemda", "64.02")`: a test client signed in as a new user of that role."""

    def login(role: str, region: str | None = None, **fields):
        username = f"{role}-{(region or 'id').replace('.', '')}"
        user = make_user(username, role, region, **fields)
        client.force_login(user)
        return client

    return login


@pytest.fixture
def served(tmp_path):
    """`pantau serve` on a free port with a data directory (and SQLite file) of its own."""
    # A data directory of its own, so a SQLite file of its own, whatever the suite uses.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PANTAU_", "DATABASE_URL"))}
    # A task worker that dies is started again after 1 s, not 10 (the default: no
    # restarting in a tight loop): the restart test waits for it.
    env.update(PANTAU_DATA_DIR=str(tmp_path), PANTAU_WORKERS="1", PANTAU_THREADS="1",
               PANTAU_WORKER_RESTART_SECONDS="1")  # fmt: skip
    subprocess.run([sys.executable, "-m", "pantau", "migrate", "-v0"], env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pantau", "serve", "--port", str(port)],
        env=env,
        stdout=(tmp_path / "serve.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: healthy(port))
        server.port = port
        yield server
    finally:
        # The server's children, read while its pid is still its own (once it is reaped the
        # pid may belong to another process, whose children these are not).
        left = children(server.pid) if server.poll() is None else {}
        if server.poll() is None:
            server.kill()
            server.wait()
        for child in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)


@pytest.fixture
def own_data_directory(settings, tmp_path):
    """A data directory (lake, reports, coverage files) of the test's own; its path."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def no_stored_figures(db):
    """An empty workforce table, whatever a migration or the demo put there."""
    from pantau.engine.models import Workforce

    Workforce.objects.all().delete()


@pytest.fixture(scope="session")
def set_up_homes(tmp_path_factory):
    """`set_up_homes.copy(data_dir)`: a data directory (and database) as `pantau setup`
    leaves it, for tests of real `pantau` processes (tests/ingest/own_database.py)."""
    from tests.ingest.own_database import SetUpHomes

    homes = SetUpHomes(tmp_path_factory.mktemp("set-up"))
    yield homes
    homes.close()
