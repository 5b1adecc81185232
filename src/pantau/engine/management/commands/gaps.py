"""`pantau gaps --pemda CODE | --region CODE [--category C] [--status S] [--format json|csv|xlsx]
[--out FILE]`.

The people who are lapsed or never enrolled, from the last refresh: on a Pemda's own lists
(`--pemda`), or every one a region's coverage figures count (`--region`: a province's are
all its Pemda's lists; `count` equals the region's figure). The output holds NIKs and names
(UU PDP 27/2022): every run is written to the audit log.
"""

from __future__ import annotations

import json
from pathlib import Path

from pantau.audit.actions import record_cli
from pantau.core.command import PantauCommand, UsageError
from pantau.core.command import parse_month as month
from pantau.core.paths import create_private_file, write_private_text
from pantau.core.vocabulary import Category
from pantau.engine.coverage import NoCoverage
from pantau.engine.exports import gaps_csv, write_gaps_xlsx
from pantau.engine.gaps import STATUSES, gap_rows
from pantau.regions.lookup import RegionNotFound, get_region


class Command(PantauCommand):
    help = "The lapsed and never-enrolled people on a Pemda's list (audited export)."

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--pemda", help="the Pemda's own lists")
        where.add_argument("--region", help="every list counted in the region (any level)")
        parser.add_argument("--category", choices=Category.values)
        parser.add_argument("--status", choices=STATUSES)
        parser.add_argument("--as-of", type=month)
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--out", help="file to write (required for xlsx)")

    def handle(self, *args, **options):
        try:
            pemda = get_region(options["pemda"] or options["region"])
            page = gap_rows(pemda.code, options["category"], options["status"], options["as_of"],
                            pemda_only=bool(options["pemda"]))  # fmt: skip
        except (NoCoverage, RegionNotFound) as error:
            raise UsageError(str(error)) from None
        if options["format"] == "xlsx" and not options["out"]:
            raise UsageError("--out FILE wajib untuk xlsx / --out FILE is required for xlsx")
        record_cli("gaps_export_cli", pemda.code,
                   f"pantau gaps {options['category'] or ''} {options['status'] or ''} "
                   f"{options['format']}", rows=page.count)  # fmt: skip
        if options["format"] == "xlsx":
            write_gaps_xlsx(create_private_file(Path(options["out"])), page.rows, masked=False)
            self.stdout.write(f"{page.count} baris → {options['out']}")
            return
        if options["format"] == "csv":
            text = gaps_csv(page.rows)
        else:
            text = json.dumps({"count": page.count, "rows": page.rows}, default=str,
                              ensure_ascii=False, indent=2)  # fmt: skip
        if options["out"]:
            write_private_text(Path(options["out"]), text)
        else:
            self.stdout.write(text)
