"""`pantau claims --region CODE [--from YYYY-MM] [--to YYYY-MM] [--format text|json]`.

The claims paid in a region (ID or "" for Indonesia) by programme, as of the last refresh:
count, amount, Pemda-funded count and amount; the flagged count; and each child region with
claims. Months are months of payment (`paid_on`), both ends included. Aggregates only.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from pantau.claims.summary import build, cli_payload, month_key
from pantau.core.command import PantauCommand, UsageError, parse_month
from pantau.regions.codes import InvalidRegionCode, canonical_code
from pantau.regions.models import Region

NATIONAL = ("", "ID", "id")


def region_of(code: str) -> Region | None:
    if code.strip() in NATIONAL:
        return None
    try:
        canonical = canonical_code(code)
    except InvalidRegionCode:
        raise UsageError(
            f"“{code}” bukan kode wilayah Kemendagri (contoh: 64, 64.71 atau ID). / “{code}” is "
            "not a Kemendagri region code (e.g. 64, 64.71 or ID)."
        ) from None
    region = Region.objects.filter(code=canonical).first()
    if region is None:
        raise UsageError(
            f"Kode wilayah {canonical} tidak ditemukan. / Region code {canonical} does not exist."
        )
    return region


def _rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


class Command(PantauCommand):
    help = "Claims paid in a region by programme (and its child regions), as of the last refresh."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region code, or ID for Indonesia")
        parser.add_argument("--from", dest="first", type=parse_month, help="first month, YYYY-MM")
        parser.add_argument("--to", dest="last", type=parse_month, help="last month, YYYY-MM")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        first, last = options["first"], options["last"]
        if first and last and first > last:
            raise UsageError(
                f"--from {month_key(first)} sesudah --to {month_key(last)}. / --from "
                f"{month_key(first)} is after --to {month_key(last)}."
            )
        region = region_of(options["region"])
        summary = build(region, first, last)
        if options["format"] == "json":
            self.write_json(cli_payload(summary))
            return
        console = Console(file=self.stdout._out, soft_wrap=True, width=160)
        name = f"{region.code} {region.name}" if region else "Indonesia"
        period = f"{month_key(first) or '…'} – {month_key(last) or '…'}"
        if summary.computed_at is None:
            console.print("Belum ada angka klaim: jalankan `pantau refresh`. / No claims numbers "
                          "yet: run `pantau refresh`.")  # fmt: skip
        table = Table(title=f"Klaim dibayar / Claims paid: {name}, {period}")
        headers = ("Program", "Klaim / claims", "Dibayar / paid (Rp)",
                   "Iuran Pemda: klaim / claims", "Iuran Pemda: dibayar / paid (Rp)")  # fmt: skip
        for header in headers:
            table.add_column(header, justify="left" if header == "Program" else "right")
        for row in [*summary.programs, None]:
            label, numbers = ("Jumlah / total", summary.total) if row is None else (
                row.program, row.numbers)  # fmt: skip
            table.add_row(label, f"{numbers.count:,}".replace(",", "."), _rupiah(numbers.amount),
                          f"{numbers.pemda_funded_count:,}".replace(",", "."),
                          _rupiah(numbers.pemda_funded_amount))  # fmt: skip
        console.print(table)
        console.print(f"Ditandai / flagged: {summary.flagged}")
        if summary.children:
            children = Table(title="Wilayah di bawahnya / child regions")
            for header in ("Kode / code", "Nama / name", "Klaim / claims", "Dibayar / paid (Rp)"):
                children.add_column(header)
            for child in summary.children:
                children.add_row(child.code, child.name, str(child.numbers.count),
                                 _rupiah(child.numbers.amount))  # fmt: skip
            console.print(children)
