from decimal import Decimal

import pytest

from pantau.core.money import FloatAmountError, format_count, format_rupiah, rupiah_int


@pytest.mark.parametrize(
    ("amount", "language", "text"),
    [
        (42_000_000, "id", "Rp42.000.000"),
        (16_800, "id", "Rp16.800"),
        (0, "id", "Rp0"),
        (-5_000, "id", "-Rp5.000"),
        (42_000_000, "en", "Rp42,000,000"),
        ("174000000", "id", "Rp174.000.000"),
        (Decimal("10800"), "id", "Rp10.800"),
    ],
)
def test_rupiah(amount, language, text):
    assert format_rupiah(amount, language) == text


def test_floats_are_refused():
    with pytest.raises(FloatAmountError):
        rupiah_int(0.1 + 0.2)
    with pytest.raises(ValueError):
        rupiah_int(Decimal("10.5"))
    with pytest.raises(ValueError):
        rupiah_int("12,5")


def test_counts_group_the_indonesian_way():
    assert format_count(91599, "id") == "91.599"
    assert format_count(91599, "en") == "91,599"
