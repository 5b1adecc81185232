"""How many processes a pool gets (`core.processes.processes_for`): never more than one where
a forked process could not see the rows (inside a transaction) or would write a copy of the
database (SQLite in this process's memory)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from pantau.core.processes import processes_for


@pytest.mark.django_db(transaction=True)
def test_the_requested_processes_outside_a_transaction():
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    assert processes_for(4) == (1 if in_memory else 4)


@pytest.mark.django_db(transaction=True)
def test_one_process_inside_a_transaction():
    with transaction.atomic():
        assert processes_for(4) == 1
