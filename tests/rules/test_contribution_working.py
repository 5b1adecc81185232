"""A contribution's working, line for line: header, each programme's basis, notes, totals.

The amounts are those of docs/rules.md (rates of PP 44/2015, 45/2015, 46/2015, 37/2021,
6/2025; the JP caps; the PP 49/2020 relief), worked out by hand in the comments.
"""

from __future__ import annotations

import pytest

from pantau.rules import api

CONVENTION = (
    "Aturan dipilih per bulan iuran: peraturan yang mulai berlaku di tengah bulan berlaku "
    "untuk iuran seluruh bulan itu."
)
ROUNDING = (
    "Pembulatan: bagian pemberi kerja dan bagian pekerja tiap baris = tarif × dasar, "
    "dibulatkan ke rupiah terdekat (setengah ke atas); jumlah = penjumlahan baris yang sudah "
    "dibulatkan."
)
PU_HEADER = ["Iuran peserta penerima upah (PU) untuk bulan {}.", "Upah sebulan: {}.", CONVENTION]
BPU_HEADER = [
    "Iuran peserta bukan penerima upah (BPU) untuk bulan {}; peserta membayar sendiri atau "
    "dibayarkan (mis. oleh Pemda), dicatat pada kolom pekerja.",
    CONVENTION,
]
PP_37_2021 = (
    "PP 37/2021: Bulan mulai 2021-02: PP 37/2021 ditetapkan 2 Februari 2021 dan berlaku sejak "
    "diundangkan (sumber berita, bukan salinan resmi)."
)
PP_49_2023 = (
    "PP 49/2023: Bulan mulai berlakunya tidak tercatat di sumber; rekomposisi ditampilkan mulai "
    "2023-11, bulan buletin (7 November 2023) yang sudah memuatnya."
)
BPU_BASIS = (
    "Penghasilan dilaporkan: {0}; dasar iuran: {0} (penghasilan yang dilaporkan; tabel PP "
    "44/2015 Lampiran II belum diperoleh; kebijakan Pantau, bukan kutipan peraturan; "
    "keyakinan M)."
)
BPU_TABLE = (
    "PP 44/2015: Baris tabel penghasilan Lampiran II tidak diperoleh; yang tercatat hanya 1% "
    "penghasilan, minimum Rp10.000, maksimum Rp207.000."
)
RELIEF_PERIOD = "Relaksasi PP 49/2020 berlaku untuk iuran bulan 2020-08 s.d. 2021-01."


def pu_header(month: str, wage: str) -> list[str]:
    return [PU_HEADER[0].format(month), PU_HEADER[1].format(wage), CONVENTION]


