"""Reading one data file: every field lands where it belongs; each refusal names file and key."""

from __future__ import annotations

import locale
from datetime import date
from decimal import Decimal
from textwrap import dedent

import pytest

from pantau.rules import datafile
from pantau.rules.errors import RulesDataError

from .rule_files import regulation_header, write_rule_file

NAME = "pp-99-2027"
HEADER = "<header>\n"
ENTRY = """
[[entry]]
key = "bpu.jkm"
from = "2027-01"
amount = 8400
article = "PP 99/2027 Pasal 1"
"""
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


def read(tmp_path, body: str, *, kind: str = "regulation", header: str | None = None):
    if header is None:
        header = regulation_header(NAME, kind=kind)
    # Keys before the first table header are top-level: such a body marks where the header goes.
    before, _, after = dedent(body).rpartition(HEADER)
    return datafile.read(write_rule_file(tmp_path, NAME, before + dedent(header) + after))


def test_a_regulation_and_its_entries_are_read_field_by_field(tmp_path):
    header = """
        [regulation]
        id = "pp-99-2027"
        name = " PP 99/2027 "
        title = " Iuran 2027 "
        kind = "regulation"
        sources = ["https://peraturan.go.id/pp-99-2027"]
    """
    regulation, entries, categories = read(
        tmp_path,
        ENTRY
        + """
        [[entry]]
        key = "pu.jkm"
        from = "2027-01"
        to = "2028-02"
        employer_percent = "0.35"
        worker_percent = "0"
        article = " PP 99/2027 Pasal 2 "
        confidence = "M"
        note = " sementara "
        sources = ["BPJSNEWS"]

        [[entry]]
        key = "jkm.benefit"
        from = 2027-07-01
        to = "2027-07-01"
        lump_sum = 25000000
        periodic = 12000000
        funeral = 10000000
        article = "PP 99/2027 Pasal 3"
        """,
        header=header,
    )
    assert categories == []
    assert (regulation.id, regulation.name, regulation.title, regulation.kind) == (
        "pp-99-2027",
        "PP 99/2027",
        "Iuran 2027",
        "regulation",
    )
    assert regulation.path == tmp_path / "pp-99-2027.toml"
    assert regulation.sources == ("https://peraturan.go.id/pp-99-2027",)
    flat, rate, benefit = entries
    assert (flat.key, flat.start, flat.end, dict(flat.values)) == (
        "bpu.jkm",
        date(2027, 1, 1),
        None,
        {"amount": 8400},
    )
    assert (flat.confidence, flat.note, flat.sources, flat.position) == ("H", "", (), 1)
    assert (flat.regulation, flat.granularity) == (regulation, "month")
    assert (flat.get("amount"), flat.get("missing"), flat.get("missing", 7)) == (8400, None, 7)
    assert (rate.start, rate.end) == (date(2027, 1, 1), date(2028, 2, 29))  # last day, leap
    assert dict(rate.values) == {
        "employer_percent": Decimal("0.35"),
        "worker_percent": Decimal("0"),
    }
    assert (rate.article, rate.confidence, rate.note, rate.sources) == (
        "PP 99/2027 Pasal 2",
        "M",
        "sementara",
        ("BPJSNEWS",),
    )
    assert rate.position == 2
    assert (benefit.start, benefit.end, benefit.granularity) == (
        date(2027, 7, 1),
        date(2027, 7, 1),
        "day",
    )
    assert benefit.values["lump_sum"] == 25_000_000 and benefit.position == 3


def test_a_month_key_runs_from_the_first_to_the_last_day_of_its_months(tmp_path):
    _, (entry,), _ = read(tmp_path, ENTRY.replace('"2027-01"', '"2027-12"\nto = "2028-04"'))
    assert (entry.start, entry.end) == (date(2027, 12, 1), date(2028, 4, 30))


@pytest.mark.parametrize(
    ("when", "start"),
    [("2027-07-02", date(2027, 7, 2)), ('"2027-07-02"', date(2027, 7, 2))],
)
def test_a_day_key_takes_a_toml_date_or_an_iso_text(tmp_path, when, start):
    body = """
        [[entry]]
        key = "jkk.death"
        from = WHEN
        wage_months = 48
        article = "Pasal 4"
    """.replace("WHEN", when)
    _, (entry,), _ = read(tmp_path, body)
    assert entry.start == start and entry.end is None


