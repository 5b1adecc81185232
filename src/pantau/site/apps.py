from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The roof: setup, serve, the demo world, the root URLs, the commands that span apps."""

    name = "pantau.site"
    label = "site"
    verbose_name = "Pantau"

    def ready(self) -> None:
        # Imported here: models load after the app registry.
        from pantau.ingest.signals import data_imported
        from pantau.site.pagecache import watch_numbers
        from pantau.site.receivers import update_numbers_after_import

        watch_numbers()
        data_imported.connect(update_numbers_after_import, dispatch_uid="pantau.site.receivers")
