"""A benefit's working, line for line, with its components, kind, day and scholarship.

Amounts from docs/rules.md (PP 44/2015, PP 82/2019 Lampiran III, Permenaker 5/2021).
"""

from __future__ import annotations

from datetime import date

import pytest

from pantau.rules import api

LEVELS = (
    "(per anak Rp3.000.000 + Rp9.000.000 + Rp6.000.000 + Rp9.000.000 + Rp60.000.000 menurut "
    "jenjang)"
)
JKK_SCHOLARSHIP_2019 = (
    "Beasiswa: tanpa syarat masa kepesertaan untuk kematian atau cacat total tetap akibat "
    f"kecelakaan kerja → berhak; paling banyak 2 anak × Rp87.000.000 {LEVELS} = Rp174.000.000 "
    "(PP 82/2019; Permenaker 5/2021)."
)
PP_82_2019_FIXED = "(PP 82/2019 Lampiran III; keyakinan M)"

CASES = {
    # 2016-12-03 to 2019-12-02 is 2 years 11 months: one day short of the 3 years.
    "jkm_one_day_short_of_three_years": (
        lambda: api.jkm_benefit("2019-12-02", "2016-12-03", 3),
        ("jkm", date(2019, 12, 2), False, 0),
        [("lump_sum", "Santunan sekaligus", 20_000_000),
         ("periodic", "Santunan berkala", 12_000_000),
         ("funeral", "Biaya pemakaman", 10_000_000)],
        [
            "Manfaat JKM (meninggal bukan karena kecelakaan kerja) pada 2019-12-02: PP 82/2019 "
            "berlaku sejak 2019-12-02.",
            "Santunan sekaligus: Rp20.000.000 (PP 82/2019)",
            "Santunan berkala (dibayar sekaligus): Rp12.000.000 (PP 82/2019)",
            "Biaya pemakaman: Rp10.000.000 (PP 82/2019)",
            "Jumlah uang tunai: Rp42.000.000.",
            "Beasiswa: masa kepesertaan 2 tahun 11 bulan (sejak 2016-12-03); syarat paling "
            "singkat 3 tahun (PP 82/2019) tidak terpenuhi. Paling banyak 2 anak × "
            f"Rp87.000.000 {LEVELS}; untuk 3 anak: Rp0 (PP 82/2019; Permenaker 5/2021).",
        ],
    ),
    "jkm_three_years_and_a_month": (
        lambda: api.jkm_benefit("2023-01-15", "2019-12-01", 1),
        ("jkm", date(2023, 1, 15), True, 87_000_000),
        [("lump_sum", "Santunan sekaligus", 20_000_000),
         ("periodic", "Santunan berkala", 12_000_000),
         ("funeral", "Biaya pemakaman", 10_000_000)],
        [
            "Manfaat JKM (meninggal bukan karena kecelakaan kerja) pada 2023-01-15: PP 82/2019 "
            "berlaku sejak 2019-12-02.",
            "Santunan sekaligus: Rp20.000.000 (PP 82/2019)",
            "Santunan berkala (dibayar sekaligus): Rp12.000.000 (PP 82/2019)",
            "Biaya pemakaman: Rp10.000.000 (PP 82/2019)",
            "Jumlah uang tunai: Rp42.000.000.",
            "Beasiswa: masa kepesertaan 3 tahun 1 bulan (sejak 2019-12-01); syarat paling "
            "singkat 3 tahun (PP 82/2019) terpenuhi. Paling banyak 2 anak × "
            f"Rp87.000.000 {LEVELS}; untuk 1 anak: Rp87.000.000 (PP 82/2019; Permenaker "
            "5/2021).",
        ],
    ),
    # PP 44/2015: no minimum membership in the sources, so eligibility is unknown.
    "jkm_pp_44_2015": (
        lambda: api.jkm_benefit("2018-06-30", "2016-01-01", 2),
        ("jkm", date(2018, 6, 30), None, 12_000_000),
        [("lump_sum", "Santunan sekaligus", 16_200_000),
         ("periodic", "Santunan berkala", 4_800_000),
         ("funeral", "Biaya pemakaman", 3_000_000)],
        [
            "Manfaat JKM (meninggal bukan karena kecelakaan kerja) pada 2018-06-30: PP 44/2015 "
            "berlaku sejak 2015-07-01.",
            "Santunan sekaligus: Rp16.200.000 (PP 44/2015)",
            "Santunan berkala (dibayar sekaligus): Rp4.800.000 (PP 44/2015)",
            "Biaya pemakaman: Rp3.000.000 (PP 44/2015)",
            "Jumlah uang tunai: Rp24.000.000.",
            "Beasiswa: masa kepesertaan 2 tahun 5 bulan (sejak 2016-01-01); syarat masa "
            "kepesertaan pada tanggal ini tidak ada dalam data (celah; dapat ditetapkan sebagai "
            "kebijakan Pantau), jadi kelayakan tidak ditentukan. Paling banyak 1 anak × "
            "Rp12.000.000; untuk 2 anak: Rp12.000.000 (PP 44/2015).",
            "PP 44/2015: Santunan berkala Rp4.800.000 (REPORT) bertentangan dengan Rp6.000.000 "
            "(REPUB, PASUN); Rp4.800.000 dipakai karena hanya nilai itu yang cocok dengan jumlah "
            "Rp24.000.000.",
        ],
    ),
    # 48 × 300.000 = 14.400.000, raised to the JKM lump sum of the day (Rp20.000.000).
    "jkk_death_raised_to_the_jkm_lump_sum": (
        lambda: api.jkk_death_benefit(300_000, "2022-07-14"),
        ("jkk_death", date(2022, 7, 14), True, 174_000_000),
        [("death_lump_sum", "Santunan kematian", 20_000_000),
         ("funeral", "Biaya pemakaman", 10_000_000),
         ("periodic", "Santunan berkala", 12_000_000)],
        [
            "Manfaat JKK: meninggal karena kecelakaan kerja pada 2022-07-14: PP 82/2019 berlaku "
            "sejak 2019-12-02.",
            "Santunan kematian: 48 × upah Rp300.000 = Rp14.400.000 (PP 82/2019 Lampiran III), "
            "dinaikkan ke paling sedikit santunan sekaligus JKM Rp20.000.000 (PP 82/2019 "
            "Lampiran III; keyakinan M; PP 82/2019)",
            f"Biaya pemakaman: Rp10.000.000 {PP_82_2019_FIXED}",
            f"Santunan berkala: Rp12.000.000 {PP_82_2019_FIXED}",
            "Jumlah uang tunai: Rp42.000.000.",
            JKK_SCHOLARSHIP_2019,
        ],
    ),
    # 48 × 5.000.000 = 240.000.000, above the floor.
    "jkk_death_above_the_floor": (
        lambda: api.jkk_death_benefit(5_000_000, "2022-07-14"),
        ("jkk_death", date(2022, 7, 14), True, 174_000_000),
        [("death_lump_sum", "Santunan kematian", 240_000_000),
         ("funeral", "Biaya pemakaman", 10_000_000),
         ("periodic", "Santunan berkala", 12_000_000)],
        [
            "Manfaat JKK: meninggal karena kecelakaan kerja pada 2022-07-14: PP 82/2019 berlaku "
            "sejak 2019-12-02.",
            "Santunan kematian: 48 × upah Rp5.000.000 = Rp240.000.000 (PP 82/2019 Lampiran "
            "III); tidak kurang dari santunan sekaligus JKM Rp20.000.000 (PP 82/2019 Lampiran "
            "III; keyakinan M)",
            f"Biaya pemakaman: Rp10.000.000 {PP_82_2019_FIXED}",
            f"Santunan berkala: Rp12.000.000 {PP_82_2019_FIXED}",
            "Jumlah uang tunai: Rp262.000.000.",
            JKK_SCHOLARSHIP_2019,
        ],
    ),
    # The worked case of 27 October 2019 (PP 44/2015): no floor, one child × Rp12.000.000.
    "jkk_death_pp_44_2015": (
        lambda: api.jkk_death_benefit(4_000_000, "2019-10-27"),
        ("jkk_death", date(2019, 10, 27), True, 12_000_000),
        [("death_lump_sum", "Santunan kematian", 192_000_000),
         ("funeral", "Biaya pemakaman", 3_000_000),
         ("periodic", "Santunan berkala", 4_800_000)],
        [
            "Manfaat JKK: meninggal karena kecelakaan kerja pada 2019-10-27: PP 44/2015 berlaku "
            "sejak 2015-07-01.",
            "Santunan kematian: 48 × upah Rp4.000.000 = Rp192.000.000 (PP 44/2015 Lampiran "
            "III; keyakinan M)",
            "Biaya pemakaman: Rp3.000.000 (PP 44/2015 Lampiran III; keyakinan M)",
            "Santunan berkala: Rp4.800.000 (PP 44/2015 Lampiran III; keyakinan M)",
            "Jumlah uang tunai: Rp199.800.000.",
            "Beasiswa: tanpa syarat masa kepesertaan untuk kematian atau cacat total tetap "
            "akibat kecelakaan kerja → berhak; paling banyak 1 anak × Rp12.000.000 = "
            "Rp12.000.000 (PP 44/2015; keyakinan M).",
        ],
    ),
    # 56 × 5.000.000 = 280.000.000 (70% × 80 wages) + periodic 12.000.000.
    "jkk_total_disability": (
        lambda: api.jkk_disability_benefit(5_000_000, "2022-07-14"),
        ("jkk_disability", date(2022, 7, 14), True, 174_000_000),
        [("total_disability", "Santunan cacat total tetap", 280_000_000),
         ("periodic", "Santunan berkala", 12_000_000)],
        [
            "Manfaat JKK: cacat total tetap karena kecelakaan kerja pada 2022-07-14: PP 82/2019 "
            "berlaku sejak 2019-12-02.",
            "Santunan cacat total tetap: 56 × upah Rp5.000.000 = Rp280.000.000 (PP 82/2019 "
            "Lampiran III)",
            f"Santunan berkala: Rp12.000.000 {PP_82_2019_FIXED}",
            "Jumlah uang tunai: Rp292.000.000.",
            JKK_SCHOLARSHIP_2019,
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("call", "summary", "components", "working"), CASES.values(),
                         ids=CASES.keys())  # fmt: skip
def test_the_benefit_reads_line_for_line(call, summary, components, working):
    benefit = call()
    assert (benefit.kind, benefit.date, benefit.scholarship_eligible,
            benefit.scholarship_max) == summary  # fmt: skip
    assert [(item.code, item.name, item.amount) for item in benefit.components] == components
    assert benefit.cash_total == sum(amount for _, _, amount in components)
    assert benefit.working() == working


def test_the_scholarship_levels_of_permenaker_5_2021():
    levels = [level.as_dict() for level in api.scholarship_schedule("2022-01-01")]
    cite = "(PP 82/2019; Permenaker 5/2021)"
    higher = "Perguruan tinggi (paling tinggi S1) atau pelatihan"
    assert levels == [
        {"code": "tk", "name": "TK", "per_year": 1_500_000, "max_years": 2,
         "max_total": 3_000_000,
         "basis": f"TK: Rp1.500.000 per tahun × 2 tahun = Rp3.000.000 per anak {cite}"},
        {"code": "sd", "name": "SD", "per_year": 1_500_000, "max_years": 6,
         "max_total": 9_000_000,
         "basis": f"SD: Rp1.500.000 per tahun × 6 tahun = Rp9.000.000 per anak {cite}"},
        {"code": "smp", "name": "SMP", "per_year": 2_000_000, "max_years": 3,
         "max_total": 6_000_000,
         "basis": f"SMP: Rp2.000.000 per tahun × 3 tahun = Rp6.000.000 per anak {cite}"},
        {"code": "sma", "name": "SMA", "per_year": 3_000_000, "max_years": 3,
         "max_total": 9_000_000,
         "basis": f"SMA: Rp3.000.000 per tahun × 3 tahun = Rp9.000.000 per anak {cite}"},
        {"code": "higher", "name": higher, "per_year": 12_000_000, "max_years": 5,
         "max_total": 60_000_000,
         "basis": f"{higher}: Rp12.000.000 per tahun × 5 tahun = Rp60.000.000 per anak {cite}"},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("membership_start", "death", "served"),
    [
        ("2020-01-01", "2020-01-15", "0 tahun 0 bulan"),  # died in the month of joining
        ("2020-01-31", "2020-02-29", "0 tahun 0 bulan"),  # a day short of a month
        ("2020-01-31", "2020-03-31", "0 tahun 2 bulan"),
        ("2019-01-15", "2020-01-14", "0 tahun 11 bulan"),
        ("2019-01-15", "2020-01-15", "1 tahun 0 bulan"),
        ("2008-02-29", "2020-02-28", "11 tahun 11 bulan"),  # 29 February counts from 1 March
    ],
)
def test_membership_is_counted_in_completed_months(membership_start, death, served):
    benefit = api.jkm_benefit(death, membership_start)
    assert f"masa kepesertaan {served} (sejak {membership_start})" in benefit.scholarship_basis
