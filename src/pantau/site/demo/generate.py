"""Synthetic worker lists and membership extracts, for demos, tests and benchmarks.

`generate_files(out)` writes, in the canonical formats of `pantau.ingest.formats`
(CSV, UTF-8, comma separated, header = canonical column names):

- `out/workers/<pemda>_<category>_<year>.csv`: the lists a Pemda sends. Every province and
  regency/city lists its `non_asn` staff, every regency (kabupaten) its `village_official`s,
  every city (kota) its `rt_rw` heads, and a fixed pseudo-random quarter of the
  regencies/cities their `vulnerable` workers.
- `out/members/members_<YYYY-MM>.csv`: the BPJS Ketenagakerjaan extract at each as-of month:
  a share of the listed persons (paid by APBD/APBDes, some lapsed) plus workers on no list
  (employer-paid PU, self-paid BPU, JAKON, PMI).
- `out/mistakes.csv`: `file,line,kind` for every row given a deliberate mistake
  (`MISTAKE_KINDS`), so tests and demos can check that validation finds exactly those.

Everything is derived from the seed (each file from its own `random.Random`, seeded by a
string), so the same arguments give the same bytes. People and numbers are invented; only the
region codes, population and participant totals are real.

Sizes at scale 1 (each factor below is multiplied by `scale`; every list has at least
`MIN_ROWS` rows):

- Non ASN: one per `NON_ASN_RESIDENTS` residents of a regency/city (≈ 11,400 nationally) and
  one per `PROVINCE_NON_ASN_RESIDENTS` of a province (≈ 2,850);
- village officials: `VILLAGE_OFFICIALS` officials in `VILLAGE_SAMPLE_SHARE` of the desa of
  each regency (≈ 1,500 desa, ≈ 9,000 officials);
- RT/RW heads: one per `RT_RW_RESIDENTS` residents of a city (≈ 3,050);
- vulnerable workers: one per `VULNERABLE_RESIDENTS` residents of the chosen Pemda (≈ 3,500);

about 30,000 listed persons in all. Members: one active member per
`PARTICIPANTS_PER_MEMBER` (640) of the province's calibrated active members
(`pantau.site.demo.calibration`: East and North Kalimantan at the 67 % and 51 % UCJ reported for
July 2022, the other provinces in proportion to their real active participants, Dec 2023),
listed persons whose membership shows active included (≈ 59,000, of which ≈ 42,000 on no
list), plus one non-active member per 640 real non-active participants (≈ 30,000). The same
calibration applies to `pantau generate` and to the demo; `provinces` limits the output to
some provinces without changing theirs. About 60 % of listed persons are enrolled (a share
per province drawn from `ENROLLED_SHARE_RANGE`, times a factor per category) and
`LAPSED_SHARE` of those stopped paying. About `MISTAKE_SHARE` of worker rows carry a mistake.
Sex is written `M`/`F`, dates ISO.

Sources: population is Ditjen Dukcapil Kemendagri, *Data Kependudukan Semester II 2024*, via
GitHub cahyadsn/wilayah (`db/wilayah_penduduk.sql`, MIT), shipped as `data/population.csv.gz`
(`code,population_total` for the 38 provinces and 514 regencies/cities). Participants are
`BPJS_PARTICIPANTS` in `pantau.site.demo.calibration`.
"""

from __future__ import annotations

import bisect
import csv
import functools
import gzip
import itertools
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from pantau.core.processes import forked_pool, processes_for
from pantau.core.vocabulary import Category, MemberStatus, PayerType, Segment
from pantau.ingest.formats import MEMBER_COLUMNS, WORKER_COLUMNS
from pantau.ingest.nik import make_nik
from pantau.site.demo.calibration import (
    BPJS_PARTICIPANTS,
    PARTICIPANTS_PER_MEMBER,
    POPULATION_FILE,
    active_targets,
    to_demo_scale,
)

__all__ = ["MISTAKE_KINDS", "GenerateError", "generate_files"]

T = TypeVar("T")

NON_ASN_RESIDENTS = 25_000
PROVINCE_NON_ASN_RESIDENTS = 100_000
VILLAGE_SAMPLE_SHARE = 0.02
VILLAGE_OFFICIALS = ("Kepala Desa", "Sekretaris Desa", "Kaur Keuangan", "Kasi Pemerintahan")
VILLAGE_OFFICIALS += ("Kasi Kesejahteraan", "Kepala Dusun")
RT_RW_RESIDENTS = 20_000
VULNERABLE_RESIDENTS = 20_000
VULNERABLE_PEMDA_SHARE = 0.25
MIN_ROWS = 3

# Share of the listed persons enrolled: drawn per province around 60 %, then per category
# (village budgets often pay JKK+JKM; RT/RW heads and vulnerable workers lag behind).
ENROLLED_SHARE_RANGE = (0.35, 0.85)
CATEGORY_ENROLMENT = {
    Category.NON_ASN: 1.1,
    Category.VILLAGE_OFFICIAL: 1.15,
    Category.RT_RW: 0.7,
    Category.VULNERABLE: 0.6,
}
LAPSED_SHARE = 0.15
MISTAKE_SHARE = 0.02
# People keep the NIK of the district where it was issued, even after moving.
MOVED_SHARE = 0.03

