"""A new extract that changes one membership field of one person: the incremental refresh
notices it (the province partition's digest and the lists holding that person) and stores
exactly the numbers and gap rows a full recomputation gives. One case per field the
reconciliation or the member aggregates read (`incremental.MEMBER_COLUMNS`)."""

from __future__ import annotations

import duckdb
import pytest

from pantau.engine import refresh
from pantau.engine.gaps import gap_files_sql
from pantau.engine.incremental import MEMBER_COLUMNS
from tests.engine.ground_truth import JULY, A, D, G, import_members, members, stored

pytestmark = pytest.mark.usefixtures("own_data_directory")

# Each change moves a number or a gap row; the person is chosen so that it does.
CHANGES = {
    # A is covered: an inactive membership makes her lapsed, and one active member fewer.
    "status": {A: {"paid_until": "2022-07", "status": "inactive"}},
    # D paid until May (lapsed): paying June and July covers him.
    "paid_until": {D: {"paid_until": "2022-07", "status": "active"}},
    # D is lapsed and an active member: his gap row and the payer counts name the payer.
    "payer_type": {D: {"paid_until": "2022-05", "status": "active", "payer_type": "employer"}},
    # A is covered: paid by another regency's budget, not by Kukar, the listing Pemda.
    "payer_region": {A: {"paid_until": "2022-07", "status": "active", "payer_region": "64.01"}},
    # G moves to work in Kutai Barat (64.01): the active members move with him.
    "region_code": {G: {"paid_until": "2022-07", "status": "active", "region_code": "64.01"}},
    # A becomes a BPU (informal) member: the segment counts change.
    "segment": {A: {"paid_until": "2022-07", "status": "active", "segment": "BPU"}},
    # BPJS has another birth date for A than her list: flagged for review.
    "birth_date": {A: {"paid_until": "2022-07", "status": "active", "birth_date": "1984-03-01"}},
}


def test_every_digested_column_has_a_case():
    assert set(CHANGES) == set(MEMBER_COLUMNS) - {"nik"}


def gap_rows(generation: int) -> list[tuple]:
    """Every gap row of a generation, with its list, in a stable order."""
    source = gap_files_sql(refresh.gaps_dir(generation))
    if source is None:
        return []
    con = duckdb.connect()
    try:
        return con.execute(f"SELECT * FROM {source} ORDER BY ALL").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("column", sorted(CHANGES))
def test_a_changed_field_is_recomputed_as_a_full_refresh_would(computed, tmp_path, column):
    before = stored(computed.refresh)
    import_members(tmp_path, members(**CHANGES[column]), f"members-{column}.csv")

    incremental = refresh.run(JULY)
    assert not incremental.recomputed["full"]
    assert incremental.recomputed["member_provinces"] == 1  # Kalimantan Timur only
    numbers, gaps = stored(incremental.refresh), gap_rows(incremental.refresh)

    full = refresh.run(JULY, full=True)
    assert full.recomputed["full"]
    assert stored(full.refresh) == numbers
    assert gap_rows(full.refresh) == gaps
    # The change shows: a test that passed with stale numbers would prove nothing.
    assert numbers != before
