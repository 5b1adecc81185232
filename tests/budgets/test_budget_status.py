"""Budget status: each boundary as data, which Pemda a region covers, the need row used,
a fixed number of queries, and `pantau budget-status --format json`."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pantau.budgets.allocations.services import record_allocation
from pantau.budgets.models import Need
from pantau.budgets.status import budget_rows, judge, review_ratio
from pantau.cli import command_name
from pantau.core.command import UsageError
from pantau.lake.models import Snapshot
from pantau.regions.models import Region
from tests.budgets.budget_files import entry

R = "review_over_budget"
U = "need_unknown"
X = "realized_exceeds_allocation"

# need, allocated, realized → status, flags (review ratio 1.5, the shipped policy)
BOUNDARIES = [
    (1000, None, None, "not_budgeted", []),  # no allocation
    (1000, 0, None, "not_budgeted", []),  # an allocation of Rp0
    (1000, 1, None, "under_budgeted", []),
    (1000, 999, None, "under_budgeted", []),
    (1000, 1000, None, "budgeted", []),  # exactly the need
    (1000, 1001, None, "budgeted", []),
    (1000, 1500, None, "budgeted", []),  # exactly 1.5 × need: no flag
    (1000, 1501, None, "budgeted", [R]),
    (3, 4, None, "budgeted", []),  # 4 ≤ 4.5: exact arithmetic, no rounding
    (3, 5, None, "budgeted", [R]),
    (0, 1, None, "budgeted", [R]),
    (None, None, None, "not_budgeted", [U]),
    (None, 0, None, "not_budgeted", [U]),
    (None, 1, None, "budgeted", [U]),
    (1000, 1000, 1000, "budgeted", []),
    (1000, 1000, 1001, "budgeted", [X]),
    (1000, 999, 1200, "under_budgeted", [X]),
    (None, 2000, 2001, "budgeted", [U, X]),
]


@pytest.mark.parametrize(("need", "allocated", "realized", "status", "flags"), BOUNDARIES)
def test_each_boundary(need, allocated, realized, status, flags):
    assert judge(need, allocated, realized) == (status, flags)


def test_the_review_ratio_is_the_policy_and_exact():
    assert review_ratio() == Fraction(3, 2)
    assert judge(100, 200, ratio=Fraction(2)) == ("budgeted", [])
    assert judge(100, 201, ratio=Fraction(2)) == ("budgeted", [R])


@pytest.mark.parametrize("text", ["review_ratio = 1.5", 'review_ratio = "abc"',
                                  'review_ratio = "0.9"', ""])  # fmt: skip
def test_a_bad_policy_is_refused(tmp_path, text):
    path = tmp_path / "budget-status.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured):
        review_ratio(path)


# ---------------------------------------------------------------- through the database


def listed(pemda: str, category: str, persons: int, need: int | None, year: int = 2025,
           programs: str = "", need_year: int | None = None) -> Snapshot:  # fmt: skip
    """A list in force (its catalog row: status never reads the lake) and its need."""
    snapshot = Snapshot.objects.create(
        kind="workers", pemda_id=pemda, category=category, year=year, source_name="l.csv",
        sha256="0" * 64, rules_version="test", path=f"lake/workers/{pemda}-{category}-{year}",
        rows=persons, accepted=persons,
    )  # fmt: skip
    Need.objects.create(pemda_id=pemda, year=need_year or year, category=category,
                        programs=programs, persons=persons, amount=need,
                        list_snapshot=snapshot)  # fmt: skip
    return snapshot


def allocate(pemda: str, category: str, amount: int, **changes) -> None:
    record_allocation(entry(pemda_code=pemda, category=category, amount=str(amount), **changes))


def only(rows, code, category):
    [found] = [r for r in rows if (r.code, r.category) == (code, category)]
    return found


@pytest.mark.parametrize(
    ("need", "allocated", "status", "flags"),
    [(b[0], b[1], b[3], b[4]) for b in BOUNDARIES if b[2] is None and b[0] is not None],
)
def test_each_boundary_through_the_tables(db, need, allocated, status, flags):
    listed("64.02", "non_asn", 10, need)
    if allocated is not None:
        allocate("64.02", "non_asn", allocated)
    [row] = budget_rows("64.02", 2025)
    assert (row.need, row.allocated, row.status, row.flags) == (need, allocated, status, flags)


def test_a_row_has_what_the_page_shows(db):
    listed("64.02", "non_asn", 1180, 2_000_000_000)
    allocate("64.02", "non_asn", 2_500_000_000, realized="1000000000", stage="perubahan",
             persons="1200", document="DPA 2025")  # fmt: skip
    [row] = budget_rows("6402", 2025)
    assert (row.code, row.name, row.level) == ("64.02", "Kabupaten Kutai Kartanegara", "regency")
    assert (row.persons_listed, row.persons_budgeted, row.stage, row.document) == (
        1180, 1200, "perubahan", "DPA 2025")  # fmt: skip
    assert row.realization_rate == Fraction(2, 5)


def test_an_allocation_without_a_list_has_an_unknown_need(db):
    allocate("64.71", "rt_rw", 5_000_000)
    [row] = budget_rows("64.71", 2025)
    assert (row.need, row.persons_listed, row.status, row.flags) == (None, 0, "budgeted", [U])


def test_a_list_without_an_allocation_is_not_budgeted(db):
    listed("64.71", "vulnerable", 3, 604_800)
    [row] = budget_rows("64.71", 2025)
    assert (row.allocated, row.status, row.flags, row.stage) == (None, "not_budgeted", [], None)


def test_the_need_of_the_programmes_the_allocation_names(db):
    snapshot = listed("64.02", "non_asn", 3, 7_862_400)
    Need.objects.create(pemda_id="64.02", year=2025, category="non_asn", programs="JKK,JKM",
                        persons=3, amount=680_400, list_snapshot=snapshot)  # fmt: skip
    allocate("64.02", "non_asn", 700_000, programs="JKK,JKM")
    [row] = budget_rows("64.02", 2025)
    assert (row.need, row.status, row.programs) == (680_400, "budgeted", "JKK,JKM")


def test_a_need_computed_for_an_older_list_is_not_used(db):
    older = listed("64.02", "non_asn", 3, 1_000_000)
    Snapshot.objects.filter(pk=older.pk).update(is_current=False)
    newer = Snapshot.objects.create(
        kind="workers", pemda_id="64.02", category="non_asn", year=2025, source_name="new.csv",
        sha256="1" * 64, rules_version="test", path="lake/workers/new", rows=5, accepted=5,
    )  # fmt: skip
    Snapshot.objects.filter(pk=older.pk).update(superseded_by=newer)
    [row] = budget_rows("64.02", 2025)
    assert (row.need, row.persons_listed, row.flags) == (None, 5, [U])


def test_a_list_of_an_earlier_year_is_in_force(db):
    listed("64.02", "vulnerable", 3, 604_800, year=2024, need_year=2025)
    [row] = budget_rows("64.02", 2025)
    assert (row.persons_listed, row.need) == (3, 604_800)
    assert budget_rows("64.02", 2023) == []  # the list came later


@pytest.fixture
def two_provinces(db):
    """Kaltim's government, Kukar and Balikpapan; Kaltara's Bulungan; a district nothing."""
    listed("64", "non_asn", 10, 100)
    allocate("64", "non_asn", 100)
    listed("64.02", "non_asn", 10, 100)
    allocate("64.02", "vulnerable", 50)
    allocate("64.71", "rt_rw", 0)
    listed("65.01", "village_official", 10, 100)
    allocate("65.01", "village_official", 60)
    allocate("64.02", "non_asn", 999, year="2026")  # another year


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("64", [("64.02", "non_asn"), ("64.71", "rt_rw"), ("64", "non_asn"),
                ("64.02", "vulnerable")]),
        ("64.02", [("64.02", "non_asn"), ("64.02", "vulnerable")]),
        ("6471", [("64.71", "rt_rw")]),
        ("65", [("65.01", "village_official")]),
        ("ID", [("64.02", "non_asn"), ("64.71", "rt_rw"), ("65.01", "village_official"),
                ("64", "non_asn"), ("64.02", "vulnerable")]),
        ("64.02.05", []),  # a district holds no Pemda
    ],
)  # fmt: skip
def test_which_pemda_a_region_covers_not_budgeted_first(two_provinces, region, expected):
    rows = budget_rows(region, 2025)
    assert [(r.code, r.category) for r in rows] == expected
    statuses = [r.status for r in rows]
    assert statuses == sorted(statuses, key=["not_budgeted", "under_budgeted", "budgeted"].index)


def test_a_fixed_number_of_queries_whatever_the_number_of_pemda(db):
    listed("64.02", "non_asn", 10, 100)
    allocate("64.02", "non_asn", 100)
    with CaptureQueriesContext(connection) as few:
        assert len(budget_rows("ID", 2025)) == 1
    regencies = list(Region.objects.filter(level__in=["regency", "city"])[:40])
    for region in regencies:
        listed(region.code, "vulnerable", 5, 84_000)
        allocate(region.code, "rt_rw", 1000, programs="JKK,JKM")
    with CaptureQueriesContext(connection) as many:
        assert len(budget_rows("ID", 2025)) >= 81
    assert len(many) == len(few) <= 3


def test_a_province_page_in_a_fixed_number_of_queries(two_provinces, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # the region, allocations, lists, needs
        budget_rows("64", 2025)


# ---------------------------------------------------------------- the command


def status_json(capsys, *args) -> dict:
    call_command("budget_status", *args, "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_json_shape(two_provinces, capsys):
    body = status_json(capsys, "--region", "64", "--year", "2025")
    assert set(body) == {"region", "year", "pemda"}
    assert (body["region"], body["year"], len(body["pemda"])) == ("64", 2025, 4)
    for item in body["pemda"]:
        assert set(item) == {"code", "name", "category", "need", "allocated", "realized",
                             "status", "flags"}  # fmt: skip
    assert body["pemda"][0] == {
        "code": "64.02", "name": "Kabupaten Kutai Kartanegara", "category": "non_asn",
        "need": 100, "allocated": None, "realized": None, "status": "not_budgeted", "flags": [],
    }  # fmt: skip
    kaltim = [p for p in body["pemda"] if p["code"] == "64"][0]
    assert (kaltim["need"], kaltim["allocated"], kaltim["status"]) == (100, 100, "budgeted")


def test_json_for_indonesia(two_provinces, capsys):
    body = status_json(capsys, "--year", "2025")
    assert body["region"] == "ID"
    assert {p["code"] for p in body["pemda"]} == {"64", "64.02", "64.71", "65.01"}
    # 2026: the 2025 lists are still in force, but no need was computed for 2026.
    body = status_json(capsys, "--region", "ID", "--year", "2026")
    assert [(p["code"], p["allocated"], p["need"], p["flags"]) for p in body["pemda"]] == [
        ("64", None, None, [U]), ("65.01", None, None, [U]), ("64.02", 999, None, [U])]  # fmt: skip


def test_text_output(two_provinces, capsys):
    call_command("budget_status", "--region", "64.02", "--year", "2025")
    out = capsys.readouterr().out
    assert "Kutai Kartanegara" in out and "belum menganggarkan" in out and "Rp100" in out


@pytest.mark.parametrize("region", ["99", "64.02.05", "abc"])
def test_a_region_without_pemda_is_refused(db, region):
    with pytest.raises(UsageError) as raised:
        call_command("budget_status", "--region", region, "--year", "2025")
    assert raised.value.returncode == 2


def test_the_command_is_spelled_with_a_dash():
    assert command_name("budget-status") == "budget_status"
    assert command_name("--help") == "--help"
    done = subprocess.run([sys.executable, "-m", "pantau", "budget-status", "--help"],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "--region" in done.stdout and "--year" in done.stdout
