"""Registering a batch's worker lists at once (`catalog.register_lists`): new targets in one
insert, and a list whose target became current meanwhile (another import, between the
batch's reading and its registering) supersedes that one as `register` would."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pantau.lake.catalog import register_lists
from pantau.lake.models import Snapshot

pytestmark = pytest.mark.django_db

KUTAI, PASER, BERAU = "64.02", "64.01", "64.03"


def unsaved(pemda: str, category: str = "non_asn", year: int = 2022) -> Snapshot:
    return Snapshot(
        kind="workers", pemda_id=pemda, category=category, year=year, source_name="l.csv",
        sha256="0" * 64, rules_version="test", path=f"lake/workers/{pemda}-{category}-{year}",
        rows=3, accepted=3,
    )  # fmt: skip


def test_new_targets_are_registered_current_in_a_few_queries():
    lists = [unsaved(pemda, category) for pemda in (KUTAI, PASER, BERAU)
             for category in ("non_asn", "rt_rw")]  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        register_lists(lists)
    assert all(s.pk and s.is_current for s in lists)
    assert Snapshot.objects.filter(is_current=True).count() == 6
    assert len(queries) <= 5  # savepoint or BEGIN, the select, the insert, COMMIT


def test_a_target_current_meanwhile_is_superseded():
    meanwhile = unsaved(KUTAI)
    meanwhile.is_current = True
    meanwhile.save()
    batch = [unsaved(KUTAI), unsaved(PASER)]
    register_lists(batch)
    meanwhile.refresh_from_db()
    assert not meanwhile.is_current and meanwhile.superseded_by_id == batch[0].pk
    assert all(s.is_current for s in batch)
    assert Snapshot.objects.filter(is_current=True, pemda_id=KUTAI).count() == 1
