from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from pantau.core.command import register_subcommand


class PacksConfig(AppConfig):
    name = "pantau.packs"
    verbose_name = _("Bahan rapat monev")

    def ready(self) -> None:
        # `pantau meetings pack`: the meetings command (monev) builds its parsers from the
        # registry, so monev does not import this floor.
        register_subcommand("meetings", "pack", "pantau.packs.commands.PackCommand")
