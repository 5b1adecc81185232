"""Each refusal of a contribution or benefit: the argument it names and both messages."""

from __future__ import annotations

import pytest

from pantau.rules import api
from pantau.rules.contributions import last_supported_month

LAST = f"{last_supported_month():%Y-%m}"  # December of the fifth year from now

CASES = {
    "bpu_jp": (
        lambda: api.contribution("bpu", "2024-01", "jp", income=1_000_000),
        "--programs",
        "JP tidak tersedia untuk peserta bukan penerima upah (BPU).",
        "JP is not available to non-wage earners (BPU).",
    ),
    "bpu_jkp": (
        lambda: api.contribution("bpu", "2024-01", "jkk,jkp", income=1_000_000),
        "--programs",
        "JKP tidak tersedia untuk peserta bukan penerima upah (BPU).",
        "JKP is not available to non-wage earners (BPU).",
    ),
    "bpu_jp_refused_before_the_missing_income": (
        lambda: api.contribution("bpu", "2024-01", "jkm,jp"),
        "--programs",
        "JP tidak tersedia untuk peserta bukan penerima upah (BPU).",
        "JP is not available to non-wage earners (BPU).",
    ),
    "before_pp_44_2015": (
        lambda: api.contribution("pu", "2015-06", "jkm", wage=1_000_000),
        "--month",
        "Bulan 2015-06 sebelum peraturan pertama dalam data (PP 44/2015, mulai 2015-07).",
        "Month 2015-06 is before the first regulation in the data (PP 44/2015, from 2015-07).",
    ),
    # JKP's first regulation (PP 37/2021) is not the first in the data: it is not named.
    "jkp_before_the_first_regulation": (
        lambda: api.contribution("pu", "2015-06", "jkp", wage=1_000_000),
        "--month",
        "Bulan 2015-06 sebelum peraturan pertama dalam data (mulai 2015-07).",
        "Month 2015-06 is before the first regulation in the data (from 2015-07).",
    ),
    "jkp_before_pp_37_2021": (
        lambda: api.contribution("pu", "2021-01", "jkp", wage=1_000_000),
        "--programs",
        "JKP belum berlaku pada bulan 2021-01; mulai 2021-02 (PP 37/2021).",
        "JKP did not exist in 2021-01; it starts 2021-02 (PP 37/2021).",
    ),
    # 2015-07 is the first month in the data, but not JKP's.
    "jkp_in_the_first_month_of_the_data": (
        lambda: api.contribution("pu", "2015-07", "jkp", wage=1_000_000),
        "--programs",
        "JKP belum berlaku pada bulan 2015-07; mulai 2021-02 (PP 37/2021).",
        "JKP did not exist in 2015-07; it starts 2021-02 (PP 37/2021).",
    ),
    "beyond_the_planning_horizon": (
        lambda: api.contribution("pu", "9999-12", "jkm", wage=1_000_000),
        "--month",
        f"Bulan 9999-12 di luar rentang yang didukung (2015-07 s.d. {LAST}): aturan sejauh "
        "itu belum dapat diketahui.",
        f"Month 9999-12 is outside the supported range (2015-07 to {LAST}): the rules that far "
        "ahead cannot be known.",
    ),
    "pu_without_a_wage": (
        lambda: api.contribution("pu", "2024-01", "jkm"),
        "--wage",
        "Upah sebulan wajib diisi untuk peserta penerima upah (PU).",
        "The monthly wage is required for wage earners (PU).",
    ),
    "bpu_jht_without_an_income": (
        lambda: api.contribution("bpu", "2024-01", "jkm,jht"),
        "--income",
        "Penghasilan sebulan wajib diisi untuk JKK/JHT peserta bukan penerima upah (BPU).",
        "The monthly income is required for BPU JKK/JHT.",
    ),
    "jkm_before_pp_44_2015": (
        lambda: api.jkm_benefit("2015-06-30", "2010-01-01"),
        "--death-date",
        "Tanggal 2015-06-30 sebelum peraturan pertama dalam data untuk manfaat JKM (PP 44/2015, "
        "mulai 2015-07-01).",
        "The date 2015-06-30 is before the first regulation in the data for manfaat JKM (PP "
        "44/2015, from 2015-07-01).",
    ),
    "membership_after_death": (
        lambda: api.jkm_benefit("2020-01-01", "2020-01-02"),
        "--membership-start",
        "Awal kepesertaan 2020-01-02 sesudah tanggal meninggal 2020-01-01.",
        "Membership start 2020-01-02 is after the date of death 2020-01-01.",
    ),
    "jkk_death_before_pp_44_2015": (
        lambda: api.jkk_death_benefit(1_000_000, "2015-06-30"),
        "--date",
        "Tanggal 2015-06-30 sebelum peraturan pertama dalam data untuk santunan kematian JKK "
        "(PP 44/2015, mulai 2015-07-01).",
        "The date 2015-06-30 is before the first regulation in the data for santunan kematian "
        "JKK (PP 44/2015, from 2015-07-01).",
    ),
    "jkk_disability_before_pp_82_2019": (
        lambda: api.jkk_disability_benefit(1_000_000, "2019-12-01"),
        "--date",
        "Tanggal 2019-12-01 sebelum peraturan pertama dalam data untuk cacat total tetap JKK "
        "(PP 82/2019, mulai 2019-12-02).",
        "The date 2019-12-01 is before the first regulation in the data for cacat total tetap "
        "JKK (PP 82/2019, from 2019-12-02).",
    ),
    "scholarship_levels_before_pp_82_2019": (
        lambda: api.scholarship_schedule("2019-12-01"),
        "--date",
        "Tanggal 2019-12-01 sebelum peraturan pertama dalam data untuk beasiswa per jenjang "
        "(mulai 2019-12-02).",
        "The date 2019-12-01 is before the first regulation in the data for the scholarship "
        "schedule by level (from 2019-12-02).",
    ),
}


@pytest.mark.parametrize(("call", "argument", "message_id", "message_en"), CASES.values(),
                         ids=CASES.keys())  # fmt: skip
def test_a_refusal_names_the_argument_in_both_languages(call, argument, message_id, message_en):
    with pytest.raises(api.RuleError) as refused:
        call()
    assert refused.value.argument == argument
    assert (refused.value.message_id, refused.value.message_en) == (message_id, message_en)


def test_the_last_supported_month_and_a_membership_from_the_day_of_death_are_accepted():
    assert api.contribution("pu", LAST, "jkm", wage=1_000_000).total == 3_000  # 0,30%
    assert api.jkm_benefit("2020-01-01", "2020-01-01").cash_total == 42_000_000
