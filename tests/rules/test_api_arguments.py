"""The public API (`rules.api`) hands every argument to the engine and has the defaults it
documents: risk class 1, twelve months, no children, the category's default programmes and
segment when none are named; a bad argument is refused word for word, naming the option as
the CLI spells it (docs/rules.md, "Refusals"). The amounts are checked by hand against the
rates of PP 44/2015 (JKK 0,24% to 1,74% by class, JKM 0,30%), PP 46/2015 (JHT 5,7%) and the
benefits of PP 82/2019."""

from __future__ import annotations

import re

import pytest

from pantau.rules import api, schedules

WAGE = 3_000_000  # JKK class 1: 7.200, class 3 (0,89%): 26.700, JKM: 9.000, JHT: 171.000


def test_a_contribution_uses_risk_class_1_unless_told():
    assert api.contribution("pu", "2024-01", "jkk", wage=WAGE).total == 7_200
    assert api.contribution("pu", "2024-01", "jkk", wage=WAGE, risk_class=3).total == 26_700


def test_a_bpu_contribution_is_on_the_income():
    # BPU on Rp1.000.000: JKK Rp10.000 + JKM Rp6.800 (PP 44/2015 Lampiran)
    assert api.contribution("bpu", "2024-01", "jkk,jkm", income=1_000_000).total == 16_800


@pytest.mark.parametrize(
    ("options", "total"),
    [
        ({}, 2 * 12 * (7_200 + 9_000 + 171_000)),  # non_asn: JKK, JKM, JHT, class 1, 12 months
        ({"risk_class": 3}, 2 * 12 * (26_700 + 9_000 + 171_000)),
        ({"months": 3, "programs": "jkm", "segment": "pu"}, 2 * 3 * 9_000),
        ({"months": 1, "programs": ["jkk"], "risk_class": "5"}, 2 * 52_200),  # 1,74%
        ({"programs": "", "segment": ""}, 2 * 12 * (7_200 + 9_000 + 171_000)),
        ({"programs": "  ", "segment": None}, 2 * 12 * (7_200 + 9_000 + 171_000)),
        ({"programs": []}, 2 * 12 * (7_200 + 9_000 + 171_000)),
    ],
)
def test_a_budget_hands_every_option_to_the_engine(options, total):
    assert api.budget(" Non_ASN ", "2", "2024", wage="3.000.000", **options).total == total


def test_a_budget_takes_the_segment_it_is_given():
    # rt_rw: BPU on Rp1.000.000 by default (16.800 a month); as PU on a wage of Rp2.000.000:
    # JKK 4.800 + JKM 6.000
    assert api.budget("rt_rw", 2, 2024).total == 2 * 12 * 16_800
    assert api.budget("rt_rw", 2, 2024, segment=" PU ", wage=2_000_000).total == 2 * 12 * 10_800


@pytest.mark.parametrize(
    ("options", "costs"),
    [
        ({}, {WAGE: 12 * (7_200 + 9_000 + 171_000), None: None, 0: 0}),
        ({"risk_class": 3}, {WAGE: 12 * (26_700 + 9_000 + 171_000), None: None, 0: 0}),
        ({"months": "3", "programs": "jkm", "segment": "pu"}, {WAGE: 27_000, None: None, 0: 0}),
        ({"programs": [], "segment": ""}, {WAGE: 12 * 187_200, None: None, 0: 0}),
        ({"programs": " "}, {WAGE: 12 * 187_200, None: None, 0: 0}),
    ],
)
def test_annual_costs_hand_every_option_to_the_engine(options, costs):
    wages = [WAGE, None, 0, "3.000.000"]
    assert api.annual_costs("NON_ASN", "2024", wages, **options) == costs


def test_annual_costs_take_the_segment_they_are_given():
    assert api.annual_costs("rt_rw", 2024, [None]) == {None: 12 * 16_800}
    assert api.annual_costs("rt_rw", 2024, [2_000_000], segment="pu") == {2_000_000: 12 * 10_800}


def test_jkm_counts_no_children_unless_told():
    # PP 82/2019: Rp42.000.000 in cash; the scholarship up to Rp87.000.000 per child
    without = api.jkm_benefit("2024-01-01", "2015-01-01")
    assert (without.cash_total, without.scholarship_max) == (42_000_000, 0)
    assert api.jkm_benefit("2024-01-01", "2015-01-01", children="2").scholarship_max == (
        174_000_000
    )


def test_jkk_benefits_are_on_the_wage_and_the_day():
    # PP 82/2019: death 48 × wage + Rp12.000.000 periodic + Rp10.000.000 funeral; total
    # permanent disability 56 × wage + Rp12.000.000
    assert api.jkk_death_benefit("3.000.000", " 2024-01-01 ").cash_total == 166_000_000
    assert api.jkk_disability_benefit(WAGE, "2024-01-01").cash_total == 180_000_000


