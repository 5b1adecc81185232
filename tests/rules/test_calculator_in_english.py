"""The calculator page in English: the working, the tables' bases and names read in English.

The Indonesian page keeps its words (months and days in Indonesian words); the English page
shows the English working rules/ builds beside the Indonesian one (issue 16).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

# Words of the Indonesian working that must not appear in the English one (the citations
# keep the data files' words: "Pasal", "ayat", "Lampiran" are not checked).
INDONESIAN = (
    "Upah sebulan", "Jumlah", "bulan", "Bulan", "pemberi kerja", "pekerja", "Iuran", "dibayar",
    "s.d.", "Santunan", "Beasiswa", "orang", "kelas", "Relaksasi", "Pembulatan", "Manfaat",
    "Juli", "Desember", "Agustus", "Januari", "tahun",
)  # fmt: skip

CASES = {
    "iuran": {"jenis": "iuran", "segment": "pu", "month": "2020-09",
              "programs": ["jkk", "jkm", "jht", "jp"], "wage": "12000000", "risk_class": "2"},
    "bpu": {"jenis": "iuran", "segment": "bpu", "month": "2020-09", "programs": ["jkk", "jkm"],
            "income": "300000", "risk_class": "1"},
    "jkm": {"jenis": "jkm", "death_date": "2022-07-14", "membership_start": "2018-01-01",
            "children": "2"},
    "jkk": {"jenis": "jkk", "benefit": "death", "wage": "400000", "date": "2022-07-14"},
    "anggaran": {"jenis": "anggaran", "category": "village_official", "persons": "1200",
                 "year": "2027", "months": "12", "wage": "3000000"},
}  # fmt: skip


def _working(page: str) -> list[str]:
    working = page.split('class="working"')[1].split("</ol>")[0]
    return [re.sub(r"<[^>]+>", "", line) for line in re.findall(r"<li>(.*?)</li>", working)]


def _cells(page: str) -> list[str]:
    return re.findall(r'<td class="muted">(.*?)</td>', page)


@pytest.fixture
def english(client_as):
    client = client_as("pemda", "64.02")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_english_page_shows_the_english_working(english, case):
    page = english.get(reverse("rules:calculator"), CASES[case]).content.decode()
    working = _working(page)
    assert len(working) > 3, page
    for line in working + _cells(page):
        found = [word for word in INDONESIAN if re.search(rf"(?<![\w-]){re.escape(word)}", line)]
        assert not found, (found, line)
        assert not re.search(r"Rp\d{1,3}\.\d{3}", line), line
        assert not re.search(r"\b(19|20)\d\d-\d\d\b", line), line


def test_the_english_working_word_for_word_on_the_page(english):
    page = english.get(reverse("rules:calculator"), CASES["jkm"]).content.decode()
    assert _working(page)[:5] == [
        "JKM benefit (death not caused by a work accident) on 14 July 2022: PP 82/2019 in force "
        "since 2 December 2019.",
        "Lump-sum benefit: Rp20,000,000 (PP 82/2019)",
        "Periodic benefit (paid at once): Rp12,000,000 (PP 82/2019)",
        "Funeral costs: Rp10,000,000 (PP 82/2019)",
        "Cash total: Rp42,000,000.",
    ]
    assert "<td>Lump-sum benefit</td>" in page
    assert "<td>Permanent total disability benefit</td>" not in page


def test_the_english_tables_name_each_line_in_english(english):
    page = english.get(reverse("rules:calculator"), CASES["iuran"]).content.decode()
    assert (
        "JKK class 2: 0.54% × Rp12,000,000 = Rp64,800 (PP 44/2015 Pasal 16 ayat (1)); relief: a "
        "discount of 99%, 1% paid = Rp648 (PP 49/2020 Pasal 3 ayat (2) huruf b)"
    ) in _cells(page)
    budget = english.get(reverse("rules:calculator"), CASES["anggaran"]).content.decode()
    assert (
        "JKM: Rp9,000 × 1,200 persons × 12 months (January 2027 to December 2027) = "
        "Rp129,600,000 (PP 44/2015 Pasal 18 ayat (1))"
    ) in _cells(budget)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_indonesian_page_keeps_the_indonesian_working(client_as, case):
    client = client_as("pemda", "64.02")
    page = client.get(reverse("rules:calculator"), CASES[case]).content.decode()
    working = _working(page)
    assert working[-1].startswith(("Jumlah", "Beasiswa")) or "Jumlah" in " ".join(working)
    assert not any("Contribution" in line or "Total:" in line for line in working)
    assert not re.search(r"\b(19|20)\d\d-\d\d\b", " ".join(working))  # months in words


def test_the_indonesian_page_word_for_word(client_as):
    client = client_as("pemda", "64.02")
    page = client.get(reverse("rules:calculator"), CASES["jkm"]).content.decode()
    assert _working(page)[:2] == [
        "Manfaat JKM (meninggal bukan karena kecelakaan kerja) pada 14 Juli 2022: PP 82/2019 "
        "berlaku sejak 2 Desember 2019.",
        "Santunan sekaligus: Rp20.000.000 (PP 82/2019)",
    ]
    assert "<td>Santunan sekaligus</td>" in page
