"""The display kit: one rounding rule, localised numbers and percentages, downloads."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from pantau.core.display import number, percent, round_half_up
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
