"""The foreign-key check Django runs after each test still finds a broken reference where
the suite leaves the region table out of it on SQLite (tests/conftest.py,
`region_keys_checked_once`)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from pantau.engine.models import Workforce


@pytest.mark.django_db
def test_a_row_naming_a_region_that_does_not_exist_fails_the_check():
    with pytest.raises(IntegrityError), transaction.atomic():
        # Foreign keys are checked at commit (deferred): the row goes in, the check finds it.
        Workforce.objects.create(region_id="99.99", year=2025, employed=1, source="uji")
        connection.check_constraints()


@pytest.mark.django_db
def test_a_test_that_leaves_valid_rows_passes_the_check():
    Workforce.objects.create(region_id="64.02", year=2025, employed=1, source="uji")
    connection.check_constraints()
