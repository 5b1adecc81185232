"""`pantau generate --out DIR [--scale N] [--seed S] [--year YYYY] [--as-of YYYY-MM ...]`.

Synthetic worker lists and membership extracts for demos and benchmarks
(`pantau.site.demo.generate`).
"""

from __future__ import annotations

from pathlib import Path

from pantau.core.command import PantauCommand, UsageError
from pantau.site.demo.generate import GenerateError, generate_files

DEFAULT_AS_OF = "2022-07"


class Command(PantauCommand):
    help = "Write synthetic worker lists and BPJS membership extracts (CSV) for a demo."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="directory to write into")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 ≈ 30,000 listed persons nationally"
        )
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--year", type=int, default=2022, help="year of the worker lists")
        parser.add_argument(
            "--as-of",
            action="append",
            dest="as_of",
            metavar="YYYY-MM",
            help=f"month of a membership extract; repeatable (default {DEFAULT_AS_OF})",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out bukan direktori / --out is not a directory: {out}")
        try:
            summary = generate_files(
                out,
                scale=options["scale"],
                seed=options["seed"],
                year=options["year"],
                as_of=options["as_of"] or [DEFAULT_AS_OF],
            )
        except GenerateError as error:
            raise UsageError(str(error)) from None
        if options["format"] == "json":
            self.write_json(summary)
            return
        self.stdout.write(
            f"daftar pekerja / worker lists: {summary['worker_files']} berkas / files, "
            f"{summary['worker_rows']} baris / rows → {out / 'workers'}"
        )
        for month, rows in summary["member_rows"].items():
            self.stdout.write(f"kepesertaan / members {month}: {rows} baris / rows")
        mistakes = sum(summary["mistakes"].values())
        self.stdout.write(
            f"kesalahan sengaja / planted mistakes: {mistakes} → {out / 'mistakes.csv'}"
        )
        self.stdout.write(f"{summary['seconds']:.1f} s")
