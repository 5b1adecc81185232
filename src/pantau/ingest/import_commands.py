"""Ingest's `pantau import` sub-commands (workers, members, claims, dir) and the base of the small
tables' ones (workforce, budgets); registered in IngestConfig.ready().

Loaded when `pantau import` runs (`core.command.subcommands`), not when Django starts.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from pantau.core.command import SubCommand, UsageError, parse_month
from pantau.core.vocabulary import Category, Kind
from pantau.ingest.importer import import_file
from pantau.ingest.replacement import refusal_message
from pantau.ingest.types import FileRejected, ImportRequest

month = parse_month  # `--as-of YYYY-MM`


class FileImport(SubCommand):
    """A worker list or a membership extract, through `importer.import_file`."""

    kind: str

    def add_arguments(self, parser) -> None:
        parser.add_argument("--sheet", help="XLSX sheet name (default: the first)")
        parser.add_argument("--header-row", type=int, help="1-based row of the header")
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace the current snapshot even with fewer than 90%% of its people "
            "or with rejected rows",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, command, **options) -> None:
        request = ImportRequest(
            path=Path(options["file"]),
            kind=self.kind,
            pemda_code=options.get("pemda"),
            category=options.get("category"),
            year=options.get("year"),
            as_of=options.get("as_of"),
            region_code=options.get("region"),
            sheet=options["sheet"],
            header_row=options["header_row"],
            dry_run=options["dry_run"],
            replace=options.get("replace", False),
        )
        as_json = options["format"] == "json"
        console = Console(file=command.stdout._out)
        started = time.perf_counter()
        try:
            if as_json or not console.is_terminal:
                summary = import_file(request)
            else:
                summary = _with_progress_bar(console, request)
        except FileRejected as error:
            raise UsageError(f"{error.message_id} / {error.message_en}") from None
        if summary.status == "needs_confirmation":
            _refuse_replacement(command, console, summary, as_json)
        if as_json:
            command.write_json(summary.as_json())
            return
        _print_summary(console, summary, time.perf_counter() - started)


class WorkersImport(FileImport):
    help = "a Pemda's list of workers to protect"
    kind = Kind.WORKERS

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--pemda", required=True, help="Pemda region code (64 or 64.02)")
        parser.add_argument("--category", required=True, choices=Category.values)
        parser.add_argument("--year", required=True, type=int)
        super().add_arguments(parser)


class MembersImport(FileImport):
    help = "a BPJS Ketenagakerjaan membership extract"
    kind = Kind.MEMBERS

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--as-of", required=True, type=month, help="YYYY-MM")
        parser.add_argument(
            "--region",
            help="the region the extract covers (64.71 or 6471; default: the whole country)",
        )
        super().add_arguments(parser)


class ClaimsImport(FileImport):
    help = "a BPJS Ketenagakerjaan claims extract (benefits paid)"
    kind = Kind.CLAIMS

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--region",
            help="the region the claims must lie in (64.71 or 6471; default: anywhere)",
        )
        parser.add_argument("--sheet", help="XLSX sheet name (default: the first)")
        parser.add_argument("--header-row", type=int, help="1-based row of the header")
        parser.add_argument("--dry-run", action="store_true", help="validate only")
        parser.add_argument("--format", choices=["text", "json"], default="text")


class DirectoryImport(SubCommand):
    help = "a directory as `pantau generate` writes it (workers/, members/)"

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory")
        parser.add_argument("--processes", type=int, help="default: one per core")
        parser.add_argument(
            "--one-by-one", action="store_true",
            help="import each list on its own, as if uploaded (default: small lists in batches)",
        )  # fmt: skip
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, command, **options) -> None:
        from pantau.ingest.directory import import_directory

        directory = Path(options["directory"])
        if not directory.is_dir():
            raise UsageError(f"bukan direktori / not a directory: {directory}")
        console = Console(file=command.stdout._out)
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
                batches=not options["one_by_one"],
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
            command.write_json(summary)
        else:
            console.print(
                f"{result.files} berkas: {dict(result.statuses)} · baris {result.rows:,} · "
                f"diterima {result.accepted:,} · ditolak {result.rejected:,}"
            )
            for line in result.refused:
                console.print(f"[red]ditolak seluruhnya[/]: {line}")


class SmallTableImport(SubCommand):
    """A small table checked in Python (workforce, budgets): summary and error report.

    A sub-class names `importer()` (path → summary with status, rows, accepted, rejected,
    errors_file, errors_xlsx, `as_json()`) and `counts(summary)`, its own counts for the
    summary line.
    """

    def importer(self):
        raise NotImplementedError

    def counts(self, summary) -> str:
        raise NotImplementedError

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, command, **options) -> None:
        try:
            summary = self.importer()(Path(options["file"]))
        except FileRejected as error:
            raise UsageError(f"{error.message_id} / {error.message_en}") from None
        if options["format"] == "json":
            command.write_json(summary.as_json())
            return
        labels = {"created": "dibuat", "updated": "diperbarui", "unchanged": "tidak berubah"}
        console = Console(file=command.stdout._out)
        console.print(f"[bold]{labels[summary.status]}[/] ({summary.status})")
        console.print(
            f"baris {summary.rows:,} · diterima {summary.accepted:,} · ditolak "
            f"{summary.rejected:,} · {self.counts(summary)}",
            soft_wrap=True,
        )
        for report in (summary.errors_file, summary.errors_xlsx):
            if report:
                # soft_wrap: a path broken over two lines cannot be copied.
                console.print(
                    f"laporan kesalahan / error report: {report}", soft_wrap=True, markup=False
                )


def _refuse_replacement(command, console: Console, summary, as_json: bool) -> None:
    """Exit status 2 with the comparison: nothing was imported (`replacement`)."""
    if as_json:
        command.write_json({**summary.as_json(), "replaces": summary.replaces})
    elif summary.errors_file:
        console.print(
            f"laporan kesalahan / error report: {summary.errors_file}",
            soft_wrap=True,
            markup=False,
        )
    message_id, message_en = refusal_message(summary.replaces)
    raise UsageError(f"{message_id} / {message_en}")


def _with_progress_bar(console: Console, request: ImportRequest):
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


def _print_summary(console: Console, summary, seconds: float) -> None:
    labels = {"created": "dibuat", "unchanged": "tidak berubah", "dry_run": "hanya diperiksa"}
    console.print(
        f"[bold]{labels[summary.status]}[/] ({summary.status})"
        + (f" · snapshot #{summary.snapshot}" if summary.snapshot else "")
    )
    console.print(
        f"baris {summary.rows:,} · diterima {summary.accepted:,} · ditolak "
        f"{summary.rejected:,} · peringatan {summary.warnings:,} · {seconds:.1f} s"
    )
    if summary.kind == Kind.CLAIMS:
        console.print(f"ditandai / flagged: {summary.flagged:,}")
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
