"""The data files' English fields: `note_en`, a convention's `basis_en`, a level's `name_en`.

Each is optional: without it the English working shows the Indonesian text (docs/rules.md,
"The working in English"). The shipped files carry all of them.
"""

from __future__ import annotations

import re
import shutil
from textwrap import dedent

import pytest

from pantau.rules import api, datafile, schedules
from pantau.rules.errors import RulesDataError

from .rule_files import regulation_header, write_rule_file

NAME = "pp-99-2027"


def read(tmp_path, body: str, *, kind: str = "regulation"):
    return datafile.read(write_rule_file(tmp_path, NAME, regulation_header(NAME, kind=kind) + body))


def test_an_entry_reads_its_english_note(tmp_path):
    _, (entry,), _ = read(
        tmp_path,
        """
        [[entry]]
        key = "bpu.jkm"
        from = "2027-01"
        amount = 8400
        article = "PP 99/2027 Pasal 1"
        confidence = "M"
        note = " sementara "
        note_en = " provisional "
        """,
    )
    assert (entry.note, entry.note_en) == ("sementara", "provisional")
    assert entry.noted().id == "PP 99/2027: sementara"
    assert entry.noted().en == "PP 99/2027: provisional"
    assert entry.citation() == "PP 99/2027 Pasal 1; keyakinan M"
    assert entry.citation_en() == "PP 99/2027 Pasal 1; confidence M"


def test_without_an_english_note_the_english_working_shows_the_indonesian_one(tmp_path):
    _, (entry,), _ = read(
        tmp_path,
        """
        [[entry]]
        key = "bpu.jkm"
        from = "2027-01"
        amount = 8400
        article = "PP 99/2027 Pasal 1"
        note = "sementara"
        """,
    )
    assert entry.note_en == ""
    assert entry.noted().en == "PP 99/2027: sementara"
    assert entry.citation_en() == "PP 99/2027 Pasal 1"


def test_a_policy_entry_is_marked_in_english(tmp_path):
    _, (entry,), _ = read(
        tmp_path,
        """
        [[entry]]
        key = "bpu.jkm"
        from = "2027-01"
        amount = 8400
        article = "turunan"
        confidence = "L"
        """,
        kind="policy",
    )
    assert entry.citation() == "turunan; kebijakan Pantau, bukan kutipan peraturan; keyakinan L"
    assert entry.citation_en() == (
        "turunan; Pantau policy, not a quotation of a regulation; confidence L"
    )
    assert (entry.cited().id, entry.cited().en) == (entry.citation(), entry.citation_en())


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ('note = "x"\nnote_en = 3', "[[entry]] 1: 'note_en' must be a text"),
        ('note = 3\nnote_en = "x"', "[[entry]] 1: 'note' must be a text"),
        (
            'note_en = "provisional"',
            "[[entry]] 1: 'note_en' translates 'note': give the note in Bahasa Indonesia too",
        ),
        (
            'note = "  "\nnote_en = "provisional"',
            "[[entry]] 1: 'note_en' translates 'note': give the note in Bahasa Indonesia too",
        ),
    ],
)
def test_a_bad_english_note_is_refused(tmp_path, fields, problem):
    body = (
        '\n[[entry]]\nkey = "bpu.jkm"\nfrom = "2027-01"\namount = 8400\n'
        f'article = "PP 99/2027 Pasal 1"\n{fields}\n'
    )
    with pytest.raises(RulesDataError) as raised:
        read(tmp_path, body)
    assert (raised.value.key, raised.value.problem) == ("bpu.jkm", problem)


def test_an_empty_english_note_without_a_note_is_no_note(tmp_path):
    body = (
        '\n[[entry]]\nkey = "bpu.jkm"\nfrom = "2027-01"\namount = 8400\n'
        'article = "PP 99/2027 Pasal 1"\nnote_en = "  "\n'
    )
    _, (entry,), _ = read(tmp_path, body)
    assert (entry.note, entry.note_en) == ("", "")


