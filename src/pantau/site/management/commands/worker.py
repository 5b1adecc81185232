"""`pantau worker`: the background worker for imports started from the web (django-tasks'
`db_worker`, with all its options), which also beats a heartbeat for `/healthz`
(`core.heartbeat`). `pantau serve` runs one beside the web server; a server deployed with
systemd runs it as its own service (deploy/pantau-worker.service). Run one worker only: on
start it marks imports left `running` by a worker that died as failed.
"""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from pantau.core import heartbeat
from pantau.core.command import PantauCommand
from pantau.ingest.runs import fail_interrupted_runs


class Command(PantauCommand, DatabaseWorkerCommand):
    """db_worker's options and loop; Pantau's refusal of an unprepared database, in one line."""

    help = (
        "Pekerja latar untuk impor dari web, dengan detak untuk /healthz / the background "
        "worker for imports started from the web, with a heartbeat for /healthz."
    )

    def handle(self, *args, **options):
        interrupted = fail_interrupted_runs()
        if interrupted:
            self.stdout.write(
                f"{interrupted} impor yang terhenti ditandai gagal / "
                f"{interrupted} interrupted imports marked as failed"
            )
        stop = heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
