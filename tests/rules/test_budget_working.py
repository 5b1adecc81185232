"""A budget's working, its JSON shape and the category defaults, word for word."""

from __future__ import annotations

import shutil

import pytest

from pantau.rules import api, schedules

ROUNDING = (
    "Pembulatan: bagian pemberi kerja dan bagian pekerja tiap baris = tarif × dasar, dibulatkan "
    "ke rupiah terdekat (setengah ke atas); jumlah = penjumlahan baris yang sudah dibulatkan."
)
JKK_3 = "  JKK kelas 3: 0,89% × Rp20.000.000 = Rp178.000 (PP 44/2015 Pasal 16 ayat (1))"
JKM = "  JKM: 0,30% × Rp20.000.000 = Rp60.000 (PP 44/2015 Pasal 18 ayat (1))"
CAP_2025 = "PP 45/2015 Pasal 29, penyesuaian Maret 2025; keyakinan M"
CAP_2026 = (
    "PP 45/2015 Pasal 29 ayat (3); surat BPJS Ketenagakerjaan B/1226/022026 (25 Februari 2026), "
    "penyesuaian Maret 2026; keyakinan M"
)
NON_ASN_BASIS = (
    "Pegawai Non ASN didaftarkan Pemda sebagai peserta penerima upah (PU) dalam JKK, JKM dan JHT; "
    "iuran dihitung dari upah bulanan, JKK kelas risiko 1, dibayar Pemda (bagian pekerja JHT 2% "
    "dipotong dari upah) (Permenaker 1/2025 Pasal 3A; PP 44/2015 Pasal 5 ayat (1) huruf a jo "
    "PP 49/2023; kebijakan Pantau)."
)

NON_ASN_2026 = [
    "Kebutuhan anggaran untuk pegawai Non ASN tahun 2026: 2 orang × 4 bulan "
    "(2026-01 s.d. 2026-04).",
    f"Konvensi PU, program JKK, JKM, JP: {NON_ASN_BASIS}",
    "Dasar iuran: upah/siltap sebulan per orang Rp20.000.000.",
    "Bulan dihitung dari Januari; setiap bulan memakai aturan yang berlaku pada bulan itu.",
    "Iuran per orang sebulan, 2026-01 s.d. 2026-02: Rp554.422",
    JKK_3,
    JKM,
    "  JP: pemberi kerja 2,00% × Rp10.547.400 = Rp210.948 + pekerja 1,00% × Rp10.547.400 = "
    "Rp105.474, jumlah Rp316.422 (PP 45/2015 Pasal 28); upah Rp20.000.000 dibatasi batas upah JP "
    f"Rp10.547.400 ({CAP_2025})",
    "Iuran per orang sebulan, 2026-03 s.d. 2026-04: Rp570.589",
    JKK_3,
    JKM,
    "  JP: pemberi kerja 2,00% × Rp11.086.300 = Rp221.726 + pekerja 1,00% × Rp11.086.300 = "
    "Rp110.863, jumlah Rp332.589 (PP 45/2015 Pasal 28); upah Rp20.000.000 dibatasi batas upah JP "
    f"Rp11.086.300 ({CAP_2026})",
    "Rekomposisi JKK kelas 3: 0,75% ke dana JKK dan 0,14% ke JKP (PP 44/2015 Pasal 16A jo "
    "PP 49/2023); jumlah yang dibayar tidak berubah.",
    "PP 45/2015 Pasal 29: Nilai Maret 2025 dari kalkulator publik dan penurunan rumus, belum dari "
    "pengumuman resmi.",
    "PP 45/2015 Pasal 29: Nilai Maret 2026 dari surat BPJS Ketenagakerjaan B/1226/022026 "
    "sebagaimana dikutip kode penggajian publik; salinan resmi surat belum dibaca.",
    "JKK kelas 3: Rp178.000 × 2 orang × 4 bulan (2026-01 s.d. 2026-04) = Rp1.424.000 "
    "(PP 44/2015 Pasal 16 ayat (1))",
    "JKM: Rp60.000 × 2 orang × 4 bulan (2026-01 s.d. 2026-04) = Rp480.000 "
    "(PP 44/2015 Pasal 18 ayat (1))",
    "JP: Rp316.422 × 2 orang × 2 bulan (2026-01 s.d. 2026-02) + Rp332.589 × 2 orang × 2 bulan "
    "(2026-03 s.d. 2026-04) = Rp2.596.044 (PP 45/2015 Pasal 28; "
    f"{CAP_2025}; {CAP_2026})",
    ROUNDING,
    "Jumlah kebutuhan anggaran: Rp4.500.044 (2 orang × 4 bulan).",
]

