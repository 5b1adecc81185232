"""A result in English: `as_dict("en")` names components and says each basis in English, the
default stays Bahasa Indonesia (the CLI's and the scripts' JSON), and `pantau rules explain
… --language en` prints the English working."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from pantau.rules import api


def test_a_contributions_lines_in_english():
    result = api.contribution("pu", "2022-07", "jkk,jkm", wage=5_000_000, risk_class=1)
    assert [line["basis"] for line in result.as_dict("en")["lines"]] == [
        "JKK class 1: 0.24% × Rp5,000,000 = Rp12,000 (PP 44/2015 Pasal 16 ayat (1))",
        "JKM: 0.30% × Rp5,000,000 = Rp15,000 (PP 44/2015 Pasal 18 ayat (1))",
    ]
    assert [line["basis"] for line in result.as_dict()["lines"]] == [
        "JKK kelas 1: 0,24% × Rp5.000.000 = Rp12.000 (PP 44/2015 Pasal 16 ayat (1))",
        "JKM: 0,30% × Rp5.000.000 = Rp15.000 (PP 44/2015 Pasal 18 ayat (1))",
    ]
    english, indonesian = result.as_dict("en"), result.as_dict("id")
    for data in (english, indonesian):
        for line in data["lines"]:
            del line["basis"]
    assert english == indonesian  # the numbers do not depend on the language
    assert result.line("jkk").basis_en == english_basis(result, "jkk")


def english_basis(result, program):
    return next(line for line in result.as_dict("en")["lines"] if line["program"] == program)[
        "basis"
    ]


def test_a_benefits_components_in_english():
    result = api.jkk_disability_benefit(4_000_000, "2022-07-14")
    assert [(item["name"], item["basis"]) for item in result.as_dict("en")["components"]] == [
        (
            "Permanent total disability benefit",
            "Permanent total disability benefit: 56 × the wage Rp4,000,000 = Rp224,000,000 "
            "(PP 82/2019 Lampiran III)",
        ),
        ("Periodic benefit",
         "Periodic benefit: Rp12,000,000 (PP 82/2019 Lampiran III; confidence M)"),
    ]  # fmt: skip
    assert [item["name"] for item in result.as_dict()["components"]] == [
        "Santunan cacat total tetap", "Santunan berkala",
    ]  # fmt: skip
    death = api.jkk_death_benefit(1_000_000, "2022-07-14")
    assert [item["name"] for item in death.as_dict("en")["components"]] == [
        "Death benefit", "Funeral costs", "Periodic benefit",
    ]  # fmt: skip
    jkm = api.jkm_benefit("2022-07-14", "2018-01-01", children=1)
    assert [item["name"] for item in jkm.as_dict("en")["components"]] == [
        "Lump-sum benefit", "Periodic benefit", "Funeral costs",
    ]  # fmt: skip
    assert jkm.scholarship_basis == jkm.scholarship.id
    assert jkm.scholarship.en.startswith("Scholarship: membership of 4 years 6 months")


def test_a_budgets_lines_and_default_in_english():
    result = api.budget("rt_rw", 2, 2024, months=2)
    assert [line["basis"] for line in result.as_dict("en")["lines"]] == [
        "JKK: Rp10,000 × 2 persons × 2 months (January 2024 to February 2024) = Rp40,000 "
        "(PP 44/2015 Lampiran II; confidence M)",
        "JKM: Rp6,800 × 2 persons × 2 months (January 2024 to February 2024) = Rp27,200 "
        "(PP 44/2015)",
    ]
    assert result.lines[0].basis_en == result.as_dict("en")["lines"][0]["basis"]
    assert result.as_dict()["lines"][0]["basis"] == (
        "JKK: Rp10.000 × 2 orang × 2 bulan (2024-01 s.d. 2024-02) = Rp40.000 "
        "(PP 44/2015 Lampiran II; keyakinan M)"
    )
    default = api.default_programs("non_asn")
    assert default.as_dict("en")["basis"] == (
        "Non-ASN employees are enrolled by the Pemda as wage earners (PU) in JKK, JKM and JHT; "
        "contributions are a share of the monthly wage, JKK risk class 1, paid by the Pemda (the "
        "worker's JHT share of 2% is deducted from the wage) (Permenaker 1/2025 Pasal 3A; PP "
        "44/2015 Pasal 5 ayat (1) huruf a jo PP 49/2023; Pantau policy)."
    )
    assert default.as_dict()["basis"] == default.basis
    assert default.basis.endswith("jo PP 49/2023; kebijakan Pantau).")


def test_a_budget_for_one_person_and_one_month_in_english_is_singular():
    result = api.budget("non_asn", 1, 2024, months=1, wage=3_000_000)
    assert result.working("en")[0] == (
        "Budget need for non-ASN employees in 2024: 1 person × 1 month (January 2024)."
    )
    # JKK 0.24% (7,200) + JKM 0.30% (9,000) + JHT 3.70% + 2% (171,000) of Rp3,000,000
    assert result.working("en")[-1] == "Total budget need: Rp187,200 (1 person × 1 month)."


def explain(*args: str) -> list[str]:
    out = StringIO()
    call_command("rules", "explain", *args, stdout=out)
    return out.getvalue().splitlines()


def test_explain_prints_the_working_in_english_on_request():
    arguments = ["benefit", "jkm", "--death-date", "2022-07-14", "--membership-start",
                 "2018-01-01", "--children", "1"]  # fmt: skip
    english = explain(*arguments, "--language", "en")
    assert english[0] == (
        "JKM benefit (death not caused by a work accident) on 14 July 2022: PP 82/2019 in force "
        "since 2 December 2019."
    )
    indonesian = explain(*arguments)
    assert indonesian[0] == (
        "Manfaat JKM (meninggal bukan karena kecelakaan kerja) pada 2022-07-14: PP 82/2019 "
        "berlaku sejak 2019-12-02."
    )
    assert explain(*arguments, "--language", "id") == indonesian
    assert len(english) == len(indonesian)


def test_the_contribution_base_of_a_budget_in_both_languages():
    default = api.budget("rt_rw", 1, 2024, months=1)
    assert (default.header[2].id, default.header[2].en) == (
        "Dasar iuran: penghasilan Rp1.000.000 (bawaan kebijakan Pantau).",
        "Contribution base: income Rp1,000,000 (Pantau policy default).",
    )
    given = api.budget("village_official", 3, 2024, months=2, segment="bpu", wage=1_500_000)
    assert given.working("en")[:3] == [
        "Budget need for village heads and officials in 2024: 3 persons × 2 months (January "
        "2024 to February 2024).",
        "BPU convention, programmes JKK, JKM: Another convention: the BPU package on the minimum "
        "income of Rp1,000,000 (JKK Rp10,000 + JKM Rp6,800 = Rp16,800 a month) (paket minimum "
        "BPU: BPJSNEWS, IDNDKI; PP 44/2015; Pantau policy; confidence M).",
        "Contribution base: monthly income per person Rp1,500,000 (as entered).",
    ]
