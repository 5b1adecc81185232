"""Worlds built once per module instead of once per test.

A world of lists, extracts and refreshes costs 0.4–4 s to build, and the tests of one module
only read it. `module_world` builds it in a transaction of its own, with a data directory of
its own, rolls the transaction back and restores the setting when the module's last test is
done; each test runs in a savepoint inside it (pytest-django's `db`), so the rows one test
writes are gone before the next. Files are not rolled back: a test that refreshes or imports
(new lake files, old ones dropped) would leave the next test a lake its database no longer
matches.

Only for modules whose tests all use `db` (never `transactional_db`: its flush would empty
the world), write no lake files, and do not need a data directory of their own
(`own_data_directory`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction
from django.test.utils import override_settings


@contextlib.contextmanager
def module_world(django_db_blocker, data_dir: Path) -> Iterator[Path]:
    """Inside: the database open, `settings.DATA_DIR` = `data_dir` (created), one
    transaction that is rolled back on the way out, whatever happened inside."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with django_db_blocker.unblock(), override_settings(DATA_DIR=data_dir):
        atomic = transaction.atomic()
        # As Django's TestCase marks its own: code that asks for a durable transaction (a
        # refresh, an import) may run inside it, as it may inside a test's.
        atomic._from_testcase = True
        atomic.__enter__()
        try:
            yield data_dir
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
