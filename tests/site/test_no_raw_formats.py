"""Bahasa first, everywhere: no page or export meant for people shows an ISO month
(`2022-07`), a raw code of the vocabulary (`not_enrolled`, `apbd_regency`), a US date
(`12/03/2026`) or a 12-hour clock (`p.m.`), in Indonesian or in English.

What is read is what a person sees: the text nodes outside `<script>`/`<style>`, plus the
`title`, `aria-label` and `placeholder` attributes (option texts are text nodes). Values,
links and the charts' JSON keep ISO months and codes: those are for machines; file names
are the uploader's own words and are not checked (the fixture's have no ISO month). In the XLSX
downloads every cell is read except the gap list's "Kode wilayah" and "Wilayah pembayar"
columns, which hold region codes (digits and dots, never a word), and the cells that are
dates or numbers (the reader's spreadsheet shows them in its own language).
"""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from python_calamine import CalamineWorkbook

from pantau.core import vocabulary
from pantau.engine.gaps import STATUSES
from pantau.ingest.models import ImportRun
from pantau.monev import services
from pantau.monev.models import Action, Meeting
from tests.budgets.pages_world import allocate, listed
from tests.engine import worklist_world
from tests.monev.world import action, balikpapan

ISO_MONTH = re.compile(r"\b(19|20)\d\d-(0[1-9]|1[0-2])\b")
US_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
TWELVE_HOUR = re.compile(r"\b[ap]\.m\.", re.IGNORECASE)


def raw_codes() -> set[str]:
    """The codes that are not words (`non_asn`, `apbd_regency`, `rt_rw`, `not_enrolled`,
    `apbdes`): a person must see their labels instead. Codes that are words (`lapsed`,
    `self`, `active`) cannot be told from the English labels, which use those words."""
    codes = set(STATUSES)
    for choices in (vocabulary.Category, vocabulary.PayerType, vocabulary.MemberStatus):
        codes.update(choices.values)
    return {code for code in codes if "_" in code or code == "apbdes"}


RAW_CODE = re.compile(r"\b(" + "|".join(sorted(raw_codes())) + r")\b")

PAGES = (
    "/wilayah/", "/wilayah/64/", "/wilayah/64.02/",
    "/anggaran/", "/wilayah/64/anggaran/", "/pemda/64.02/anggaran/",
    "/peringkat/", "/wilayah/64/peringkat/", "/pemda/64.02/kepatuhan/",
    "/wilayah/64.02/celah/", "/cabang/64.02/", "/wilayah/64.02/impor/",
    "/bandingkan/?wilayah=64&wilayah=65&bulan=2023-01&bulan=2022-12",
    "/kalkulator/?jenis=iuran&segment=pu&month=2022-07&programs=jkk&programs=jkm"
    "&wage=5000000&risk_class=1",
    "/kalkulator/?jenis=anggaran&category=rt_rw&persons=100&year=2025&months=12",
    "/kalkulator/?jenis=jkm&death_date=2022-07-14&membership_start=2015-01-01&children=1",
)  # fmt: skip

EXPORTS = (
    "/wilayah/64.02/celah/?format=xlsx", "/cabang/64.02/?format=xlsx",
    "/wilayah/64/?unduh=xlsx", "/wilayah/64/?unduh=xlsx&tabel=tren",
    "/wilayah/64/anggaran/?format=xlsx",
    "/pemda/64.02/anggaran/?format=xlsx", "/peringkat/?format=xlsx",
    "/bandingkan/?wilayah=64&wilayah=65&bulan=2023-01&bulan=2022-12&unduh=xlsx",
)  # fmt: skip
# Region codes, for the machines that join the file with others; never a word.
MACHINE_COLUMNS = {"Kode wilayah", "Wilayah pembayar", "Region code", "Payer region"}