def test_the_scholarship_schedule_is_the_one_in_force_on_the_day():
    levels = api.scholarship_schedule("2024-01-01")
    assert [(level.code, level.max_total) for level in levels] == [
        ("tk", 3_000_000),
        ("sd", 9_000_000),
        ("smp", 6_000_000),
        ("sma", 9_000_000),
        ("higher", 60_000_000),
    ]


def test_the_version_is_the_digest_of_the_rule_files_in_use():
    assert api.version() == schedules.active().version
    assert re.fullmatch(r"[0-9a-f]{16}", api.version())


def test_a_category_default_is_read_from_what_the_user_wrote():
    default = api.default_programs(" RT_RW ")
    assert (default.category, default.segment, default.programs) == ("rt_rw", "bpu", ("jkk", "jkm"))


def _whole(what_id, what_en, limits, value):
    limit_id, limit_en = limits
    return (
        f"{what_id} harus bilangan bulat {limit_id}, bukan {value!r}.",
        f"The {what_en} must be a whole number {limit_en}, not {value!r}.",
    )


NEGATIVE_WAGE = ("Upah tidak boleh negatif (-1).", "The wage cannot be negative (-1).")
AT_LEAST_0 = ("paling sedikit 0", "at least 0")
YEARS = ("1 s.d. 9999", "1 to 9999")
MONTHS = ("1 s.d. 12", "1 to 12")
NO_WAGE = ("Upah sebulan wajib diisi.", "The monthly wage is required.")
BAD_DATE = (
    "Tanggal harus ditulis YYYY-MM-DD (mis. 2019-12-02), bukan 'kemarin'.",
    "The date must be written YYYY-MM-DD (e.g. 2019-12-02), not 'kemarin'.",
)


@pytest.mark.parametrize(
    ("call", "argument", "messages"),
    [
        (lambda: api.contribution("pu", "2024-01", "jkk", wage=-1), "--wage", NEGATIVE_WAGE),
        (
            lambda: api.contribution("bpu", "2024-01", "jkk", income=-1),
            "--income",
            ("Penghasilan tidak boleh negatif (-1).", "The income cannot be negative (-1)."),
        ),
        (
            lambda: api.jkm_benefit("2024-01-01", "2015-01-01", children=-1),
            "--children",
            _whole("Jumlah anak", "number of children", AT_LEAST_0, -1),
        ),
        (lambda: api.jkm_benefit("kemarin", "2015-01-01"), "--death-date", BAD_DATE),
        (lambda: api.jkm_benefit("2024-01-01", "kemarin"), "--membership-start", BAD_DATE),
        (lambda: api.jkk_death_benefit(None, "2024-01-01"), "--wage", NO_WAGE),
        (lambda: api.jkk_death_benefit("", "2024-01-01"), "--wage", NO_WAGE),
        (lambda: api.jkk_death_benefit(-1, "2024-01-01"), "--wage", NEGATIVE_WAGE),
        (lambda: api.jkk_death_benefit(WAGE, "kemarin"), "--date", BAD_DATE),
        (lambda: api.jkk_disability_benefit(None, "2024-01-01"), "--wage", NO_WAGE),
        (lambda: api.jkk_disability_benefit(-1, "2024-01-01"), "--wage", NEGATIVE_WAGE),
        (lambda: api.jkk_disability_benefit(WAGE, "kemarin"), "--date", BAD_DATE),
        (lambda: api.scholarship_schedule("kemarin"), "--date", BAD_DATE),
        (
            lambda: api.budget("vulnerable", -1, 2024),
            "--persons",
            _whole("Jumlah orang", "number of persons", AT_LEAST_0, -1),
        ),
        (
            lambda: api.budget("vulnerable", 1, 0),
            "--year",
            _whole("Tahun anggaran", "budget year", YEARS, 0),
        ),
        (
            lambda: api.budget("vulnerable", 1, 10_000),
            "--year",
            _whole("Tahun anggaran", "budget year", YEARS, 10_000),
        ),
        (
            lambda: api.budget("vulnerable", 1, 2024, months=13),
            "--months",
            _whole("Jumlah bulan", "number of months", MONTHS, 13),
        ),
        (lambda: api.budget("vulnerable", 1, 2024, wage=-1), "--wage", NEGATIVE_WAGE),
        (
            lambda: api.annual_costs("vulnerable", 0, [None]),
            "--year",
            _whole("Tahun anggaran", "budget year", YEARS, 0),
        ),
        (
            lambda: api.annual_costs("vulnerable", 10_000, [None]),
            "--year",
            _whole("Tahun anggaran", "budget year", YEARS, 10_000),
        ),
        (
            lambda: api.annual_costs("vulnerable", 2024, [None], months=0),
            "--months",
            _whole("Jumlah bulan", "number of months", MONTHS, 0),
        ),
        (lambda: api.annual_costs("non_asn", 2024, [WAGE, -1]), "--wage", NEGATIVE_WAGE),
    ],
)
def test_a_refusal_names_the_argument_and_says_what_is_wrong(call, argument, messages):
    with pytest.raises(api.RuleError) as refused:
        call()
    assert (refused.value.argument, refused.value.message_id, refused.value.message_en) == (
        argument,
        *messages,
    )
