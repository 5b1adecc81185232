"""`pantau import workers|members|…` : bring a file into Pantau.

pantau import workers FILE --pemda CODE --category CAT --year YYYY [--dry-run] [--replace]
    [--format json]
pantau import members FILE --as-of YYYY-MM [--region CODE] [--dry-run] [--replace]
    [--format json]
pantau import dir DIRECTORY [--processes N] [--format json]
pantau import workforce FILE [--format json]
pantau import budgets FILE [--format json]

Each app registers its own sub-commands from its AppConfig.ready() (`core.command`): ingest
the lists, extracts and directories, engine the workforce, budgets the allocations.
"""

from __future__ import annotations

from pantau.core.command import PantauCommand, subcommands


class Command(PantauCommand):
    help = "Import a Pemda worker list or a BPJS membership extract into the Parquet lake."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        for name, subcommand in subcommands("import").items():
            subcommand.add_arguments(sub.add_parser(name, help=subcommand.help))

    def handle(self, *args, what: str, **options):
        subcommands("import")[what].handle(self, **options)
