"""`pantau regions show CODE [--format json]` and `pantau regions load`."""

from __future__ import annotations

from pantau.core.command import PantauCommand, UsageError
from pantau.regions.lookup import RegionNotFound, get_region
from pantau.regions.services import load_regions
from pantau.regions.views import region_json


class Command(PantauCommand):
    help = "Kemendagri region hierarchy: show a region, or (re)load the shipped file."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="a region with its children and descendant counts")
        show.add_argument("code", help="dotted (64.02) or undotted (6402)")
        show.add_argument("--format", choices=["text", "json"], default="text")
        load = sub.add_parser("load", help="load the shipped region file (idempotent)")
        load.add_argument("--force", action="store_true")

    def handle(self, *args, action: str, **options):
        if action == "load":
            result = load_regions(force=options["force"])
            self.stdout.write(f"{result.status}: {result.rows} wilayah")
            return
        try:
            region = get_region(options["code"])
        except RegionNotFound as error:
            raise UsageError(str(error)) from None
        payload = region_json(region)
        if options["format"] == "json":
            self.write_json(payload)
            return
        self.stdout.write(f"{region.code}  {region.name}  ({region.get_level_display()})")
        if region.parent_id:
            self.stdout.write(f"induk / parent: {region.parent_id}")
        for level, n in payload["descendants"].items():
            self.stdout.write(f"  {level}: {n}")
        for child in payload["children"]:
            self.stdout.write(f"  {child['code']:<15} {child['name']}")
