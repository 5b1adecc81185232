from django.apps import AppConfig

from pantau.core.command import register_subcommand


class EngineConfig(AppConfig):
    name = "pantau.engine"
    verbose_name = "Mesin cakupan"

    def ready(self) -> None:
        # `pantau import` sub-commands, loaded when that command runs.
        register_subcommand("import", "workforce", "pantau.engine.import_commands.WorkforceImport")
        # Imported here: models load after the app registry.
        from pantau.engine.receivers import prepare_claims_lookups, prepare_nik_index
        from pantau.ingest.signals import snapshot_published

        snapshot_published.connect(prepare_claims_lookups, dispatch_uid="pantau.engine.receivers")
        snapshot_published.connect(prepare_nik_index, dispatch_uid="pantau.engine.nik_index")