VILLAGE_BPU_2024 = [
    "Kebutuhan anggaran untuk kepala dan perangkat desa tahun 2024: 3 orang × 2 bulan "
    "(2024-01 s.d. 2024-02).",
    "Konvensi BPU, program JKK, JKM: Konvensi lain: paket BPU pada penghasilan minimum "
    "Rp1.000.000 (JKK Rp10.000 + JKM Rp6.800 = Rp16.800 sebulan) (paket minimum BPU: BPJSNEWS, "
    "IDNDKI; PP 44/2015; kebijakan Pantau; keyakinan M).",
    "Dasar iuran: penghasilan sebulan per orang Rp1.500.000 (diisi).",
    "Bulan dihitung dari Januari; setiap bulan memakai aturan yang berlaku pada bulan itu.",
    "Iuran per orang sebulan, 2024-01 s.d. 2024-02: Rp21.800",
    "  JKK: 1% × Rp1.500.000 = Rp15.000 (batas Rp10.000 s.d. Rp207.000) "
    "(PP 44/2015 Lampiran II; keyakinan M)",
    "  JKM: iuran tetap Rp6.800 (PP 44/2015)",
    "PP 44/2015: Baris tabel penghasilan Lampiran II tidak diperoleh; yang tercatat hanya 1% "
    "penghasilan, minimum Rp10.000, maksimum Rp207.000.",
    "JKK: Rp15.000 × 3 orang × 2 bulan (2024-01 s.d. 2024-02) = Rp90.000 "
    "(PP 44/2015 Lampiran II; keyakinan M)",
    "JKM: Rp6.800 × 3 orang × 2 bulan (2024-01 s.d. 2024-02) = Rp40.800 (PP 44/2015)",
    ROUNDING,
    "Jumlah kebutuhan anggaran: Rp130.800 (3 orang × 2 bulan).",
]


@pytest.mark.parametrize(
    ("arguments", "options", "working"),
    [
        (
            ("non_asn", 2, 2026),
            {"wage": 20_000_000, "programs": "jkk,jkm,jp", "risk_class": 3, "months": 4},
            NON_ASN_2026,
        ),
        (
            ("village_official", 3, 2024),
            {"segment": "bpu", "months": 2, "wage": 1_500_000},
            VILLAGE_BPU_2024,
        ),
    ],
)
def test_the_working_word_for_word(arguments, options, working):
    assert api.budget(*arguments, **options).working() == working


def test_a_single_month_is_named_alone():
    working = api.budget("rt_rw", 1, 2024, months=1).working()
    assert working[0] == (
        "Kebutuhan anggaran untuk ketua RT/RW tahun 2024: 1 orang × 1 bulan (2024-01)."
    )
    assert working[4] == "Iuran per orang sebulan, 2024-01: Rp16.800"
    assert working[-2:] == [ROUNDING, "Jumlah kebutuhan anggaran: Rp16.800 (1 orang × 1 bulan)."]
    assert api.budget("rt_rw", 1, 2024, months=1).lines[1].basis == (
        "JKM: Rp6.800 × 1 orang × 1 bulan (2024-01) = Rp6.800 (PP 44/2015)"
    )


