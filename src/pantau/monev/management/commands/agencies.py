"""`pantau agencies add|list`: the institutions that own actions without a user account
(ministries, the coordination team, BPJS Ketenagakerjaan and its branches)."""

from __future__ import annotations

from django.utils.text import slugify

from pantau.core.command import PantauCommand, UsageError
from pantau.monev import services
from pantau.monev.cli import refusals
from pantau.monev.models import Agency


class Command(PantauCommand):
    help = "Agencies that own follow-up actions."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add an agency (or rename one by its code)")
        add.add_argument("--name", required=True)
        add.add_argument("--code", help="short code (default: from the name)")
        add.add_argument("--region", help="where it works, e.g. a BPJS branch's regency")
        listing = sub.add_parser("list")
        for each in (add, listing):
            each.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, action: str, **options):
        if action == "add":
            code = slugify(options["code"] or options["name"])[:60]
            if not code or not options["name"].strip():
                raise UsageError("Nama instansi kosong / the agency's name is empty")
            with refusals():
                region = services.region_of(options["region"]) if options["region"] else None
                Agency.objects.update_or_create(
                    code=code, defaults={"name": options["name"].strip()[:200], "region": region}
                )
        rows = [
            {"code": a.code, "name": a.name, "region": a.region_id} for a in Agency.objects.all()
        ]
        if options["format"] == "json":
            self.write_json({"count": len(rows), "rows": rows})
            return
        for row in rows:
            self.stdout.write(f"{row['code']:<40}  {row['name']}  {row['region'] or ''}")
