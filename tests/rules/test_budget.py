"""Budget need: persons × each month's contribution, the category defaults and conventions."""

from __future__ import annotations

import pytest

from pantau.rules import api


@pytest.mark.parametrize(
    ("category", "segment", "programs", "wage_basis"),
    [
        ("vulnerable", "bpu", ("jkk", "jkm"), 1_000_000),
        ("rt_rw", "bpu", ("jkk", "jkm"), 1_000_000),
        ("village_official", "pu", ("jkk", "jkm"), "monthly_income"),
        ("non_asn", "pu", ("jkk", "jkm", "jht"), "monthly_income"),
    ],
)
def test_default_programmes_per_category(category, segment, programs, wage_basis):
    default = api.default_programs(category)
    assert (default.segment, default.programs, default.risk_class, default.wage_basis) == (
        segment, programs, 1, wage_basis,
    )  # fmt: skip
    assert "kebijakan Pantau" in default.basis


def test_non_asn_default_cites_permenaker_1_2025():
    assert "Permenaker 1/2025" in api.default_programs("non_asn").basis


def test_vulnerable_workers_cost_16_800_a_month():
    result = api.budget("vulnerable", 1000, 2025)
    assert result.per_person_month == 16_800
    assert result.total == 16_800 * 1000 * 12  # 201,600,000
    assert [(line.program, line.per_person_month, line.total) for line in result.lines] == [
        ("jkk", 10_000, 120_000_000),
        ("jkm", 6_800, 81_600_000),
    ]


def test_as_dict_has_exactly_the_documented_shape():
    data = api.budget("rt_rw", 100, 2025, months=6).as_dict()
    assert set(data) == {
        "per_person_month", "months", "persons", "total", "lines", "category", "year",
        "segment", "programs", "warnings",
    }  # fmt: skip
    assert (data["total"], data["months"], data["segment"], data["programs"]) == (
        10_080_000, 6, "bpu", ["jkk", "jkm"],  # 100 × 16,800 × 6
    )  # fmt: skip
    assert set(data["lines"][0]) == {"program", "per_person_month", "total", "basis"}


def test_village_officials_as_wage_earners_pay_0_54_percent_of_siltap():
    # 0.24% + 0.30% of a Rp2,000,000 siltap = 4,800 + 6,000 = 10,800 a month.
    result = api.budget("village_official", 10, 2024, wage=2_000_000)
    assert result.per_person_month == 10_800
    assert result.total == 10_800 * 10 * 12


def test_village_officials_under_the_bpu_convention():
    assert api.budget("village_official", 1, 2024, segment="bpu").per_person_month == 16_800


def test_rt_rw_heads_under_the_pu_convention():
    # 0.54% × 1,500,000 = 8,100 (Pekalongan, Jakarta Barat)
    assert api.budget("rt_rw", 1, 2024, wage=1_500_000, segment="pu").per_person_month == 8_100


def test_non_asn_default_is_jkk_jkm_jht_on_the_wage():
    # 3,000,000: JKK 7,200 + JKM 9,000 + JHT 111,000 + 60,000 = 187,200
    assert api.budget("non_asn", 1, 2025, wage=3_000_000).per_person_month == 187_200


def test_each_month_uses_its_own_rules_relief_in_the_middle_of_2020():
    # Jan–Jul 16,800; Aug–Dec PP 49/2020 relief 100 + 68 = 168.
    # 100 × (7 × 16,800 + 5 × 168) = 100 × 118,440 = 11,844,000
    result = api.budget("vulnerable", 100, 2020)
    assert result.per_person_month == 16_800
    assert result.total == 11_844_000
    assert "Rp100 × 100 orang × 5 bulan (2020-08 s.d. 2020-12)" in result.lines[0].basis


def test_each_month_uses_its_own_rules_jp_cap_in_march():
    # Wage 20,000,000 in 2024: JKK 48,000 + JKM 60,000 + JHT 1,140,000 = 1,248,000;
    # JP Jan–Feb on 9,559,600: 191,192 + 95,596 = 286,788; Mar–Dec on 10,042,300: 301,269.
    # 2 × 1,534,788 + 10 × 1,549,269 = 18,562,266
    result = api.budget("non_asn", 1, 2024, wage=20_000_000, programs="jkk,jkm,jht,jp")
    assert result.per_person_month == 1_534_788
    assert result.total == 18_562_266
    assert sum(line.total for line in result.lines) == result.total


def test_months_count_from_january():
    # 2021: January is still a relief month (168), February is not (16,800).
    assert api.budget("rt_rw", 1, 2021, months=2).total == 168 + 16_800


def test_zero_persons_need_nothing():
    assert api.budget("vulnerable", 0, 2025).total == 0


def test_the_working_explains_the_budget():
    working = api.budget("vulnerable", 100, 2020).working()
    text = "\n".join(working)
    assert working[0].startswith("Kebutuhan anggaran untuk pekerja rentan tahun 2020: 100 orang")
    assert "Iuran per orang sebulan, 2020-08 s.d. 2020-12: Rp168" in text
    assert "PP 49/2020" in text
    assert working[-1] == "Jumlah kebutuhan anggaran: Rp11.844.000 (100 orang × 12 bulan)."


def test_a_segment_without_a_convention_is_refused():
    with pytest.raises(api.RuleError) as refused:
        api.budget("non_asn", 1, 2025, wage=3_000_000, segment="bpu")
    assert refused.value.argument == "--segment"


def test_bpu_programmes_unavailable_in_a_budget_name_the_programmes():
    with pytest.raises(api.RuleError) as refused:
        api.budget("vulnerable", 1, 2025, programs="jkk,jp")
    assert refused.value.argument == "--programs"


def test_a_year_before_the_first_regulation_names_the_year():
    with pytest.raises(api.RuleError) as refused:
        api.budget("vulnerable", 1, 2015)  # January 2015 is before PP 44/2015 (2015-07)
    assert refused.value.argument == "--year"