def test_the_json_of_a_budget_word_for_word():
    budget = api.budget("non_asn", 2, 2026, wage=20_000_000, programs="jkk,jkm,jp", months=4)
    lines = NON_ASN_2026[-5:-2]
    assert budget.as_dict() == {
        "per_person_month": 554_422 - 178_000 + 48_000,  # JKK class 1: 0.24%
        "months": 4,
        "persons": 2,
        "total": 4_500_044 - 2 * 4 * (178_000 - 48_000),
        "lines": [
            {
                "program": "jkk",
                "per_person_month": 48_000,
                "total": 384_000,
                "basis": "JKK kelas 1: Rp48.000 × 2 orang × 4 bulan (2026-01 s.d. 2026-04) = "
                "Rp384.000 (PP 44/2015 Pasal 16 ayat (1))",
            },
            {"program": "jkm", "per_person_month": 60_000, "total": 480_000, "basis": lines[1]},
            {"program": "jp", "per_person_month": 316_422, "total": 2_596_044, "basis": lines[2]},
        ],
        "category": "non_asn",
        "year": 2026,
        "segment": "pu",
        "programs": ["jkk", "jkm", "jp"],
        "warnings": [],
    }


def test_warnings_are_listed_once_for_all_months():
    budget = api.budget("non_asn", 1, 2027, wage=20_000_000, programs="jp")
    assert len(budget.warnings) == 1  # March to December: the same unknown cap
    message_id, message_en = budget.warnings[0]
    assert "2027-03" in message_id and message_en != message_id
    assert budget.as_dict()["warnings"] == [message_id]


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        (
            "vulnerable",
            {
                "category": "vulnerable",
                "segment": "bpu",
                "programs": ["jkk", "jkm"],
                "risk_class": 1,
                "wage_basis": 1_000_000,
                "basis": "Pekerja rentan sebagai peserta BPU pada penghasilan minimum "
                "Rp1.000.000: JKK Rp10.000 + JKM Rp6.800 = Rp16.800 sebulan, dibayar APBD "
                "(Inpres 2/2021; paket minimum BPU: BPJSNEWS, IDNDKI, GHBPU; kebijakan Pantau).",
            },
        ),
        (
            "village_official",
            {
                "category": "village_official",
                "segment": "pu",
                "programs": ["jkk", "jkm"],
                "risk_class": 1,
                "wage_basis": "monthly_income",
                "basis": "Kepala dan perangkat desa sebagai peserta penerima upah (PU): JKK kelas "
                "1 (0,24%) + JKM (0,30%) = 0,54% dari penghasilan tetap (siltap), dibayar dari "
                "APBDes (ADD) (praktik daerah: URBAN, KIYON, JATENG; PP 44/2015; kebijakan "
                "Pantau; keyakinan M).",
            },
        ),
    ],
)
def test_the_category_default_word_for_word(category, expected):
    default = api.default_programs(category)
    assert default.as_dict() == expected
    assert default.programs == tuple(expected["programs"])


@pytest.mark.parametrize(
    ("call", "argument", "message_id", "message_en"),
    [
        (
            lambda: api.budget("non_asn", 1, 2025, wage=3_000_000, segment="bpu"),
            "--segment",
            "Kategori non_asn tidak punya konvensi BPU dalam kebijakan Pantau (pilihan: pu).",
            "Category non_asn has no BPU convention in Pantau policy (choices: pu).",
        ),
        (
            lambda: api.budget("non_asn", 1, 2025),
            "--wage",
            "Upah atau siltap sebulan per orang wajib diisi: untuk non_asn (PU) iuran dihitung "
            "dari upah bulanan.",
            "The monthly wage (or siltap) per person is required: for non_asn (PU) contributions "
            "are a share of the monthly wage.",
        ),
        (
            lambda: api.budget("rt_rw", 1, 2025, segment="pu"),
            "--wage",
            "Upah atau siltap sebulan per orang wajib diisi: untuk rt_rw (PU) iuran dihitung "
            "dari upah bulanan.",
            "The monthly wage (or siltap) per person is required: for rt_rw (PU) contributions "
            "are a share of the monthly wage.",
        ),
    ],
)
def test_budget_refusals_word_for_word(call, argument, message_id, message_en):
    with pytest.raises(api.RuleError) as refused:
        call()
    error = refused.value
    assert (error.argument, error.message_id, error.message_en) == (
        argument,
        message_id,
        message_en,
    )


