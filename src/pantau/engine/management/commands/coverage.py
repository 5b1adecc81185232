"""`pantau coverage --region CODE [--as-of YYYY-MM] [--category C] [--format json]`."""

from __future__ import annotations

from pantau.core.command import PantauCommand, UsageError
from pantau.core.command import parse_month as month
from pantau.core.money import format_rupiah
from pantau.core.vocabulary import Category
from pantau.engine.coverage import NoCoverage, region_coverage
from pantau.regions.lookup import RegionNotFound


class Command(PantauCommand):
    help = "Coverage of a region and its children (ID for Indonesia), from the last refresh."

    def add_arguments(self, parser):
        parser.add_argument("--region", default="ID", help="region code, or ID for Indonesia")
        parser.add_argument("--as-of", type=month, help="YYYY-MM (default: latest refresh)")
        parser.add_argument("--category", choices=Category.values)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        try:
            data = region_coverage(options["region"], options["as_of"], options["category"])
        except (NoCoverage, RegionNotFound) as error:
            raise UsageError(str(error)) from None
        if options["format"] == "json":
            self.write_json(data)
            return
        ucj = data["ucj_coverage"]
        self.stdout.write(
            f"{data['region']} {data['name']} per {data['as_of']}: "
            f"{data['active_members']} peserta aktif"
            + (f", UCJ {ucj:.1%} dari {data['workforce']} pekerja" if ucj is not None else "")
        )
        for category, numbers in data["lists"].items():
            coverage = numbers["coverage"]
            self.stdout.write(
                f"  {category:<17} {numbers['covered']:>9}/{numbers['listed']:<9} "
                f"{'' if coverage is None else f'{coverage:.1%}':>7}  "
                f"biaya celah {format_rupiah(numbers['gap_cost_annual'], 'id')}"
            )
        for child in data["children"]:
            ucj = child["ucj_coverage"]
            self.stdout.write(
                f"    {child['region']:<14} {child['name'][:30]:<30} "
                f"{child['active_members']:>9} {'' if ucj is None else f'{ucj:.1%}':>7}"
            )
