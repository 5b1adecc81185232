"""An incremental refresh stores only the rows of the regions it recomputed: inside the
generation in force, in one transaction, the rest untouched; the numbers equal a full
recomputation's, and whatever reads them (pages' cache key, gap rows) follows."""

from __future__ import annotations

import pytest

from pantau.core.pagecache import numbers_version
from pantau.engine import incremental, refresh
from pantau.engine.models import CurrentGeneration, ListCoverage, MemberCoverage, Workforce
from tests.engine.ground_truth import (
    JULY,
    A,
    B,
    C,
    D,
    G,
    assert_same_as_full,
    import_list,
    list_rows,
    rows_generation,
)

pytestmark = pytest.mark.usefixtures("own_data_directory")


def row_ids(**where) -> dict[tuple[str, str], int]:
    return {
        (code, category): pk
        for pk, code, category in ListCoverage.objects.filter(**where).values_list(
            "pk", "region_code", "category"
        )
    }


def test_one_pemdas_new_list_rewrites_its_regions_rows_and_leaves_the_others(computed, tmp_path):
    before = row_ids(generation=computed.refresh)
    # Kaltim's province list now names a second person, working in Kukar's district too.
    import_list(tmp_path, "64", "non_asn", list_rows((G, "64.02.05"), (B, "64.02.05")), "k2.csv")
    summary = refresh.run(JULY)
    assert not summary.recomputed["full"] and summary.recomputed["lists"] == 1

    current = CurrentGeneration.objects.get(as_of=JULY)
    assert (current.generation, current.refresh_id) == (computed.refresh, summary.refresh)
    after = row_ids(generation=current.generation)
    # A province's list counts in the province and in Indonesia only: those rows are new,
    # Kukar's (its district, village and regency rows) are the very rows stored before.
    rewritten = {key for key in after if after[key] != before.get(key)}
    assert {code for code, _category in rewritten} == {"64", ""}
    assert all(after[key] == before[key] for key in after if key[0] not in ("64", ""))
    province = ListCoverage.objects.get(generation=current.generation, region_code="64",
                                        category="non_asn")  # fmt: skip
    assert province.listed == 4 + 2  # Kukar's four and the province's two
    assert_same_as_full(summary)


def test_a_list_whose_people_moved_leaves_no_rows_where_nobody_is_listed(computed, tmp_path):
    # Kukar's Non ASN list: the same four people, now placed at the regency, not 64.02.05.
    import_list(tmp_path, "64.02", "non_asn", list_rows((A, "64.02"), (B, "64.02"), (C, "64.02"),
                                                        (D, "64.02")), "kukar-2.csv")  # fmt: skip
    summary = refresh.run(JULY)
    assert not summary.recomputed["full"] and summary.recomputed["lists"] == 1
    generation = rows_generation(summary.refresh)
    in_force = ListCoverage.objects.filter(generation=generation)
    assert not in_force.filter(region_code="64.02.05", category="non_asn").exists()
    assert in_force.get(region_code="64.02", category="non_asn").listed == 4
    assert summary.counts["list_rows"] == in_force.count()
    assert_same_as_full(summary)


def test_a_refresh_that_lost_the_race_stores_nothing_and_reports_it(computed):
    current = CurrentGeneration.objects.select_related("refresh").get(as_of=JULY)
    rows = ListCoverage.objects.filter(generation=current.generation).count()
    # Another refresh of the month took the pointer after `current` was read.
    moved = refresh.Refresh.objects.create(as_of=JULY, engine="duckdb", generation=0,
                                           status="done")  # fmt: skip
    CurrentGeneration.objects.filter(pk=current.pk).update(refresh=moved)
    changed = incremental.Changed(frozenset({"", "64"}), frozenset())
    late = refresh.Refresh.objects.create(as_of=JULY, engine="duckdb", generation=0)
    assert refresh._store_changes(late, current, [], [], changed) is None
    assert ListCoverage.objects.filter(generation=current.generation).count() == rows
    assert CurrentGeneration.objects.get(as_of=JULY).refresh_id == moved.pk


def test_new_denominators_are_a_new_generation_of_every_row(computed):
    Workforce.objects.filter(region_id="64").update(employed=140)
    summary = refresh.run(JULY)
    assert not summary.recomputed["full"]
    current = CurrentGeneration.objects.get(as_of=JULY)
    assert current.generation == summary.refresh != computed.refresh
    assert (
        MemberCoverage.objects.get(generation=current.generation, region_code="64").workforce == 140
    )
    assert not ListCoverage.objects.filter(generation=computed.refresh).exists()


def test_the_page_cache_key_and_the_gap_rows_follow_an_incremental_refresh(computed, tmp_path):
    import_list(tmp_path, "64", "non_asn", list_rows((G, "64.02.05"), (B, "64.02.05")), "k2.csv")
    version = numbers_version()  # with the new list in the catalog, before its numbers
    summary = refresh.run(JULY)
    assert rows_generation(summary.refresh) == computed.refresh  # the rows kept their label
    assert numbers_version() != version  # yet every cached page is computed again
    # The files in force are the new refresh's; the old refresh's went with it.
    assert CurrentGeneration.objects.get(as_of=JULY).files == summary.refresh
    assert refresh.gaps_dir(summary.refresh).is_dir()
    assert not (refresh.coverage_root() / str(computed.refresh)).exists()
    from pantau.engine.gaps import gap_rows

    page = gap_rows("64", "non_asn", as_of=JULY)
    assert B in {row["nik"] for row in page.rows}


def test_rows_in_force_are_counted_where_the_last_refresh_recorded_none(computed, tmp_path):
    refresh.Refresh.objects.filter(pk=computed.refresh).update(counts={})
    import_list(tmp_path, "64", "non_asn", list_rows((G, "64.02.05"), (B, "64.02.05")), "k2.csv")
    summary = refresh.run(JULY)
    generation = rows_generation(summary.refresh)
    assert summary.counts["list_rows"] == ListCoverage.objects.filter(generation=generation).count()
    members = MemberCoverage.objects.filter(generation=generation).count()
    assert summary.counts["member_rows"] == members > 0