def test_a_month_refusal_names_the_year_and_keeps_its_words():
    with pytest.raises(api.RuleError) as month:
        api.contribution("bpu", "2015-01", "jkk,jkm", income=1_000_000)
    with pytest.raises(api.RuleError) as year:
        api.budget("vulnerable", 1, 2015)
    assert (month.value.argument, year.value.argument) == ("--month", "--year")
    assert year.value.message_id == month.value.message_id
    assert year.value.message_en == month.value.message_en


def test_an_income_refusal_names_the_wage():
    with pytest.raises(api.RuleError) as income:
        api.contribution("bpu", "2024-01", "jkk,jp", income=1_000_000)
    with pytest.raises(api.RuleError) as budget:
        api.budget("vulnerable", 1, 2024, programs="jkk,jp")
    assert budget.value.argument == income.value.argument == "--programs"
    assert budget.value.message_en == income.value.message_en


def test_annual_costs_of_repeated_and_missing_wages():
    costs = api.annual_costs("non_asn", 2026, [3_000_000, None, 3_000_000, 20_000_000], months=4)
    assert costs == {
        3_000_000: api.budget("non_asn", 1, 2026, wage=3_000_000, months=4).total,
        None: None,
        20_000_000: api.budget("non_asn", 1, 2026, wage=20_000_000, months=4).total,
    }
    bpu = api.annual_costs("vulnerable", 2020, [None, 1_500_000], programs="jkk", risk_class=1)
    assert bpu == {None: 7 * 10_000 + 5 * 100, 1_500_000: 7 * 15_000 + 5 * 150}


def test_only_the_final_full_stop_of_a_basis_gives_way_to_the_citation(tmp_path):
    for directory in schedules.SHIPPED_DIRECTORIES:
        for path in directory.glob("*.toml"):
            shutil.copy(path, tmp_path / path.name)
    policy = tmp_path / "category-defaults.toml"
    text = policy.read_text(encoding="utf-8")
    old = '= Rp16.800 sebulan, dibayar APBD."'
    assert old in text
    policy.write_text(text.replace(old, '= Rp16.800 sebulan, golongan IX."', 1), encoding="utf-8")
    with schedules.using(schedules.load([tmp_path], shipped=False)):
        basis = api.default_programs("vulnerable").basis
    assert basis.endswith(
        "sebulan, golongan IX (Inpres 2/2021; paket minimum BPU: BPJSNEWS, IDNDKI, GHBPU; "
        "kebijakan Pantau)."
    )


def test_annual_costs_under_another_convention():
    # RT/RW heads are BPU by default; under the PU convention 0.54% × 1,500,000 = 8,100.
    assert api.annual_costs("rt_rw", 2024, [1_500_000], segment="pu") == {1_500_000: 12 * 8_100}
    assert api.annual_costs("rt_rw", 2024, [1_500_000]) == {1_500_000: 12 * 21_800}


@pytest.mark.parametrize(
    ("category", "year", "options"),
    [
        ("vulnerable", 2015, {}),  # January 2015 is before PP 44/2015
        ("vulnerable", 2024, {"programs": "jkk,jp"}),  # no JP for non-wage earners
        ("non_asn", 2015, {"wage": 3_000_000}),
    ],
)
def test_annual_costs_are_none_where_a_budget_is_refused(category, year, options):
    wage = options.pop("wage", 1_000_000)
    with pytest.raises(api.RuleError):
        api.budget(category, 1, year, wage=wage, **options)
    assert api.annual_costs(category, year, [wage], **options) == {wage: None}
