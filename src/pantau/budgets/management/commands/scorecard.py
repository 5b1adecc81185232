"""`pantau scorecard [--region CODE|ID] [--year YYYY] [--format text|json]`.

The Inpres 2/2021 compliance scorecard (docs/budgets.md, "Scorecard"): Indonesia (ID, the
default) ranks its 38 provinces; a province ranks its regencies and cities, its own
government shown apart; a regency or city is shown alone with its rank in its province.
Every score comes with its parts (weight, value, points and the facts they came from).
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from pantau.budgets.management.commands.budget_status import year_argument
from pantau.budgets.scorecard.services import (
    DATA_MISSING,
    NOTE_LABELS,
    PARTS,
    PolicyError,
    card_json,
    latest_year,
    scorecard,
)
from pantau.core.command import PantauCommand, UsageError
from pantau.core.display import round_half_up
from pantau.regions.lookup import NotAPemda, RegionNotFound

SHORT_LABELS = {
    "regulation": "regulasi",
    "planning": "rencana",
    "budget": "anggaran",
    "list_coverage": "daftar",
    "ucj": "UCJ",
    "ucj_trend": "tren UCJ",
    "follow_up": "tindak lanjut",
}


def region_error(code: str, error: Exception) -> UsageError:
    """One line, Indonesian then English."""
    if isinstance(error, NotAPemda):
        region = error.region
        return UsageError(
            f"{region.code} {region.name} bukan Pemda; pilih provinsi, kabupaten/kota atau ID. "
            f"/ {region.code} {region.name} is not a Pemda; choose a province, a regency/city "
            "or ID."
        )
    if getattr(error, "malformed", False):
        return UsageError(
            f"“{code}” bukan kode wilayah Kemendagri (contoh: 64 atau 64.02). / “{code}” is "
            "not a Kemendagri region code (e.g. 64 or 64.02)."
        )
    return UsageError(f"Kode wilayah {code} tidak ditemukan. / Region code {code} does not exist.")


class Command(PantauCommand):
    help = "Compliance scorecard: the score and its parts for each Pemda, ranked."

    def add_arguments(self, parser):
        parser.add_argument("--region", default="ID", help="region code, or ID for Indonesia")
        parser.add_argument(
            "--year", type=year_argument, help="year (default: the latest year with data)"
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        year = options["year"] or latest_year()
        try:
            card = scorecard(options["region"], year)
        except RegionNotFound as error:
            raise region_error(options["region"], error) from None
        except PolicyError as error:
            raise UsageError(str(error)) from None
        if options["format"] == "json":
            self.write_json(card_json(card))
            return
        console = Console(file=self.stdout._out, soft_wrap=True, width=160)
        console.print(self._table(card))
        rows = [*([card.government] if card.government else []), *card.rows]
        missing = [name for name in PARTS if any(row.part(name).unknown for row in rows)]
        if missing:
            console.print(
                f"* {NOTE_LABELS[DATA_MISSING]}, skor 0 / no data yet, scored 0: "
                + ", ".join(SHORT_LABELS[name] for name in missing)
            )

    def _table(self, card) -> Table:
        policy = card.policy
        as_of = f"{card.as_of:%Y-%m}" if card.as_of else "belum ada / none"
        among = (
            "provinsi" if card.ranks_provinces else f"kabupaten/kota di {card.ranked_among_name}"
        )
        table = Table(
            title=f"Skor kepatuhan {card.region_code or 'ID'} {card.region_name}, {card.year} "
            f"(peringkat di antara {card.ranked_count} {among}; cakupan per {as_of})",
            caption="Bobot / weights: "
            + ", ".join(f"{SHORT_LABELS[p]} {policy.weights[p]}" for p in PARTS)
            + f" ({policy.path.name})",
        )
        table.add_column("#", justify="right")
        table.add_column("kode")
        table.add_column("Pemda")
        table.add_column("skor", justify="right")
        for part in PARTS:
            table.add_column(f"{SHORT_LABELS[part]} ({policy.weights[part]})", justify="right")
        if card.government:
            table.add_row(*self._cells(card.government, "–"), end_section=True)
        for row in card.rows:
            table.add_row(*self._cells(row, str(row.rank)))
        return table

    @staticmethod
    def _cells(row, rank: str) -> list[str]:
        points = [
            f"{round_half_up(part.points, 1)}" + ("*" if part.unknown else "") for part in row.parts
        ]
        return [rank, row.code, row.name, f"{round_half_up(row.score, 1)}", *points]
