"""`pantau serve [--port N] [--no-worker]`: serve an existing data directory with gunicorn,
with the background worker for web imports beside it."""

from django.db import connection

from pantau.core.command import PantauCommand
from pantau.ingest.runs import fail_interrupted_runs
from pantau.site.server import serve


class Command(PantauCommand):
    requires_system_checks = "__all__"
    help = (
        "Serve Pantau with a production WSGI server (gunicorn) and one background worker "
        "(`pantau worker`) for imports started from the web."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="no background worker (run `pantau worker` elsewhere)",
        )

    def handle(self, *args, **options):
        # PantauCommand.run_from_argv has refused an unprepared database already.
        if not options["no_worker"]:
            interrupted = fail_interrupted_runs()
            if interrupted:
                self.stdout.write(f"{interrupted} impor yang terhenti ditandai gagal")
        connection.close()
        self.stdout.write(f"Pantau: http://{options['host']}:{options['port']}/")
        self.stdout.flush()
        serve(options["host"], options["port"], task_worker=not options["no_worker"])
