"""Recording an allocation: which row is current, what stays in the history, idempotency,
and the checks every entry (form or file) goes through."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pantau.budgets.allocations.services import AllocationRejected, record_allocation
from pantau.budgets.models import Allocation
from tests.budgets.budget_files import entry


def current(pemda="64.02", year=2025, category="non_asn") -> Allocation:
    return Allocation.objects.get(pemda_id=pemda, year=year, category=category, is_current=True)


def rows(pemda="64.02", year=2025, category="non_asn") -> list[Allocation]:
    found = Allocation.objects.filter(pemda_id=pemda, year=year, category=category)
    return list(found.order_by("id"))


def test_a_first_entry_is_stored_and_current(db):
    recorded = record_allocation(entry())
    assert recorded.status == "created"
    row = current()
    assert (row.stage, row.persons, row.amount, row.realized) == ("murni", 1200, 2500000000, None)
    assert (row.programs, row.document, row.superseded_by) == ("", entry()["document"], None)


def test_the_same_entry_again_changes_nothing(db):
    first = record_allocation(entry()).allocation
    again = record_allocation(entry(amount="2.500.000.000", source_name="other.csv"))
    assert (again.status, again.allocation.pk) == ("unchanged", first.pk)
    assert [r.pk for r in rows()] == [first.pk]


def test_perubahan_replaces_murni_and_both_stay_in_the_history(db):
    murni = record_allocation(entry(amount="2000000000")).allocation
    recorded = record_allocation(entry(stage="perubahan", amount="2600000000"))
    assert (recorded.status, recorded.replaced.pk) == ("replaced", murni.pk)
    murni.refresh_from_db()
    assert (murni.is_current, murni.superseded_by_id) == (False, recorded.allocation.pk)
    assert (current().stage, current().amount) == ("perubahan", 2600000000)
    assert [(r.stage, r.is_current) for r in rows()] == [("murni", False), ("perubahan", True)]


def test_a_correction_of_the_same_stage_replaces_the_current_row(db):
    first = record_allocation(entry(persons="1200")).allocation
    recorded = record_allocation(entry(persons="1250"))
    assert recorded.status == "replaced"
    first.refresh_from_db()
    assert (first.is_current, first.superseded_by_id) == (False, recorded.allocation.pk)
    assert current().persons == 1250


def test_murni_after_perubahan_is_history_only(db):
    perubahan = record_allocation(entry(stage="perubahan", amount="3000000000")).allocation
    recorded = record_allocation(entry(stage="murni", amount="2000000000"))
    assert recorded.status == "history"
    assert [w.code for w in recorded.warnings] == ["murni_after_perubahan"]
    pesan, message = recorded.warnings[0].messages()
    assert "riwayat" in pesan and "history" in message
    murni = recorded.allocation
    assert (murni.is_current, murni.superseded_by_id) == (False, perubahan.pk)
    assert current().pk == perubahan.pk  # the perubahan stays in force
    # The same murni again is already in the history.
    assert record_allocation(entry(stage="murni", amount="2000000000")).status == "unchanged"
    assert len(rows()) == 2


# Each case: entries in order (stage, amount), the statuses, then the current row and the
# number of rows kept.
SEQUENCES = [
    ([("murni", 1)], ["created"], ("murni", 1), 1),
    ([("murni", 1), ("murni", 1)], ["created", "unchanged"], ("murni", 1), 1),
    ([("murni", 1), ("murni", 2)], ["created", "replaced"], ("murni", 2), 2),
    ([("murni", 1), ("perubahan", 2)], ["created", "replaced"], ("perubahan", 2), 2),
    ([("murni", 1), ("perubahan", 1)], ["created", "replaced"], ("perubahan", 1), 2),
    ([("perubahan", 2), ("murni", 1)], ["created", "history"], ("perubahan", 2), 2),
    ([("perubahan", 2), ("murni", 1), ("murni", 1)], ["created", "history", "unchanged"],
     ("perubahan", 2), 2),
    ([("perubahan", 2), ("murni", 1), ("murni", 3)], ["created", "history", "history"],
     ("perubahan", 2), 3),
    ([("murni", 1), ("perubahan", 2), ("perubahan", 3)], ["created", "replaced", "replaced"],
     ("perubahan", 3), 3),
    ([("murni", 1), ("perubahan", 2), ("murni", 1)], ["created", "replaced", "unchanged"],
     ("perubahan", 2), 2),
    ([("murni", 1), ("perubahan", 2), ("perubahan", 2)], ["created", "replaced", "unchanged"],
     ("perubahan", 2), 2),
]  # fmt: skip


@pytest.mark.parametrize(("steps", "statuses", "final", "kept"), SEQUENCES)
def test_stage_sequences(db, steps, statuses, final, kept):
    got = [record_allocation(entry(stage=stage, amount=str(amount))).status
           for stage, amount in steps]  # fmt: skip
    assert got == statuses
    assert (current().stage, current().amount) == final
    assert len(rows()) == kept
    assert Allocation.objects.filter(is_current=True).count() == 1
    for old in rows():
        if not old.is_current:
            assert old.superseded_by_id is not None  # every history row says what replaced it


def test_other_pemda_years_and_categories_are_separate(db):
    record_allocation(entry())
    for changes in ({"pemda_code": "64.71"}, {"year": "2026"}, {"category": "vulnerable"},
                    {"pemda_code": "64"}):  # fmt: skip
        assert record_allocation(entry(**changes)).status == "created"
    assert Allocation.objects.filter(is_current=True).count() == 5


def test_codes_and_values_are_stored_canonically(db):
    recorded = record_allocation(
        entry(pemda_code="6402", category="Pekerja Rentan", stage="APBD Perubahan",
              persons="1.250", amount="Rp2.500.000.000", realized="1.000.000.000,00",
              programs="jkm; JKK", document="  DPA   2025 "),
    )  # fmt: skip
    row = recorded.allocation
    assert (row.pemda_id, row.category, row.stage) == ("64.02", "vulnerable", "perubahan")
    assert (row.persons, row.amount, row.realized) == (1250, 2500000000, 1000000000)
    assert (row.programs, row.document) == ("JKK,JKM", "DPA 2025")


def test_a_realization_above_the_allocation_is_kept_with_a_warning(db):
    recorded = record_allocation(entry(amount="100", realized="150"))
    assert recorded.status == "created" and current().realized == 150
    assert [w.code for w in recorded.warnings] == ["realized_exceeds_allocation"]


@pytest.mark.parametrize(
    ("changes", "column", "code"),
    [
        ({"pemda_code": ""}, "pemda_code", "pemda_missing"),
        ({"pemda_code": "64.1"}, "pemda_code", "pemda_invalid"),
        ({"pemda_code": "99"}, "pemda_code", "pemda_unknown"),
        ({"pemda_code": "64.02.05"}, "pemda_code", "pemda_level"),
        ({"pemda_code": "6402052001"}, "pemda_code", "pemda_level"),
        ({"year": "1999"}, "year", "year_out_of_range"),
        ({"year": "2020"}, "year", "year_out_of_range"),  # before Inpres 2/2021
        ({"year": str(timezone.localdate().year + 2)}, "year", "year_out_of_range"),
        ({"year": "2101"}, "year", "year_out_of_range"),
        ({"year": "dua ribu"}, "year", "year_invalid"),
        ({"category": "guru"}, "category", "category_invalid"),
        ({"stage": "final"}, "stage", "stage_invalid"),
        ({"stage": ""}, "stage", "stage_missing"),
        ({"persons": "-1"}, "persons", "persons_negative"),
        ({"persons": "12,5"}, "persons", "persons_decimal"),
        ({"amount": ""}, "amount", "amount_missing"),
        ({"amount": "-5000000"}, "amount", "amount_negative"),
        ({"amount": "1.5"}, "amount", "amount_decimal"),
        ({"amount": 1.5}, "amount", "amount_decimal"),
        ({"amount": "2,5 miliar"}, "amount", "amount_invalid"),
        ({"amount": str(10**16)}, "amount", "amount_too_large"),
        ({"realized": "-1"}, "realized", "realized_negative"),
        ({"programs": "JKK,BPJS"}, "programs", "programs_invalid"),
        ({"programs": "JKK,JKM,JP", "category": "vulnerable"}, "programs", "programs_not_allowed"),
        ({"programs": "JKK,JKM,JKP", "year": "2021"}, "programs", "programs_not_allowed"),
        ({"document": "=HYPERLINK(1)"}, "document", "formula"),
        ({"document": "x" * 201}, "document", "too_long"),
    ],
)
def test_each_check_refuses_the_entry_and_stores_nothing(db, changes, column, code):
    with pytest.raises(AllocationRejected) as raised:
        record_allocation(entry(**changes))
    assert [(i.column, i.code) for i in raised.value.issues] == [(column, code)]
    pesan, message = raised.value.issues[0].messages()
    assert pesan and message and pesan != message
    assert not Allocation.objects.exists()


def test_every_problem_of_an_entry_is_named(db):
    with pytest.raises(AllocationRejected) as raised:
        record_allocation(entry(pemda_code="99", year="", amount="-1", category="x"))
    assert [i.column for i in raised.value.issues] == ["pemda_code", "year", "category", "amount"]


def test_a_bpu_category_may_name_bpu_programmes(db):
    recorded = record_allocation(entry(category="rt_rw", programs="JKK|JKM|JHT"))
    assert recorded.allocation.programs == "JKK,JKM,JHT"


def test_a_user_records_only_for_its_own_pemda(make_user):
    kukar = make_user("kukar-stages", "pemda", "64.02")
    with pytest.raises(AllocationRejected) as raised:
        record_allocation(entry(pemda_code="64.71"), user=kukar)
    assert [i.code for i in raised.value.issues] == ["pemda_not_allowed"]
    assert record_allocation(entry(), user=kukar).allocation.entered_by == kukar
    assert list(Allocation.objects.values_list("pemda_id", flat=True)) == ["64.02"]
