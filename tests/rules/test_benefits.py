"""Benefits by day: JKM before/after PP 82/2019, scholarships, JKK death and disability."""

from __future__ import annotations

import pytest

from pantau.rules import api


def test_jkm_on_1_december_2019_is_pp_44_2015():
    benefit = api.jkm_benefit("2019-12-01", "2010-01-01")
    assert benefit.cash_total == 24_000_000
    assert [(item["name"], item["amount"]) for item in benefit.as_dict()["components"]] == [
        ("Santunan sekaligus", 16_200_000),
        ("Santunan berkala", 4_800_000),  # not 6,000,000: only 4.8 M adds up to 24 M
        ("Biaya pemakaman", 3_000_000),
    ]
    assert any("Rp6.000.000" in line for line in benefit.working())  # the conflict is shown


def test_jkm_on_2_december_2019_is_pp_82_2019():
    benefit = api.jkm_benefit("2019-12-02", "2010-01-01", children=2)
    assert benefit.as_dict() == {
        "cash_total": 42_000_000,
        "components": [
            {"name": "Santunan sekaligus", "amount": 20_000_000,
             "basis": "Santunan sekaligus: Rp20.000.000 (PP 82/2019)"},
            {"name": "Santunan berkala", "amount": 12_000_000,
             "basis": "Santunan berkala (dibayar sekaligus): Rp12.000.000 (PP 82/2019)"},
            {"name": "Biaya pemakaman", "amount": 10_000_000,
             "basis": "Biaya pemakaman: Rp10.000.000 (PP 82/2019)"},
        ],
        "scholarship_eligible": True,
        "scholarship_max": 174_000_000,  # 2 children × 87,000,000
    }  # fmt: skip


@pytest.mark.parametrize(
    ("membership_start", "eligible"),
    [
        ("2016-12-02", True),  # exactly three years on the day of death
        ("2016-12-03", False),  # one day short
        ("2019-01-01", False),
    ],
)
def test_the_scholarship_needs_three_years_of_membership(membership_start, eligible):
    benefit = api.jkm_benefit("2019-12-02", membership_start, children=1)
    assert benefit.scholarship_eligible is eligible
    assert benefit.scholarship_max == (87_000_000 if eligible else 0)


@pytest.mark.parametrize(("children", "maximum"), [(0, 0), (1, 87_000_000), (3, 174_000_000)])
def test_the_scholarship_counts_at_most_two_children(children, maximum):
    assert api.jkm_benefit("2023-05-05", "2015-07-01", children).scholarship_max == maximum


def test_before_pp_82_2019_eligibility_is_unknown_and_the_maximum_is_one_child():
    benefit = api.jkm_benefit("2018-06-30", "2016-01-01", children=2)
    assert benefit.scholarship_eligible is None  # the old requirement is a gap in the sources
    assert benefit.scholarship_max == 12_000_000
    assert "tidak ada dalam data" in benefit.scholarship_basis


def test_jkm_before_the_first_regulation_is_refused():
    with pytest.raises(api.RuleError) as refused:
        api.jkm_benefit("2015-06-30", "2010-01-01")
    assert refused.value.argument == "--death-date"
    assert "sebelum peraturan pertama dalam data" in str(refused.value)


def test_a_29_february_start_completes_its_years_on_1_march():
    assert api.jkm_benefit("2023-02-28", "2020-02-29", 1).scholarship_eligible is False
    assert api.jkm_benefit("2023-03-01", "2020-02-29", 1).scholarship_eligible is True


def test_jkk_death_is_48_wages_plus_the_fixed_components():
    benefit = api.jkk_death_benefit(5_000_000, "2022-07-14")
    amounts = [(item.code, item.amount) for item in benefit.components]
    assert amounts == [("death_lump_sum", 240_000_000), ("funeral", 10_000_000),
                       ("periodic", 12_000_000)]  # fmt: skip
    assert benefit.cash_total == 262_000_000
    assert benefit.scholarship_eligible is True and benefit.scholarship_max == 174_000_000
    fixed = benefit.components[1].basis
    assert "PP 82/2019 Lampiran III" in fixed and "keyakinan M" in fixed  # one secondary source
    assert "tanpa syarat masa kepesertaan" in benefit.scholarship_basis


def test_jkk_total_disability_is_56_wages_plus_the_periodic_benefit():
    benefit = api.jkk_disability_benefit(3_000_000, "2019-12-02")
    assert benefit.cash_total == 168_000_000 + 12_000_000
    assert benefit.as_dict()["scholarship_eligible"] is True
    assert benefit.as_dict()["scholarship_max"] == 174_000_000


def test_jkk_disability_before_2_december_2019_is_before_the_first_regulation():
    # PP 44/2015's disability benefit is not in the sources; its death benefit is
    # (tests/rules/test_jkk_death_before_pp_82_2019.py).
    with pytest.raises(api.RuleError) as refused:
        api.jkk_disability_benefit(5_000_000, "2019-12-01")
    assert refused.value.argument == "--date"
    assert "sebelum peraturan pertama dalam data" in refused.value.message_id
    assert "before the first regulation in the data" in refused.value.message_en


def test_the_scholarship_schedule_by_level():
    levels = api.scholarship_schedule("2024-01-01")
    assert [(level.code, level.per_year, level.max_years, level.max_total) for level in levels] == [
        ("tk", 1_500_000, 2, 3_000_000),
        ("sd", 1_500_000, 6, 9_000_000),
        ("smp", 2_000_000, 3, 6_000_000),
        ("sma", 3_000_000, 3, 9_000_000),
        ("higher", 12_000_000, 5, 60_000_000),
    ]
    assert sum(level.max_total for level in levels) == 87_000_000
    assert levels[0].basis == (
        "TK: Rp1.500.000 per tahun × 2 tahun = Rp3.000.000 per anak (PP 82/2019; Permenaker 5/2021)"
    )
    assert set(levels[0].as_dict()) == {
        "code", "name", "per_year", "max_years", "max_total", "basis"
    }  # fmt: skip


def test_the_scholarship_schedule_starts_on_2_december_2019():
    assert len(api.scholarship_schedule("2019-12-02")) == 5
    with pytest.raises(api.RuleError) as refused:
        api.scholarship_schedule("2019-12-01")
    assert refused.value.argument == "--date"


def test_benefit_working_ends_with_the_scholarship():
    working = api.jkm_benefit("2022-07-14", "2015-01-01", 1).working()
    assert working[0].startswith("Manfaat JKM")
    assert "Jumlah uang tunai: Rp42.000.000." in working
    assert any(line.startswith("Beasiswa:") for line in working)
