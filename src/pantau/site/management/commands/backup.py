"""`pantau backup --out DIR [--format json]`: a point-in-time copy of this installation.

The database (SQLite's online backup, or `pg_dump`), the lake's files in force and the other
files of the data directory a restore needs, with a manifest of sizes and SHA-256 hashes;
into a directory that holds a backup already, only new files are copied
(`pantau.site.backup`; docs/operations.md).
"""

from __future__ import annotations

from django.core.management.base import CommandError

from pantau.core.command import PantauCommand
from pantau.core.progress import byte_progress
from pantau.site.backup import BackupError, backup, size_label


class Command(PantauCommand):
    help = "Back up the database and the data directory (lake, evidence, packs) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="directory of the backup")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        interactive = options["format"] == "text" and self.stdout.isatty()
        try:
            with byte_progress("Mencadangkan / backing up", interactive) as progress:
                result = backup(options["out"], progress=progress)
        except BackupError as error:
            raise CommandError(str(error), returncode=error.returncode) from None
        if options["format"] == "json":
            self.write_json(result.as_dict())
        else:
            self._summary(result)
        if result.missing:
            raise CommandError(
                f"Cadangan tidak lengkap: {len(result.missing)} berkas atau direktori yang "
                f"dinamai basis data tidak ada di lake ({', '.join(result.missing[:3])}) / "
                f"Incomplete backup: {len(result.missing)} files or directories the database "
                f"names are not in the lake ({', '.join(result.missing[:3])})",
                returncode=1,
            )

    def _summary(self, result) -> None:
        self.stdout.write(
            f"Cadangan / backup: {result.out} ({result.vendor}, {result.seconds:.1f} s)\n"
            f"  berkas / files: {result.files}, disalin / copied {result.files_copied} "
            f"({size_label(result.bytes_copied)} dari / of {size_label(result.bytes_total)})\n"
            f"  basis data / database: {result.database_file} "
            f"({size_label(result.database_bytes)})\n"
            f"  pengguna / users: {result.counts.get('accounts.user', 0)}, snapshot: "
            f"{result.counts.get('lake.snapshot', 0)}"
        )
