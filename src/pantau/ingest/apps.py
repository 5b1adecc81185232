from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from pantau.core.command import register_subcommand


class IngestConfig(AppConfig):
    name = "pantau.ingest"
    verbose_name = _("Impor data")

    def ready(self) -> None:
        # `pantau import` sub-commands, loaded when that command runs.
        register_subcommand("import", "workers", "pantau.ingest.import_commands.WorkersImport")
        register_subcommand("import", "members", "pantau.ingest.import_commands.MembersImport")
        register_subcommand("import", "claims", "pantau.ingest.import_commands.ClaimsImport")
        register_subcommand("import", "dir", "pantau.ingest.import_commands.DirectoryImport")