def test_a_policy_file_holds_categories_and_low_confidence_entries(tmp_path):
    policy = (
        CATEGORY
        + """
        [category.pu]
        programs = ["jkk", "jkm"]
        risk_class = 3
        wage_basis = "monthly_income"
        basis = " persen dari siltap. "
        article = " Pasal 5 "
        confidence = "M"
    """
    )
    regulation, entries, (category,) = read(
        tmp_path, ENTRY.replace("amount", 'confidence = "L"\namount') + policy, kind="policy"
    )
    assert regulation.is_policy and entries[0].confidence == "L"
    assert (category.code, category.default_segment, category.regulation) == (
        "rt_rw",
        "bpu",
        regulation,
    )
    bpu, pu = category.conventions["bpu"], category.conventions["pu"]
    assert list(category.conventions) == ["pu", "bpu"]
    assert (bpu.segment, bpu.programs, bpu.risk_class, bpu.wage_basis) == (
        "bpu",
        ("jkk", "jkm"),  # in the order of the programmes, whatever the file's order
        1,
        1_000_000,
    )
    assert (bpu.basis, bpu.article, bpu.confidence) == ("BPU", "Pasal 2", "H")
    assert (pu.segment, pu.risk_class, pu.wage_basis) == ("pu", 3, "monthly_income")
    assert (pu.basis, pu.article, pu.confidence) == ("persen dari siltap.", "Pasal 5", "M")


def test_a_file_with_only_categories_is_read(tmp_path):
    _, entries, (category,) = read(tmp_path, CATEGORY, kind="policy")
    assert entries == [] and category.code == "rt_rw"


def refused(tmp_path, body: str, *, kind: str = "regulation", header: str | None = None):
    with pytest.raises(RulesDataError) as refusal:
        read(tmp_path, body, kind=kind, header=header)
    error = refusal.value
    assert error.path == tmp_path / f"{NAME}.toml"
    return error


ALLOWED = "['amount', 'article', 'confidence', 'from', 'key', 'note', 'note_en', 'sources', 'to']"
MONTH_FORMAT = '"YYYY-MM", got {} (a regulation in force mid-month applies from that month)'
DEATH = """
[[entry]]
key = "jkk.death"
from = 2027-07-01
wage_months = 48
article = "Pasal 4"
"""
CAP = """
[[entry]]
key = "pu.jp.wage_cap"
from = "2027-03"
article = "Pasal 29"
"""
POLICY_ONLY = "[[category]] defaults are Pantau policy: kind = 'policy'"
NOT_LISTS = "write entries as [[entry]], categories as [[category]]"
CODES = "('non_asn', 'village_official', 'rt_rw', 'vulnerable')"
PROGRAMS = "'programs' must be a list from ('jkk', 'jkm', 'jht', 'jp', 'jkp')"
WAGE_BASIS = "'wage_basis' must be \"monthly_income\" or an amount: must be a whole Rupiah amount"


