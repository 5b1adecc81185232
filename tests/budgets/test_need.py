"""What the lists need: real lists imported through the ingest, the arithmetic checked by hand
against the regulations, the list in force, persons without a wage, and idempotency."""

from __future__ import annotations

import pytest

from pantau.budgets import need as need_module
from pantau.budgets.allocations.services import record_allocation
from pantau.budgets.models import Need
from pantau.budgets.need import refresh_needs
from pantau.rules import api as rules
from tests.budgets.budget_files import entry, import_list

pytestmark = pytest.mark.usefixtures("own_data_directory")


def need_of(pemda="64.02", year=2025, category="non_asn", programs="") -> Need:
    return Need.objects.get(pemda_id=pemda, year=year, category=category, programs=programs)


@pytest.fixture
def kukar_lists(db, tmp_path):
    """Kutai Kartanegara 2025: four Non ASN (PU, one without a wage) and three vulnerable
    workers (BPU)."""
    non_asn = import_list(tmp_path, "64.02", "non_asn", 2025, [3000000, 3000000, 4500000, None])
    vulnerable = import_list(tmp_path, "64.02", "vulnerable", 2025, [None, 2000000, None])
    return {"non_asn": non_asn, "vulnerable": vulnerable}


def test_a_pu_list_by_hand(kukar_lists):
    refresh_needs(2025)
    row = need_of()
    # Non ASN default: PU JKK class 1 0.24% + JKM 0.30% + JHT 3.7% + 2% = 6.24% of the wage.
    # Rp3.000.000: 7.200 + 9.000 + 111.000 + 60.000 = 187.200 a month, 2.246.400 a year.
    # Rp4.500.000: 10.800 + 13.500 + 166.500 + 90.000 = 280.800 a month, 3.369.600 a year.
    assert row.amount == 2 * 2_246_400 + 3_369_600 == 7_862_400
    assert (row.persons, row.persons_without_wage) == (4, 1)  # the fourth has no wage
    assert row.list_snapshot_id == kukar_lists["non_asn"]
    by_rules = (2 * rules.budget("non_asn", 1, 2025, wage=3000000).total
                + rules.budget("non_asn", 1, 2025, wage=4500000).total)  # fmt: skip
    assert row.amount == by_rules


def test_a_bpu_list_by_hand(kukar_lists):
    refresh_needs(2025)
    row = need_of(category="vulnerable")
    # BPU package on the minimum income: JKK Rp10.000 + JKM Rp6.800 = 16.800 a month, for
    # everyone whatever the income on the list (the flat package needs no wage).
    assert row.amount == 3 * 12 * 16_800 == 604_800
    assert row.amount == 3 * rules.budget("vulnerable", 1, 2025).total
    assert (row.persons, row.persons_without_wage) == (3, 0)


def test_the_programmes_an_allocation_names(kukar_lists):
    record_allocation(entry(programs="JKM,JKK"))
    refresh_needs(2025)
    named = need_of(programs="JKK,JKM")
    # JKK 0.24% + JKM 0.30% = 0.54%: 16.200 a month on Rp3.000.000, 24.300 on Rp4.500.000.
    assert named.amount == 12 * (2 * 16_200 + 24_300) == 680_400
    assert need_of().amount == 7_862_400  # the default set is kept beside it
    # When the allocation no longer names programmes, its row goes.
    record_allocation(entry(programs=""))
    summary = refresh_needs(2025)
    assert summary.deleted == 1
    assert not Need.objects.filter(programs="JKK,JKM").exists()


def test_a_pu_list_without_any_wage_has_no_amount(db, tmp_path):
    import_list(tmp_path, "64.71", "non_asn", 2025, [None, None])
    refresh_needs(2025)
    row = need_of(pemda="64.71")
    assert (row.amount, row.persons, row.persons_without_wage) == (None, 2, 2)


