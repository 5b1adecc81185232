from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured


class RulesConfig(AppConfig):
    name = "pantau.rules"
    verbose_name = "Aturan iuran dan manfaat"

    def ready(self):
        # Load and check the regulation data once: a broken data file must stop start-up
        # with its name and key, not surface later as a wrong Rupiah figure.
        from pantau.rules import schedules
        from pantau.rules.errors import RulesDataError

        try:
            schedules.active()
        except RulesDataError as error:
            raise ImproperlyConfigured(f"Regulation data file refused: {error}") from error
