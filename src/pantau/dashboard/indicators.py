"""The indicators a dashboard can colour its map and rank its table by.

Each one reads a `RegionNumbers` (one region's row of the pre-aggregated tables) and says how
to show it. `higher_is_better` orders the ranking and turns the colour scale the right way
round: dark always means good, so a glance reads the same whichever indicator is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pantau.core.display import percent
from pantau.core.money import format_count, format_rupiah


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str | Promise
    unit: str  # percent | count | rupiah
    by_category: bool  # whether the category choice changes its value
    higher_is_better: bool
    help: str | Promise


INDICATORS: dict[str, Indicator] = {
    indicator.key: indicator
    for indicator in (
        Indicator(
            "ucj",
            _("Cakupan UCJ"),
            "percent",
            False,
            True,
            _("Peserta aktif yang bekerja di wilayah ÷ penduduk bekerja (BPS Sakernas)."),
        ),
        Indicator(
            "list_coverage",
            _("Cakupan daftar Pemda"),
            "percent",
            True,
            True,
            _("Orang dalam daftar Pemda yang terlindungi ÷ semua orang dalam daftar."),
        ),
        Indicator(
            "active_members",
            _("Peserta aktif"),
            "count",
            False,
            True,
            _("Peserta BPJS Ketenagakerjaan berstatus aktif yang bekerja di wilayah."),
        ),
        Indicator(
            "not_covered",
            _("Belum terlindungi"),
            "count",
            True,
            False,
            _("Orang dalam daftar Pemda yang kepesertaannya terputus atau belum terdaftar."),
        ),
        Indicator(
            "gap_cost",
            _("Biaya menutup celah"),
            "rupiah",
            True,
            False,
            _("Iuran setahun bagi yang terputus dan yang belum terdaftar, menurut aturan iuran."),
        ),
        Indicator(
            "not_budgeted",
            _("Pemda belum menganggarkan"),
            "count",
            True,
            False,
            _("Pemda yang belum mengalokasikan iuran dalam APBD tahun berjalan."),
        ),
    )  # fmt: skip
}
DEFAULT_INDICATOR = "ucj"
# UCJ needs a workforce figure (BPS Sakernas), which exists per province and, where someone
# imported one or the demo estimates it, per regency and city; never below. Children without
# any are coloured and ranked by the coverage of the Pemda lists unless another is asked for.
DEFAULT_BELOW_NATION = "list_coverage"


def indicator_for(key: str | None, national: bool = True, children_have_ucj: bool = False
                  ) -> Indicator:  # fmt: skip
    """The indicator asked for, else UCJ where the children have figures, else list coverage."""
    if key in INDICATORS:
        return INDICATORS[key]
    return INDICATORS[DEFAULT_INDICATOR if national or children_have_ucj else DEFAULT_BELOW_NATION]


def number(value: int | Fraction | None) -> float | None:
    """The value as the chart wants it: a share in percent to one decimal, or a whole number."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        return round(float(value * 100), 1)
    return int(value)


def display(indicator: Indicator, value: int | Fraction | None) -> str:
    """The value as a person reads it, in the request's language (`67,0 %`, `Rp1.200.000`)."""
    if value is None:
        return "–"
    if indicator.unit == "percent":
        return percent(value)
    if indicator.unit == "rupiah":
        return format_rupiah(value)
    return format_count(value)
