"""A refresh stores its region rows in the order of the tables' indexes, with a larger
SQLite page cache while it writes them: rows in key order append to the B-trees instead of
landing all over them (440,000 national rows: docs/benchmarks.md, "Storing region rows in
key order")."""

from __future__ import annotations

import pytest
from django.db import connection

from pantau.engine import refresh
from pantau.engine.models import ListCoverage, MemberCoverage
from tests.engine.ground_truth import JULY, build_computed, rows_generation

pytestmark = pytest.mark.usefixtures("own_data_directory")


def stored_in_order(model, generation: int, key: tuple[str, ...]) -> list[tuple]:
    return list(model.objects.filter(generation=generation).order_by("pk").values_list(*key))


@pytest.mark.django_db
def test_region_rows_are_inserted_in_the_order_of_their_index(tmp_path):
    summary = build_computed(tmp_path)
    generation = rows_generation(summary.refresh)
    lists = stored_in_order(ListCoverage, generation, ("region_code", "category"))
    members = stored_in_order(MemberCoverage, generation, ("region_code",))
    assert len(lists) > 10 and len(members) >= 5
    assert lists == sorted(lists)
    assert members == sorted(members)


def cache_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        return cursor.fetchone()[0]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting")
def test_sqlite_writes_them_with_a_larger_page_cache_and_then_returns_to_its_own(
    tmp_path, monkeypatch
):
    seen = []
    insert = refresh._insert

    def watched(*args):
        seen.append(cache_size())
        return insert(*args)

    monkeypatch.setattr(refresh, "_insert", watched)
    before = cache_size()
    build_computed(tmp_path)
    refresh.run(JULY, full=True)
    assert seen and set(seen) == {-refresh.STORE_CACHE_KIB}
    assert cache_size() == before != -refresh.STORE_CACHE_KIB