# The realistic mistakes put in about `MISTAKE_SHARE` of the worker rows, each logged in
# `mistakes.csv`. Kinds marked "(valid)" must be cleaned or accepted, not rejected.
MISTAKE_KINDS = {
    "nik_excel": "NIK turned into a number by Excel: 6.40205E+15, 6,40205E+15 or …0000.0",
    "nik_spaces": "NIK typed in groups with spaces: 6402 0545 0790 0001 (valid)",
    "nik_apostrophe": "NIK with Excel's leading text marker: '6402054507900001 (valid)",
    "nik_15_digits": "one digit of the NIK left out",
    "duplicate_nik": "the NIK of an earlier row of the same file, on another person",
    "date_dmy": "birth_date written DD/MM/YYYY instead of YYYY-MM-DD (valid)",
    "birth_date_mismatch": "birth_date years away from the date the NIK encodes",
    "unknown_region": "region_code that is not a Kemendagri code",
    "negative_income": "monthly_income below zero",
}


class GenerateError(ValueError):
    """Bad arguments, or no regions to generate for; the message is in both languages."""


# ---------------------------------------------------------------------------------------
# Names


# `random()` is several times faster than `randint` and `choice`, which shows at 100,000
# persons; these two are all the generator needs.
def _between(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@dataclass(frozen=True)
class NameGroup:
    male: tuple[str, ...]
    female: tuple[str, ...]
    male_second: tuple[str, ...]  # family name (marga, fam) or a second given name
    female_second: tuple[str, ...]
    second_share: float


_BATAK_MARGA = _words(
    "Simanjuntak Siregar Nasution Harahap Lubis Sitompul Hutapea Situmorang Sinaga Pardede "
    "Manurung Simatupang Panjaitan Sihombing Tambunan Ginting Tarigan Sembiring Hutagalung "
    "Pasaribu"
)
_BUGIS_SECOND = _words(
    "Rahman Mappasessu Pallawa Tenriawaru Amir Abdullah Latif Hamid Mattalatta Syarif Rauf "
    "Hasanuddin Baso Makkulau"
)
_DAYAK_SECOND = _words("Ngabut Lejau Usat Jalong Anyi Tingang Ajang Ingan Lahang Bilung Nyahu")
_EASTERN_FAM = _words(
    "Manafe Lakapu Pattinama Latuconsina Wenda Tabuni Kogoya Rumbiak Mandagi Sondakh Lumowa "
    "Wowor Kambu Nahak Bria Wonda Tanamal Ratu"
)

NAME_GROUPS = {
    "javanese": NameGroup(
        male=_words(
            "Agus Budi Joko Slamet Bambang Hadi Wahyu Eko Dwi Teguh Sugeng Heru Bayu Fajar "
            "Arif Rizky Sutrisno Suparman Wawan Yanto"
        ),
        female=_words(
            "Siti Sri Dewi Rina Ratna Wulan Endang Yuni Tri Sumiati Sulastri Purwanti Retno "
            "Ayu Indah Nur"
        ),
        male_second=_words(
            "Santoso Wibowo Saputra Prasetyo Susanto Hidayat Purnomo Setiawan Nugroho "
            "Kurniawan Wijaya Utomo Susilo Haryanto Widodo"
        ),
        female_second=_words(
            "Rahayu Lestari Handayani Kusumawati Wulandari Suryani Astuti Wahyuni Puspitasari "
            "Anggraini"
        ),
        second_share=0.75,
    ),
    "sundanese": NameGroup(
        male=_words(
            "Asep Ujang Cecep Dadang Dede Ade Iwan Yayan Jajang Engkos Deden Ridwan Nana Aep"
        ),
        female=_words("Euis Neng Imas Cucu Enok Iis Nining Yati Popon Enung Lilis Tati"),
        male_second=_words(
            "Sutisna Suherman Hermawan Supriatna Sudrajat Permana Gunawan Mulyana Hidayat Ruhiyat"
        ),
        female_second=_words(
            "Kurniasih Rohaeti Nurhayati Komalasari Sumiati Rosita Mulyani Kartika"
        ),
        second_share=0.7,
    ),
    "batak": NameGroup(
        male=_words(
            "Togar Poltak Rudi Darwin Benny Parlindungan Hotman Sahat Tumpal Maruli Bonar Ronald"
        ),
        female=_words(
            "Butet Rotua Tiurma Rosmawati Lasma Nurmala Dameria Hotnida Roslina Tiominar"
        ),
        male_second=_BATAK_MARGA,
        female_second=_BATAK_MARGA,
        second_share=1.0,
    ),
    "bugis": NameGroup(
        male=_words(
            "Andi Muhammad Abdul Syamsul Arifin Ilham Irfan Hasan Rahmat Amiruddin Nasrullah "
            "Sudirman"
        ),
        female=_words(
            "Andi Hasnah Sitti Hasniati Rosdiana Nurjannah Megawati Marlina Hasmawati Kasmawati"
        ),
        male_second=_BUGIS_SECOND,
        female_second=_BUGIS_SECOND,
        second_share=0.7,
    ),
    "dayak": NameGroup(
        male=_words("Tingang Lawang Bungai Ngabut Lejau Yohanes Markus Simon Agustinus Ukur"),
        female=_words("Ipah Bawin Uyang Dayang Lusia Maria Rosalina Yuliana Kristina"),
        male_second=_DAYAK_SECOND,
        female_second=_DAYAK_SECOND,
        second_share=0.65,
    ),
    "malay": NameGroup(
        male=_words(
            "Abdullah Hamzah Ismail Zainal Harun Daud Effendi Mahmud Azhar Rizal Syahrial "
            "Zulkifli Firdaus Khairul"
        ),
        female=_words(
            "Fatimah Aisyah Nurul Rahmawati Zubaidah Salmah Hasanah Rosnah Maimunah Zahara Nurbaya"
        ),
        male_second=_words("Syahputra Rahman Hamid Yusuf Ibrahim Saleh Ali Umar Idris"),
        female_second=_words("Syahputri Rahmah Yusuf Ibrahim Saleh Hanum Sari Wati"),
        second_share=0.55,
    ),
    "balinese": NameGroup(
        male=tuple(f"I {n}" for n in _words("Wayan Made Nyoman Ketut Putu Gede Kadek Komang")),
        female=tuple(f"Ni {n}" for n in _words("Wayan Made Nyoman Ketut Putu Kadek Komang Luh")),
        male_second=_words("Suarjana Sudarma Wirawan Artana Budiasa Mahendra Suardika Astawa"),
        female_second=_words("Sari Suartini Ariani Sukerti Wulandari Astiti Kartini Yuliani"),
        second_share=1.0,
    ),
    "eastern": NameGroup(
        male=_words(
            "Yohanes Petrus Markus Yosef Paulus Stefanus Frans Yakobus Albertus Melkianus "
            "Hendrik Daniel"
        ),
        female=_words(
            "Maria Yuliana Agustina Magdalena Elisabeth Theresia Yohana Veronika Martha "
            "Selvina Fransiska"
        ),
        male_second=_EASTERN_FAM,
        female_second=_EASTERN_FAM,
        second_share=0.95,
    ),
}

# Which naming traditions a province's residents mostly follow (migration mixes them).
_PROVINCE_NAMES = {
    "11": "malay",
    "12": "batak 55 malay 25 javanese 20",
    "13": "malay",
    "18": "javanese 60 malay 40",
    "31": "javanese 45 sundanese 35 batak 10 malay 10",
    "32": "sundanese 80 javanese 20",
    "33": "javanese",
    "34": "javanese",
    "35": "javanese",
    "36": "sundanese 60 javanese 40",
    "51": "balinese 90 javanese 10",
    "52": "malay 80 balinese 20",
    "53": "eastern",
    "61": "dayak 50 malay 40 javanese 10",
    "62": "dayak 60 malay 20 javanese 20",
    "63": "malay 80 javanese 20",
    "64": "javanese 35 bugis 30 dayak 20 malay 15",
    "65": "dayak 50 bugis 30 javanese 20",
    "71": "eastern",
    "72": "bugis 70 javanese 15 eastern 15",
    "73": "bugis",
    "74": "bugis 80 javanese 20",
    "75": "malay 50 bugis 50",
    "76": "bugis",
    "81": "eastern 70 malay 30",
    "82": "malay 60 eastern 40",
}
_DEFAULT_NAMES = {"9": "eastern 85 javanese 10 bugis 5", "1": "malay 70 javanese 30"}


def _name_mix(province: str) -> tuple[list[NameGroup], list[float]]:
    spec = _PROVINCE_NAMES.get(province) or _DEFAULT_NAMES.get(province[0], "javanese")
    parts = spec.split()
    names = parts[0::2]
    weights = [float(w) for w in parts[1::2]] or [1.0]
    return [NAME_GROUPS[n] for n in names], list(itertools.accumulate(weights))


def _person_name(rng: random.Random, mix: tuple[list[NameGroup], list[float]], sex: str) -> str:
    groups, cumulative = mix
    group = groups[bisect.bisect(cumulative, rng.random() * cumulative[-1])]
    male = sex == "M"
    given = _pick(rng, group.male if male else group.female)
    if rng.random() < group.second_share:
        return f"{given} {_pick(rng, group.male_second if male else group.female_second)}"
    other = _pick(rng, group.male if male else group.female)
    # Single names are common (Javanese especially); otherwise two given names.
    return given if other == given or rng.random() < 0.5 else f"{given} {other}"


# ---------------------------------------------------------------------------------------
# Regions


@dataclass
class _Regions:
    provinces: list[str] = field(default_factory=list)
    level: dict[str, str] = field(default_factory=dict)  # provinces, regencies and cities
    regencies: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    districts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    villages: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    desa: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kelurahan: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    codes: set[str] = field(default_factory=set)
    population: dict[str, int] = field(default_factory=dict)

    def regency_weights(self, province: str) -> tuple[list[str], list[int]]:
        """Regencies/cities of a province with cumulative population, to draw residents."""
        regencies = self.regencies[province]
        weights = [self.population.get(code, 1) for code in regencies]
        return regencies, list(itertools.accumulate(weights))


def _load_regions(provinces: Sequence[str] | None = None) -> _Regions:
    """The region hierarchy (only `provinces`, when given) and every population figure."""
    from pantau.regions.models import Region

    regions = _Regions()
    wanted = {code.replace(".", "") for code in provinces} if provinces else None
    rows = Region.objects.order_by("code").values_list("code", "level")
    for code, level in rows.iterator(chunk_size=10_000):
        if wanted is not None and code[:2] not in wanted:
            continue
        regions.codes.add(code)
        if level == "province":
            regions.provinces.append(code)
            regions.level[code] = level
        elif level in ("regency", "city"):
            regions.level[code] = level
            regions.regencies[code[:2]].append(code)
        elif level == "district":
            regions.districts[code[:5]].append(code)
        else:
            regions.villages[code[:8]].append(code)
            if code[-4] == "2":
                regions.desa[code[:5]].append(code)
            elif code[-4] == "1":
                regions.kelurahan[code[:5]].append(code)
    with gzip.open(POPULATION_FILE, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            regions.population[row["code"]] = int(row["population_total"])
    return regions


# ---------------------------------------------------------------------------------------
# People

NON_ASN_POSITIONS = (
    "Staf Administrasi",
    "Staf Keuangan",
    "Operator Komputer",
    "Pengemudi",
    "Petugas Kebersihan",
    "Petugas Keamanan",
    "Tenaga Kesehatan",
    "Guru Honorer",
    "Penyuluh Lapangan",
    "Petugas Pemadam Kebakaran",
    "Tenaga Teknis",
    "Pramu Kantor",
)
VULNERABLE_POSITIONS = (
    "Pedagang",
    "Petani",
    "Nelayan",
    "Buruh Harian Lepas",
    "Pengemudi Ojek",
    "Tukang Bangunan",
    "Pekebun",
    "Peternak",
    "Penjahit",
    "Buruh Tani",
)


@dataclass(slots=True)
class _Person:
    nik: str
    name: str
    birth_date: date
    sex: str
    region_code: str
    province: str
    position: str = ""
    income: int | None = None


class _Births:
    """Birth dates for ages `youngest`–`oldest` in `year`, as ordinals for speed."""

    def __init__(self, year: int, youngest: int, oldest: int) -> None:
        self.first = date(year - oldest, 1, 1).toordinal()
        self.days = date(year - youngest, 12, 31).toordinal() - self.first + 1

    def draw(self, rng: random.Random) -> date:
        return date.fromordinal(self.first + int(rng.random() * self.days))


class _People:
    """Makes persons with NIKs unique across everything generated."""

    def __init__(self, regions: _Regions) -> None:
        self.regions = regions
        self.used_niks: set[str] = set()
        self.mixes = {p: _name_mix(p) for p in regions.provinces}

    def nik_district(self, rng: random.Random, district: str) -> str:
        if rng.random() < MOVED_SHARE:
            others = [r for r in self.regions.regencies[district[:2]] if r != district[:5]]
            if others:
                return _pick(rng, self.regions.districts[_pick(rng, others)])
        return district

    def make(self, rng: random.Random, region_code: str, births: _Births) -> _Person:
        province = region_code[:2]
        sex = "M" if rng.random() < 0.5 else "F"
        birth_date = births.draw(rng)
        district = self.nik_district(rng, region_code[:8])
        while True:
            # Serials are handed out in order, so most are small.
            serial = _between(rng, 1, 999) if rng.random() < 0.85 else _between(rng, 1000, 9999)
            nik = make_nik(district, birth_date, sex, serial)
            if nik not in self.used_niks:
                break
        self.used_niks.add(nik)
        name = _person_name(rng, self.mixes[province], sex)
        return _Person(nik, name, birth_date, sex, region_code, province)


def _village_or_district(rng: random.Random, regions: _Regions, regency: str) -> str:
    district = _pick(rng, regions.districts[regency])
    villages = regions.villages[district]
    return _pick(rng, villages) if villages and rng.random() < 0.5 else district


def _any_village(rng: random.Random, regions: _Regions, regency: str) -> str:
    district = _pick(rng, regions.districts[regency])
    return _pick(rng, regions.villages[district] or [district])


def _resident_regency(rng: random.Random, weights: tuple[list[str], list[int]]) -> str:
    regencies, cumulative = weights
    return regencies[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def _rows(count: float) -> int:
    return max(MIN_ROWS, round(count))


def _non_asn(
    rng: random.Random,
    regions: _Regions,
    people: _People,
    pemda: str,
    scale: float,
    births: _Births,
) -> list[_Person]:
    if regions.level[pemda] == "province":
        count = _rows(regions.population.get(pemda, 0) / PROVINCE_NON_ASN_RESIDENTS * scale)
        weights = regions.regency_weights(pemda)
        places = (_resident_regency(rng, weights) for _ in range(count))
    else:
        count = _rows(regions.population.get(pemda, 0) / NON_ASN_RESIDENTS * scale)
        places = itertools.repeat(pemda, count)
    persons = []
    for regency in places:
        person = people.make(rng, _village_or_district(rng, regions, regency), births)
        person.position = _pick(rng, NON_ASN_POSITIONS)
        person.income = _between(rng, 2_500, 5_000) * 1_000
        persons.append(person)
    return persons


def _village_officials(
    rng: random.Random,
    regions: _Regions,
    people: _People,
    pemda: str,
    scale: float,
    births: _Births,
) -> list[_Person]:
    desa = regions.desa[pemda]
    sampled = min(len(desa), max(1, round(len(desa) * VILLAGE_SAMPLE_SHARE * scale)))
    persons = []
    for village in sorted(rng.sample(desa, sampled)):
        for position in VILLAGE_OFFICIALS:
            person = people.make(rng, village, births)
            person.position = position
            # Siltap: the head earns most, then the secretary (PP 11/2019 Pasal 81 sets minima).
            low, high = {"Kepala Desa": (3_000, 4_000), "Sekretaris Desa": (2_500, 3_500)}.get(
                position, (2_000, 3_000)
            )
            person.income = _between(rng, low, high) * 1_000
            persons.append(person)
    return persons


def _rt_rw(
    rng: random.Random,
    regions: _Regions,
    people: _People,
    pemda: str,
    scale: float,
    births: _Births,
) -> list[_Person]:
    count = _rows(regions.population.get(pemda, 0) / RT_RW_RESIDENTS * scale)
    # Aceh's cities have gampong (desa codes), not kelurahan.
    villages = regions.kelurahan[pemda] or [
        v for d in regions.districts[pemda] for v in regions.villages[d]
    ]
    persons = []
    for _ in range(count):
        person = people.make(rng, _pick(rng, villages), births)
        unit = "RT" if rng.random() < 0.75 else "RW"
        person.position = f"Ketua {unit} {_between(rng, 1, 20 if unit == 'RT' else 12):03d}"
        person.income = None if rng.random() < 0.2 else _between(rng, 10, 30) * 50_000
        persons.append(person)
    return persons


def _vulnerable(
    rng: random.Random,
    regions: _Regions,
    people: _People,
    pemda: str,
    scale: float,
    births: _Births,
) -> list[_Person]:
    count = _rows(regions.population.get(pemda, 0) / VULNERABLE_RESIDENTS * scale)
    persons = []
    for _ in range(count):
        person = people.make(rng, _any_village(rng, regions, pemda), births)
        person.position = _pick(rng, VULNERABLE_POSITIONS)
        person.income = None if rng.random() < 0.15 else _between(rng, 20, 60) * 50_000
        persons.append(person)
    return persons


_MAKERS = {
    Category.NON_ASN: _non_asn,
    Category.VILLAGE_OFFICIAL: _village_officials,
    Category.RT_RW: _rt_rw,
    Category.VULNERABLE: _vulnerable,
}


@dataclass
class _WorkerList:
    pemda: str
    category: str
    persons: list[_Person]


def _worker_lists(
    regions: _Regions, people: _People, scale: float, seed: int, year: int
) -> list[_WorkerList]:
    births = _Births(year, 20, 60)
    pemdas = sorted(regions.level)
    regencies = [code for code in pemdas if regions.level[code] != "province"]
    chosen = random.Random(f"{seed}:vulnerable").sample(
        regencies, round(len(regencies) * VULNERABLE_PEMDA_SHARE)
    )
    vulnerable = set(chosen)
    lists = []
    for pemda in pemdas:
        level = regions.level[pemda]
        categories = [Category.NON_ASN]
        # Kepulauan Seribu (31.01) is a regency made only of kelurahan: no village officials.
        if level == "regency" and regions.desa[pemda]:
            categories.append(Category.VILLAGE_OFFICIAL)
        if level == "city":
            categories.append(Category.RT_RW)
        if pemda in vulnerable:
            categories.append(Category.VULNERABLE)
        for category in categories:
            rng = random.Random(f"{seed}:workers:{pemda}:{category}")
            persons = _MAKERS[category](rng, regions, people, pemda, scale, births)
            lists.append(_WorkerList(pemda, str(category), persons))
    return lists


# ---------------------------------------------------------------------------------------
# Mistakes


def _excel_number(rng: random.Random, nik: str) -> str:
    style = rng.random()
    if style < 0.45:
        return f"{int(nik):.5E}"
    if style < 0.7:
        return f"{int(nik):.5E}".replace(".", ",")
    # Excel keeps 15 significant digits; the 16th comes back as 0.
    return f"{nik[:15]}0.0"


def _with_mistake(
    rng: random.Random,
    kind: str,
    row: list,
    person: _Person,
    earlier: list[str],
    regions: _Regions,
) -> None:
    """Spoil `row` (nik, name, birth_date, sex, region_code, position, income) in place."""
    nik = person.nik
    if kind == "nik_excel":
        row[0] = _excel_number(rng, nik)
    elif kind == "nik_spaces":
        row[0] = (
            f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}"
            if rng.random() < 0.5
            else f"{nik[:6]} {nik[6:12]} {nik[12:]}"
        )
    elif kind == "nik_apostrophe":
        row[0] = f"'{nik}"
    elif kind == "nik_15_digits":
        drop = _between(rng, 0, 15)
        row[0] = nik[:drop] + nik[drop + 1 :]
    elif kind == "duplicate_nik":
        row[0] = _pick(rng, earlier)
    elif kind == "date_dmy":
        row[2] = person.birth_date.strftime("%d/%m/%Y")
    elif kind == "birth_date_mismatch":
        shift = _pick(rng, (-1, 1)) * _between(rng, 1, 5)
        day = min(person.birth_date.day, 28)
        wrong = person.birth_date.replace(year=person.birth_date.year + shift, day=day)
        row[2] = wrong.isoformat()
    elif kind == "unknown_region":
        while True:
            code = f"{person.region_code[:8]}.{_between(rng, 5000, 9999)}"
            if code not in regions.codes:
                break
        row[4] = code
    elif kind == "negative_income":
        row[6] = -(person.income or _between(rng, 10, 30) * 50_000)


# ---------------------------------------------------------------------------------------
# Membership


@dataclass(slots=True)
class _Enrolment:
    person: _Person
    kpj: str
    enrolled_month: int  # year * 12 + month - 1
    enrolled_day: int
    lapsed_after: int | None  # last month paid, for those who stopped paying
    marked_inactive: bool  # BPJS has set the status; others still show "active"
    paid_lag: int  # months behind (or, negative, ahead) while still paying
    segment: str = ""
    programs: str = ""
    region_code: str = ""
    payer_type: str = ""
    payer_region: str = ""
    wage: int | None = None


def _month_index(text: str) -> int:
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


@functools.cache  # a few dozen months, asked for once per member row of every extract
def _month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _weighted(rng: random.Random, options: Sequence[tuple[str, float]]) -> str:
    point = rng.random()
    for value, share in options:
        point -= share
        if point < 0:
            return value
    return options[-1][0]


class _Kpjs:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def new(self, rng: random.Random) -> str:
        while True:
            kpj = str(_between(rng, 10**10, 10**11 - 1))
            if kpj not in self.used:
                self.used.add(kpj)
                return kpj


_PROGRAMS = {
    Category.NON_ASN: (("JKK,JKM", 0.45), ("JKK,JKM,JHT", 0.45), ("JKK,JKM,JHT,JP", 0.10)),
    Category.VILLAGE_OFFICIAL: (
        ("JKK,JKM", 0.65),
        ("JKK,JKM,JHT", 0.20),
        ("JKK,JKM,JHT,JP", 0.15),
    ),
    Segment.PU: (("JKK,JKM,JHT,JP", 0.55), ("JKK,JKM,JHT", 0.30), ("JKK,JKM,JHT,JP,JKP", 0.15)),
    Segment.BPU: (("JKK,JKM", 0.85), ("JKK,JKM,JHT", 0.15)),
    Segment.JAKON: (("JKK,JKM", 1.0),),
    Segment.PMI: (("JKK,JKM", 0.7), ("JKK,JKM,JHT", 0.3)),
}
# Workers on no list, by segment (Kemnaker, Dec 2023: PU 25.0 M, BPU 9.19 M, Jakon 7.36 M
# active; PMI is small).
_OTHER_SEGMENTS = ((Segment.PU, 0.59), (Segment.BPU, 0.22), (Segment.JAKON, 0.17))
_OTHER_SEGMENTS += ((Segment.PMI, 0.02),)


def _enrol_listed(
    lists: list[_WorkerList], seed: int, first: int, last: int, kpjs: _Kpjs
) -> list[_Enrolment]:
    enrolments = []
    rates: dict[str, float] = {}
    for worker_list in lists:
        rng = random.Random(f"{seed}:enrol:{worker_list.pemda}:{worker_list.category}")
        province = worker_list.pemda[:2]
        if province not in rates:
            rates[province] = random.Random(f"{seed}:rate:{province}").uniform(
                *ENROLLED_SHARE_RANGE
            )
        category = Category(worker_list.category)
        rate = min(0.95, rates[province] * CATEGORY_ENROLMENT[category])
        for person in worker_list.persons:
            if rng.random() >= rate:
                continue
            if category == Category.NON_ASN:
                segment = Segment.PU
                is_province = len(worker_list.pemda) == 2
                payer = PayerType.APBD_PROVINCE if is_province else PayerType.APBD_REGENCY
                payer_region = worker_list.pemda
            elif category == Category.VILLAGE_OFFICIAL:
                segment, payer, payer_region = Segment.PU, PayerType.APBDES, person.region_code
            else:
                segment = Segment.BPU
                pemda_pays = 0.9 if category == Category.RT_RW else 0.7
                if rng.random() < pemda_pays:
                    payer, payer_region = PayerType.APBD_REGENCY, worker_list.pemda
                else:
                    payer, payer_region = PayerType.SELF, ""
            enrolment = _enrolment(
                rng,
                person,
                kpjs,
                lapsed=rng.random() < LAPSED_SHARE,
                lapse_gap=(3, 12),
                # Half of those who stopped paying are already marked inactive.
                marked_share=0.5,
                months=(first - 48, first, last),
                segment=str(segment),
                programs=_weighted(rng, _PROGRAMS[category if segment == Segment.PU else segment]),
                region_code=person.region_code[: 8 if rng.random() < 0.7 else 5],
                payer_type=str(payer),
                payer_region=payer_region,
                wage=person.income or _between(rng, 20, 30) * 50_000,
            )
            enrolments.append(enrolment)
    return enrolments


def _enrolment(
    rng: random.Random,
    person: _Person,
    kpjs: _Kpjs,
    *,
    lapsed: bool,
    lapse_gap: tuple[int, int],
    marked_share: float,
    months: tuple[int, int, int],
    **fields: object,
) -> _Enrolment:
    """When a person enrolled and stopped paying; `months` = (earliest, first, last as-of).

    `fields` are the rest of `_Enrolment` (segment, programs, payer…).
    """
    earliest, first, last = months
    lapsed_after = None
    latest = last - 1
    if lapsed:
        # Stopped some months before the first as-of month, so every extract shows it.
        lapsed_after = first - 1 - _between(rng, *lapse_gap)
        latest = lapsed_after
    enrolled_month = _between(rng, min(earliest, latest - 6), latest)
    # Most pay on time; some are a month behind, some a month ahead.
    lag = rng.random()
    return _Enrolment(
        person=person,
        kpj=kpjs.new(rng),
        enrolled_month=enrolled_month,
        enrolled_day=_between(rng, 1, 28),
        lapsed_after=lapsed_after,
        marked_inactive=rng.random() < marked_share,
        paid_lag=0 if lag < 0.8 else 1 if lag < 0.9 else -1,
        **fields,
    )


def _shows_active(enrolment: _Enrolment) -> bool:
    """Whether the extract gives this membership the status `active` (what UCJ counts):
    paying, or stopped paying but not yet marked inactive by BPJS."""
    return enrolment.lapsed_after is None or not enrolment.marked_inactive


def _other_members(
    regions: _Regions,
    people: _People,
    listed: list[_Enrolment],
    scale: float,
    seed: int,
    first: int,
    last: int,
    kpjs: _Kpjs,
) -> list[_Enrolment]:
    """Members on no list: per province, the calibrated active members
    (`calibration.active_targets`, on the demo's scale) less the listed persons whose
    membership shows active, plus non-active members in proportion to the real ones."""
    known = [p for p in BPJS_PARTICIPANTS if p in regions.population]
    known_population = sum(regions.population[p] for p in known) or 1
    inactive_ratio = sum(BPJS_PARTICIPANTS[p][1] for p in known) / known_population
    listed_active = Counter(e.person.province for e in listed if _shows_active(e))
    active_members = active_targets(regions.provinces)
    births = _Births(last // 12, 18, 58)
    enrolments = []
    for province in regions.provinces:
        population = regions.population.get(province, 0)
        inactive = BPJS_PARTICIPANTS.get(province, (0, population * inactive_ratio))[1]
        active = to_demo_scale(active_members[province], scale)
        # More listed persons showing active than the target leave the province above it.
        target = max(0, active - listed_active[province])
        lapsed = round(inactive * scale / PARTICIPANTS_PER_MEMBER)
        rng = random.Random(f"{seed}:members:{province}")
        weights = regions.regency_weights(province)
        for number in range(target + lapsed):
            regency = _resident_regency(rng, weights)
            district = _pick(rng, regions.districts[regency])
            person = people.make(rng, district, births)
            segment = _weighted(rng, _OTHER_SEGMENTS)
            wage = None
            if segment == Segment.PU:
                # Wages cluster above the provincial minimum wage, with a long upper tail.
                wage = max(1_500_000, round(rng.lognormvariate(15.2, 0.4), -3))
            elif segment == Segment.BPU:
                wage = _between(rng, 20, 100) * 50_000
            employed = segment in (Segment.PU, Segment.JAKON)
            enrolment = _enrolment(
                rng,
                person,
                kpjs,
                lapsed=number >= target,
                lapse_gap=(4, 36),
                marked_share=1.0,
                months=(first - 120, first, last),
                segment=str(segment),
                programs=_weighted(rng, _PROGRAMS[segment]),
                region_code=district if rng.random() < 0.75 else regency,
                payer_type=str(PayerType.EMPLOYER if employed else PayerType.SELF),
                wage=wage,
            )
            enrolments.append(enrolment)
    return enrolments


def _member_row(enrolment: _Enrolment, as_of: int) -> list | None:
    if enrolment.enrolled_month >= as_of:
        return None
    due = as_of - 1
    status = MemberStatus.ACTIVE
    if enrolment.lapsed_after is not None and enrolment.lapsed_after < due:
        paid = enrolment.lapsed_after
        # BPJS sets the status some months after payments stop; until then it says "active".
        if enrolment.marked_inactive and due - paid >= 3:
            status = MemberStatus.INACTIVE
    else:
        paid = max(enrolment.enrolled_month, due - enrolment.paid_lag)
    person = enrolment.person
    enrolled_on = date(
        enrolment.enrolled_month // 12, enrolment.enrolled_month % 12 + 1, enrolment.enrolled_day
    )
    return [
        person.nik,
        person.name.upper(),  # BPJS extracts are upper case
        person.birth_date.isoformat(),
        person.sex,
        enrolment.kpj,
        enrolment.segment,
        enrolment.programs,
        enrolment.region_code,
        enrolment.payer_type,
        enrolment.payer_region,
        "" if enrolment.wage is None else enrolment.wage,
        enrolled_on.isoformat(),
        _month_text(paid),
        str(status),
    ]


# ---------------------------------------------------------------------------------------
# Entry point

_AS_OF = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_INTACT_NIK = re.compile(r"[0-9]{16}")


def _check_arguments(scale: float, year: int, as_of: Sequence[str]) -> list[str]:
    if not 0 < scale <= 100:
        raise GenerateError(
            f"skala harus lebih dari 0 dan paling besar 100 / scale must be in (0, 100]: {scale}"
        )
    if not 1990 <= year <= date.today().year + 1:
        raise GenerateError(f"tahun tidak masuk akal / implausible year: {year}")
    months = sorted(set(as_of))
    if not months:
        raise GenerateError("perlu paling sedikit satu --as-of / at least one --as-of is needed")
    for month in months:
        if not _AS_OF.fullmatch(month):
            raise GenerateError(f"--as-of harus YYYY-MM / --as-of must be YYYY-MM: {month!r}")
    return months


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> int:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return len(rows)


# The membership of every month, for `_write_members` in this process or a forked one.
_members_to_write: list[_Enrolment] = []


def _write_members(job: tuple[str, int, Path]) -> tuple[str, int]:
    """One month's membership extract (a pure function of the enrolments and the month)."""
    month, index, path = job
    rows = [row for e in _members_to_write if (row := _member_row(e, index)) is not None]
    return month, _write_csv(path, [column.name for column in MEMBER_COLUMNS], rows)


def generate_files(
    out: Path,
    scale: float = 1.0,
    seed: int = 0,
    year: int = 2022,
    as_of: Sequence[str] = ("2022-07",),
    provinces: Sequence[str] | None = None,
    processes: int | None = None,
) -> dict:
    """Write synthetic worker lists and membership extracts under `out`; returns a summary.

    The months' extracts are written by a pool of processes (one per core, or `processes`).

    `provinces` (codes such as "64") limits everything, lists and members, to those
    provinces; their members keep the national calibration (`pantau.site.demo.calibration`).
    Files of earlier runs with other arguments are overwritten only where names coincide.
    Raises `GenerateError` for bad arguments or an empty region table.
    """
    started = time.perf_counter()
    months = _check_arguments(scale, year, as_of)
    regions = _load_regions(provinces)
    if not regions.provinces:
        if provinces:
            raise GenerateError(
                f"provinsi tidak dikenal / unknown provinces: {', '.join(provinces)}"
            )
        raise GenerateError(
            "tabel wilayah kosong: jalankan `pantau setup` dahulu / "
            "the regions table is empty: run `pantau setup` first"
        )
    out = Path(out)
    (out / "workers").mkdir(parents=True, exist_ok=True)
    (out / "members").mkdir(parents=True, exist_ok=True)

    people = _People(regions)
    lists = _worker_lists(regions, people, scale, seed, year)
    worker_header = [column.name for column in WORKER_COLUMNS]
    mistakes: list[tuple[str, int, str]] = []
    worker_rows = 0
    kinds = list(MISTAKE_KINDS)
    without_duplicate = [kind for kind in kinds if kind != "duplicate_nik"]
    for worker_list in lists:
        name = f"{worker_list.pemda.replace('.', '')}_{worker_list.category}_{year}.csv"
        rng = random.Random(f"{seed}:mistakes:{name}")
        rows = []
        for line, person in enumerate(worker_list.persons, start=2):
            row = [
                person.nik,
                person.name,
                person.birth_date.isoformat(),
                person.sex,
                person.region_code,
                person.position,
                "" if person.income is None else person.income,
            ]
            if rng.random() < MISTAKE_SHARE:
                # A duplicate must repeat a NIK the file shows intact.
                earlier = [r[0] for r in rows if _INTACT_NIK.fullmatch(str(r[0]))]
                kind = _pick(rng, kinds if earlier else without_duplicate)
                _with_mistake(rng, kind, row, person, earlier, regions)
                mistakes.append((f"workers/{name}", line, kind))
            rows.append(row)
        worker_rows += _write_csv(out / "workers" / name, worker_header, rows)

    first, last = _month_index(months[0]), _month_index(months[-1])
    kpjs = _Kpjs()
    listed = _enrol_listed(lists, seed, first, last, kpjs)
    members = listed + _other_members(regions, people, listed, scale, seed, first, last, kpjs)
    jobs = [(month, _month_index(month), out / "members" / f"members_{month}.csv")
            for month in months]  # fmt: skip
    processes = processes_for(processes)
    _members_to_write[:] = members  # what the forked processes see
    try:
        if processes > 1 and len(jobs) > 1:
            with forked_pool(processes) as pool:
                member_rows = dict(pool.imap_unordered(_write_members, jobs))
        else:
            member_rows = dict(_write_members(job) for job in jobs)
    finally:
        _members_to_write.clear()
    member_rows = {month: member_rows[month] for month in months}

    _write_csv(out / "mistakes.csv", ["file", "line", "kind"], mistakes)
    return {
        "files": len(lists) + len(months),
        "worker_files": len(lists),
        "worker_rows": worker_rows,
        "member_files": len(months),
        "member_rows": member_rows,
        "mistakes": dict(sorted(Counter(kind for _, _, kind in mistakes).items())),
        "seconds": round(time.perf_counter() - started, 2),
    }
