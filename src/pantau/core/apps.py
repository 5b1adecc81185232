from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pantau.core"
    verbose_name = "Pantau"
