"""Regional membership extracts: for each person's work region, the newest extract of the month
that covers it counts. A branch's extract for its city stands for the people inside it over an
older national extract; a wider newer extract replaces a narrower older one entirely; a person
counts once, from the newest extract that has a row for them. Incremental refreshes after a
regional extract give the numbers of a full one."""

from __future__ import annotations

import pytest

from pantau.engine import refresh
from pantau.engine.models import CurrentGeneration, MemberCoverage
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from tests.engine.ground_truth import (
    BRANCH,
    JULY,
    NATIONAL,
    PROVINCE,
    B,
    D,
    assert_same_as_full,
    import_extract,
    member_row,
    numbers,
)
from tests.ingest.files import MEMBER_HEADER, write_csv

pytestmark = pytest.mark.usefixtures("own_data_directory")


def test_a_branch_extract_stands_for_its_city_only(national, tmp_path):
    before = numbers()
    assert before["members"][""] == 5 and before["lists"]["64.71"] == (4, 3, 0, 1)
    branch = import_extract(tmp_path, BRANCH, "bpp.csv", region="64.71")
    assert Snapshot.objects.get(pk=national).is_current  # not superseded

    summary = refresh.run(JULY)
    assert refresh.inputs_for(JULY).member_ids == [branch, national]
    after = numbers()
    # Outside Balikpapan the national extract still counts (A, I); E's national row in Kukar
    # does not: the branch's newer file has E, working in Balikpapan.
    assert after["members"]["65"] == before["members"]["65"] == 1
    assert after["members"]["64.02"] == 1  # A; E moved
    assert after["members"].get("64.71", 0) == 1  # D; B and E are inactive, C is gone
    assert after["members"][""] == 3  # A, D, I: E counted once
    # Balikpapan's list: B and E lapsed, C no longer a member, D covered.
    assert after["lists"]["64.71"] == (4, 1, 2, 1)
    assert after["lists"]["64.02"] == before["lists"]["64.02"] == (1, 1, 0, 0)
    assert summary.counts["members"] == 5  # A and I from the national file, B, D, E
    assert not summary.recomputed["full"] and summary.recomputed["member_provinces"] == 1
    assert_same_as_full(summary)


def test_a_wider_newer_extract_replaces_a_narrower_older_one_entirely(national, tmp_path):
    branch = import_extract(tmp_path, BRANCH, "bpp.csv", region="64.71")
    refresh.run(JULY)
    province = import_extract(tmp_path, PROVINCE, "kaltim.csv", region="64")
    assert Snapshot.objects.get(pk=branch).is_current  # another region: not superseded

    summary = refresh.run(JULY)
    # The branch's file counts for no one now; the national one still for North Kalimantan.
    assert refresh.inputs_for(JULY).member_ids == [province, national]
    after = numbers()
    assert after["members"][""] == 5 and after["members"]["64.71"] == 2  # B and C
    assert after["lists"]["64.71"] == (4, 3, 0, 1)  # D is not in the province's file
    assert not summary.recomputed["full"]
    assert_same_as_full(summary)

    # A newer branch file for the same month stands for Balikpapan again: B pays again.
    newer = import_extract(tmp_path, {**BRANCH, B: {"region_code": "64.71.01", "status": "active"}},
                           "bpp-2.csv", region="6471")  # fmt: skip
    assert not Snapshot.objects.get(pk=branch).is_current  # same month and region
    summary = refresh.run(JULY)
    assert refresh.inputs_for(JULY).member_ids == [newer, province, national]
    assert numbers()["lists"]["64.71"] == (4, 2, 1, 1)
    assert_same_as_full(summary)


def test_a_newer_national_extract_replaces_the_branch_and_an_older_month_does_not(
    national, tmp_path
):
    import_extract(tmp_path, BRANCH, "bpp.csv", region="64.71")
    everyone = {**NATIONAL, D: {"region_code": "64.02", "status": "active"}}
    second = import_extract(tmp_path, everyone, "national-2.csv")
    assert refresh.inputs_for(JULY).member_ids == [second]
    summary = refresh.run(JULY)
    assert numbers()["members"][""] == 6
    assert_same_as_full(summary)


def test_a_branch_extract_of_a_later_month_stands_beside_the_national_one(national, tmp_path):
    """A month's refresh takes, for each region, the latest extract up to that month: the
    branch's August file and the national July one make August."""
    import datetime

    august = datetime.date(2022, 8, 1)
    rows = [member_row(D, paid_until="2022-08", region_code="64.71", status="active")]
    path = write_csv(tmp_path / "bpp-aug.csv", rows, MEMBER_HEADER)
    branch = import_file(ImportRequest(path=path, kind="members", as_of=august,
                                       region_code="64.71"))  # fmt: skip
    assert refresh.inputs_for(august).member_ids == [branch.snapshot, national]
    assert refresh.inputs_for(JULY).member_ids == [national]
    summary = refresh.run(august)
    generation = CurrentGeneration.objects.get(as_of=august).generation
    active = dict(MemberCoverage.objects.filter(generation=generation).values_list(
        "region_code", "active_members"))  # fmt: skip
    assert (active[""], active["64.71"], active["65"]) == (4, 1, 1)  # A, E, I and D
    assert summary.counts["members"] == 4
