"""`pantau serve [--port N] [--no-worker]`: serve an existing data directory with gunicorn,
with the background worker for web imports beside it."""

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pantau.core.command import PantauCommand, UsageError
from pantau.core.server import serve


class Command(PantauCommand):
    help = (
        "Serve Pantau with a production WSGI server (gunicorn) and one background worker "
        "(django-tasks db_worker) for imports started from the web."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="no background worker (run `pantau db_worker` elsewhere)",
        )

    def handle(self, *args, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise UsageError(
                f"Basis data di {settings.DATA_DIR} belum siap: jalankan `pantau setup` dulu. "
                "/ Database not prepared: run `pantau setup` first."
            )
        connection.close()
        self.stdout.write(f"Pantau: http://{options['host']}:{options['port']}/")
        self.stdout.flush()
        serve(options["host"], options["port"], task_worker=not options["no_worker"])
