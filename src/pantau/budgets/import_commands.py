"""`pantau import budgets FILE`: registered in BudgetsConfig.ready()."""

from __future__ import annotations

from pantau.ingest.import_commands import SmallTableImport


class BudgetsImport(SmallTableImport):
    help = "APBD allocations per Pemda, year, category and stage"

    def importer(self):
        # Imported here: the budgets' models load only when this sub-command runs.
        from pantau.budgets.allocations.imports import import_budgets

        return import_budgets

    def counts(self, summary) -> str:
        c = summary.counts
        return (
            f"peringatan {summary.warnings:,} · baru {c.created:,} · menggantikan "
            f"{c.updated:,} · riwayat {c.history:,} · tidak berubah {c.unchanged:,}"
        )
