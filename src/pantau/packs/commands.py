"""`pantau meetings pack ID --out DIR [--language id|en] [--format json]`.

Registered by the packs app as a sub-command of `pantau meetings` (monev's command), so
monev does not import this floor. Prints {"pdf": path, "xlsx": path, "pages": n,
"as_of": "YYYY-MM"}; exit 2 for an unknown meeting.
"""

from __future__ import annotations

from pathlib import Path

from pantau.core.command import PantauCommand, SubCommand, UsageError
from pantau.monev import services as monev
from pantau.monev.cli import refusals
from pantau.packs import services


class PackCommand(SubCommand):
    help = "the meeting's briefing pack: a PDF and an XLSX with the same numbers"

    def add_arguments(self, parser) -> None:
        parser.add_argument("id")
        parser.add_argument("--out", required=True, help="the directory the two files go to")
        parser.add_argument("--language", choices=services.LANGUAGES, default="id")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, command: PantauCommand, **options) -> None:
        with refusals():
            meeting = monev.meeting_of(options["id"])
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out bukan direktori / --out is not a directory: {out}")
        made = services.make(meeting, out, options["language"])
        if options["format"] == "json":
            command.write_json(made.payload())
            return
        command.stdout.write(
            f"{made.pdf} ({made.pages} halaman / pages)\n{made.xlsx}\n"
            f"angka per / numbers as of {made.payload()['as_of'] or '–'}; {made.seconds:.1f} s"
        )
