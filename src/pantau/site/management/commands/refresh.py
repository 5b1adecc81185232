"""`pantau refresh [--as-of YYYY-MM] [--engine duckdb|spark] [--full] [--format json]`.

Reconciles the lists in force with the membership extract in force at the as-of month
(default: the latest extract) and swaps in new coverage numbers. Without `--full`, only what
changed since the month's last refresh is recomputed (nothing, if nothing changed). Then the
budget need follows (`pantau.site.numbers.update_numbers`).
"""

from __future__ import annotations

from pantau.core.command import PantauCommand, UsageError, parse_month
from pantau.engine.backends import ENGINES
from pantau.engine.errors import RefreshError
from pantau.site.numbers import update_numbers

month = parse_month  # `--as-of YYYY-MM`


class Command(PantauCommand):
    help = "Recompute coverage and gap indicators for every region."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", type=month, help="YYYY-MM (default: latest extract)")
        parser.add_argument("--engine", choices=ENGINES, default="duckdb")
        parser.add_argument("--full", action="store_true", help="recompute even if unchanged")
        parser.add_argument("--grace", type=int, default=1, help="grace period in months")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        if not 0 <= options["grace"] <= 12:
            raise UsageError("--grace: 0-12 bulan / months")
        try:
            update = update_numbers(
                [options["as_of"]], options["engine"], options["full"], options["grace"]
            )
        except RefreshError as error:
            raise UsageError(str(error)) from None
        summary = update.refreshes[0]
        if options["format"] == "json":
            self.write_json(summary.as_dict())
            return
        self.stdout.write(
            f"{summary.status}: per {summary.as_of:%Y-%m}, {summary.engine}, "
            f"refresh #{summary.refresh}"
        )
        for name, value in summary.recomputed.items():
            self.stdout.write(f"  recomputed.{name}: {value}")
        for name, value in summary.counts.items():
            self.stdout.write(f"  {name}: {value}")
        for name, seconds in summary.timings.items():
            self.stdout.write(f"  {name}: {seconds} s")
