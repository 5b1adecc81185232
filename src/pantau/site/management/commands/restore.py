"""`pantau restore DIR [--format json]`: a backup of `pantau backup` back into an empty data
directory and an empty database (`pantau.site.backup`; docs/operations.md). Refuses, and
writes nothing, when either holds data, when the database vendor differs, or when a file
does not match the manifest."""

from __future__ import annotations

from django.core.management.base import CommandError

from pantau.core.command import PantauCommand
from pantau.core.progress import byte_progress
from pantau.site.backup import BackupError, restore, size_label


class Command(PantauCommand):
    help = "Restore a backup of `pantau backup` into an empty data directory and database."
    requires_setup = False  # the database is empty: that is the point

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="DIR", help="directory of the backup")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        interactive = options["format"] == "text" and self.stdout.isatty()
        try:
            with byte_progress("Memulihkan / restoring", interactive) as progress:
                result = restore(options["source"], progress=progress)
        except BackupError as error:
            raise CommandError(str(error), returncode=error.returncode) from None
        if options["format"] == "json":
            self.write_json(result.as_dict())
            return
        self.stdout.write(
            f"Dipulihkan / restored: cadangan / backup of {result.backup_created_at} → "
            f"{result.data_dir} ({result.vendor}, {result.seconds:.1f} s)\n"
            f"  berkas / files: {result.files}, {size_label(result.bytes_copied)}\n"
            f"  pengguna / users: {result.counts.get('accounts.user', 0)}, snapshot: "
            f"{result.counts.get('lake.snapshot', 0)}; jumlah baris cocok / row counts match"
        )
        if result.pending_migrations:
            self.stdout.write(
                "Jalankan `pantau setup` untuk migrasi versi ini / run `pantau setup` for this "
                f"version's migrations: {', '.join(result.pending_migrations)}"
            )
        else:
            self.stdout.write(
                "Jalankan `pantau setup` (berkas statis) lalu mulai Pantau. / Run `pantau "
                "setup` (static files), then start Pantau."
            )
