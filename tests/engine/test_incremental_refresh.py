"""Incremental refresh: a new list for one Pemda, or a new membership extract that changes one
province, recomputes only what it touches, and the numbers equal a full recomputation."""

from __future__ import annotations

import duckdb
import pytest

from pantau.engine import refresh
from pantau.engine.gaps import gap_files_sql
from pantau.engine.models import ListCoverage, MemberCoverage, MemberPartition, Workforce
from pantau.lake.models import Snapshot
from tests.engine.ground_truth import (
    JULY,
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    assert_same_as_full,
    import_list,
    import_members,
    list_rows,
    members,
    rows_generation,
)

pytestmark = pytest.mark.usefixtures("own_data_directory")


def test_a_new_list_for_one_pemda_recomputes_that_list_only(computed, tmp_path):
    # Kukar replaces its Non ASN list: C leaves, E arrives.
    import_list(tmp_path, "64.02", "non_asn", list_rows(
        (A, "64.02.05.2001"), (B, "64.02.05"), (D, "64.02.05"), (E, "64.02"),
    ), "kukar-2.csv")  # fmt: skip
    summary = refresh.run(JULY)
    assert summary.status == "created"
    assert summary.recomputed == {
        "full": False, "reason": "lists", "lists": 1, "lists_kept": 2,
        "member_provinces": 0, "member_provinces_kept": 2,
    }  # fmt: skip
    assert summary.counts["reconciled"] == 4  # the new list's rows, not all seven
    in_force = rows_generation(summary.refresh)
    kukar = ListCoverage.objects.get(generation=in_force, region_code="64.02", category="non_asn")
    assert (kukar.listed, kukar.covered, kukar.lapsed, kukar.not_enrolled) == (4, 2, 2, 0)
    assert_same_as_full(summary)


def test_a_new_extract_changing_one_province_recomputes_it_and_its_people_lists(computed, tmp_path):
    # D paid June and July: covered now. Only Kalimantan Timur's partition changed.
    import_members(tmp_path, members(**{D: {"paid_until": "2022-07", "status": "active"}}),
                   "members-2.csv")  # fmt: skip
    summary = refresh.run(JULY)
    assert summary.recomputed == {
        "full": False, "reason": "members", "lists": 1, "lists_kept": 2,
        "member_provinces": 1, "member_provinces_kept": 1,
    }  # fmt: skip
    assert set(MemberPartition.objects.values_list("province_code", flat=True)) == {"64", "65"}
    in_force = rows_generation(summary.refresh)
    kukar = ListCoverage.objects.get(generation=in_force, region_code="64.02", category="non_asn")
    assert (kukar.covered, kukar.lapsed) == (2, 1)
    assert_same_as_full(summary)


def test_an_extract_with_the_same_rows_recomputes_nothing_but_is_the_new_lineage(
    computed, tmp_path
):
    import_members(tmp_path, list(reversed(members())), "members-reordered.csv")
    summary = refresh.run(JULY)
    assert summary.status == "created"
    assert summary.recomputed["lists"] == 0 and summary.recomputed["member_provinces"] == 0
    assert_same_as_full(summary)


def test_a_new_denominator_alone_stores_it_without_recomputing(computed):
    Workforce.objects.filter(region_id="64").update(employed=140)
    summary = refresh.run(JULY)
    assert summary.status == "created"
    assert (summary.recomputed["lists"], summary.recomputed["member_provinces"]) == (0, 0)
    kaltim = MemberCoverage.objects.get(generation=rows_generation(summary.refresh),
                                        region_code="64")  # fmt: skip
    assert kaltim.workforce == 140
    assert refresh.run(JULY).status == "unchanged"


def test_a_generation_written_in_another_file_layout_is_recomputed_not_carried_over(
    computed, tmp_path
):
    # A generation from before the gap files' layout changed (no "layout" in its lineage):
    # its files cannot be hard-linked into the new layout, so everything is recomputed.
    from pantau.engine.models import Refresh

    record = Refresh.objects.get(pk=computed.refresh)
    record.inputs = {k: v for k, v in record.inputs.items() if k != "layout"}
    record.save()
    import_list(tmp_path, "64", "non_asn", list_rows((G, "64.02.05"), (F, "64")), "kaltim-2.csv")
    summary = refresh.run(JULY)
    assert summary.recomputed["full"] and summary.recomputed["reason"] == "layout_changed"
    assert_same_as_full(summary)


def test_a_changed_grace_period_recomputes_everything(computed):
    summary = refresh.run(JULY, grace_months=2)
    assert summary.recomputed["full"] and summary.recomputed["reason"] == "grace_changed"


def test_old_generation_files_go_and_the_kept_ones_stay_readable(computed, tmp_path):
    import_list(tmp_path, "64", "non_asn", list_rows((G, "64.02.05"), (F, "64")), "kaltim-2.csv")
    summary = refresh.run(JULY)
    assert not (refresh.coverage_root() / str(computed.refresh)).exists()
    # Kukar's gap rows were carried over (linked or copied) and outlive the old generation.
    kukar_list = Snapshot.objects.current().get(pemda_id="64.02", category="non_asn")
    gaps = gap_files_sql(refresh.gaps_dir(summary.refresh))
    kukar = duckdb.sql(f"SELECT count(*) FROM {gaps} WHERE snapshot = {kukar_list.pk}")
    assert kukar.fetchall() == [(3,)]
    from pantau.engine.gaps import gap_rows

    page = gap_rows("64.02", "non_asn", as_of=JULY)
    assert {row["nik"] for row in page.rows} == {B, C, D}
