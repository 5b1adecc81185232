"""How the rules engine reads its arguments (`rules.inputs`): what each reader accepts at its
edges, and each refusal word for word in Bahasa Indonesia and in English, naming the argument
as the CLI spells it (docs/rules.md, "Refusals" and "Amounts as people write them")."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from pantau.rules import inputs
from pantau.rules.errors import RuleError

ALL_PROGRAMS = "jkk, jkm, jht, jp, jkp"
CATEGORY_CHOICES = "non_asn, village_official, rt_rw, vulnerable"
ACCEPTED_FORMS = "4500000, 4.500.000, Rp4.500.000,00, 4500000.00"


def refusal(read, value, *args) -> tuple[str, str, str]:
    with pytest.raises(RuleError) as refused:
        read(value, *args)
    return refused.value.argument, refused.value.message_id, refused.value.message_en


@pytest.mark.parametrize(
    ("written", "segment"),
    [("pu", "pu"), ("bpu", "bpu"), (" PU ", "pu"), ("\tBpu", "bpu"), ("pu\n", "pu")],
)
def test_segment_accepted(written, segment):
    assert inputs.segment(written) == segment


@pytest.mark.parametrize("written", ["jakon", "", None, "p u"])
def test_segment_refused(written):
    assert refusal(inputs.segment, written) == (
        "--segment",
        f"Segmen tidak dikenal: {written!r}. Pilihan: pu (penerima upah), bpu (bukan penerima "
        "upah).",
        f"Unknown segment {written!r}. Choose pu (wage earners) or bpu (non-wage earners).",
    )


@pytest.mark.parametrize(
    ("written", "category"),
    [("non_asn", "non_asn"), (" Village_Official ", "village_official"), ("RT_RW\n", "rt_rw"),
     ("\tvulnerable", "vulnerable")],
)  # fmt: skip
def test_category_accepted(written, category):
    assert inputs.category(written) == category


@pytest.mark.parametrize("written", ["teachers", "", None])
def test_category_refused(written):
    assert refusal(inputs.category, written) == (
        "--category",
        f"Kategori tidak dikenal: {written!r}. Pilihan: {CATEGORY_CHOICES}.",
        f"Unknown category {written!r}. Choose from {CATEGORY_CHOICES}.",
    )


@pytest.mark.parametrize(
    ("written", "programs"),
    [
        ("jkk", ("jkk",)),
        ("JKP jp,jht;jkm|jkk", ("jkk", "jkm", "jht", "jp", "jkp")),  # the usual order
        ("jkm\tjkk", ("jkk", "jkm")),
        (",jkm;", ("jkm",)),  # empty names around separators are skipped
        (["JKM", "jkk"], ("jkk", "jkm")),
        (("jht", "jkk,jkm"), ("jkk", "jkm", "jht")),
        (["jkk", "jkk"], ("jkk",)),
    ],
)
def test_programmes_accepted(written, programs):
    assert inputs.programs(written) == programs


def test_unknown_programmes_are_named():
    assert refusal(inputs.programs, "jkk,XYZ;abc") == (
        "--programs",
        f"Program tidak dikenal: xyz, abc. Pilihan: {ALL_PROGRAMS}.",
        f"Unknown programme(s): xyz, abc. Choose from {ALL_PROGRAMS}.",
    )


@pytest.mark.parametrize("written", ["", " , ", None, [], ()])
def test_no_programme_is_refused(written):
    assert refusal(inputs.programs, written) == (
        "--programs",
        f"Pilih paling sedikit satu program: {ALL_PROGRAMS}.",
        f"Choose at least one programme: {ALL_PROGRAMS}.",
    )


@pytest.mark.parametrize(
    ("written", "first_day"),
    [
        ("2024-03", date(2024, 3, 1)),
        ("2024-3", date(2024, 3, 1)),
        (" 2024-12 ", date(2024, 12, 1)),
        ("2024-01", date(2024, 1, 1)),
        ("2024-03-15", date(2024, 3, 1)),  # a day is allowed and dropped
        ("0001-01", date(1, 1, 1)),  # year 1 is the first a date can hold
        (date(2024, 3, 15), date(2024, 3, 1)),
        (datetime(2024, 3, 15, 10, 30), date(2024, 3, 1)),
    ],
)
def test_month_accepted_as_its_first_day(written, first_day):
    read = inputs.month(written)
    assert read == first_day
    assert type(read) is date


@pytest.mark.parametrize(
    "written", ["2024-13", "2024-00", "0000-01", "24-03", "2024/03", "maret 2024", "", None]
)
def test_month_refused(written):
    assert refusal(inputs.month, written) == (
        "--month",
        f"Bulan iuran harus ditulis YYYY-MM (mis. 2024-03), bukan {written!r}.",
        f"The contribution month must be written YYYY-MM (e.g. 2024-03), not {written!r}.",
    )


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2019-12-02", date(2019, 12, 2)),
        (" 2019-12-02\n", date(2019, 12, 2)),
        (date(2019, 12, 1), date(2019, 12, 1)),
        (datetime(2019, 12, 2, 23, 59), date(2019, 12, 2)),
    ],
)
def test_day_accepted(written, day):
    read = inputs.day(written, "--death-date")
    assert read == day
    assert type(read) is date


@pytest.mark.parametrize("written", ["2022-02-30", "2019/12/02", "kemarin", "", None])
def test_day_refused_naming_the_argument(written):
    assert refusal(inputs.day, written, "--membership-start") == (
        "--membership-start",
        f"Tanggal harus ditulis YYYY-MM-DD (mis. 2019-12-02), bukan {written!r}.",
        f"The date must be written YYYY-MM-DD (e.g. 2019-12-02), not {written!r}.",
    )


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("9" * 15, 999_999_999_999_999),  # fifteen digits: a thousand trillion less one
        ("00000" + "1" * 15, 111_111_111_111_111),  # leading zeros are not digits that count
        ("-5000000", -5_000_000),
        ("Rp-5.000.000", -5_000_000),
        ("- Rp 5.000.000", -5_000_000),
        ("Rp5.000.000.-", 5_000_000),
        ("RP 5.000.000,0", 5_000_000),
        ("Rp 4,500,000", 4_500_000),
        ("--5000", -5_000),  # leading minus signs are read as one
    ],
)
def test_amount_edges_accepted(written, amount):
    assert inputs.parse_rupiah(written, "--wage", "Upah", "wage") == amount


@pytest.mark.parametrize(
    ("written", "digits"), [("4.500", "4500"), (" Rp4,500 ", "4500"), ("12.345", "12345")]
)
def test_an_ambiguous_amount_is_refused_with_its_digits(written, digits):
    shown = repr(written.strip())
    assert refusal(inputs.parse_rupiah, written, "--income", "Penghasilan", "income") == (
        "--income",
        f"Penghasilan {shown} ambigu: satu titik atau koma sebelum tiga angka bisa berarti "
        f"ribuan atau desimal. Tulis tanpa pemisah (mis. {digits}) atau dengan sen "
        "(mis. 4.500,00).",
        f"The income {shown} is ambiguous: one point or comma before three digits may be a "
        f"thousands separator or a decimal point. Write it without separators (e.g. {digits}) "
        "or with cents (e.g. 4.500,00).",
    )


@pytest.mark.parametrize("written", ["1" + "0" * 15, "X5000", "5000X", "Rp-", "Rp", "1e6"])
def test_a_form_that_is_not_an_amount_is_refused(written):
    assert refusal(inputs.parse_rupiah, written, "--wage", "Upah", "wage") == (
        "--wage",
        f"Upah bukan jumlah rupiah yang dikenali: {written!r}. Contoh yang diterima: "
        f"{ACCEPTED_FORMS}.",
        f"The wage is not a Rupiah amount Pantau can read: {written!r}. Accepted forms: "
        f"{ACCEPTED_FORMS}.",
    )


@pytest.mark.parametrize(
    ("written", "cents"),
    [("4500000.5", 50), ("4500000,05", 5), ("4.500.000,9", 90), ("4,500,000.01", 1)],
)
def test_cents_are_refused_and_counted(written, cents):
    assert refusal(inputs.parse_rupiah, written, "--wage", "Upah", "wage") == (
        "--wage",
        f"Upah harus rupiah bulat: {written!r} memuat {cents} sen. Tulis jumlah tanpa sen atau "
        "dengan ,00.",
        f"The wage must be whole Rupiah: {written!r} has {cents} cents. Write the amount "
        "without cents or with .00.",
    )


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        (None, None),
        ("", None),
        (0, 0),
        ("0", 0),
        (1, 1),
        (5_000_000, 5_000_000),
        (Decimal("4500000"), 4_500_000),
        ("Rp4.500.000", 4_500_000),
    ],
)
def test_rupiah_accepted(value, amount):
    assert inputs.rupiah(value, "--wage", "Upah", "wage") == amount


@pytest.mark.parametrize("value", [5e6, True, Decimal("4500000.5"), [4_500_000]])
def test_rupiah_refuses_what_is_not_a_whole_amount(value):
    assert refusal(inputs.rupiah, value, "--income", "Penghasilan", "income") == (
        "--income",
        f"Penghasilan harus jumlah rupiah bulat, bukan {value!r}.",
        f"The income must be a whole Rupiah amount, not {value!r}.",
    )


@pytest.mark.parametrize(("value", "amount"), [(-1, -1), ("-5.000.000", -5_000_000)])
def test_rupiah_refuses_a_negative_amount(value, amount):
    assert refusal(inputs.rupiah, value, "--wage", "Upah", "wage") == (
        "--wage",
        f"Upah tidak boleh negatif ({amount}).",
        f"The wage cannot be negative ({amount}).",
    )


@pytest.mark.parametrize(
    ("value", "low", "high", "number"),
    [
        (0, 0, None, 0),
        (10**9, 0, None, 10**9),
        ("7", 0, None, 7),
        (" 12 ", 1, 12, 12),
        (1, 1, 12, 1),
        (12, 1, 12, 12),
        ("1", 1, 12, 1),
        ("-0", 0, None, 0),  # read as int() reads it: zero
    ],
)
def test_whole_number_accepted_within_its_limits(value, low, high, number):
    assert inputs.whole(value, "--months", low, high, "Jumlah bulan", "number of months") == number


@pytest.mark.parametrize(
    ("value", "low", "high", "limit_id", "limit_en"),
    [
        (-1, 0, None, "paling sedikit 0", "at least 0"),
        ("-3", 0, None, "paling sedikit 0", "at least 0"),
        ("X3", 0, None, "paling sedikit 0", "at least 0"),
        ("3-", 0, None, "paling sedikit 0", "at least 0"),
        (True, 0, None, "paling sedikit 0", "at least 0"),
        (2.0, 0, None, "paling sedikit 0", "at least 0"),
        ("1.5", 0, None, "paling sedikit 0", "at least 0"),
        (None, 1, 12, "1 s.d. 12", "1 to 12"),
        (0, 1, 12, "1 s.d. 12", "1 to 12"),
        (13, 1, 12, "1 s.d. 12", "1 to 12"),
        ("13", 1, 12, "1 s.d. 12", "1 to 12"),
    ],
)
def test_whole_number_refused_with_its_limits(value, low, high, limit_id, limit_en):
    read = inputs.whole
    assert refusal(read, value, "--children", low, high, "Jumlah anak", "number of children") == (
        "--children",
        f"Jumlah anak harus bilangan bulat {limit_id}, bukan {value!r}.",
        f"The number of children must be a whole number {limit_en}, not {value!r}.",
    )


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5, "5"])
def test_risk_class_accepted(value):
    assert inputs.risk_class(value) == int(value)


@pytest.mark.parametrize("value", [0, 6, "", None])
def test_risk_class_refused(value):
    assert refusal(inputs.risk_class, value) == (
        "--risk-class",
        f"Kelas risiko JKK harus bilangan bulat 1 s.d. 5, bukan {value!r}.",
        f"The JKK risk class must be a whole number 1 to 5, not {value!r}.",
    )


def test_rupiah_hands_its_argument_and_names_to_the_parser():
    assert refusal(inputs.rupiah, "1e6", "--income", "Penghasilan", "income") == (
        "--income",
        f"Penghasilan bukan jumlah rupiah yang dikenali: '1e6'. Contoh yang diterima: "
        f"{ACCEPTED_FORMS}.",
        f"The income is not a Rupiah amount Pantau can read: '1e6'. Accepted forms: "
        f"{ACCEPTED_FORMS}.",
    )
