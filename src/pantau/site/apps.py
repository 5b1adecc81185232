from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The roof: setup, serve, the demo world, the root URLs, the commands that span apps."""

    name = "pantau.site"
    label = "site"
    verbose_name = "Pantau"

    def ready(self) -> None:
        from pantau.site.pagecache import watch_numbers  # models load after the registry

        watch_numbers()
