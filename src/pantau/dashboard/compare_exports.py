"""XLSX and CSV of a comparison: the values (a row per region and month, a column per
indicator) and the change between the oldest and the newest month (a row per region).

One column per indicator keeps each column's kind: shares as rates, persons as whole numbers,
Rupiah as money, a change of a share in percentage points with one decimal. Aggregates only:
no audit entry, as the region pages' downloads.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.core.display import moment_label, month_label
from pantau.core.spreadsheet import Column, Workbook, write_csv
from pantau.core.vocabulary import Category
from pantau.dashboard.compare import Choice, Comparison
from pantau.dashboard.indicators import Indicator

TABLES = ("nilai", "perubahan")
KINDS = {"percent": "rate", "count": "int", "rupiah": "money"}


def _value_column(indicator: Indicator) -> Column:
    return Column(lambda: str(indicator.label), KINDS[indicator.unit],
                  lambda item: item[2].value(indicator), width=18)  # fmt: skip


def _change_column(indicator: Indicator, comparison: Comparison) -> Column:
    if indicator.unit == "percent":
        return Column(
            lambda: _("%(indicator)s: perubahan (poin)") % {"indicator": indicator.label},
            "number",
            lambda place: _points(comparison.delta(indicator, place)),
            width=18,
            decimals=1,
        )
    return Column(
        lambda: _("%(indicator)s: perubahan") % {"indicator": indicator.label},
        KINDS[indicator.unit],
        lambda place: comparison.delta(indicator, place),
        width=18,
    )


def _points(delta):
    return None if delta is None else delta * 100


def _month_text(fmt: str):
    # Programs read the CSV: an ISO month sorts and parses; people read the workbook.
    if fmt == "csv":
        return lambda item: item[1].key
    return lambda item: month_label(item[1].as_of)


def value_columns(comparison: Comparison, fmt: str) -> tuple[Column, ...]:
    return (
        Column(lambda: _("Kode"), "text", lambda item: item[0].key),
        Column(lambda: _("Wilayah"), "text", lambda item: item[0].name, width=32),
        Column(lambda: _("Bulan"), "text", _month_text(fmt)),
        *(_value_column(indicator) for indicator in comparison.choice.indicators),
    )


def change_columns(comparison: Comparison) -> tuple[Column, ...]:
    return (
        Column(lambda: _("Kode"), "text", lambda place: place.key),
        Column(lambda: _("Wilayah"), "text", lambda place: place.name, width=32),
        *(_change_column(indicator, comparison) for indicator in comparison.choice.indicators),
    )


def value_items(comparison: Comparison):
    choice = comparison.choice
    return [(place, month, comparison.numbers(place, month))
            for place in choice.places for month in choice.months]  # fmt: skip


def _period(choice: Choice) -> str:
    if choice.oldest is None:
        return "–"
    return f"{month_label(choice.oldest.as_of)} → {month_label(choice.newest.as_of)}"


def _notes(choice: Choice) -> list[tuple[str, str]]:
    category = dict(Category.choices).get(choice.category, _("Semua kategori"))
    return [
        (_("Isi"), _("Perbandingan wilayah")),
        (_("Wilayah"), ", ".join(f"{place.key} {place.name}" for place in choice.places)),
        (_("Bulan"), ", ".join(month_label(month.as_of) for month in choice.months)),
        (_("Perubahan"), _period(choice)),
        (_("Kategori"), str(category)),
        (_("Sumber"), _("Tabel agregat Pantau (pembaruan angka terakhir)")),
        (_("Dibuat"), moment_label(timezone.now())),
    ]


def export(comparison: Comparison, table: str, fmt: str) -> bytes:
    choice = comparison.choice
    if fmt == "csv":
        if table == "perubahan":
            return write_csv(change_columns(comparison), choice.places)
        return write_csv(value_columns(comparison, fmt), value_items(comparison))
    book = Workbook()
    book.table(_("Nilai"), value_columns(comparison, fmt), value_items(comparison),
               freeze_columns=2)  # fmt: skip
    if choice.oldest is not None:
        book.table(_("Perubahan"), change_columns(comparison), choice.places, freeze_columns=2)
    book.notes(_notes(choice))
    return book.close()


def file_name(choice: Choice, table: str) -> str:
    month = choice.newest.key if choice.newest else "kosong"
    suffix = "-perubahan" if table == "perubahan" else ""
    return f"pantau-bandingkan-{month}{suffix}"
