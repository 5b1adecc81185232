from django.apps import AppConfig

from pantau.core.command import register_subcommand


class EngineConfig(AppConfig):
    name = "pantau.engine"
    verbose_name = "Mesin cakupan"

    def ready(self) -> None:
        # `pantau import` sub-commands, loaded when that command runs.
        register_subcommand("import", "workforce", "pantau.engine.import_commands.WorkforceImport")