def test_the_list_in_force_is_the_latest_of_the_year_or_before(db, tmp_path):
    old = import_list(tmp_path, "64.02", "vulnerable", 2024, [None])
    refresh_needs([2024, 2025])
    assert need_of(year=2025, category="vulnerable").list_snapshot_id == old
    assert need_of(year=2025, category="vulnerable").persons == 1
    new = import_list(tmp_path, "64.02", "vulnerable", 2025, [None, None])
    refresh_needs([2024, 2025])
    assert need_of(year=2024, category="vulnerable").list_snapshot_id == old
    assert (need_of(year=2025, category="vulnerable").list_snapshot_id,
            need_of(year=2025, category="vulnerable").persons) == (new, 2)  # fmt: skip
    # A year's amount follows that year's rules: the same package both years here.
    assert need_of(year=2025, category="vulnerable").amount == 2 * 201_600


def test_a_superseded_list_no_longer_counts(db, tmp_path):
    import_list(tmp_path, "64.02", "non_asn", 2025, [3000000])
    latest = import_list(tmp_path, "64.02", "non_asn", 2025, [3000000, 3000000])
    refresh_needs(2025)
    assert (need_of().list_snapshot_id, need_of().amount) == (latest, 2 * 2_246_400)


def test_refreshing_again_writes_nothing(kukar_lists):
    first = refresh_needs(2025)
    assert (first.created, first.updated, first.deleted) == (2, 0, 0)
    stamps = dict(Need.objects.values_list("pk", "computed_at"))
    again = refresh_needs(2025)
    assert (again.created, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 2)
    assert dict(Need.objects.values_list("pk", "computed_at")) == stamps


def test_all_years_by_default(kukar_lists):
    record_allocation(entry(year="2023"))
    summary = refresh_needs()
    assert 2023 in summary.years and 2025 in summary.years
    assert not Need.objects.filter(year=2023).exists()  # no list of 2023 or before
    assert Need.objects.filter(year=2025).count() == 2


def test_one_pemda_only(kukar_lists, tmp_path):
    import_list(tmp_path, "64.71", "vulnerable", 2025, [None])
    refresh_needs(2025, pemda="64.71")
    assert list(Need.objects.values_list("pemda_id", flat=True)) == ["64.71"]


def test_one_lake_query_for_all_lists(kukar_lists, tmp_path, monkeypatch):
    import_list(tmp_path, "64.71", "vulnerable", 2025, [None])
    statements = []
    real = need_module.new_database

    class Counting:
        def __init__(self, con):
            self.con = con

        def execute(self, sql, *args):
            statements.append(sql)
            return self.con.execute(sql, *args)

        def close(self):
            self.con.close()

    monkeypatch.setattr(need_module, "new_database", lambda *a, **k: Counting(real(*a, **k)))
    refresh_needs([2024, 2025, 2026])
    assert len(statements) == 1  # three lists, three years: one query
    assert Need.objects.filter(year=2026).count() == 3
    assert not Need.objects.filter(year=2024).exists()


def test_a_year_the_rules_do_not_cover_has_no_amount(db, tmp_path):
    import_list(tmp_path, "64.02", "vulnerable", 2015, [None])
    refresh_needs(2015)
    assert need_of(year=2015, category="vulnerable").amount is None  # rules start 2015-07


def test_a_budget_import_recomputes_the_need_it_is_judged_against(kukar_lists, tmp_path):
    from pantau.budgets.allocations.imports import import_budgets
    from pantau.budgets.status import budget_rows
    from tests.budgets.budget_files import row, write_csv

    rows = [row(amount="7862400"), row(category="vulnerable", amount="604799")]
    assert import_budgets(write_csv(tmp_path / "b.csv", rows)).status == "created"
    found = {r.category: (r.need, r.status) for r in budget_rows("64.02", 2025)}
    assert found == {"non_asn": (7_862_400, "budgeted"), "vulnerable": (604_800, "under_budgeted")}
