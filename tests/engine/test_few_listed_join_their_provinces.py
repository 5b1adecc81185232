"""A refresh of lists holding few people against the extract (an upload: `refresh.few_listed`)
first finds the province partitions holding their membership rows, then joins the lists with
those partitions alone (`backends.duckdb`): looked up in the extracts' NIK indexes once the
worker has built them (`nik_index`), scanned before. The numbers and gap rows are the same
as a refresh joining every partition, a person working in another province than the listing
Pemda's included, with one extract in force or several."""

from __future__ import annotations

import pytest

from pantau.engine import nik_index, refresh
from pantau.engine.gaps import gap_rows
from pantau.engine.models import ListCoverage
from pantau.lake.models import Snapshot
from tests.engine.ground_truth import (
    BRANCH,
    JULY,
    A,
    B,
    C,
    I,
    assert_same_as_full,
    import_extract,
    import_list,
    list_rows,
    rows_generation,
)

pytestmark = pytest.mark.usefixtures("own_data_directory")


@pytest.fixture
def always(monkeypatch):
    """Every refresh takes the shortcut (its lists are few against any extract)."""
    monkeypatch.setattr(refresh, "FEW_LISTED_SHARE", 10**9)
    monkeypatch.setattr(refresh, "FEW_LISTED_PROVINCES", 1)
    return monkeypatch


def never(monkeypatch) -> None:
    monkeypatch.setattr(refresh, "FEW_LISTED_SHARE", 0)


@pytest.fixture(params=["matched_provinces", "nik_index"])
def found_by(request):
    """How the partitions are found: by a scan (no index yet), or in the NIK indexes."""
    return request.param


def refresh_found_by(way: str):
    """`refresh.run(JULY)`, the extracts' NIK indexes built first when `way` says so; the
    refresh names the way it took in its timings."""
    if way == "nik_index":
        assert nik_index.prepare()[1] >= 1
    summary = refresh.run(JULY)
    (other,) = {"matched_provinces", "nik_index"} - {way}
    assert way in summary.timings and other not in summary.timings
    return summary


def test_an_upload_finds_a_member_of_another_province(computed, tmp_path, always, found_by):
    # Kukar's new Non ASN list names I, whose membership row is in North Kalimantan's
    # partition (65), not East Kalimantan's (64) where Kukar is.
    import_list(tmp_path, "64.02", "non_asn", list_rows(
        (A, "64.02.05.2001"), (B, "64.02.05"), (C, "64.02.05"), (I, "64.02.05"),
    ), "kukar-2.csv")  # fmt: skip
    summary = refresh_found_by(found_by)
    assert not summary.recomputed["full"] and summary.recomputed["lists"] == 1
    kukar = ListCoverage.objects.get(generation=rows_generation(summary.refresh),
                                     region_code="64.02", category="non_asn")  # fmt: skip
    # A and I covered, B lapsed, C never enrolled.
    assert (kukar.listed, kukar.covered, kukar.lapsed, kukar.not_enrolled) == (4, 2, 1, 1)
    assert {row["nik"] for row in gap_rows("64.02", "non_asn", as_of=JULY).rows} == {B, C}
    never(always)
    assert_same_as_full(summary)


def test_a_list_whose_people_no_extract_has_reads_no_partition(computed, tmp_path, always,
                                                               found_by):  # fmt: skip
    # Balikpapan's first RT/RW list: C, whom no extract has.
    import_list(tmp_path, "64.71", "rt_rw", list_rows((C, "64.71.02")), "balikpapan-rt.csv")
    summary = refresh_found_by(found_by)
    balikpapan = ListCoverage.objects.get(generation=rows_generation(summary.refresh),
                                          region_code="64.71", category="rt_rw")  # fmt: skip
    assert (balikpapan.listed, balikpapan.not_enrolled) == (1, 1)
    never(always)
    assert_same_as_full(summary)


def test_with_a_branch_extract_beside_the_national_one(national, tmp_path, always, found_by):
    import_extract(tmp_path, BRANCH, "branch.csv", region="64.71")
    summary = refresh_found_by(found_by)
    never(always)
    assert_same_as_full(summary)


def test_the_shortcut_is_for_few_listed_people_in_many_partitions(computed, monkeypatch):
    never(monkeypatch)
    lists = [(s.pk,) for s in Snapshot.objects.current().filter(kind="workers")]
    inputs = refresh.inputs_for(JULY)
    assert not refresh.few_listed(lists, inputs.members)
    monkeypatch.setattr(refresh, "FEW_LISTED_SHARE", 1)  # the lists hold 6 rows, the extract 6
    assert not refresh.few_listed(lists, inputs.members)  # in two provinces (64, 65)
    monkeypatch.setattr(refresh, "FEW_LISTED_PROVINCES", 2)
    assert refresh.few_listed(lists, inputs.members)
    assert not refresh.few_listed([], inputs.members)
    assert not refresh.few_listed(lists, ())
    never(monkeypatch)
    summary = refresh.run(JULY, full=True)
    assert not {"matched_provinces", "nik_index"} & set(summary.timings)


def test_an_extract_without_its_index_is_scanned(national, tmp_path, always):
    # The national extract's index is built; the branch's, imported after, not yet.
    nik_index.prepare()
    import_extract(tmp_path, BRANCH, "branch.csv", region="64.71")
    summary = refresh_found_by("matched_provinces")
    never(always)
    assert_same_as_full(summary)