@pytest.mark.parametrize(
    ("body", "key", "problem"),
    [
        # the file as a whole
        ("[other]\nx = 1\n" + ENTRY, None, "unknown top-level table(s) ['other']"),
        ("", None, "has no [[entry]] and no [[category]]"),
        ("entry = 1\n" + HEADER, None, NOT_LISTS),
        ('entry = "x"\n' + HEADER, None, NOT_LISTS),
        ("category = 1\n" + HEADER + ENTRY, None, NOT_LISTS),
        (CATEGORY, None, POLICY_ONLY),
        (CATEGORY + ENTRY, None, POLICY_ONLY),
        # one entry
        ("entry = [1]\n" + HEADER, None, "[[entry]] 1 is not a table"),
        (ENTRY + "[[entry]]\nfrom = '2027-01'\n", None, "[[entry]] 2 has no 'key'"),
        (ENTRY.replace('"bpu.jkm"', '""'), None, "[[entry]] 1 has no 'key'"),
        (ENTRY.replace('"bpu.jkm"', "5"), None, "[[entry]] 1 has no 'key'"),
        (ENTRY.replace('"bpu.jkm"', '"bpu.jkm.flat"'), "bpu.jkm.flat", "[[entry]] 1: unknown key"),
        (
            ENTRY + 'rate = "1"\n',
            "bpu.jkm",
            f"[[entry]] 1: unknown field(s) ['rate']; allowed: {ALLOWED}",
        ),
        (
            ENTRY.replace('article = "PP 99/2027 Pasal 1"', 'article = " "'),
            "bpu.jkm",
            "[[entry]] 1: 'article' (the citation: regulation and article) is missing",
        ),
        (
            ENTRY.replace('article = "PP 99/2027 Pasal 1"', ""),
            "bpu.jkm",
            "[[entry]] 1: 'article' (the citation: regulation and article) is missing",
        ),
        (
            ENTRY.replace('article = "PP 99/2027 Pasal 1"', "article = 1"),
            "bpu.jkm",
            "[[entry]] 1: 'article' (the citation: regulation and article) is missing",
        ),
        (
            ENTRY + 'confidence = "X"\n',
            "bpu.jkm",
            "[[entry]] 1: 'confidence' must be one of ('H', 'M', 'L'), got 'X'",
        ),
        (
            ENTRY + 'confidence = "L"\n',
            "bpu.jkm",
            "[[entry]] 1: a value of confidence L is not regulation; put it in a Pantau policy "
            "file (kind = 'policy') that says how it was derived",
        ),
        (
            ENTRY.replace("amount = 8400", ""),
            "bpu.jkm",
            "[[entry]] 1: missing field(s) ['amount']",
        ),
        (
            CAP,
            "pu.jp.wage_cap",
            "[[entry]] 1: needs exactly one of ['amount', 'carry_forward']",
        ),
        (
            CAP + "amount = 11000000\ncarry_forward = true\n",
            "pu.jp.wage_cap",
            "[[entry]] 1: needs exactly one of ['amount', 'carry_forward']",
        ),
        (
            ENTRY.replace("amount = 8400", "amount = -1"),
            "bpu.jkm",
            "[[entry]] 1: 'amount' must not be negative, got -1",
        ),
        (ENTRY.replace('from = "2027-01"', ""), "bpu.jkm", "[[entry]] 1: 'from' is missing"),
        (
            ENTRY.replace('"2027-01"', "2027-01-01"),
            "bpu.jkm",
            "[[entry]] 1: 'from' must be a contribution month "
            + MONTH_FORMAT.format("datetime.date(2027, 1, 1)"),
        ),
        (
            ENTRY.replace('"2027-01"', '"2027-1"'),
            "bpu.jkm",
            "[[entry]] 1: 'from' must be a contribution month " + MONTH_FORMAT.format("'2027-1'"),
        ),
        (
            ENTRY + 'to = "2027-02-28"\n',
            "bpu.jkm",
            "[[entry]] 1: 'to' must be a contribution month " + MONTH_FORMAT.format("'2027-02-28'"),
        ),
        (ENTRY.replace('"2027-01"', '"2027-13"'), "bpu.jkm", "[[entry]] 1: 'from' has no month 13"),
        (ENTRY.replace('"2027-01"', '"2027-00"'), "bpu.jkm", "[[entry]] 1: 'from' has no month 00"),
        (ENTRY + 'to = "2027-00"\n', "bpu.jkm", "[[entry]] 1: 'to' has no month 00"),
        (
            ENTRY + 'to = "2026-12"\n',
            "bpu.jkm",
            "[[entry]] 1: 'to' 2026-12 is before 'from' 2027-01",
        ),
        (
            DEATH + "to = 2027-06-30\n",
            "jkk.death",
            "[[entry]] 1: 'to' 2027-06-30 is before 'from' 2027-07-01",
        ),
        (
            DEATH.replace("2027-07-01", "2027-07-01T00:00:00"),
            "jkk.death",
            "[[entry]] 1: 'from' must be a date YYYY-MM-DD, got "
            "datetime.datetime(2027, 7, 1, 0, 0)",
        ),
        (
            DEATH + 'to = "kemarin"\n',
            "jkk.death",
            "[[entry]] 1: 'to' must be a date YYYY-MM-DD, got 'kemarin'",
        ),
        (
            DEATH.replace("2027-07-01", "20270701"),
            "jkk.death",
            "[[entry]] 1: 'from' must be a date YYYY-MM-DD, got 20270701",
        ),
        (ENTRY + "note = 5\n", "bpu.jkm", "[[entry]] 1: 'note' must be a text"),
        (ENTRY + 'sources = "BPJSNEWS"\n', "bpu.jkm", "'sources' must be a list of texts"),
        (ENTRY + "sources = [1]\n", "bpu.jkm", "'sources' must be a list of texts"),
    ],
)
def test_a_malformed_regulation_file_is_refused(tmp_path, body, key, problem):
    error = refused(tmp_path, body)
    assert (error.key, error.problem) == (key, problem)
    where = f"{NAME}.toml" if key is None else f"{NAME}.toml, key {key!r}"
    assert str(error) == f"{where}: {problem}"


