"""Card amounts abbreviated (`Rp523,4 jt`), the full amount kept for readers."""

import pytest
from django.template import Context, Template
from django.utils import translation

from pantau.core.display import short_rupiah


@pytest.mark.parametrize(
    ("amount", "indonesian", "english"),
    [
        (0, "Rp0", "Rp0"),
        (999, "Rp999", "Rp999"),
        (1_000, "Rp1,0 rb", "Rp1.0 k"),
        (523_356_000, "Rp523,4 jt", "Rp523.4 m"),
        (523_350_000, "Rp523,4 jt", "Rp523.4 m"),  # a half rounds up
        (523_349_999, "Rp523,3 jt", "Rp523.3 m"),
        (1_234_567_890, "Rp1,2 M", "Rp1.2 bn"),
        (999_960_000, "Rp1,0 M", "Rp1.0 bn"),  # not "Rp1.000,0 jt"
        (2_500_000_000_000, "Rp2,5 T", "Rp2.5 tn"),
        (5_000_000_000_000_000, "Rp5.000,0 T", "Rp5,000.0 tn"),
        (-1_500, "-Rp1,5 rb", "-Rp1.5 k"),
    ],
)
def test_short_rupiah_in_both_languages(amount, indonesian, english):
    assert short_rupiah(amount, "id") == indonesian
    assert short_rupiah(amount, "en") == english


def test_short_rupiah_follows_the_active_language():
    with translation.override("en"):
        assert short_rupiah(1_200_000_000) == "Rp1.2 bn"
    with translation.override("id"):
        assert short_rupiah(1_200_000_000) == "Rp1,2 M"


def test_short_rupiah_filter_keeps_the_full_amount_in_title_and_for_screen_readers():
    template = Template("{{ amount|short_rupiah }}|{{ none|short_rupiah }}")
    with translation.override("id"):
        html = template.render(Context({"amount": 523_356_000, "none": None}))
    assert html == (
        '<span class="amount" title="Rp523.356.000"><span aria-hidden="true">Rp523,4 jt</span>'
        '<span class="visually-hidden">Rp523.356.000</span></span>|–'
    )
