"""The working in English, line for line: the same numbers as the Indonesian working.

Each case is one of the Indonesian working's cases (tests/rules/test_contribution_working.py,
test_benefit_working.py, test_budget_working.py and docs/rules.md), read in English: amounts
`Rp42,000,000`, rates `0.24%`, months and days in words (`July 2022`, `14 July 2022`); the
citations as the data files write them, their marks (policy, confidence) in English; the data
files' English notes (`note_en`) and policy bases (`basis_en`).
"""

from __future__ import annotations

import re

import pytest

from pantau.rules import api

CALLS = {
    "pu_relief_2020": lambda: api.contribution(
        "pu", "2020-09", "jkk,jkm,jht,jp", wage=12_000_000, risk_class=2
    ),
    "pu_jkp_2025": lambda: api.contribution("pu", "2025-03", "jkk,jkm,jkp", wage=5_000_000),
    "pu_jkp_2022": lambda: api.contribution(
        "pu", "2022-07", "jkk,jkm,jht,jp,jkp", wage=6_000_000, risk_class=3
    ),
    "pu_cap_carried_2027": lambda: api.contribution("pu", "2027-04", "jp", wage=20_000_000),
    "pu_cap_derived_2018": lambda: api.contribution("pu", "2018-04", "jp", wage=5_000_000),
    "bpu_raised_2020": lambda: api.contribution("bpu", "2020-09", "jkk,jkm,jht", income=300_000),
    "bpu_lowered_2024": lambda: api.contribution("bpu", "2024-01", "jkk", income=50_000_000),
    "bpu_limits_2024": lambda: api.contribution("bpu", "2024-01", "jkk,jkm", income=1_000_000),
    "jkm_2022": lambda: api.jkm_benefit("2022-07-14", "2018-01-01", children=1),
    "jkm_not_eligible": lambda: api.jkm_benefit("2022-07-14", "2021-08-15", children=2),
    "jkm_2016": lambda: api.jkm_benefit("2016-07-14", "2015-08-15", children=1),
    "jkk_death_raised": lambda: api.jkk_death_benefit(400_000, "2022-07-14"),
    "jkk_death_2016": lambda: api.jkk_death_benefit(1_000_000, "2016-07-14"),
    "jkk_death_not_less": lambda: api.jkk_death_benefit(1_000_000, "2022-07-14"),
    "jkk_disability": lambda: api.jkk_disability_benefit(4_000_000, "2022-07-14"),
    "budget_village": lambda: api.budget("village_official", 1200, 2027, wage=3_000_000),
    "budget_one_month_one_person": lambda: api.budget("rt_rw", 1, 2024, months=1),
    "budget_pu_cap_change": lambda: api.budget(
        "non_asn", 10, 2022, months=4, wage=9_500_000, programs="jkk,jp", risk_class=3
    ),
}