CASES = {
    # Class 3 JKK 0,89% × 12.000.000 = 106.800; JKM 0,30% = 36.000; JHT 3,70% + 2,00%;
    # JP on the March 2022 cap 9.077.600 (2% = 181.552, 1% = 90.776); JKP costs nothing.
    "pu_all_programmes_2022": (
        dict(segment="pu", month="2022-07", programs="jkk,jkm,jht,jp,jkp", wage=12_000_000,
             risk_class=3),
        [
            *pu_header("2022-07", "Rp12.000.000"),
            "JKK kelas 3: 0,89% × Rp12.000.000 = Rp106.800 (PP 44/2015 Pasal 16 ayat (1))",
            "JKM: 0,30% × Rp12.000.000 = Rp36.000 (PP 44/2015 Pasal 18 ayat (1))",
            "JHT: pemberi kerja 3,70% × Rp12.000.000 = Rp444.000 + pekerja 2,00% × "
            "Rp12.000.000 = Rp240.000, jumlah Rp684.000 (PP 46/2015 Pasal 16 ayat (1) jo PP "
            "60/2015)",
            "JP: pemberi kerja 2,00% × Rp9.077.600 = Rp181.552 + pekerja 1,00% × Rp9.077.600 = "
            "Rp90.776, jumlah Rp272.328 (PP 45/2015 Pasal 28); upah Rp12.000.000 dibatasi batas "
            "upah JP Rp9.077.600 (PP 45/2015 Pasal 29, penyesuaian Maret 2022; keyakinan M)",
            "JKP: pemberi kerja Rp0, pekerja Rp0 (tidak dibayar peserta); didanai pemerintah "
            "pusat 0,22% + rekomposisi iuran JKK 0,14% + rekomposisi iuran JKM 0,10% = 0,46% "
            "dari upah (PP 37/2021 Pasal 11)",
            PP_37_2021,
            ROUNDING,
            "Jumlah: pemberi kerja Rp768.352, pekerja Rp330.776, total Rp1.099.128.",
        ],
    ),
    # PP 49/2020: JKK 9.600 and JKM 12.000 at 1% (96, 120); JP 120.000 stays owed, 99%
    # (118.800) deferred, 1.200 paid for the month.
    "pu_relief_2020": (
        dict(segment="pu", month="2020-09", programs="jkk,jkm,jp", wage=4_000_000),
        [
            *pu_header("2020-09", "Rp4.000.000"),
            "JKK kelas 1: 0,24% × Rp4.000.000 = Rp9.600 (PP 44/2015 Pasal 16 ayat (1)); "
            "relaksasi: diskon 99%, dibayar 1% = Rp96 (PP 49/2020 Pasal 3 ayat (2) huruf b)",
            "JKM: 0,30% × Rp4.000.000 = Rp12.000 (PP 44/2015 Pasal 18 ayat (1)); relaksasi: "
            "diskon 99%, dibayar 1% = Rp120 (PP 49/2020 Pasal 9)",
            "JP: pemberi kerja 2,00% × Rp4.000.000 = Rp80.000 + pekerja 1,00% × Rp4.000.000 = "
            "Rp40.000, jumlah Rp120.000 (PP 45/2015 Pasal 28); upah Rp4.000.000 tidak melebihi "
            "batas upah JP Rp8.939.700 (PP 45/2015 Pasal 29, penyesuaian Maret 2020; keyakinan "
            "M); relaksasi: 99% (Rp118.800) ditangguhkan, dibayar untuk bulan ini Rp1.200; "
            "jumlah di atas tetap terutang (PP 49/2020 Pasal 17 ayat (2) huruf b)",
            RELIEF_PERIOD,
            "PP 49/2020: Iuran JP yang ditunda tetap terutang; pelunasan 15 Mei 2021 s.d. 15 "
            "April 2022.",
            ROUNDING,
            "Jumlah: pemberi kerja Rp80.216, pekerja Rp40.000, total Rp120.216.",
        ],
    ),
    # The JP cap from March 2027 is not known: the March 2026 cap 11.086.300 carries on.
    "pu_jp_carried_cap_2027": (
        dict(segment="pu", month="2027-04", programs="jp", wage=12_000_000),
        [
            *pu_header("2027-04", "Rp12.000.000"),
            "JP: pemberi kerja 2,00% × Rp11.086.300 = Rp221.726 + pekerja 1,00% × Rp11.086.300 "
            "= Rp110.863, jumlah Rp332.589 (PP 45/2015 Pasal 28); upah Rp12.000.000 dibatasi "
            "batas upah JP Rp11.086.300 (batas upah JP terakhir diteruskan; kebijakan Pantau, "
            "bukan kutipan peraturan; keyakinan L; batas mulai 2027-03 belum diketahui, dipakai "
            "batas sejak 2026-03)",
            "Batas upah JP mulai 2027-03 belum diketahui: Pantau memakai batas terakhir "
            "Rp11.086.300 (berlaku sejak 2026-03) sebagai kebijakan yang dapat diganti "
            "(jp-wage-cap-carry-forward.toml).",
            ROUNDING,
            "Jumlah: pemberi kerja Rp221.726, pekerja Rp110.863, total Rp332.589.",
        ],
    ),
    # The March 2018 cap 8.094.000 is derived (policy): 7.703.500 × 1,0507 to Rp100 below.
    "pu_jp_derived_cap_2018": (
        dict(segment="pu", month="2018-04", programs="jp", wage=5_000_000),
        [
            *pu_header("2018-04", "Rp5.000.000"),
            "JP: pemberi kerja 2,00% × Rp5.000.000 = Rp100.000 + pekerja 1,00% × Rp5.000.000 = "
            "Rp50.000, jumlah Rp150.000 (PP 45/2015 Pasal 28); upah Rp5.000.000 tidak melebihi "
            "batas upah JP Rp8.094.000 (turunan rumus PP 45/2015 Pasal 29, PDB 2017 5,07%; "
            "kebijakan Pantau, bukan kutipan peraturan; keyakinan L; nilai turunan: Rp7.703.500 "
            "× (1 + 5,07%) dibulatkan ke bawah ke Rp100)",
            "Batas upah JP Rp8.094.000 (mulai 2018-03) tidak ditemukan dalam sumber; nilainya "
            "diturunkan Pantau dengan rumus PP 45/2015 Pasal 29.",
            ROUNDING,
            "Jumlah: pemberi kerja Rp100.000, pekerja Rp50.000, total Rp150.000.",
        ],
    ),
    # The 2021 cap 8.754.600 is derived from a fall of GDP (−2,07%).
    "pu_jp_derived_cap_after_a_fall_2021": (
        dict(segment="pu", month="2021-03", programs="jp", wage=9_000_000),
        [
            *pu_header("2021-03", "Rp9.000.000"),
            "JP: pemberi kerja 2,00% × Rp8.754.600 = Rp175.092 + pekerja 1,00% × Rp8.754.600 = "
            "Rp87.546, jumlah Rp262.638 (PP 45/2015 Pasal 28); upah Rp9.000.000 dibatasi batas "
            "upah JP Rp8.754.600 (turunan rumus PP 45/2015 Pasal 29, PDB 2020 -2,07%; kebijakan "
            "Pantau, bukan kutipan peraturan; keyakinan L; nilai turunan: Rp8.939.700 × (1 − "
            "2,07%) dibulatkan ke bawah ke Rp100)",
            "Batas upah JP Rp8.754.600 (mulai 2021-03) tidak ditemukan dalam sumber; nilainya "
            "diturunkan Pantau dengan rumus PP 45/2015 Pasal 29.",
            ROUNDING,
            "Jumlah: pemberi kerja Rp175.092, pekerja Rp87.546, total Rp262.638.",
        ],
    ),
    # PP 49/2023 recomposition: class 1 JKK 0,24% = 0,10% fund + 0,14% JKP; JKM 0,20% + 0,10%.
    "pu_recomposition_2024": (
        dict(segment="pu", month="2024-01", programs="jkk,jkm,jkp", wage=5_000_000),
        [
            *pu_header("2024-01", "Rp5.000.000"),
            "JKK kelas 1: 0,24% × Rp5.000.000 = Rp12.000 (PP 44/2015 Pasal 16 ayat (1))",
            "JKM: 0,30% × Rp5.000.000 = Rp15.000 (PP 44/2015 Pasal 18 ayat (1))",
            "JKP: pemberi kerja Rp0, pekerja Rp0 (tidak dibayar peserta); didanai pemerintah "
            "pusat 0,22% + rekomposisi iuran JKK 0,14% + rekomposisi iuran JKM 0,10% = 0,46% "
            "dari upah (PP 37/2021 Pasal 11)",
            "Rekomposisi JKK kelas 1: 0,10% ke dana JKK dan 0,14% ke JKP (PP 44/2015 Pasal 16A "
            "jo PP 49/2023); jumlah yang dibayar tidak berubah.",
            PP_49_2023,
            "Rekomposisi JKM: 0,20% ke dana JKM dan 0,10% ke JKP (PP 44/2015 Pasal 18A jo PP "
            "49/2023); jumlah yang dibayar tidak berubah.",
            PP_37_2021,
            ROUNDING,
            "Jumlah: pemberi kerja Rp27.000, pekerja Rp0, total Rp27.000.",
        ],
    ),
    # PP 6/2025: JKP 0,22% + 0,14% = 0,36%, no JKM share and no JKM recomposition line.
    "pu_recomposition_2025": (
        dict(segment="pu", month="2025-03", programs="jkk,jkm,jkp", wage=5_000_000),
        [
            *pu_header("2025-03", "Rp5.000.000"),
            "JKK kelas 1: 0,24% × Rp5.000.000 = Rp12.000 (PP 44/2015 Pasal 16 ayat (1))",
            "JKM: 0,30% × Rp5.000.000 = Rp15.000 (PP 44/2015 Pasal 18 ayat (1))",
            "JKP: pemberi kerja Rp0, pekerja Rp0 (tidak dibayar peserta); didanai pemerintah "
            "pusat 0,22% + rekomposisi iuran JKK 0,14% = 0,36% dari upah (PP 37/2021 Pasal 11 "
            "jo PP 6/2025)",
            "Rekomposisi JKK kelas 1: 0,10% ke dana JKK dan 0,14% ke JKP (PP 44/2015 Pasal 16A "
            "jo PP 49/2023); jumlah yang dibayar tidak berubah.",
            PP_49_2023,
            "PP 6/2025: Berlaku 7 Februari 2025, jadi menurut konvensi bulan Pantau untuk iuran "
            "sejak Februari 2025; PP 6/2025 tidak menyebut bagian rekomposisi JKM (0,22% + 0,14% "
            "= 0,36%).",
            ROUNDING,
            "Jumlah: pemberi kerja Rp27.000, pekerja Rp0, total Rp27.000.",
        ],
    ),
    # BPU in relief: JKK 1% × 30.000.000 = 300.000 lowered to 207.000, then 1% = 2.070;
    # JKM 6.800 → 68; JHT 2% = 600.000 (not relieved).
    "bpu_relief_above_the_jkk_maximum_2020": (
        dict(segment="bpu", month="2020-09", programs="jkk,jkm,jht", income=30_000_000),
        [
            BPU_HEADER[0].format("2020-09"),
            CONVENTION,
            BPU_BASIS.format("Rp30.000.000"),
            "JKK: 1% × Rp30.000.000 = Rp300.000, diturunkan ke batas atas Rp207.000 (PP 44/2015 "
            "Lampiran II; keyakinan M); relaksasi: diskon 99%, dibayar 1% = Rp2.070 (PP 49/2020 "
            "Pasal 3 ayat (2) huruf b)",
            "JKM: iuran tetap Rp6.800 (PP 44/2015); relaksasi: diskon 99%, dibayar 1% = Rp68 (PP "
            "49/2020 Pasal 9)",
            "JHT: 2% × Rp30.000.000 = Rp600.000 (PP 46/2015; keyakinan M)",
            BPU_TABLE,
            RELIEF_PERIOD,
            ROUNDING,
            "Jumlah: pemberi kerja Rp0, pekerja Rp602.138, total Rp602.138.",
        ],
    ),
    # JKK 1% × 1.500.000 = 15.000, inside Rp10.000–207.000.
    "bpu_within_the_jkk_limits_2024": (
        dict(segment="bpu", month="2024-01", programs="jkk,jkm,jht", income=1_500_000),
        [
            BPU_HEADER[0].format("2024-01"),
            CONVENTION,
            BPU_BASIS.format("Rp1.500.000"),
            "JKK: 1% × Rp1.500.000 = Rp15.000 (batas Rp10.000 s.d. Rp207.000) (PP 44/2015 "
            "Lampiran II; keyakinan M)",
            "JKM: iuran tetap Rp6.800 (PP 44/2015)",
            "JHT: 2% × Rp1.500.000 = Rp30.000 (PP 46/2015; keyakinan M)",
            BPU_TABLE,
            ROUNDING,
            "Jumlah: pemberi kerja Rp0, pekerja Rp51.800, total Rp51.800.",
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("arguments", "working"), CASES.values(), ids=CASES.keys())
def test_the_working_reads_line_for_line(arguments, working):
    assert api.contribution(**arguments).working() == working
