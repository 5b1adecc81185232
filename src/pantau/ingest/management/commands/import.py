"""`pantau import workers|members|…` : bring a file into Pantau.

pantau import workers FILE --pemda CODE --category CAT --year YYYY [--dry-run] [--replace]
    [--format json]
pantau import members FILE --as-of YYYY-MM [--region CODE] [--dry-run] [--replace]
    [--format json]
pantau import workforce FILE [--format json]
pantau import budgets FILE [--format json]
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from pantau.core.command import PantauCommand, UsageError, parse_month
from pantau.core.vocabulary import Category, Kind
from pantau.ingest.replacement import refusal_message
from pantau.ingest.services import FileRejected, ImportRequest, ImportSummary, import_file

month = parse_month  # `--as-of YYYY-MM`


class Command(PantauCommand):
    help = "Import a Pemda worker list or a BPJS membership extract into the Parquet lake."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        workers = sub.add_parser("workers", help="a Pemda's list of workers to protect")
        workers.add_argument("file")
        workers.add_argument("--pemda", required=True, help="Pemda region code (64 or 64.02)")
        workers.add_argument("--category", required=True, choices=Category.values)
        workers.add_argument("--year", required=True, type=int)
        members = sub.add_parser("members", help="a BPJS Ketenagakerjaan membership extract")
        members.add_argument("file")
        members.add_argument("--as-of", required=True, type=month, help="YYYY-MM")
        members.add_argument(
            "--region",
            help="the region the extract covers (64.71 or 6471; default: the whole country)",
        )
        directory = sub.add_parser(
            "dir", help="a directory as `pantau generate` writes it (workers/, members/)"
        )
        directory.add_argument("directory")
        directory.add_argument("--processes", type=int, help="default: one per core")
        directory.add_argument("--format", choices=["text", "json"], default="text")
        for command in (workers, members):
            command.add_argument("--sheet", help="XLSX sheet name (default: the first)")
            command.add_argument("--header-row", type=int, help="1-based row of the header")
            command.add_argument("--dry-run", action="store_true", help="validate only")
            command.add_argument(
                "--replace",
                action="store_true",
                help="replace the current snapshot even with fewer than 90%% of its people "
                "or with rejected rows",
            )
            command.add_argument("--format", choices=["text", "json"], default="text")
        self.extend_subcommands(sub)

    def extend_subcommands(self, sub) -> None:
        """Other apps' imports (workforce, budgets) add their subparsers here."""
        workforce = sub.add_parser(
            "workforce", help="employed persons per region and year (BPS Sakernas, August)"
        )
        workforce.add_argument("file")
        workforce.add_argument("--format", choices=["text", "json"], default="text")
        budgets = sub.add_parser(
            "budgets", help="APBD allocations per Pemda, year, category and stage"
        )
        budgets.add_argument("file")
        budgets.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, what: str, **options):
        if what == "dir":
            return self._directory(Path(options["directory"]), options)
        if what == "workforce":
            return self._workforce(Path(options["file"]), options["format"] == "json")
        if what == "budgets":
            return self._budgets(Path(options["file"]), options["format"] == "json")
        request = ImportRequest(
            path=Path(options["file"]),
            kind=Kind.WORKERS if what == "workers" else Kind.MEMBERS,
            pemda_code=options.get("pemda"),
            category=options.get("category"),
            year=options.get("year"),
            as_of=options.get("as_of"),
            region_code=options.get("region"),
            sheet=options["sheet"],
            header_row=options["header_row"],
            dry_run=options["dry_run"],
            replace=options["replace"],
        )
        as_json = options["format"] == "json"
        console = Console(file=self.stdout._out)
        started = time.perf_counter()
        try:
            if as_json or not console.is_terminal:
                summary = import_file(request)
            else:
                summary = self._with_progress_bar(console, request)
        except FileRejected as error:
            raise UsageError(f"{error.message_id} / {error.message_en}") from None
        if summary.status == "needs_confirmation":
            self._refuse_replacement(console, summary, as_json)
        if as_json:
            self.write_json(summary.as_json())
            return
        self._print_summary(console, summary, time.perf_counter() - started)

    def _refuse_replacement(self, console: Console, summary: ImportSummary, as_json: bool):
        """Exit status 2 with the comparison: nothing was imported (`replacement`)."""
        if as_json:
            self.write_json({**summary.as_json(), "replaces": summary.replaces})
        elif summary.errors_file:
            console.print(
                f"laporan kesalahan / error report: {summary.errors_file}",
                soft_wrap=True,
                markup=False,
            )
        message_id, message_en = refusal_message(summary.replaces)
        raise UsageError(f"{message_id} / {message_en}")

    def _directory(self, directory: Path, options: dict) -> None:
        from pantau.ingest.batch import import_directory

        if not directory.is_dir():
            raise UsageError(f"bukan direktori / not a directory: {directory}")
        console = Console(file=self.stdout._out)
        with Progress(
            TextColumn("[bold]Impor berkas / importing files"), BarColumn(),
            TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
            console=console, disable=options["format"] == "json" or not console.is_terminal,
        ) as bar:  # fmt: skip
            task = bar.add_task("files", total=None)
            result = import_directory(
                directory,
                processes=options["processes"],
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        summary = {
            "files": result.files,
            "statuses": dict(result.statuses),
            "rows": result.rows,
            "accepted": result.accepted,
            "rejected": result.rejected,
            "refused": result.refused,
        }
        if options["format"] == "json":
            self.write_json(summary)
        else:
            console.print(
                f"{result.files} berkas: {dict(result.statuses)} · baris {result.rows:,} · "
                f"diterima {result.accepted:,} · ditolak {result.rejected:,}"
            )
            for line in result.refused:
                console.print(f"[red]ditolak seluruhnya[/]: {line}")

    def _workforce(self, path: Path, as_json: bool) -> None:
        # Imported here: the engine's models load only when this subcommand runs.
        from pantau.engine.workforce import import_workforce

        def counts(summary) -> str:
            c = summary.counts
            return f"baru {c.created:,} · diperbarui {c.updated:,} · tidak berubah {c.unchanged:,}"

        self._small_table(import_workforce, path, as_json, counts)

    def _budgets(self, path: Path, as_json: bool) -> None:
        from pantau.budgets.imports import import_budgets

        def counts(summary) -> str:
            c = summary.counts
            return (
                f"peringatan {summary.warnings:,} · baru {c.created:,} · menggantikan "
                f"{c.updated:,} · riwayat {c.history:,} · tidak berubah {c.unchanged:,}"
            )

        self._small_table(import_budgets, path, as_json, counts)

    def _small_table(self, importer, path: Path, as_json: bool, counts) -> None:
        """A workforce or budget table: checked in Python, summary and error report."""
        try:
            summary = importer(path)
        except FileRejected as error:
            raise UsageError(f"{error.message_id} / {error.message_en}") from None
        if as_json:
            self.write_json(summary.as_json())
            return
        labels = {"created": "dibuat", "updated": "diperbarui", "unchanged": "tidak berubah"}
        console = Console(file=self.stdout._out)
        console.print(f"[bold]{labels[summary.status]}[/] ({summary.status})")
        console.print(
            f"baris {summary.rows:,} · diterima {summary.accepted:,} · ditolak "
            f"{summary.rejected:,} · {counts(summary)}",
            soft_wrap=True,
        )
        if summary.errors_file:
            # soft_wrap: a path broken over two lines cannot be copied.
            console.print(
                f"laporan kesalahan / error report: {summary.errors_file}",
                soft_wrap=True,
                markup=False,
            )

    def _with_progress_bar(self, console: Console, request: ImportRequest) -> ImportSummary:
        columns = (
            TextColumn("[bold]Impor / import"),
            BarColumn(),
            TextColumn("{task.completed:,.0f} baris"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console) as bar:
            task = bar.add_task("import", total=None, rate="")
            started = time.perf_counter()

            def progress(done: int, total: int | None) -> None:
                elapsed = max(time.perf_counter() - started, 1e-6)
                bar.update(task, completed=done, total=total, rate=f"{done / elapsed:,.0f} baris/s")

            return import_file(request, progress)

    def _print_summary(self, console: Console, summary: ImportSummary, seconds: float) -> None:
        labels = {"created": "dibuat", "unchanged": "tidak berubah", "dry_run": "hanya diperiksa"}
        console.print(
            f"[bold]{labels[summary.status]}[/] ({summary.status})"
            + (f" · snapshot #{summary.snapshot}" if summary.snapshot else "")
        )
        console.print(
            f"baris {summary.rows:,} · diterima {summary.accepted:,} · ditolak "
            f"{summary.rejected:,} · peringatan {summary.warnings:,} · {seconds:.1f} s"
        )
        if summary.skipped_rows:
            console.print(f"dilewati (baris kosong/jumlah): {summary.skipped_rows:,}")
        if summary.header:
            mapping = ", ".join(f"{k}←“{v}”" for k, v in summary.header.items())
            console.print(f"kolom: {mapping}")
        if summary.ignored_columns:
            console.print(f"kolom diabaikan: {', '.join(summary.ignored_columns)}")
        if summary.errors_file:
            console.print(f"laporan kesalahan / error report: {summary.errors_file}")
        if summary.replaces and summary.replaces["needs_confirmation"]:
            # A dry run says what the import would ask: the same comparison as the refusal.
            message_id, message_en = refusal_message(summary.replaces)
            console.print(f"{message_id} / {message_en}", soft_wrap=True, markup=False)
