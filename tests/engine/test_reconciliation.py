"""Reconciliation with known ground truth: every status, the grace boundary, a person on two
lists, a mismatched birth date, a superseded list, an inactive member with recent payments, a
region code given undotted; and where each person counts."""

from __future__ import annotations

import datetime

import pytest

from pantau.engine import refresh
from pantau.engine.coverage import region_coverage
from pantau.engine.models import CurrentGeneration, ListCoverage, MemberCoverage, Workforce
from pantau.ingest.services import ImportRequest, import_file
from tests.ingest.files import MEMBER_HEADER, WORKER_HEADER, member, worker, write_csv

JULY = datetime.date(2022, 7, 1)


def nik(day: int, serial: int) -> str:
    """A valid NIK from Muara Badak (64.02.05): a man born on `day` March 1985."""
    return f"640205{day:02d}0385{serial:04d}"


A, B, C, D, E, F, G, H = (nik(d, d) for d in range(1, 9))


@pytest.fixture(autouse=True)
def own_data_directory(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()


def list_rows(*people: tuple[str, str]) -> list[dict]:
    return [
        worker(nik=person, name=f"Orang {person[-2:]}", birth_date="1985-03-" + person[6:8],
               sex="L", region_code=region, monthly_income="3000000")
        for person, region in people
    ]  # fmt: skip


def import_list(tmp_path, pemda: str, category: str, rows: list[dict], name: str) -> None:
    path = write_csv(tmp_path / name, rows, WORKER_HEADER)
    summary = import_file(ImportRequest(path=path, kind="workers", pemda_code=pemda,
                                        category=category, year=2022))  # fmt: skip
    assert summary.rejected == 0, summary.errors_file


def member_row(person: str, **changes) -> dict:
    fields = {"nik": person, "name": f"ORANG {person[-2:]}", "sex": "L",
              "birth_date": "1985-03-" + person[6:8]}  # fmt: skip
    return member(**{**fields, **changes})


@pytest.fixture
def ground_truth(db, tmp_path):
    # A superseded list: the first Kukar Non ASN list is replaced by the second.
    import_list(tmp_path, "64.02", "non_asn", list_rows((H, "64.02")), "old.csv")
    import_list(tmp_path, "64.02", "non_asn", list_rows(
        (A, "64.02.05.2001"),  # covered
        (B, "6402052001"),  # lapsed: inactive although paid recently (region undotted)
        (C, "64.02.05"),  # not enrolled
        (D, "64.02.05"),  # lapsed: active but paid until May, before the grace month
        (E, "64.02"),  # covered at the boundary: paid until June, as-of July, grace 1
        (F, "64.02.05"),  # covered; BPJS gives no birth date
    ), "kukar.csv")  # fmt: skip
    # A on a second list (village officials), and G on the province's own list.
    import_list(tmp_path, "64.02", "village_official", list_rows((A, "64.02.05.2001")), "vo.csv")
    import_list(tmp_path, "64", "non_asn", list_rows((G, "64.02.05")), "kaltim.csv")
    members = [
        # BPJS has another birth date for A than the NIK (and the list) gives.
        member_row(A, paid_until="2022-07", status="active", birth_date="1984-03-01"),
        member_row(B, paid_until="2022-07", status="inactive"),
        member_row(D, paid_until="2022-05", status="active"),
        member_row(E, paid_until="2022-06", status="active", segment="BPU",
                   payer_type="self", payer_region=""),
        member_row(F, paid_until="2022-07", status="active", birth_date=""),
        member_row(G, paid_until="2022-07", status="active", payer_type="apbd_province",
                   payer_region="64", region_code="64.02"),
        member_row(H, paid_until="2022-07", status="active"),
    ]  # fmt: skip
    path = write_csv(tmp_path / "members.csv", members, MEMBER_HEADER)
    summary = import_file(ImportRequest(path=path, kind="members", as_of=JULY))
    assert (summary.accepted, summary.warnings) == (7, 1), summary.errors_file
    Workforce.objects.create(region_id="64", year=2022, employed=70, source="test")
    return refresh.run(JULY)


def coverage_of(region: str, category: str) -> ListCoverage:
    generation = CurrentGeneration.objects.get(as_of=JULY).generation
    return ListCoverage.objects.get(generation=generation, region_code=region, category=category)


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
