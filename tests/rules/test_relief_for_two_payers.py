"""A relief on a line both the employer and the worker pay (none in force yet; the shape of a
PP 49/2020-style discount or deferral on JHT or JP): each part is discounted on its own, and
the deferred part is taken from the discounted total."""

from __future__ import annotations

import pytest

from pantau.rules import api, schedules

from .rule_files import regulation_header, write_rule_file

RELIEF_2027 = (
    regulation_header("pp-97-2027", short="PP 97/2027")
    + """
    [[entry]]
    key = "pu.jht.relief"
    from = "2027-01"
    to = "2027-02"
    discount_percent = "50"
    article = "PP 97/2027 Pasal 1"

    [[entry]]
    key = "pu.jp.relief"
    from = "2027-01"
    to = "2027-02"
    discount_percent = "10"
    deferred_percent = "50"
    article = "PP 97/2027 Pasal 2"
"""
)
WAGE = 5_000_001  # JHT 3,70% = 185.000,037 → 185.000; 2,00% = 100.000,02 → 100.000


@pytest.fixture
def relief_2027(tmp_path):
    write_rule_file(tmp_path, "pp-97-2027", RELIEF_2027)
    with schedules.using(schedules.load([tmp_path])) as schedule:
        yield schedule


def test_a_discount_halves_each_payers_part_and_names_both(relief_2027):
    line = api.contribution("pu", "2027-01", "jht", wage=WAGE).line("jht")
    assert (line.employer, line.worker) == (92_500, 50_000)
    assert line.basis.endswith(
        "; relaksasi: diskon 50%, dibayar 50% = pemberi kerja Rp92.500, pekerja Rp50.000 "
        "(PP 97/2027 Pasal 1)"
    )
    assert line.citations == ("PP 46/2015 Pasal 16 ayat (1) jo PP 60/2015", "PP 97/2027 Pasal 1")
    assert line.basis_en.endswith(
        "; relief: a discount of 50%, 50% paid = employer Rp92,500, worker Rp50,000 "
        "(PP 97/2027 Pasal 1)"
    )


def test_a_deferral_is_taken_from_the_discounted_amount(relief_2027):
    # JP 2% = 100.000 + 1% = 50.000; 90% paid: 90.000 + 45.000 = 135.000; half deferred.
    line = api.contribution("pu", "2027-02", "jp", wage=WAGE).line("jp")
    assert (line.employer, line.worker) == (90_000, 45_000)
    assert line.basis.endswith(
        "; relaksasi: diskon 10%, dibayar 90% = pemberi kerja Rp90.000, pekerja Rp45.000 "
        "(PP 97/2027 Pasal 2); relaksasi: 50% (Rp67.500) ditangguhkan, dibayar untuk bulan ini "
        "Rp67.500; jumlah di atas tetap terutang (PP 97/2027 Pasal 2)"
    )
    assert line.basis_en.endswith(
        "; relief: a discount of 10%, 90% paid = employer Rp90,000, worker Rp45,000 "
        "(PP 97/2027 Pasal 2); relief: 50% (Rp67,500) deferred, paid for this month Rp67,500; "
        "the amount above remains owed (PP 97/2027 Pasal 2)"
    )


@pytest.mark.parametrize(("month", "jht"), [("2026-12", 285_000), ("2027-01", 142_500),
                                           ("2027-03", 285_000)])  # fmt: skip
def test_the_numbers_only_costing_applies_the_same_discount(relief_2027, month, jht):
    assert api.contribution("pu", month, "jht", wage=WAGE).total == jht
    year, number = int(month[:4]), int(month[5:])
    costs = api.annual_costs("non_asn", year, [WAGE], months=number, programs="jht,jp")
    assert costs == {WAGE: api.budget("non_asn", 1, year, number, WAGE, "jht,jp").total}