@pytest.mark.parametrize(
    ("replace", "by", "problem"),
    [
        ('name = "PP 99/2027"\n', "", "[regulation] needs a non-empty 'name'"),
        ('name = "PP 99/2027"', 'name = "  "', "[regulation] needs a non-empty 'name'"),
        ('title = "A', 'titel = "A', "[regulation] has unknown field(s) ['titel']"),
        (
            'title = "A hypothetical regulation written by a test"',
            "title = 5",
            "[regulation] needs a non-empty 'title'",
        ),
        (
            'title = "A hypothetical regulation written by a test"',
            "title = ''",
            "[regulation] needs a non-empty 'title'",
        ),
        ('id = "pp-99-2027"', "id = 5", "[regulation] needs a non-empty 'id'"),
        (
            'id = "pp-99-2027"',
            'id = "pp-98-2027"',
            "[regulation] id 'pp-98-2027' must equal the file name",
        ),
        (
            'kind = "regulation"',
            'kind = "law"',
            "[regulation] kind must be one of ('regulation', 'policy')",
        ),
        ('kind = "regulation"', "", "[regulation] needs a non-empty 'kind'"),
        (
            'kind = "regulation"',
            'kind = "regulation"\nsources = "x"',
            "'sources' must be a list of texts",
        ),
        (
            'kind = "regulation"',
            'kind = "regulation"\nsources = ["x", 2]',
            "'sources' must be a list of texts",
        ),
        ("[regulation]", "[regulasi]", "unknown top-level table(s) ['regulasi']"),
    ],
)
def test_a_malformed_regulation_table_is_refused(tmp_path, replace, by, problem):
    header = regulation_header(NAME).replace(replace, by, 1)
    assert header != regulation_header(NAME)
    error = refused(tmp_path, ENTRY, header=header)
    assert (error.key, str(error)) == (None, f"{NAME}.toml: {problem}")


def test_a_file_without_a_regulation_table_is_refused(tmp_path):
    error = refused(tmp_path, ENTRY, header="")
    assert str(error) == f"{NAME}.toml: the [regulation] table is missing"


def test_a_file_that_is_not_utf8_or_not_toml_is_refused(tmp_path):
    path = tmp_path / f"{NAME}.toml"
    path.write_bytes(b"\xff[regulation]\n")
    with pytest.raises(RulesDataError) as refusal:
        datafile.read(path)
    assert (refusal.value.path, refusal.value.key) == (path, None)
    assert str(refusal.value) == (
        f"{NAME}.toml: cannot be read: 'utf-8' codec can't decode byte 0xff in position 0: "
        "invalid start byte"
    )
    path.write_text("[regulation\n", encoding="utf-8")
    with pytest.raises(RulesDataError) as refusal:
        datafile.read(path)
    assert (refusal.value.path, refusal.value.key) == (path, None)
    assert str(refusal.value).startswith(f"{NAME}.toml: is not valid TOML: ")