CATEGORY = """
[[category]]
code = "rt_rw"
default_segment = "bpu"

[category.bpu]
programs = ["jkm", "jkk"]
wage_basis = 1000000
basis = "BPU"
article = "Pasal 2"
"""


def test_a_convention_reads_its_english_basis(tmp_path):
    body = CATEGORY + 'basis_en = " BPU in English "\n'
    _, _, (category,) = read(tmp_path, body, kind="policy")
    convention = category.conventions["bpu"]
    assert (convention.basis, convention.basis_en) == ("BPU", "BPU in English")


def test_a_convention_without_an_english_basis_has_none(tmp_path):
    _, _, (category,) = read(tmp_path, CATEGORY, kind="policy")
    assert category.conventions["bpu"].basis_en == ""


def test_a_convention_with_a_bad_english_basis_is_refused(tmp_path):
    with pytest.raises(RulesDataError) as raised:
        read(tmp_path, CATEGORY + "basis_en = 7\n", kind="policy")
    assert (raised.value.key, raised.value.problem) == (
        "category.rt_rw.bpu",
        "'basis_en' must be a text",
    )


def test_a_scholarship_level_name_in_english_must_be_a_text(tmp_path):
    body = """
        [[entry]]
        key = "scholarship.tk"
        from = 2027-01-01
        name = "TK"
        name_en = ""
        order = 1
        per_year_amount = 2000000
        max_years = 2
        article = "PP 99/2027"
        """
    with pytest.raises(RulesDataError) as raised:
        read(tmp_path, dedent(body))
    assert raised.value.problem == "[[entry]] 1: 'name_en' must be a non-empty text"


@pytest.fixture
def without_english(tmp_path):
    """The shipped files with every English field removed."""
    for directory in schedules.SHIPPED_DIRECTORIES:
        for path in directory.glob("*.toml"):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"^(note_en|basis_en|name_en) = .*\n", "", text, flags=re.M)
            (tmp_path / path.name).write_text(text, encoding="utf-8")
    with schedules.using(schedules.load([tmp_path], shipped=False)) as schedule:
        yield schedule


def test_without_english_fields_the_english_working_keeps_the_data_files_words(without_english):
    contribution = api.contribution("bpu", "2024-01", "jkk", income=1_000_000)
    assert contribution.working("en")[-3] == (
        "PP 44/2015: Baris tabel penghasilan Lampiran II tidak diperoleh; yang tercatat hanya 1% "
        "penghasilan, minimum Rp10.000, maksimum Rp207.000."
    )
    default = api.default_programs("vulnerable")
    assert default.as_dict("en")["basis"] == (
        "Pekerja rentan sebagai peserta BPU pada penghasilan minimum Rp1.000.000: JKK Rp10.000 "
        "+ JKM Rp6.800 = Rp16.800 sebulan, dibayar APBD (Inpres 2/2021; paket minimum BPU: "
        "BPJSNEWS, IDNDKI, GHBPU; Pantau policy)."
    )
    levels = api.scholarship_schedule("2022-07-14")
    assert [level.as_dict("en")["name"] for level in levels] == [
        "TK", "SD", "SMP", "SMA", "Perguruan tinggi (paling tinggi S1) atau pelatihan",
    ]  # fmt: skip


def test_the_shipped_files_say_every_note_basis_and_level_in_english():
    shipped = [p for d in schedules.SHIPPED_DIRECTORIES for p in sorted(d.glob("*.toml"))]
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        for field in ("note", "basis", "name"):
            if field == "name":  # the [regulation] name is a citation, not a level's name
                count = len(re.findall(r'^key = "scholarship\.', text, flags=re.M))
            else:
                count = len(re.findall(rf"^{field} = ", text, flags=re.M))
            assert len(re.findall(rf"^{field}_en = ", text, flags=re.M)) == count, (path, field)


