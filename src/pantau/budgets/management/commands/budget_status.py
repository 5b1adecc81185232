"""`pantau budget-status --region CODE --year YYYY [--format json]`.

Each Pemda in the region (a province: its own government and its regencies and cities;
a regency or city: itself; ID: Indonesia) and category with a list in force or an
allocation: need, allocated, realized, status and flags (docs/budgets.md).
The command is `budget_status` to Django; `pantau budget-status` reaches it (pantau.cli).
"""

from __future__ import annotations

from argparse import ArgumentTypeError

from django.utils import timezone

from pantau.budgets.status import budget_status_json, rows_for, scope_of
from pantau.core.command import PantauCommand, UsageError
from pantau.core.money import format_rupiah
from pantau.regions.lookup import RegionNotFound

STATUS_LABELS = {
    "not_budgeted": "belum menganggarkan",
    "under_budgeted": "anggaran kurang",
    "budgeted": "sudah menganggarkan",
}


def year_argument(text: str) -> int:
    if not text.strip().isdigit() or not 2000 <= int(text) <= 2100:
        raise ArgumentTypeError(f"tahun harus 2000–2100 / the year must be 2000–2100: {text!r}")
    return int(text)


class Command(PantauCommand):
    help = "Budget status of the Pemda in a region: need against allocation, per category."

    def add_arguments(self, parser):
        parser.add_argument("--region", default="ID", help="region code, or ID for Indonesia")
        parser.add_argument("--year", type=year_argument, help="budget year (default: this year)")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year
        try:
            scope = scope_of(options["region"])
        except RegionNotFound as error:
            raise UsageError(str(error)) from None
        if scope.empty:
            raise UsageError(
                f"{scope.code} {scope.name} bukan Pemda dan tidak memuat Pemda; pilih provinsi, "
                "kabupaten/kota atau ID. / Not a Pemda and holds none; choose a province, a "
                "regency/city or ID."
            )
        if options["format"] == "json":
            self.write_json(budget_status_json(options["region"], year))
            return
        rows = rows_for(scope, year)
        self.stdout.write(f"{scope.code or 'ID'} {scope.name}, tahun anggaran {year}: "
                          f"{len(rows)} baris")  # fmt: skip
        for row in rows:
            need = "–" if row.need is None else format_rupiah(row.need, "id")
            allocated = "–" if row.allocated is None else format_rupiah(row.allocated, "id")
            flags = f"  [{', '.join(row.flags)}]" if row.flags else ""
            self.stdout.write(
                f"  {row.code:<6} {row.name[:32]:<32} {row.category:<17} "
                f"kebutuhan {need:>18}  pagu {allocated:>18}  "
                f"{STATUS_LABELS[row.status]}{flags}"
            )