def test_a_missing_file_is_refused(tmp_path):
    path = tmp_path / f"{NAME}.toml"
    with pytest.raises(RulesDataError) as refusal:
        datafile.read(path)
    assert (refusal.value.path, refusal.value.key) == (path, None)
    assert str(refusal.value) == (
        f"{NAME}.toml: cannot be read: [Errno 2] No such file or directory: '{path}'"
    )


@pytest.mark.parametrize(
    ("body", "key", "problem"),
    [
        ("category = [1]\n" + HEADER, None, f"[[category]] code must be one of {CODES}"),
        (
            CATEGORY.replace('"rt_rw"', '"teachers"'),
            None,
            f"[[category]] code must be one of {CODES}",
        ),
        (
            CATEGORY.replace('code = "rt_rw"\n', ""),
            None,
            f"[[category]] code must be one of {CODES}",
        ),
        (
            CATEGORY.replace("[category.bpu]", "jakon = 1\n[category.bpu]"),
            "category.rt_rw",
            "unknown field(s) ['jakon']",
        ),
        (
            CATEGORY.replace('"bpu"\n', '"pu"\n', 1),
            "category.rt_rw",
            "'default_segment' must name a convention given in this category",
        ),
        (
            CATEGORY.replace('default_segment = "bpu"\n', ""),
            "category.rt_rw",
            "'default_segment' must name a convention given in this category",
        ),
        (
            '[[category]]\ncode = "rt_rw"\ndefault_segment = "bpu"\nbpu = 1\n',
            "category.rt_rw.bpu",
            "must be a table",
        ),
        (CATEGORY + 'rate = "1"\n', "category.rt_rw.bpu", "unknown field(s) ['rate']"),
        (CATEGORY.replace('["jkm", "jkk"]', "[]"), "category.rt_rw.bpu", PROGRAMS),
        (CATEGORY.replace('["jkm", "jkk"]', '"jkm"'), "category.rt_rw.bpu", PROGRAMS),
        (CATEGORY.replace('["jkm", "jkk"]', '["jkm", "jakon"]'), "category.rt_rw.bpu", PROGRAMS),
        (CATEGORY + "risk_class = 6\n", "category.rt_rw.bpu", "'risk_class' must be 1 to 5"),
        (CATEGORY + "risk_class = true\n", "category.rt_rw.bpu", "'risk_class' must be 1 to 5"),
        (
            CATEGORY.replace("1000000", '"weekly"'),
            "category.rt_rw.bpu",
            f"{WAGE_BASIS}, got 'weekly'",
        ),
        (
            CATEGORY.replace("wage_basis = 1000000", ""),
            "category.rt_rw.bpu",
            f"{WAGE_BASIS}, got None",
        ),
        (
            CATEGORY.replace('basis = "BPU"', 'basis = " "'),
            "category.rt_rw.bpu",
            "'basis' is missing",
        ),
        (CATEGORY.replace('basis = "BPU"', ""), "category.rt_rw.bpu", "'basis' is missing"),
        (CATEGORY.replace('article = "Pasal 2"', ""), "category.rt_rw.bpu", "'article' is missing"),
        (
            CATEGORY.replace('article = "Pasal 2"', "article = 2"),
            "category.rt_rw.bpu",
            "'article' is missing",
        ),
        (
            CATEGORY + 'confidence = "X"\n',
            "category.rt_rw.bpu",
            "'confidence' must be one of ('H', 'M', 'L')",
        ),
    ],
)
def test_a_malformed_category_is_refused(tmp_path, body, key, problem):
    error = refused(tmp_path, body, kind="policy")
    assert (error.key, error.problem) == (key, problem)
    where = f"{NAME}.toml" if key is None else f"{NAME}.toml, key {key!r}"
    assert str(error) == f"{where}: {problem}"


def test_a_data_file_is_read_as_utf8_whatever_the_locale(tmp_path):
    header = regulation_header(NAME).replace("A hypothetical", "Iuran – × A hypothetical")
    path = write_rule_file(tmp_path, NAME, header + ENTRY)
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")  # an ASCII locale, as on a bare server
    try:
        regulation, _, _ = datafile.read(path)
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)
    assert regulation.title == "Iuran – × A hypothetical regulation written by a test"