def test_the_english_scholarship_schedule():
    levels = api.scholarship_schedule("2022-07-14")
    assert [level.as_dict("en") for level in levels][0] == {
        "code": "tk", "name": "Kindergarten (TK)", "per_year": 1_500_000, "max_years": 2,
        "max_total": 3_000_000,
        "basis": "Kindergarten (TK): Rp1,500,000 a year × 2 years = Rp3,000,000 per child "
        "(PP 82/2019; Permenaker 5/2021)",
    }  # fmt: skip
    assert [level.as_dict()["name"] for level in levels] == ["TK", "SD", "SMP", "SMA", (
        "Perguruan tinggi (paling tinggi S1) atau pelatihan"
    )]  # fmt: skip
    assert [level.as_dict("en")["name"] for level in levels][1:] == [
        "Primary school (SD)", "Junior secondary school (SMP)", "Senior secondary school (SMA)",
        "Higher education (up to a bachelor's degree) or training",
    ]  # fmt: skip
    assert levels[0].basis == "TK: Rp1.500.000 per tahun × 2 tahun = Rp3.000.000 per anak " + (
        "(PP 82/2019; Permenaker 5/2021)"
    )


def test_a_one_year_level_reads_year(tmp_path):
    for directory in schedules.SHIPPED_DIRECTORIES:
        for path in directory.glob("*.toml"):
            shutil.copy(path, tmp_path / path.name)
    write_rule_file(
        tmp_path,
        "pp-96-2027",
        regulation_header("pp-96-2027", short="PP 96/2027")
        + """
        [[entry]]
        key = "scholarship.tk"
        from = 2027-01-01
        name = "TK"
        order = 1
        per_year_amount = 2000000
        max_years = 1
        article = "PP 96/2027"
        """,
    )
    with schedules.using(schedules.load([tmp_path], shipped=False)):
        (level, *_) = api.scholarship_schedule("2027-07-01")
    assert level.as_dict("en")["basis"] == (
        "TK: Rp2,000,000 a year × 1 year = Rp2,000,000 per child (PP 96/2027)"
    )


def test_only_the_final_full_stop_of_an_english_basis_gives_way_to_the_citation(tmp_path):
    for directory in schedules.SHIPPED_DIRECTORIES:
        for path in directory.glob("*.toml"):
            shutil.copy(path, tmp_path / path.name)
    policy = tmp_path / "category-defaults.toml"
    text = policy.read_text(encoding="utf-8")
    old = '= Rp16,800 a month, paid from the APBD."'
    assert old in text
    policy.write_text(text.replace(old, '= Rp16,800 a month, grade IX."', 1), encoding="utf-8")
    with schedules.using(schedules.load([tmp_path], shipped=False)):
        basis = api.default_programs("vulnerable").as_dict("en")["basis"]
    assert basis.endswith(
        "a month, grade IX (Inpres 2/2021; paket minimum BPU: BPJSNEWS, IDNDKI, GHBPU; "
        "Pantau policy)."
    )


ONE_YEAR_MINIMUM = """
[[entry]]
key = "jkm.scholarship.membership"
from = 2027-01-01
min_membership_years = 1
article = "PP 95/2027 Pasal 1"
"""


@pytest.mark.parametrize(
    ("start", "served", "verdict"),
    [
        ("2026-02-01", "membership of 1 year 1 month (since 1 February 2026)", "is met"),
        ("2025-01-15", "membership of 2 years 2 months (since 15 January 2025)", "is met"),
        ("2027-03-10", "membership of 0 years 0 months (since 10 March 2027)", "is not met"),
    ],
)
def test_years_and_months_are_singular_or_plural_in_english(tmp_path, start, served, verdict):
    write_rule_file(
        tmp_path,
        "pp-95-2027",
        regulation_header("pp-95-2027", short="PP 95/2027") + ONE_YEAR_MINIMUM,
    )
    with schedules.using(schedules.load([tmp_path])):
        benefit = api.jkm_benefit("2027-03-15", start, children=1)
    assert benefit.scholarship.en.startswith(
        f"Scholarship: {served}; the minimum of 1 year (PP 95/2027 Pasal 1) {verdict}. At most "
        "2 children × "
    )