class VisibleText(HTMLParser):
    SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts.extend(value for name, value in attrs if name in self.SHOWN_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def raw_formats(text: str, language: str = "en") -> list[str]:
    """Indonesian writes a short date day first (`14/07/2022`, as `formats/id` does), which a
    pattern cannot tell from a US date: that check is made in English, where none is wanted."""
    patterns = (ISO_MONTH, RAW_CODE, TWELVE_HOUR) + ((US_DATE,) if language == "en" else ())
    found = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            start = max(match.start() - 40, 0)
            found.append(f"{match.group(0)!r} in …{text[start : match.end() + 40]}…")
    return found


def xlsx_text(content: bytes) -> str:
    book = CalamineWorkbook.from_filelike(__import__("io").BytesIO(content))
    cells = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        if not rows:
            continue
        header = [str(cell) for cell in rows[0]]
        machine = {i for i, title in enumerate(header) if title in MACHINE_COLUMNS}
        cells.append(name)
        # Date and number cells are shown as the reader's spreadsheet formats them.
        for row in rows:
            cells.extend(cell for i, cell in enumerate(row)
                         if i not in machine and isinstance(cell, str))  # fmt: skip
    return " | ".join(cells)


@pytest.fixture
def world(db, own_data_directory, tmp_path):
    worklist_world.build_worklist_world(tmp_path)
    for category in ("non_asn", "rt_rw"):
        listed("64.02", category, 120, 24_000_000)
    allocate("64.02", "non_asn", 12_000_000)
    allocate("64.02", "rt_rw", 30_000_000, payer_type="apbdes")
    # A monev meeting with a finding and an action on an indicator (its label, not its code).
    meeting = balikpapan(regions=["64"])
    services.add_finding(meeting, "64.02", "Belum menganggarkan Non ASN", "list_coverage:non_asn")
    item = action(meeting, indicator="list_coverage:non_asn", target="0.9")
    services.change_status(item, "in_progress", on=datetime.date(2022, 8, 1), note="Surat")


@pytest.fixture(params=["id", "en"])
def language(request):
    yield request.param
    translation.activate("id")  # English pages leave English active in this thread


@pytest.fixture
def officer(client_as, world, language):
    """A BPJS officer of East Kalimantan: sees every page here, with full NIKs."""
    client = client_as("bpjs", "64")
    if language == "en":
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    user = client.session["_auth_user_id"]
    finished = timezone.now()
    ImportRun.objects.create(
        kind="members", region_id="64", as_of=datetime.date(2023, 1, 1), user_id=user,
        source_name="peserta-januari.csv", status="done", finished_at=finished,
        result={"status": "created", "rows": 10, "accepted": 8, "rejected": 2, "warnings": 1},
    )  # fmt: skip
    ImportRun.objects.create(
        kind="workers", pemda_id="64.02", category="rt_rw", year=2025, user_id=user,
        source_name="rt-rw.csv", status="done", finished_at=finished,
        result={"status": "created", "rows": 10, "accepted": 10, "rejected": 0, "warnings": 0},
    )  # fmt: skip
    return client


def test_pages_show_no_raw_format(officer, language):
    runs = [f"/impor/{run.pk}/" for run in ImportRun.objects.all()]
    monev = [
        "/monev/",
        "/wilayah/64/tindak-lanjut/",
        *(f"/monev/{pk}/" for pk in Meeting.objects.values_list("pk", flat=True)),
        *(f"/tindak-lanjut/{pk}/" for pk in Action.objects.values_list("pk", flat=True)),
    ]
    problems = {}
    for url in (*PAGES, *runs, *monev):
        response = officer.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == language, url
        found = raw_formats(visible_text(response.content.decode()), language)
        if found:
            problems[url] = found
    assert not problems, problems


def test_exports_for_people_show_no_raw_format(officer, language):
    problems = {}
    for url in EXPORTS:
        response = officer.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/vnd.openxmlformats"), url
        found = raw_formats(xlsx_text(response.content), language)
        if found:
            problems[url] = found
    assert not problems, problems


def test_the_check_sees_what_it_looks_for():
    """The patterns catch each raw form and leave the words people write alone."""
    shown = visible_text(
        '<p title="2022-07">Status: not_enrolled, 12/03/2026 8:11 p.m.</p>'
        '<a href="?bulan=2022-07">Juli 2022</a><script>{"month": "2021-05"}</script>'
    )
    assert [problem.split(" in ")[0] for problem in raw_formats(shown)] == [
        "'2022-07'", "'not_enrolled'", "'p.m.'", "'12/03/2026'",
    ]  # fmt: skip
    assert not raw_formats("Juli 2022, Belum terdaftar, APBD kabupaten/kota, 3 Desember 2026")
    assert not raw_formats("14/07/2022 20.11", "id")


def test_english_dates_read_day_month_year_on_a_24_hour_clock(settings):
    moment = datetime.datetime(2026, 12, 3, 20, 11, tzinfo=datetime.UTC)
    settings.TIME_ZONE = "UTC"
    with translation.override("en"):
        shown = Template(
            "{{ t|date }}|{{ t|date:'DATETIME_FORMAT' }}|{{ t|date:'SHORT_DATE_FORMAT' }}|"
            "{{ t|date:'SHORT_DATETIME_FORMAT' }}|{{ t|time }}"
        ).render(Context({"t": moment}))
    assert shown == ("3 December 2026|3 December 2026, 20:11|3 Dec 2026|3 Dec 2026, 20:11|20:11")


PEMDA_PAGES = ("/pemda/64.02/kepatuhan/", "/pemda/64.02/anggaran/baru/", "/impor/baru/",
               "/pemda/64.02/anggaran/", "/kerja/")  # fmt: skip


def test_a_pemda_officers_pages_and_messages_show_no_raw_format(client_as, world, language):
    """The officer records a regulation (its message follows the redirect) and reads the
    pages of their own work: forms, choices, the history of allocations."""
    client = client_as("pemda", "64.02")
    if language == "en":
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    regulation = {"kind": "perda", "number": "5 Tahun 2022", "issued_on": "2022-07-14",
                  "title": "Perlindungan", "categories": ["non_asn", "rt_rw"]}  # fmt: skip
    response = client.post("/pemda/64.02/kepatuhan/regulasi/", regulation, follow=True)
    assert response.status_code == 200
    problems = {"message": raw_formats(visible_text(response.content.decode()), language)}
    for url in PEMDA_PAGES:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        problems[url] = raw_formats(visible_text(response.content.decode()), language)
    assert not any(problems.values()), problems
