"""Reconciliation with known ground truth: every status, the grace boundary, a person on two
lists, a mismatched birth date, a superseded list, an inactive member with recent payments, a
region code given undotted; and where each person counts."""

from __future__ import annotations

import pytest

from pantau.engine import refresh
from pantau.engine.coverage import region_coverage
from pantau.engine.models import CurrentGeneration, ListCoverage, MemberCoverage
from tests.engine.ground_truth import JULY, coverage_of

pytestmark = pytest.mark.usefixtures("own_data_directory")


def test_statuses_of_the_regency_list(ground_truth):
    row = coverage_of("64.02", "non_asn")
    assert (row.listed, row.covered, row.lapsed, row.not_enrolled) == (6, 3, 2, 1)
    assert row.birth_date_mismatch == 1  # A: BPJS's birth date is not the list's
    # E pays for herself (BPU, self): covered, but not by the listing Pemda.
    assert row.paid_by_other == 1
    # Non ASN: PU JKK class 1 0.24% + JKM 0.30% + JHT 5.7% of Rp3.000.000 = Rp187.200 a
    # month; a year for the three not covered (B, C, D).
    assert row.gap_cost_annual == 3 * 12 * 187_200


def test_the_superseded_list_no_longer_counts(ground_truth):
    assert coverage_of("64.02", "non_asn").listed == 6  # H's old list is gone


def test_a_person_on_two_lists_counts_in_each(ground_truth):
    assert coverage_of("64.02", "village_official").covered == 1
    assert coverage_of("64.02", "").listed == 7


def test_the_province_counts_its_own_list_and_its_regencies(ground_truth):
    province = coverage_of("64", "non_asn")
    assert (province.listed, province.covered) == (7, 4)  # six of Kukar's and G
    national = coverage_of("", "non_asn")
    assert national.listed == 7


def test_districts_and_villages_count_the_regency_list_by_work_place(ground_truth):
    district = coverage_of("64.02.05", "non_asn")
    assert district.listed == 5  # all but E (listed at regency level); not G (province list)
    village = coverage_of("64.02.05.2001", "non_asn")
    assert village.listed == 2  # A, and B given undotted


@pytest.mark.parametrize("grace, covered", [(0, 2), (1, 3), (2, 4)])
def test_the_grace_boundary(ground_truth, grace, covered):
    refresh.run(JULY, full=True, grace_months=grace)
    assert coverage_of("64.02", "non_asn").covered == covered


def test_members_and_ucj(ground_truth):
    generation = CurrentGeneration.objects.get(as_of=JULY).generation
    kaltim = MemberCoverage.objects.get(generation=generation, region_code="64")
    assert kaltim.active_members == 6  # B is inactive
    assert (kaltim.segment_pu, kaltim.segment_bpu) == (5, 1)
    assert kaltim.payer_apbd_province == 1
    data = region_coverage("64", JULY)
    assert data["ucj_coverage"] == pytest.approx(6 / 70, abs=1e-4)
    assert data["lists"]["non_asn"]["coverage"] == pytest.approx(4 / 7, abs=1e-4)
    kukar = next(child for child in data["children"] if child["region"] == "64.02")
    assert kukar["lists"]["non_asn"]["listed"] == 6


def test_an_unchanged_refresh_stores_nothing_and_full_swaps_generations(ground_truth):
    assert refresh.run(JULY).status == "unchanged"
    first = CurrentGeneration.objects.get(as_of=JULY).generation
    again = refresh.run(JULY, full=True)
    assert again.status == "created"
    second = CurrentGeneration.objects.get(as_of=JULY).generation
    assert second != first
    assert not ListCoverage.objects.filter(generation=first).exists()
    assert ListCoverage.objects.filter(generation=second).exists()
    gaps = refresh.coverage_root()
    assert not (gaps / str(first)).exists() and (gaps / str(second)).is_dir()
