"""`pantau demo [--no-serve] [--port N]`: set up, create demo accounts, serve."""

from rich.console import Console
from rich.table import Table

from pantau.core.command import PantauCommand
from pantau.core.demo import ensure_demo_accounts
from pantau.core.progress import progress_bar
from pantau.core.server import serve
from pantau.core.setup import run_setup


class Command(PantauCommand):
    help = "Prepare a demo data directory and serve it on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="prepare, print, exit")

    def handle(self, *args, **options):
        console = Console(file=self.stdout._out, soft_wrap=True)
        with progress_bar(
            "Memuat wilayah / loading regions", 91_599, console.is_terminal
        ) as advance:
            result = run_setup(progress=advance)
        console.print(
            f"Wilayah: {result.regions.status}, {result.regions.rows} baris "
            f"({result.seconds:.1f} s)"
        )
        accounts = ensure_demo_accounts()
        columns = ("username", "password", "role", "region", "description")
        table = Table(title="Akun demo / demo accounts")
        for column in columns:
            table.add_column(column)
        for account in accounts:
            table.add_row(*(account[column] for column in columns))
        console.print(table)
        if options["no_serve"]:
            return
        console.print(f"Pantau: http://127.0.0.1:{options['port']}/  (Ctrl+C untuk berhenti)")
        serve("127.0.0.1", options["port"])
