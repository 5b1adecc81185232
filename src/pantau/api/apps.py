from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pantau.api"
    verbose_name = "REST API v1"

    def ready(self) -> None:
        from pantau.api import schema  # noqa: F401  (registers the token scheme)
