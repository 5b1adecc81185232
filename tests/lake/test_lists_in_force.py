"""Which worker list is in force for a year: the one rule of the refresh and the budgets."""

from __future__ import annotations

import pytest

from pantau.lake.catalog import current_lists, lists_in_force
from pantau.lake.models import Snapshot

pytestmark = pytest.mark.django_db

KUTAI, PASER = "64.02", "64.01"


def listed(pemda: str, category: str, year: int, accepted: int = 10, current: bool = True):
    return Snapshot.objects.create(
        kind="workers", pemda_id=pemda, category=category, year=year, source_name="l.csv",
        sha256="0" * 64, rules_version="test", path=f"lake/workers/{pemda}-{category}-{year}",
        rows=accepted, accepted=accepted, is_current=current,
    )  # fmt: skip


def test_the_latest_list_of_the_year_or_before_is_in_force():
    old = listed(KUTAI, "non_asn", 2023)
    new = listed(KUTAI, "non_asn", 2024)
    future = listed(KUTAI, "non_asn", 2026)
    assert lists_in_force(2023) == {(KUTAI, "non_asn"): old}
    assert lists_in_force(2025) == {(KUTAI, "non_asn"): new}
    assert lists_in_force(2026) == {(KUTAI, "non_asn"): future}
    assert lists_in_force(2022) == {}


def test_superseded_and_empty_lists_are_never_in_force():
    listed(KUTAI, "non_asn", 2024, current=False)
    listed(KUTAI, "rt_rw", 2024, accepted=0)
    kept = listed(KUTAI, "village_official", 2024)
    assert lists_in_force(2024) == {(KUTAI, "village_official"): kept}


def test_pemdas_and_a_prefetched_list_give_the_same_answer():
    kutai = listed(KUTAI, "non_asn", 2024)
    paser = listed(PASER, "non_asn", 2024)
    assert lists_in_force(2024, pemdas=[PASER]) == {(PASER, "non_asn"): paser}
    snapshots = list(current_lists())
    assert [s.year for s in snapshots] == sorted(s.year for s in snapshots)
    assert lists_in_force(2024, snapshots=snapshots) == {
        (KUTAI, "non_asn"): kutai,
        (PASER, "non_asn"): paser,
    }
