"""`pantau demo [--no-serve] [--port N]`: set up, create demo accounts, serve."""

import os

from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pantau.core.command import PantauCommand
from pantau.core.processes import aside
from pantau.core.progress import progress_bar
from pantau.site.demo.budgets import load_demo_budgets, summary_line
from pantau.site.demo.claims import summary_line as claims_summary_line
from pantau.site.demo.monev import load_demo_monev
from pantau.site.demo.monev import summary_line as monev_summary_line
from pantau.site.demo.packs import load_demo_pack
from pantau.site.demo.world import (
    ensure_demo_accounts,
    load_demo_data,
    province_ucj,
    refresh_demo_coverage,
)
from pantau.site.server import serve
from pantau.site.setup import collect_static_quietly, run_setup


class Command(PantauCommand):
    requires_system_checks = "__all__"
    requires_setup = False
    help = "Prepare a demo data directory and serve it on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="prepare, print, exit")
        parser.add_argument(
            "--scale", type=float, default=float(os.environ.get("PANTAU_DEMO_SCALE", "1")),
            help="size of the generated demo lists (1: about 30,000 listed workers)",
        )  # fmt: skip
        parser.add_argument(
            "--provinces", help="only these provinces' lists and members, e.g. 64,65 (quick runs)"
        )

    def handle(self, *args, **options):
        console = Console(file=self.stdout._out, soft_wrap=True)
        with progress_bar(
            "Memuat wilayah / loading regions", 91_599, console.is_terminal
        ) as advance:
            result = run_setup(progress=advance, static=False)
        # Collected by another process while this one generates the demo's files (the
        # generation leaves a core idle).
        static_collected = aside(collect_static_quietly)
        console.print(
            f"Wilayah: {result.regions.status}, {result.regions.rows} baris "
            f"({result.seconds:.1f} s)"
        )
        with Progress(
            TextColumn("[bold]Data demo / demo data"), BarColumn(),
            TextColumn("{task.completed}/{task.total} berkas"), TimeElapsedColumn(),
            console=console, disable=not console.is_terminal,
        ) as bar:  # fmt: skip
            task = bar.add_task("files", total=None)
            loaded = load_demo_data(
                scale=options["scale"],
                provinces=options["provinces"].split(",") if options["provinces"] else None,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        static_collected()
        if loaded:
            console.print(
                f"Data demo: {loaded['imported_files']} berkas diimpor, {loaded['rows']:,} baris, "
                f"{loaded['accepted']:,} diterima, {loaded['rejected']:,} ditolak (kesalahan "
                "contoh yang disengaja)"
            )
        else:
            console.print("Data demo sudah ada / demo data already loaded")
        made = {}

        def alongside() -> None:  # while other processes refresh the months
            made["budgets"] = load_demo_budgets()
            made["accounts"] = ensure_demo_accounts()

        self._coverage(console, options["scale"], alongside)
        if made["budgets"]:
            console.print(summary_line(made["budgets"]))
        accounts = made["accounts"]
        columns = ("username", "password", "role", "region", "description")
        table = Table(title="Akun demo / demo accounts")
        for column in columns:
            table.add_column(column)
        for account in accounts:
            table.add_row(*(account[column] for column in columns))
        console.print(table)
        # After the accounts: the meetings' history names the demo's officers.
        load_demo_monev()
        monev = monev_summary_line()
        if monev:
            console.print(monev)
        pack = load_demo_pack()
        if pack is not None:
            console.print(
                f"Bahan rapat Balikpapan / briefing pack: {pack.pdf_path} ({pack.pages} halaman), "
                f"{pack.xlsx_path}"
            )
        if options["no_serve"]:
            return
        console.print(f"Pantau: http://127.0.0.1:{options['port']}/  (Ctrl+C untuk berhenti)")
        serve("127.0.0.1", options["port"])

    def _coverage(self, console, scale: float, alongside) -> None:
        """Workforce on the demo data's scale, every month's numbers, UCJ per province."""
        summary = refresh_demo_coverage(scale, alongside=alongside)
        if summary is None:
            return
        rows = province_ucj(summary.as_of)
        seconds = summary.timings.get("total", 0)
        console.print(
            f"Angka cakupan / coverage: {summary.status}, per {summary.as_of:%Y-%m}, "
            f"{summary.counts.get('listed', 0):,} orang terdaftar dicocokkan ({seconds:.1f} s)"
        )
        console.print(_ucj_table(rows, summary.as_of))
        claims = claims_summary_line()
        if claims:
            console.print(claims)


def _ucj_table(rows, as_of) -> Table:
    table = Table(
        title=_("Cakupan UCJ per provinsi, %(month)s (perkiraan demo)")
        % {"month": f"{as_of:%Y-%m}"},
        caption=_(
            "Peserta aktif yang bekerja di provinsi ÷ penduduk bekerja; keduanya pada skala "
            "data demo, bukan angka resmi."
        ),
    )
    table.add_column(_("kode"))
    table.add_column(_("provinsi"))
    table.add_column(_("peserta aktif"), justify="right")
    table.add_column(_("penduduk bekerja"), justify="right")
    table.add_column(_("UCJ"), justify="right")
    for row in rows:
        share = row.share
        table.add_row(
            row.code,
            row.name,
            f"{row.active_members or 0:,}",
            "–" if row.denominator is None else f"{row.denominator:,}",
            "–" if share is None else f"{float(share) * 100:.1f} %",
        )
    return table
