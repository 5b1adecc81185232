"""The display kit: one rounding rule, localised numbers and percentages, downloads."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.template import Context, Template
from django.utils import translation

from pantau.core.display import moment_label, month_label, number, percent, round_half_up
from pantau.core.downloads import download


def test_halves_round_up_exactly():
    assert [round_half_up(Fraction(n, 2)) for n in (1, 3, 5, 7)] == [1, 2, 3, 4]
    assert round_half_up(Fraction(1, 8), 2) == Decimal("0.13")
    assert round_half_up(Fraction(2, 3), 0) == Decimal("1")
    assert round_half_up(7) == 7


@pytest.mark.parametrize(
    "language, value, places, grouping, text",
    [
        ("id", Fraction(853, 1000), 1, False, "85,3 %"),
        ("en", Fraction(853, 1000), 1, False, "85.3 %"),
        ("id", Fraction(12345, 1000), 1, False, "1234,5 %"),
        ("id", Fraction(12345, 1000), 1, True, "1.234,5 %"),
        ("id", None, 1, False, "–"),
    ],
)
def test_percent(language, value, places, grouping, text):
    with translation.override(language):
        assert percent(value, places, grouping=grouping) == text


def test_number_groups_thousands_and_rounds_fractions():
    with translation.override("id"):
        assert number(Fraction(123456789, 100), 1) == "1.234.567,9"
        assert number(1200, 0, grouping=False) == "1200"


def test_download_names_and_types_the_attachment():
    response = download(b"a,b\n", "anggaran-ID-2024", "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="anggaran-ID-2024.csv"'
    assert download(b"", "x", "xlsx")["Content-Type"].startswith("application/vnd.openxml")


@pytest.mark.parametrize(
    "language, month, text",
    [
        ("id", datetime.date(2022, 7, 1), "Juli 2022"),
        ("en", datetime.date(2022, 7, 31), "July 2022"),
        ("id", datetime.date(2024, 1, 15), "Januari 2024"),
        ("id", datetime.date(2024, 12, 1), "Desember 2024"),
        ("en-us", datetime.date(2024, 8, 1), "August 2024"),
    ],
)
def test_month_label_in_the_active_language(language, month, text):
    with translation.override(language):
        assert month_label(month) == text


def test_month_label_language_given_overrides_the_active_one():
    with translation.override("en"):
        assert month_label(datetime.date(2022, 5, 1), "id") == "Mei 2022"


def test_month_label_filter_in_a_template():
    template = Template("{{ month|month_label }} · {{ text|month_label }} · {{ none|month_label }}")
    context = Context({"month": datetime.date(2022, 3, 1), "text": "2023-10", "none": None})
    with translation.override("id"):
        assert template.render(context) == "Maret 2022 · Oktober 2023 · –"
    with translation.override("en"):
        assert template.render(context) == "March 2022 · October 2023 · –"


def test_moment_label_in_jakarta_time():
    moment = datetime.datetime(2022, 8, 1, 14, 5, tzinfo=datetime.UTC)  # 21:05 WIB
    with translation.override("id"):
        assert moment_label(moment) == "1 Agustus 2022, 21.05"
    with translation.override("en"):
        assert moment_label(moment) == "1 August 2022, 21:05"
    # Past midnight in Jakarta is the next day there.
    assert moment_label(datetime.datetime(2022, 12, 31, 18, 30, tzinfo=datetime.UTC), "id") == (
        "1 Januari 2023, 01.30"
    )


def test_a_day_reads_as_people_write_it():
    import datetime

    from pantau.core.display import day_label

    assert day_label(datetime.date(2022, 7, 5), "id") == "5 Juli 2022"
    assert day_label(datetime.date(2022, 12, 31), "en") == "31 December 2022"