EXPECTED = {
    "pu_relief_2020": [
        "Contributions of a wage earner (PU) for September 2020.",
        "Monthly wage: Rp12,000,000.",
        (
            "The rules are chosen per contribution month: a regulation that comes into force in "
            "the middle of a month applies to the contributions of that whole month."
        ),
        (
            "JKK class 2: 0.54% × Rp12,000,000 = Rp64,800 (PP 44/2015 Pasal 16 ayat (1)); relief: "
            "a discount of 99%, 1% paid = Rp648 (PP 49/2020 Pasal 3 ayat (2) huruf b)"
        ),
        (
            "JKM: 0.30% × Rp12,000,000 = Rp36,000 (PP 44/2015 Pasal 18 ayat (1)); relief: a "
            "discount of 99%, 1% paid = Rp360 (PP 49/2020 Pasal 9)"
        ),
        (
            "JHT: employer 3.70% × Rp12,000,000 = Rp444,000 + worker 2.00% × Rp12,000,000 = "
            "Rp240,000, total Rp684,000 (PP 46/2015 Pasal 16 ayat (1) jo PP 60/2015)"
        ),
        (
            "JP: employer 2.00% × Rp8,939,700 = Rp178,794 + worker 1.00% × Rp8,939,700 = Rp89,397, "
            "total Rp268,191 (PP 45/2015 Pasal 28); the wage Rp12,000,000 is capped at the JP wage "
            "cap Rp8,939,700 (PP 45/2015 Pasal 29, penyesuaian Maret 2020; confidence M); relief: "
            "99% (Rp265,509) deferred, paid for this month Rp2,682; the amount above remains owed "
            "(PP 49/2020 Pasal 17 ayat (2) huruf b)"
        ),
        "The relief of PP 49/2020 applies to the contributions of August 2020 to January 2021.",
        (
            "PP 49/2020: Deferred JP contributions remain owed; to be paid from 15 May 2021 to 15 "
            "April 2022."
        ),
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total: employer Rp623,802, worker Rp329,397, total Rp953,199.",
    ],
    "pu_jkp_2025": [
        "Contributions of a wage earner (PU) for March 2025.",
        "Monthly wage: Rp5,000,000.",
        (
            "The rules are chosen per contribution month: a regulation that comes into force in "
            "the middle of a month applies to the contributions of that whole month."
        ),
        "JKK class 1: 0.24% × Rp5,000,000 = Rp12,000 (PP 44/2015 Pasal 16 ayat (1))",
        "JKM: 0.30% × Rp5,000,000 = Rp15,000 (PP 44/2015 Pasal 18 ayat (1))",
        (
            "JKP: employer Rp0, worker Rp0 (not paid by the participant); funded by central "
            "government 0.22% + recomposed JKK contribution 0.14% = 0.36% of the wage (PP 37/2021 "
            "Pasal 11 jo PP 6/2025)"
        ),
        (
            "Recomposition of JKK class 1: 0.10% to the JKK fund and 0.14% to JKP (PP 44/2015 "
            "Pasal 16A jo PP 49/2023); the amount paid does not change."
        ),
        (
            "PP 49/2023: The month it came into force is not recorded in the sources; the "
            "recomposition is shown from November 2023, the month of the bulletin (7 November "
            "2023) that already included it."
        ),
        (
            "PP 6/2025: In force from 7 February 2025, so by Pantau's month convention for "
            "contributions from February 2025; PP 6/2025 names no JKM recomposition share (0.22% + "
            "0.14% = 0.36%)."
        ),
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total: employer Rp27,000, worker Rp0, total Rp27,000.",
    ],
    "pu_jkp_2022": [
        "Contributions of a wage earner (PU) for July 2022.",
        "Monthly wage: Rp6,000,000.",
        (
            "The rules are chosen per contribution month: a regulation that comes into force in "
            "the middle of a month applies to the contributions of that whole month."
        ),
        "JKK class 3: 0.89% × Rp6,000,000 = Rp53,400 (PP 44/2015 Pasal 16 ayat (1))",
        "JKM: 0.30% × Rp6,000,000 = Rp18,000 (PP 44/2015 Pasal 18 ayat (1))",
        (
            "JHT: employer 3.70% × Rp6,000,000 = Rp222,000 + worker 2.00% × Rp6,000,000 = "
            "Rp120,000, total Rp342,000 (PP 46/2015 Pasal 16 ayat (1) jo PP 60/2015)"
        ),
        (
            "JP: employer 2.00% × Rp6,000,000 = Rp120,000 + worker 1.00% × Rp6,000,000 = Rp60,000, "
            "total Rp180,000 (PP 45/2015 Pasal 28); the wage Rp6,000,000 does not exceed the JP "
            "wage cap Rp9,077,600 (PP 45/2015 Pasal 29, penyesuaian Maret 2022; confidence M)"
        ),
        (
            "JKP: employer Rp0, worker Rp0 (not paid by the participant); funded by central "
            "government 0.22% + recomposed JKK contribution 0.14% + recomposed JKM contribution "
            "0.10% = 0.46% of the wage (PP 37/2021 Pasal 11)"
        ),
        (
            "PP 37/2021: From February 2021: PP 37/2021 was enacted on 2 February 2021 and is in "
            "force from its promulgation (news sources, not an official copy)."
        ),
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total: employer Rp413,400, worker Rp180,000, total Rp593,400.",
    ],
    "pu_cap_carried_2027": [
        "Contributions of a wage earner (PU) for April 2027.",
        "Monthly wage: Rp20,000,000.",
        (
            "The rules are chosen per contribution month: a regulation that comes into force in "
            "the middle of a month applies to the contributions of that whole month."
        ),
        (
            "JP: employer 2.00% × Rp11,086,300 = Rp221,726 + worker 1.00% × Rp11,086,300 = "
            "Rp110,863, total Rp332,589 (PP 45/2015 Pasal 28); the wage Rp20,000,000 is capped at "
            "the JP wage cap Rp11,086,300 (batas upah JP terakhir diteruskan; Pantau policy, not a "
            "quotation of a regulation; confidence L; the cap from March 2027 is not known yet, "
            "the cap since March 2026 is used)"
        ),
        (
            "The JP wage cap from March 2027 is not known yet: Pantau uses the last cap "
            "Rp11,086,300 (in force since March 2026) as a policy that can be replaced "
            "(jp-wage-cap-carry-forward.toml)."
        ),
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total: employer Rp221,726, worker Rp110,863, total Rp332,589.",
    ],
    "pu_cap_derived_2018": [
        "Contributions of a wage earner (PU) for April 2018.",
        "Monthly wage: Rp5,000,000.",
        (
            "The rules are chosen per contribution month: a regulation that comes into force in "
            "the middle of a month applies to the contributions of that whole month."
        ),
        (
            "JP: employer 2.00% × Rp5,000,000 = Rp100,000 + worker 1.00% × Rp5,000,000 = Rp50,000, "
            "total Rp150,000 (PP 45/2015 Pasal 28); the wage Rp5,000,000 does not exceed the JP "
            "wage cap Rp8,094,000 (turunan rumus PP 45/2015 Pasal 29, PDB 2017 5,07%; Pantau "
            "policy, not a quotation of a regulation; confidence L; a derived value: Rp7,703,500 × "
            "(1 + 5.07%) rounded down to Rp100)"
        ),
        (
            "The JP wage cap Rp8,094,000 (from March 2018) was not found in the sources; Pantau "
            "derived it with the formula of PP 45/2015 Pasal 29 (Article 29)."
        ),
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total: employer Rp100,000, worker Rp50,000, total Rp150,000.",
    ],
    "bpu_raised_2020": [
        (
            "Contributions of a non-wage earner (BPU) for September 2020; the participant pays, or "
            "someone pays for them (e.g. the Pemda), shown in the worker column."
        ),
        (
            "The rules are chosen per contribution month: a regulation that comes into force in "
            "the middle of a month applies to the contributions of that whole month."
        ),
        (
            "Reported income: Rp300,000; contribution base: Rp300,000 (penghasilan yang "
            "dilaporkan; tabel PP 44/2015 Lampiran II belum diperoleh; Pantau policy, not a "
            "quotation of a regulation; confidence M)."
        ),
        (
            "JKK: 1% × Rp300,000 = Rp3,000, raised to the minimum Rp10,000 (PP 44/2015 Lampiran "
            "II; confidence M); relief: a discount of 99%, 1% paid = Rp100 (PP 49/2020 Pasal 3 "
            "ayat (2) huruf b)"
        ),
        (
            "JKM: a fixed contribution of Rp6,800 (PP 44/2015); relief: a discount of 99%, 1% paid "
            "= Rp68 (PP 49/2020 Pasal 9)"
        ),
        "JHT: 2% × Rp300,000 = Rp6,000 (PP 46/2015; confidence M)",
        (
            "PP 44/2015: The income table rows of Annex II (Lampiran II) were not obtained; only "
            "1% of income, minimum Rp10,000, maximum Rp207,000 are recorded."
        ),
        "The relief of PP 49/2020 applies to the contributions of August 2020 to January 2021.",
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total: employer Rp0, worker Rp6,168, total Rp6,168.",
    ],
    "bpu_lowered_2024": [
        (
            "Contributions of a non-wage earner (BPU) for January 2024; the participant pays, or "
            "someone pays for them (e.g. the Pemda), shown in the worker column."
        ),
        (
            "The rules are chosen per contribution month: a regulation that comes into force in "
            "the middle of a month applies to the contributions of that whole month."
        ),
        (
            "Reported income: Rp50,000,000; contribution base: Rp50,000,000 (penghasilan yang "
            "dilaporkan; tabel PP 44/2015 Lampiran II belum diperoleh; Pantau policy, not a "
            "quotation of a regulation; confidence M)."
        ),
        (
            "JKK: 1% × Rp50,000,000 = Rp500,000, lowered to the maximum Rp207,000 (PP 44/2015 "
            "Lampiran II; confidence M)"
        ),
        (
            "PP 44/2015: The income table rows of Annex II (Lampiran II) were not obtained; only "
            "1% of income, minimum Rp10,000, maximum Rp207,000 are recorded."
        ),
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total: employer Rp0, worker Rp207,000, total Rp207,000.",
    ],
    "bpu_limits_2024": [
        (
            "Contributions of a non-wage earner (BPU) for January 2024; the participant pays, or "
            "someone pays for them (e.g. the Pemda), shown in the worker column."
        ),
        (
            "The rules are chosen per contribution month: a regulation that comes into force in "
            "the middle of a month applies to the contributions of that whole month."
        ),
        (
            "Reported income: Rp1,000,000; contribution base: Rp1,000,000 (penghasilan yang "
            "dilaporkan; tabel PP 44/2015 Lampiran II belum diperoleh; Pantau policy, not a "
            "quotation of a regulation; confidence M)."
        ),
        (
            "JKK: 1% × Rp1,000,000 = Rp10,000 (limits Rp10,000 to Rp207,000) (PP 44/2015 Lampiran "
            "II; confidence M)"
        ),
        "JKM: a fixed contribution of Rp6,800 (PP 44/2015)",
        (
            "PP 44/2015: The income table rows of Annex II (Lampiran II) were not obtained; only "
            "1% of income, minimum Rp10,000, maximum Rp207,000 are recorded."
        ),
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total: employer Rp0, worker Rp16,800, total Rp16,800.",
    ],
    "jkm_2022": [
        (
            "JKM benefit (death not caused by a work accident) on 14 July 2022: PP 82/2019 in "
            "force since 2 December 2019."
        ),
        "Lump-sum benefit: Rp20,000,000 (PP 82/2019)",
        "Periodic benefit (paid at once): Rp12,000,000 (PP 82/2019)",
        "Funeral costs: Rp10,000,000 (PP 82/2019)",
        "Cash total: Rp42,000,000.",
        (
            "Scholarship: membership of 4 years 6 months (since 1 January 2018); the minimum of 3 "
            "years (PP 82/2019) is met. At most 2 children × Rp87,000,000 (per child Rp3,000,000 + "
            "Rp9,000,000 + Rp6,000,000 + Rp9,000,000 + Rp60,000,000 by school level); for 1 child: "
            "Rp87,000,000 (PP 82/2019; Permenaker 5/2021)."
        ),
    ],
    "jkm_not_eligible": [
        (
            "JKM benefit (death not caused by a work accident) on 14 July 2022: PP 82/2019 in "
            "force since 2 December 2019."
        ),
        "Lump-sum benefit: Rp20,000,000 (PP 82/2019)",
        "Periodic benefit (paid at once): Rp12,000,000 (PP 82/2019)",
        "Funeral costs: Rp10,000,000 (PP 82/2019)",
        "Cash total: Rp42,000,000.",
        (
            "Scholarship: membership of 0 years 10 months (since 15 August 2021); the minimum of 3 "
            "years (PP 82/2019) is not met. At most 2 children × Rp87,000,000 (per child "
            "Rp3,000,000 + Rp9,000,000 + Rp6,000,000 + Rp9,000,000 + Rp60,000,000 by school "
            "level); for 2 children: Rp0 (PP 82/2019; Permenaker 5/2021)."
        ),
    ],
    "jkm_2016": [
        (
            "JKM benefit (death not caused by a work accident) on 14 July 2016: PP 44/2015 in "
            "force since 1 July 2015."
        ),
        "Lump-sum benefit: Rp16,200,000 (PP 44/2015)",
        "Periodic benefit (paid at once): Rp4,800,000 (PP 44/2015)",
        "Funeral costs: Rp3,000,000 (PP 44/2015)",
        "Cash total: Rp24,000,000.",
        (
            "Scholarship: membership of 0 years 10 months (since 15 August 2015); the minimum "
            "membership on this date is not in the data (a gap; it can be set as Pantau policy), "
            "so eligibility is not decided. At most 1 child × Rp12,000,000; for 1 child: "
            "Rp12,000,000 (PP 44/2015)."
        ),
        (
            "PP 44/2015: The periodic benefit of Rp4,800,000 (REPORT) conflicts with Rp6,000,000 "
            "(REPUB, PASUN); Rp4,800,000 is used because only that value matches the total of "
            "Rp24,000,000."
        ),
    ],
    "jkk_death_raised": [
        (
            "JKK benefit: death from a work accident on 14 July 2022: PP 82/2019 in force since 2 "
            "December 2019."
        ),
        (
            "Death benefit: 48 × the wage Rp400,000 = Rp19,200,000 (PP 82/2019 Lampiran III), "
            "raised to at least the JKM lump-sum benefit Rp20,000,000 (PP 82/2019 Lampiran III; "
            "confidence M; PP 82/2019)"
        ),
        "Funeral costs: Rp10,000,000 (PP 82/2019 Lampiran III; confidence M)",
        "Periodic benefit: Rp12,000,000 (PP 82/2019 Lampiran III; confidence M)",
        "Cash total: Rp42,000,000.",
        (
            "Scholarship: no minimum membership for death or total permanent disability from a "
            "work accident → eligible; at most 2 children × Rp87,000,000 (per child Rp3,000,000 + "
            "Rp9,000,000 + Rp6,000,000 + Rp9,000,000 + Rp60,000,000 by school level) = "
            "Rp174,000,000 (PP 82/2019; Permenaker 5/2021)."
        ),
    ],
    "jkk_death_2016": [
        (
            "JKK benefit: death from a work accident on 14 July 2016: PP 44/2015 in force since 1 "
            "July 2015."
        ),
        (
            "Death benefit: 48 × the wage Rp1,000,000 = Rp48,000,000 (PP 44/2015 Lampiran III; "
            "confidence M)"
        ),
        "Funeral costs: Rp3,000,000 (PP 44/2015 Lampiran III; confidence M)",
        "Periodic benefit: Rp4,800,000 (PP 44/2015 Lampiran III; confidence M)",
        "Cash total: Rp55,800,000.",
        (
            "Scholarship: no minimum membership for death or total permanent disability from a "
            "work accident → eligible; at most 1 child × Rp12,000,000 = Rp12,000,000 (PP 44/2015; "
            "confidence M)."
        ),
    ],
    "jkk_death_not_less": [
        (
            "JKK benefit: death from a work accident on 14 July 2022: PP 82/2019 in force since 2 "
            "December 2019."
        ),
        (
            "Death benefit: 48 × the wage Rp1,000,000 = Rp48,000,000 (PP 82/2019 Lampiran III); "
            "not less than the JKM lump-sum benefit Rp20,000,000 (PP 82/2019 Lampiran III; "
            "confidence M)"
        ),
        "Funeral costs: Rp10,000,000 (PP 82/2019 Lampiran III; confidence M)",
        "Periodic benefit: Rp12,000,000 (PP 82/2019 Lampiran III; confidence M)",
        "Cash total: Rp70,000,000.",
        (
            "Scholarship: no minimum membership for death or total permanent disability from a "
            "work accident → eligible; at most 2 children × Rp87,000,000 (per child Rp3,000,000 + "
            "Rp9,000,000 + Rp6,000,000 + Rp9,000,000 + Rp60,000,000 by school level) = "
            "Rp174,000,000 (PP 82/2019; Permenaker 5/2021)."
        ),
    ],
    "jkk_disability": [
        (
            "JKK benefit: total permanent disability from a work accident on 14 July 2022: PP "
            "82/2019 in force since 2 December 2019."
        ),
        (
            "Permanent total disability benefit: 56 × the wage Rp4,000,000 = Rp224,000,000 (PP "
            "82/2019 Lampiran III)"
        ),
        "Periodic benefit: Rp12,000,000 (PP 82/2019 Lampiran III; confidence M)",
        "Cash total: Rp236,000,000.",
        (
            "Scholarship: no minimum membership for death or total permanent disability from a "
            "work accident → eligible; at most 2 children × Rp87,000,000 (per child Rp3,000,000 + "
            "Rp9,000,000 + Rp6,000,000 + Rp9,000,000 + Rp60,000,000 by school level) = "
            "Rp174,000,000 (PP 82/2019; Permenaker 5/2021)."
        ),
    ],
    "budget_village": [
        (
            "Budget need for village heads and officials in 2027: 1,200 persons × 12 months "
            "(January 2027 to December 2027)."
        ),
        (
            "PU convention, programmes JKK, JKM: Village heads and officials as wage earners (PU): "
            "JKK class 1 (0.24%) + JKM (0.30%) = 0.54% of the fixed allowance (siltap), paid from "
            "the village budget (APBDes, ADD) (praktik daerah: URBAN, KIYON, JATENG; PP 44/2015; "
            "Pantau policy; confidence M)."
        ),
        "Contribution base: monthly wage/siltap per person Rp3,000,000.",
        "Months are counted from January; each month uses the rules in force in that month.",
        "Contribution per person per month, January 2027 to December 2027: Rp16,200",
        "  JKK class 1: 0.24% × Rp3,000,000 = Rp7,200 (PP 44/2015 Pasal 16 ayat (1))",
        "  JKM: 0.30% × Rp3,000,000 = Rp9,000 (PP 44/2015 Pasal 18 ayat (1))",
        (
            "Recomposition of JKK class 1: 0.10% to the JKK fund and 0.14% to JKP (PP 44/2015 "
            "Pasal 16A jo PP 49/2023); the amount paid does not change."
        ),
        (
            "PP 49/2023: The month it came into force is not recorded in the sources; the "
            "recomposition is shown from November 2023, the month of the bulletin (7 November "
            "2023) that already included it."
        ),
        (
            "JKK class 1: Rp7,200 × 1,200 persons × 12 months (January 2027 to December 2027) = "
            "Rp103,680,000 (PP 44/2015 Pasal 16 ayat (1))"
        ),
        (
            "JKM: Rp9,000 × 1,200 persons × 12 months (January 2027 to December 2027) = "
            "Rp129,600,000 (PP 44/2015 Pasal 18 ayat (1))"
        ),
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total budget need: Rp233,280,000 (1,200 persons × 12 months).",
    ],
    "budget_one_month_one_person": [
        "Budget need for RT/RW heads in 2024: 1 person × 1 month (January 2024).",
        (
            "BPU convention, programmes JKK, JKM: RT/RW heads as BPU participants on the minimum "
            "income of Rp1,000,000: JKK Rp10,000 + JKM Rp6,800 = Rp16,800 a month, paid from the "
            "APBD (as in DKI Jakarta) (Kepgub DKI 642/2023, sumber IDNDKI; PP 44/2015; Pantau "
            "policy; confidence M)."
        ),
        "Contribution base: income Rp1,000,000 (Pantau policy default).",
        "Months are counted from January; each month uses the rules in force in that month.",
        "Contribution per person per month, January 2024: Rp16,800",
        (
            "  JKK: 1% × Rp1,000,000 = Rp10,000 (limits Rp10,000 to Rp207,000) (PP 44/2015 "
            "Lampiran II; confidence M)"
        ),
        "  JKM: a fixed contribution of Rp6,800 (PP 44/2015)",
        (
            "PP 44/2015: The income table rows of Annex II (Lampiran II) were not obtained; only "
            "1% of income, minimum Rp10,000, maximum Rp207,000 are recorded."
        ),
        (
            "JKK: Rp10,000 × 1 person × 1 month (January 2024) = Rp10,000 (PP 44/2015 Lampiran II; "
            "confidence M)"
        ),
        "JKM: Rp6,800 × 1 person × 1 month (January 2024) = Rp6,800 (PP 44/2015)",
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total budget need: Rp16,800 (1 person × 1 month).",
    ],
    "budget_pu_cap_change": [
        (
            "Budget need for non-ASN employees in 2022: 10 persons × 4 months (January 2022 to "
            "April 2022)."
        ),
        (
            "PU convention, programmes JKK, JP: Non-ASN employees are enrolled by the Pemda as "
            "wage earners (PU) in JKK, JKM and JHT; contributions are a share of the monthly wage, "
            "JKK risk class 1, paid by the Pemda (the worker's JHT share of 2% is deducted from "
            "the wage) (Permenaker 1/2025 Pasal 3A; PP 44/2015 Pasal 5 ayat (1) huruf a jo PP "
            "49/2023; Pantau policy)."
        ),
        "Contribution base: monthly wage/siltap per person Rp9,500,000.",
        "Months are counted from January; each month uses the rules in force in that month.",
        "Contribution per person per month, January 2022 to February 2022: Rp347,188",
        "  JKK class 3: 0.89% × Rp9,500,000 = Rp84,550 (PP 44/2015 Pasal 16 ayat (1))",
        (
            "  JP: employer 2.00% × Rp8,754,600 = Rp175,092 + worker 1.00% × Rp8,754,600 = "
            "Rp87,546, total Rp262,638 (PP 45/2015 Pasal 28); the wage Rp9,500,000 is capped at "
            "the JP wage cap Rp8,754,600 (turunan rumus PP 45/2015 Pasal 29, PDB 2020 -2,07%; "
            "Pantau policy, not a quotation of a regulation; confidence L; a derived value: "
            "Rp8,939,700 × (1 − 2.07%) rounded down to Rp100)"
        ),
        "Contribution per person per month, March 2022 to April 2022: Rp356,878",
        "  JKK class 3: 0.89% × Rp9,500,000 = Rp84,550 (PP 44/2015 Pasal 16 ayat (1))",
        (
            "  JP: employer 2.00% × Rp9,077,600 = Rp181,552 + worker 1.00% × Rp9,077,600 = "
            "Rp90,776, total Rp272,328 (PP 45/2015 Pasal 28); the wage Rp9,500,000 is capped at "
            "the JP wage cap Rp9,077,600 (PP 45/2015 Pasal 29, penyesuaian Maret 2022; confidence "
            "M)"
        ),
        (
            "The JP wage cap Rp8,754,600 (from March 2021) was not found in the sources; Pantau "
            "derived it with the formula of PP 45/2015 Pasal 29 (Article 29)."
        ),
        (
            "JKK class 3: Rp84,550 × 10 persons × 4 months (January 2022 to April 2022) = "
            "Rp3,382,000 (PP 44/2015 Pasal 16 ayat (1))"
        ),
        (
            "JP: Rp262,638 × 10 persons × 2 months (January 2022 to February 2022) + Rp272,328 × "
            "10 persons × 2 months (March 2022 to April 2022) = Rp10,699,320 (PP 45/2015 Pasal 28; "
            "turunan rumus PP 45/2015 Pasal 29, PDB 2020 -2,07%; Pantau policy, not a quotation of "
            "a regulation; confidence L; PP 45/2015 Pasal 29, penyesuaian Maret 2022; confidence M)"
        ),
        (
            "Rounding: the employer's and the worker's share of each line = rate × base, rounded "
            "to the nearest rupiah (halves up); totals = the sum of the rounded lines."
        ),
        "Total budget need: Rp14,081,320 (10 persons × 4 months).",
    ],
}


