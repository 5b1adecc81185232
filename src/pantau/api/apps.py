from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pantau.api"
    verbose_name = "REST API v1"
    # The token scheme of the OpenAPI document (`pantau.api.schema`) is registered when the
    # document is made (settings: SPECTACULAR_SETTINGS["PREPROCESSING_HOOKS"]), not here:
    # importing drf-spectacular cost every process 0.16 s, `pantau refresh` included.
