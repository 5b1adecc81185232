from django.apps import AppConfig


class EngineConfig(AppConfig):
    name = "pantau.engine"
    verbose_name = "Mesin cakupan"