# Indonesian words the English working must not contain (citations keep the data files' words:
# "Pasal", "ayat", "Lampiran", "penyesuaian Maret 2020" are not checked).
INDONESIAN = (
    "Upah sebulan", "Jumlah", "bulan", "Bulan", "pemberi kerja", "pekerja", "Iuran", "iuran",
    "dibayar", "s.d.", "Santunan", "santunan", "Beasiswa", "orang", "dinaikkan", "diturunkan",
    "kelas", "Relaksasi", "relaksasi", "Rekomposisi", "Pembulatan", "Manfaat", "berlaku sejak",
    "kebijakan Pantau", "keyakinan", "Konvensi", "Kebutuhan", "Dasar", "penghasilan sebulan",
    "anak", "tidak", "sebelum", "menurut", "Biaya", "didanai", "ditangguhkan", "tetap",
)  # fmt: skip


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_the_english_working_line_for_line(case):
    assert CALLS[case]().working("en") == EXPECTED[case]


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_the_english_working_has_no_indonesian_words_or_numbers(case):
    result = CALLS[case]()
    english = result.working("en")
    assert len(english) == len(result.working())
    for line in english:
        words = [word for word in INDONESIAN if re.search(rf"(?<![\w-]){re.escape(word)}", line)]
        assert not words, (words, line)
        assert not re.search(r"Rp\d{1,3}\.\d{3}", line), line  # Indonesian thousands
        assert not re.search(r"\b(19|20)\d\d-\d\d\b", line), line  # ISO months


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_the_indonesian_working_is_the_default_and_language_id(case):
    result = CALLS[case]()
    assert result.working() == result.working("id") == [text.id for text in result.working_text()]
    assert result.working("en") == [text.en for text in result.working_text()]
    assert result.working("en-gb") == result.working("en")
