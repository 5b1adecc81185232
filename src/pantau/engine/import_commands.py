"""`pantau import workforce FILE`: registered in EngineConfig.ready()."""

from __future__ import annotations

from pantau.ingest.import_commands import SmallTableImport


class WorkforceImport(SmallTableImport):
    help = "employed persons per region and year (BPS Sakernas, August)"

    def importer(self):
        # Imported here: the engine's models load only when this sub-command runs.
        from pantau.engine.workforce import import_workforce

        return import_workforce

    def counts(self, summary) -> str:
        c = summary.counts
        return f"baru {c.created:,} · diperbarui {c.updated:,} · tidak berubah {c.unchanged:,}"
