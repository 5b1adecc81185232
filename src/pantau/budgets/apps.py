from django.apps import AppConfig

from pantau.core.command import register_subcommand


class BudgetsConfig(AppConfig):
    name = "pantau.budgets"
    verbose_name = "Anggaran dan kepatuhan"

    def ready(self) -> None:
        # `pantau import` sub-commands, loaded when that command runs.
        register_subcommand("import", "budgets", "pantau.budgets.import_commands.BudgetsImport")
