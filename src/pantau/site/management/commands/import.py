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

from pantau.core.command import PantauCommand, subcommand, subcommand_names


class Command(PantauCommand):
    help = "Import a Pemda worker list or a BPJS membership extract into the Parquet lake."
    asked: str | None = None  # the sub-command named on the command line

    def run_from_argv(self, argv):
        # `pantau import workers …` loads that sub-command alone: loading every one (the
        # workforce and budget importers too) cost each import a quarter of a second. All
        # are loaded only to list them (`pantau import --help`, a wrong or missing name).
        self.asked = argv[2] if len(argv) > 2 else None
        super().run_from_argv(argv)

    def add_arguments(self, parser):
        names = subcommand_names("import")
        self.loaded = {
            name: subcommand("import", name)
            for name in ([self.asked] if self.asked in names else names)
        }
        sub = parser.add_subparsers(dest="what", required=True)
        for name, loaded in self.loaded.items():
            loaded.add_arguments(sub.add_parser(name, help=loaded.help))

    def handle(self, *args, what: str, **options):
        self.loaded[what].handle(self, **options)
