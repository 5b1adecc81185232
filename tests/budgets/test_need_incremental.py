"""`refresh_needs` reads only the lists that changed since the rows were computed; `full`
reads them all again."""

from __future__ import annotations

import pytest

from pantau.budgets import need as need_module
from pantau.budgets.models import Need
from pantau.budgets.need import refresh_needs
from tests.budgets.budget_files import import_list

pytestmark = pytest.mark.usefixtures("own_data_directory")


@pytest.fixture
def read_lists(monkeypatch):
    """The list ids each refresh read from the lake."""
    reads: list[set[int]] = []
    original = need_module._wage_counts

    def counting(snapshots):
        reads.append({snapshot.pk for snapshot in snapshots})
        return original(snapshots)

    monkeypatch.setattr(need_module, "_wage_counts", counting)
    return reads


def test_only_a_new_list_is_read_again(db, tmp_path, read_lists):
    kukar = import_list(tmp_path, "64.02", "non_asn", 2025, [3000000, 4500000])
    paser = import_list(tmp_path, "64.01", "non_asn", 2025, [3000000])
    refresh_needs(2025)
    assert read_lists == [{kukar, paser}]
    assert refresh_needs(2025).unchanged == 2
    assert read_lists[-1] == set()  # nothing read: both rows come from their lists in force
    newer = import_list(tmp_path, "64.02", "non_asn", 2025, [3000000, 3000000, 4500000])
    summary = refresh_needs(2025)
    assert read_lists[-1] == {newer} and (summary.updated, summary.unchanged) == (1, 1)
    row = Need.objects.get(pemda_id="64.02", year=2025, category="non_asn", programs="")
    assert (row.persons, row.list_snapshot_id) == (3, newer)


def test_full_reads_every_list(db, tmp_path, read_lists):
    kukar = import_list(tmp_path, "64.02", "non_asn", 2025, [3000000])
    refresh_needs(2025)
    refresh_needs(2025, full=True)
    assert read_lists == [{kukar}, {kukar}]


def test_rows_computed_under_other_rules_data_are_computed_again(db, tmp_path, read_lists):
    kukar = import_list(tmp_path, "64.02", "non_asn", 2025, [3000000])
    refresh_needs(2025)
    Need.objects.update(rules_version="older")  # as after an upgrade of the rule files
    summary = refresh_needs(2025)
    assert read_lists == [{kukar}, {kukar}] and summary.updated == 1
    assert Need.objects.get().rules_version == need_module.rules.version() != "older"
