"""`pantau setup`: prepare the data directory (database, regions, static files)."""

from django.conf import settings

from pantau.core.command import PantauCommand
from pantau.core.progress import progress_bar
from pantau.site.setup import run_setup


class Command(PantauCommand):
    requires_system_checks = "__all__"
    requires_setup = False
    help = "Migrate the database, load the Kemendagri regions and collect static files."

    def handle(self, *args, **options):
        interactive = self.stdout.isatty()
        with progress_bar("Memuat wilayah / loading regions", 91_599, interactive) as advance:
            result = run_setup(progress=advance)
        self.stdout.write(
            f"Pantau siap di {settings.DATA_DIR}: wilayah {result.regions.status} "
            f"({result.regions.rows} baris), {result.seconds:.1f} s"
        )
