"""XLSX and CSV of a ranking (aggregates only), on the kit's writers
(`pantau.core.spreadsheet`): one row per Pemda, the province government first with no rank,
the score and every part's points as numbers, and a "Keterangan" sheet with the year, the
coverage months and the policy's weights and targets."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from pantau.budgets.scorecard.services import PART_LABELS, PARTS, Scorecard, ScoreRow
from pantau.core import display
from pantau.core.display import number
from pantau.core.spreadsheet import Column, Workbook, write_csv
from pantau.regions.choices import Level


def _part_column(card: Scorecard, name: str) -> Column:
    weight = card.policy.weights[name]
    return Column(
        lambda: _("%(part)s (bobot %(weight)s)") % {"part": PART_LABELS[name], "weight": weight},
        "number",
        lambda row: row.part(name).points,
        decimals=2,
    )


def _missing(row: ScoreRow) -> str:
    return ", ".join(part.label for part in row.parts if part.unknown)


def columns(card: Scorecard) -> list[Column]:
    """The ranking's columns: scores and points are Fractions, the writers round them (the
    score to one decimal, points to two); the exact value stays in the XLSX cell, so that
    sorting in the spreadsheet agrees with the ranks."""
    return [
        Column(lambda: _("Peringkat"), "int", lambda row: row.rank, 10),
        Column(lambda: _("Kode"), "text", lambda row: row.code, 9),
        Column(lambda: _("Pemda"), "text", lambda row: row.name, 32),
        Column(lambda: _("Tingkat"), "text", lambda row: str(Level(row.level).label)),
        Column(lambda: _("Skor (0–100)"), "number", lambda row: row.score, 12, decimals=1),
        *(_part_column(card, name) for name in PARTS),
        Column(lambda: _("Bagian tanpa data (skor 0)"), "text", _missing, 28),
    ]


def rows(card: Scorecard) -> list[ScoreRow]:
    return [*([card.government] if card.government else []), *card.rows]


def _month(value) -> str:
    return formats.date_format(value, "YEAR_MONTH_FORMAT") if value else "–"


def about(card: Scorecard) -> list[tuple[str, str]]:
    policy = card.policy
    return [
        (_("Kode dan nama wilayah"), f"{card.region_code or 'ID'} {card.region_name}"),
        (_("Tahun"), str(card.year)),
        (_("Angka cakupan per"), _month(card.as_of)),
        (_("12 bulan sebelumnya"), _month(card.previous_as_of)),
        *((_("Bobot %(part)s") % {"part": PART_LABELS[name]},
           str(policy.weights[name])) for name in PARTS),
        (_("Target UCJ"), display.percent(policy.ucj_target, 2, grouping=True)),
        (_("Target kenaikan UCJ 12 bulan (poin)"), number(policy.ucj_trend_points, 1)),
        (_("Berkas kebijakan"), policy.path.name),
    ]  # fmt: skip


def scorecard_xlsx(card: Scorecard) -> bytes:
    book = Workbook()
    book.table(_("Peringkat"), columns(card), rows(card), freeze_columns=3)
    book.notes(about(card))
    return book.close()


def scorecard_csv(card: Scorecard) -> bytes:
    """UTF-8 with a BOM (so Excel reads it as such), comma-separated, decimal points."""
    return write_csv(columns(card), rows(card))
